"""Export a sentence-transformers folder's transformer to ONNX, checked against torch before it is used.

Runs once per model (at set-up, or on first use when set-up was skipped): it needs torch, transformers and
the ``onnx`` package; answering afterwards needs none of them.
"""

from __future__ import annotations

import inspect
import logging
import os
import time
import uuid
import warnings
from pathlib import Path

import numpy as np

from knowledge.errors import ModelUnavailable
from knowledge.lang import normalize
from knowledge.onnx_embedder import ModelLayout, OnnxEmbedder, load_tokenizer, pool

log = logging.getLogger(__name__)
MAX_COSINE_GAP = 1e-5  # the graph is used only if every check sentence embeds this close to torch's vector
OPSET = 17
# Short and long, Chinese and English, with digits and punctuation: the sentences every export is checked on.
CHECK_SENTENCES = (
    "LoRA 相比全参数微调能减少多少内存?",
    "When should I use RAG instead of fine-tuning?",
    "QLoRA 采用 4 位量化，在消费级 GPU 上也能运行。",
    "Fine-tuning 7B models on 1x A100 80GB takes 2-4 hours and costs $4-8.",
    "hello",
    "检索增强生成（RAG）把外部知识库接到模型上：" * 12,
    " ".join(["Prompt engineering, retrieval, adapters and full fine-tuning trade cost against control."] * 8),
)


def _module(layout: ModelLayout):
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    model = AutoModel.from_pretrained(str(layout.folder), local_files_only=True).eval()
    names = ["input_ids", "attention_mask", "token_type_ids"]
    accepted = [n for n in names if n in inspect.signature(model.forward).parameters]

    class LastHidden(torch.nn.Module):
        """Keyword arguments in a fixed order: the graph's inputs, whatever the model's signature."""

        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, *inputs):
            return self.model(**dict(zip(accepted, inputs, strict=True))).last_hidden_state

    return LastHidden().eval(), accepted


def _torch_vectors(module, accepted: list[str], layout: ModelLayout, texts) -> np.ndarray:
    import torch

    tok = load_tokenizer(layout)
    rows = []
    for e in tok.encode_batch([normalize(t) for t in texts]):
        ids = torch.tensor([e.ids])
        feed = {"input_ids": ids, "attention_mask": torch.ones_like(ids), "token_type_ids": torch.zeros_like(ids)}
        with torch.inference_mode():
            hidden = module(*(feed[n] for n in accepted)).numpy()
        rows.append(pool(hidden, np.ones(ids.shape, dtype=np.int64), layout)[0])
    return np.stack(rows)


def export_graph(layout: ModelLayout, graph: Path) -> None:
    """Write ``graph`` (atomically) after checking its vectors against torch's on CHECK_SENTENCES."""
    started = time.perf_counter()
    try:
        import torch

        module, accepted = _module(layout)
    except ImportError as exc:
        raise ModelUnavailable(f"exporting the embedder needs torch and transformers ({exc})") from exc
    except (OSError, ValueError) as exc:
        raise ModelUnavailable(f"cannot load {str(layout.folder)!r} to export it ({exc})") from exc
    tmp = graph.with_name(f".{graph.name}.{uuid.uuid4().hex[:8]}.tmp")
    # a padded batch, so the trace keeps the attention mask (an all-ones mask may be optimized away)
    ids = torch.tensor([[101, 7, 8, 9, 10, 11, 12, 102], [101, 7, 8, 102, 0, 0, 0, 0]])
    feed = {"input_ids": ids, "attention_mask": (ids > 0).long(), "token_type_ids": torch.zeros_like(ids)}
    example = tuple(feed[n] for n in accepted)
    axes = {name: {0: "batch", 1: "seq"} for name in [*accepted, "last_hidden_state"]}
    try:
        graph.parent.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():
            # tracer notes on shape checks taken as constants: the graph is checked on padded batches below
            warnings.simplefilter("ignore")
            torch.onnx.export(module, example, str(tmp), input_names=accepted, output_names=["last_hidden_state"],
                              dynamic_axes=axes, opset_version=OPSET, dynamo=False)
        gap = _cosine_gap(OnnxEmbedder(layout, tmp, name="check"), _torch_vectors(module, accepted, layout,
                                                                                 CHECK_SENTENCES))
        if gap > MAX_COSINE_GAP:
            raise ModelUnavailable(f"the exported graph's vectors differ from torch's by {gap:.1e} cosine "
                                   f"(allowed {MAX_COSINE_GAP:.0e})")
        os.replace(tmp, graph)
    except ModelUnavailable:
        raise
    except Exception as exc:  # many kinds: a read-only cache folder, no onnx package, unsupported ops, ...
        raise ModelUnavailable(f"cannot export {str(layout.folder)!r} to ONNX ({type(exc).__name__}: {exc})") from exc
    finally:
        tmp.unlink(missing_ok=True)
    log.info("exported %s to %s in %.1fs (largest cosine gap %.1e)", layout.folder, graph,
             time.perf_counter() - started, gap)


def _cosine_gap(embedder: OnnxEmbedder, reference: np.ndarray) -> float:
    vectors = embedder.encode(CHECK_SENTENCES)
    ref = reference / np.linalg.norm(reference, axis=1, keepdims=True)
    got = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return float(np.max(1.0 - np.sum(ref * got, axis=1)))
