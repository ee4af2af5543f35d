"""The bundled embedder through onnxruntime: sentence-transformers' vectors, without importing it to answer."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from knowledge.onnx_embedder import ModelLayout, pool, read_layout

ROOT = Path(__file__).resolve().parent.parent


def st_folder(tmp: Path, pooling: dict, modules_extra: tuple = ()) -> Path:
    """A sentence-transformers folder's description files (no real weights: read_layout only reads these)."""
    tmp.mkdir(parents=True, exist_ok=True)
    modules = [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
               {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
               *modules_extra]
    (tmp / "modules.json").write_text(json.dumps(modules))
    (tmp / "1_Pooling").mkdir(exist_ok=True)
    (tmp / "1_Pooling" / "config.json").write_text(json.dumps({"word_embedding_dimension": 8, **pooling}))
    (tmp / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 128, "do_lower_case": False}))
    (tmp / "tokenizer.json").write_text("{}")
    (tmp / "model.safetensors").write_bytes(b"")
    (tmp / "config.json").write_text("{}")
    return tmp


def test_read_layout_of_the_bundled_model():
    from knowledge.embedding import bundled_model_path

    layout = read_layout(bundled_model_path())
    assert layout is not None
    assert (layout.pooling, layout.normalize, layout.max_seq_length) == ("mean", True, 256)


def test_read_layout_cls_and_unsupported_modules(tmp_path):
    cls = read_layout(st_folder(tmp_path / "cls", {"pooling_mode_cls_token": True}))
    assert cls is not None and cls.pooling == "cls" and not cls.normalize and cls.max_seq_length == 128
    dense = {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"}
    assert read_layout(st_folder(tmp_path / "dense", {"pooling_mode_mean_tokens": True}, (dense,))) is None
    assert read_layout(st_folder(tmp_path / "max", {"pooling_mode_max_tokens": True})) is None
    assert read_layout(tmp_path / "empty") is None
    (tmp_path / "cls" / "config.json").unlink()
    assert read_layout(tmp_path / "cls") is None


def test_mean_pooling_ignores_padding_and_normalizes():
    rng = np.random.default_rng(0)
    hidden = rng.standard_normal((2, 5, 8)).astype(np.float32)  # (batch, seq, dim)
    mask = np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]])
    layout = ModelLayout(folder=Path("."), max_seq_length=16, pooling="mean", normalize=True)
    out = pool(hidden, mask, layout)
    first = hidden[0, :3].mean(axis=0)
    assert np.allclose(out[0], first / np.linalg.norm(first), atol=1e-6)
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-6)
    cls = pool(hidden, mask, ModelLayout(folder=Path("."), max_seq_length=16, pooling="cls", normalize=False))
    assert np.array_equal(cls, hidden[:, 0])


# ---- the real model ---------------------------------------------------------------------------------------
def fixed_texts() -> list[str]:
    """The built-in notes' passages as they are embedded, plus the seed questions: long and short, zh and en."""
    from bot.settings import Settings
    from knowledge.build import dense_text, load_documents
    from knowledge.chunking import chunk_documents
    from knowledge.loaders import LoadLimits

    s = Settings()
    docs, _, _ = load_documents([s.corpus_dir], LoadLimits.from_settings(s))
    chunks = chunk_documents(docs, s.chunk_size, s.chunk_overlap, s.chunk_size_zh)
    questions = [json.loads(x)["q"] for x in (ROOT / "tests" / "data" / "seed_questions.jsonl").read_text(
        encoding="utf-8").splitlines() if x.strip()]
    return [dense_text(c) for c in chunks] + questions


@pytest.mark.slow
def test_onnx_vectors_equal_sentence_transformers_vectors():
    from knowledge.embedding import BUNDLED, bundled_model_path, load_embedder, load_sentence_transformer
    from knowledge.onnx_embedder import OnnxEmbedder

    texts = fixed_texts()
    new = load_embedder()
    assert isinstance(new, OnnxEmbedder)
    old = load_sentence_transformer(bundled_model_path(), BUNDLED)
    a, b = new.encode(texts), old.encode(texts)
    assert a.shape == b.shape == (len(texts), 384) and len(texts) > 200
    assert float(np.max(1.0 - np.sum(a * b, axis=1))) <= 1e-5
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_answering_imports_neither_sentence_transformers_nor_torch(tmp_path):
    from knowledge.embedding import load_embedder

    load_embedder()  # the graph is exported (with torch) here if set-up has not done it yet
    code = (
        "import json, sys\n"
        "from bot.pipeline import Pipeline\n"
        "from bot.settings import load_settings\n"
        f"a = Pipeline(load_settings(data_dir={str(tmp_path / 'data')!r})).ask('LoRA 能减少多少显存?')\n"
        "print(json.dumps({'sources': len(a.sources), 'text': a.text, 'loaded': [m for m in "
        "('sentence_transformers', 'torch', 'transformers') if m in sys.modules]}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["loaded"] == [], out.stderr[-2000:]
    assert result["sources"] > 0 and result["text"]


@pytest.mark.slow
def test_a_damaged_graph_in_the_cache_is_exported_again(tmp_path):
    from knowledge.embedding import BUNDLED, bundled_model_path
    from knowledge.onnx_embedder import load_onnx_embedder

    layout = read_layout(bundled_model_path())
    graph = layout.graph_path(tmp_path, BUNDLED)
    graph.parent.mkdir(parents=True)
    graph.write_bytes(b"not an onnx graph")
    emb = load_onnx_embedder(bundled_model_path(), BUNDLED, tmp_path)
    assert graph.stat().st_size > 1_000_000
    vec = emb.encode(["LoRA 能减少多少显存?", "How much memory does LoRA save?"])
    assert vec.shape == (2, 384) and float(vec[0] @ vec[1]) > 0.3
    assert [p.name for p in graph.parent.iterdir()] == [graph.name]  # no temporary file left behind
    shutil.rmtree(graph.parent)
