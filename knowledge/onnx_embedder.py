"""A sentence-transformers folder run by onnxruntime: the same vectors without importing torch to answer.

The folder's weights are exported once to an ONNX graph in the cache folder (:mod:`knowledge.onnx_export`,
at set-up or on first use); after that a process needs only ``tokenizers``, ``onnxruntime`` and numpy.
Pooling and normalization follow the folder's ``modules.json`` exactly as sentence-transformers applies them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import (
    dataclass,
)
from pathlib import Path
from typing import Literal

import numpy as np

from knowledge.errors import ModelUnavailable
from knowledge.lang import normalize

log = logging.getLogger(__name__)
EXPORT_VERSION = 1  # bump when the exported graph changes, so every cached graph is exported again
Pooling = Literal["mean", "cls"]
_SUPPORTED = {"sentence_transformers.models.Transformer", "sentence_transformers.models.Pooling",
              "sentence_transformers.models.Normalize"}


@dataclass(frozen=True)
class ModelLayout:
    """What a sentence-transformers folder computes: transformer -> pooling -> optional L2 normalization."""

    folder: Path
    max_seq_length: int
    pooling: Pooling
    normalize: bool

    @property
    def weights(self) -> Path:
        return self.folder / "model.safetensors"

    def fingerprint(self) -> str:
        """Changes when the weights or config change (size and mtime, not a 90 MB hash at every start)."""
        h = hashlib.sha256(f"v{EXPORT_VERSION}|{self.folder.resolve()}|".encode())
        for name in ("config.json", "modules.json"):
            h.update((self.folder / name).read_bytes())
        st = self.weights.stat()
        h.update(f"{st.st_size}|{st.st_mtime_ns}".encode())
        return h.hexdigest()[:16]

    def graph_path(self, cache_dir: Path, name: str) -> Path:
        slug = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")[-60:] or "model"
        return Path(cache_dir) / "embedders" / f"{slug}-{self.fingerprint()}.onnx"


def read_layout(folder: Path) -> ModelLayout | None:
    """The folder's layout, or None when it holds modules this runtime does not reproduce (e.g. Dense)."""
    try:
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        types = [m["type"] for m in modules]
        if not set(types) <= _SUPPORTED or types[:1] != ["sentence_transformers.models.Transformer"]:
            return None
        pooling_dir = next(m["path"] for m in modules if m["type"].endswith(".Pooling"))
        pool = json.loads((folder / pooling_dir / "config.json").read_text(encoding="utf-8"))
        st_config = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError, StopIteration):
        return None
    modes = {k for k, v in pool.items() if k.startswith("pooling_mode") and v}
    if modes == {"pooling_mode_mean_tokens"}:
        pooling: Pooling = "mean"
    elif modes == {"pooling_mode_cls_token"}:
        pooling = "cls"
    else:
        return None
    if st_config.get("do_lower_case") or not all((folder / f).is_file() for f in
                                                 ("tokenizer.json", "model.safetensors", "config.json")):
        return None
    return ModelLayout(folder=folder, max_seq_length=int(st_config.get("max_seq_length") or 512), pooling=pooling,
                       normalize=any(t.endswith(".Normalize") for t in types))


def pool(hidden: np.ndarray, mask: np.ndarray, layout: ModelLayout) -> np.ndarray:
    """Token vectors (batch, seq, dim) -> one vector per text, as sentence-transformers pools them."""
    if layout.pooling == "cls":
        vecs = hidden[:, 0]
    else:
        m = mask[..., None].astype(np.float32)  # (batch, seq, 1)
        vecs = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
    if layout.normalize:
        vecs = vecs / np.clip(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12, None)
    return vecs.astype(np.float32)


def load_tokenizer(layout: ModelLayout):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(layout.folder / "tokenizer.json"))
    tok.enable_truncation(max_length=layout.max_seq_length)
    tok.no_padding()  # each batch is padded to its own longest text below
    return tok


class OnnxEmbedder:
    """Embeds with an exported graph. Batches group texts of similar length, so little padding is computed."""

    def __init__(self, layout: ModelLayout, graph: Path, name: str, batch_size: int = 32):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.log_severity_level = 3  # warnings about unused initializers are noise here
        self._session = ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = load_tokenizer(layout)
        self.layout = layout
        self.name = name
        self.dim = int(self._session.get_outputs()[0].shape[-1])
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        encodings = self._tokenizer.encode_batch([normalize(t) for t in texts])
        order = np.argsort([-len(e.ids) for e in encodings], kind="stable")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            out[rows] = self._run([encodings[i] for i in rows])
            if progress:
                progress(min(start + len(rows), len(texts)), len(texts))
        return out

    def _run(self, batch) -> np.ndarray:
        width = max(len(e.ids) for e in batch)
        ids = np.zeros((len(batch), width), dtype=np.int64)  # (batch, seq); 0 is [PAD] and masked out
        mask = np.zeros_like(ids)
        for row, e in enumerate(batch):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, {k: v for k, v in feed.items() if k in self._inputs})[0]
        return pool(hidden, mask, self.layout)


def load_onnx_embedder(folder: Path, name: str, cache_dir: Path) -> OnnxEmbedder:
    """The ONNX embedder for a sentence-transformers folder, exporting its graph first when not cached (or
    when the cached file does not load). Raises ModelUnavailable when the folder cannot run this way.
    """
    try:
        import onnxruntime  # noqa: F401
    except ImportError as exc:
        raise ModelUnavailable(f"onnxruntime is not installed ({exc}): run `pip install onnxruntime`") from exc
    layout = read_layout(folder)
    if layout is None:
        raise ModelUnavailable(f"{str(folder)!r} uses modules the ONNX runtime path does not reproduce")
    graph = layout.graph_path(cache_dir, name)
    if graph.is_file():
        try:
            return _open(layout, graph, name)
        except ModelUnavailable as exc:
            log.warning("%s: exporting it again", exc)
    from knowledge.onnx_export import export_graph

    export_graph(layout, graph)
    return _open(layout, graph, name)


def _open(layout: ModelLayout, graph: Path, name: str) -> OnnxEmbedder:
    try:
        return OnnxEmbedder(layout, graph, name)
    except Exception as exc:  # onnxruntime raises its own exception types for a bad graph file
        raise ModelUnavailable(f"the embedder graph {str(graph)!r} does not load ({exc})") from exc
