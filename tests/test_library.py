"""The document library: adds never drop anything, removes are explicit, the cache makes changes incremental,
and a failed or killed change leaves the old manifest and index serving."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from knowledge import library_cache, store
from knowledge.build import dense_text
from knowledge.embedding import HashingEmbedder
from knowledge.errors import InputError
from knowledge.library import Library
from knowledge.retriever import HybridRetriever
from tests.helpers import EMBEDDER, settings_for, write_docs

ROOT = Path(__file__).resolve().parent.parent


class CountingEmbedder(HashingEmbedder):
    """The hashing embedder, counting how many texts it was asked to embed."""

    def __init__(self, dim: int = 128):
        super().__init__(dim)
        self.count = 0

    def encode(self, texts, progress=None):
        self.count += len(texts)
        return super().encode(texts, progress)


def make_library(tmp: Path, embedder=EMBEDDER, builtin: Path | None = None, **settings) -> Library:
    s = settings_for(tmp, **settings)
    return Library(s.library_dir, s.index_path, embedder, s, builtin=builtin)


def top_source(lib: Library, query: str) -> str | None:
    index = store.load_index(lib.index_dir)
    hits = HybridRetriever(index, lib.embedder, lib.settings).search(query, k=1)
    return hits[0].chunk.source if hits else None


def fact(word: str) -> str:
    return f"# {word.title()}\n\nThe {word} adapter needs exactly {len(word) * 37} MB of memory.\n"


def check_agreement(lib: Library, expected: dict[str, str]) -> None:
    """Manifest, stored files, passage and embedding cache and the serving index all describe ``expected``."""
    manifest = lib.manifest()
    docs = {d.name: d for d in lib.documents()}
    assert set(docs) == set(expected)
    for name, text in expected.items():
        assert docs[name].sha256 == hashlib.sha256(text.encode()).hexdigest(), name
        assert docs[name].status == "indexed", (name, docs[name].reason)
    files = sorted(p.name for p in (lib.root / "files").iterdir())
    assert files == sorted({f"{d.sha256}.{d.type}" for d in docs.values()})
    for d in docs.values():
        assert hashlib.sha256((lib.root / d.file).read_bytes()).hexdigest() == d.sha256
    index = store.load_index(lib.index_dir)
    assert index.manifest["library_generation"] == manifest["generation"]
    sources = [c.source for c in index.chunks]
    assert set(sources) == set(docs)
    assert all(sources.count(n) == d.passages for n, d in docs.items())
    assert [c.id for c in index.chunks] == list(range(len(index.chunks)))
    assert lib.cache.passage_keys() == {d.cache_key for d in docs.values()}
    keys = [library_cache.sha256_text(lib.embedder.name, dense_text(c)) for c in index.chunks]
    cached = lib.cache.vectors(keys, lib.embedder.dim)
    stored = np.vstack([index.faiss_index.reconstruct(i) for i in range(len(keys))]) if keys else cached
    assert np.allclose(cached, stored)
    leftovers = [p for p in lib.root.rglob(".*") if p.name != ".lock"]
    leftovers += list((lib.index_dir / "builds").glob(".tmp-*"))
    assert leftovers == []


def test_add_then_add_keeps_both(tmp_path):
    lib = make_library(tmp_path)
    a = write_docs(tmp_path / "a", {"zorblax.md": fact("zorblax")})
    b = write_docs(tmp_path / "b", {"quibbit.md": fact("quibbit")})
    first = lib.add([a])
    second = lib.add([b / "quibbit.md"])
    assert first.added == ("a/zorblax.md",) and second.added == ("quibbit.md",)
    assert second.files == 2 and second.removed == ()
    check_agreement(lib, {"a/zorblax.md": fact("zorblax"), "quibbit.md": fact("quibbit")})
    assert top_source(lib, "zorblax adapter memory") == "a/zorblax.md"
    assert top_source(lib, "quibbit adapter memory") == "quibbit.md"


def test_same_file_again_embeds_nothing_and_a_changed_file_is_updated(tmp_path):
    emb = CountingEmbedder()
    lib = make_library(tmp_path, embedder=emb)
    text = fact("zorblax") + "\n\n".join(f"Paragraph {i} talks about topic number {i}." * 8 for i in range(12))
    docs = write_docs(tmp_path / "d", {"z.md": text, "q.md": fact("quibbit")})
    lib.add([docs])
    passages = {d.name: d.passages for d in lib.documents()}
    assert emb.count == sum(passages.values()) and passages["d/z.md"] > 3
    again = lib.add([docs])
    assert emb.count == sum(passages.values()) and again.embedded == 0
    assert {s.reason for s in again.skipped} == {"already in the library (unchanged)"}
    (docs / "z.md").write_text(text.replace("topic number 11", "topic number eleven"), encoding="utf-8")
    before = emb.count
    report = lib.add([docs])
    assert report.updated == ("d/z.md",) and report.added == ()
    assert 1 <= report.embedded < passages["d/z.md"]  # only the changed passages of the changed file
    assert emb.count - before == report.embedded
    report = lib.add([docs / "z.md"])  # the same file by itself is another document ("z.md") ...
    assert report.added == ("z.md",) and report.embedded == 0  # ... whose passages are all cached already
    check_agreement(lib, {"d/z.md": (docs / "z.md").read_text(), "z.md": (docs / "z.md").read_text(),
                          "d/q.md": fact("quibbit")})


def test_remove_by_name_and_by_folder_and_unknown_names(tmp_path):
    lib = make_library(tmp_path)
    docs = write_docs(tmp_path / "d", {"a.md": fact("alpha"), "sub/b.md": fact("bravo"), "sub/c.md": fact("charlie")})
    lib.add([docs])
    before = lib.manifest()
    with pytest.raises(InputError, match="not in the library: nope"):
        lib.remove(["nope"])
    assert lib.manifest() == before
    report = lib.remove(["d/sub", "nope"])
    assert report.removed == ("d/sub/b.md", "d/sub/c.md") and [s.file for s in report.skipped] == ["nope"]
    check_agreement(lib, {"d/a.md": fact("alpha")})
    assert top_source(lib, "bravo adapter") != "d/sub/b.md"
    report = lib.remove(["d/a.md"])
    assert report.files == 0 and report.chunks == 0
    check_agreement(lib, {})
    assert HybridRetriever(store.load_index(lib.index_dir), EMBEDDER, lib.settings).search("alpha") == []


def test_new_library_starts_with_the_builtin_notes_and_reset_goes_back(tmp_path):
    s = settings_for(tmp_path)
    lib = Library(s.library_dir, s.index_path, EMBEDDER, s, builtin=s.corpus_dir,
                  seeds=[(write_docs(tmp_path / "old", {"x1.md": fact("legacy")}) / "x1.md", "old upload.md")])
    report = lib.ensure()
    notes = sorted(p.name for p in s.corpus_dir.glob("*.md"))
    assert sorted(report.added) == sorted([f"corpus/{n}" for n in notes] + ["old upload.md"])
    assert lib.ensure() is None  # nothing to do once both exist
    lib.add([write_docs(tmp_path / "mine", {"m.md": fact("mine")})])
    report = lib.reset()
    assert sorted(report.removed) == ["mine/m.md", "old upload.md"] and report.added == () and report.embedded == 0
    assert {d.name for d in lib.documents()} == {f"corpus/{n}" for n in notes}


def test_unsupported_and_unreadable_files_are_reported(tmp_path):
    lib = make_library(tmp_path)
    docs = write_docs(tmp_path / "d", {"ok.md": fact("okay"), "tool.exe": "MZ", "empty.md": "", "scan.pdf": "no"})
    report = lib.add([docs, tmp_path / "missing.md"])
    reasons = {s.file: s.reason for s in report.skipped}
    assert reasons["d/tool.exe"].startswith("unsupported type .exe")
    assert reasons["d/empty.md"] == "empty file" and reasons["missing.md"] == "no such file or folder"
    assert "not a PDF" in reasons["d/scan.pdf"]
    listed = {d["name"]: d for d in lib.status()["documents"]}
    assert set(listed) == {"d/ok.md", "d/scan.pdf"}  # a supported type that does not parse stays, marked
    assert listed["d/scan.pdf"]["status"] == "skipped" and "not a PDF" in listed["d/scan.pdf"]["reason"]
    assert listed["d/ok.md"]["status"] == "indexed" and listed["d/ok.md"]["passages"] >= 1
    assert lib.status()["up_to_date"] is True


def test_changing_the_embedder_or_chunk_sizes_invalidates_the_cache_and_says_so(tmp_path):
    lib = make_library(tmp_path)
    lib.add([write_docs(tmp_path / "d", {"a.md": fact("alpha") + " ".join(f"Word {i} about alpha." for i in range(120))})])
    other = CountingEmbedder(64)
    relib = Library(lib.root, lib.index_dir, other, lib.settings)
    report = relib.reindex()
    assert any("embedder changed from 'hashing-128' to 'hashing-64'" in n for n in report.notes)
    assert report.embedded == other.count == report.chunks
    smaller = Library(lib.root, lib.index_dir, other, lib.settings.replace(chunk_size=200, chunk_size_zh=120))
    report = smaller.reindex()
    assert any("chunk settings changed" in n for n in report.notes)
    assert report.chunks > relib.status()["chunks"] - 1 and report.embedded < report.chunks + 1
    check_agreement(smaller, {"d/a.md": fact("alpha") + " ".join(f"Word {i} about alpha." for i in range(120))})
    assert smaller.reindex().notes == ()


def test_failed_add_changes_nothing(tmp_path, monkeypatch):
    lib = make_library(tmp_path)
    lib.add([write_docs(tmp_path / "a", {"a.md": fact("alpha")})])
    before = (lib.manifest(), store.read_pointer(lib.index_dir))

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "write_build", boom)
    with pytest.raises(OSError, match="No space left"):
        lib.add([write_docs(tmp_path / "b", {"b.md": fact("bravo")})])
    assert (lib.manifest(), store.read_pointer(lib.index_dir)) == before
    monkeypatch.undo()
    lib.remove(["a/a.md"])  # the next change cleans up the copy of the failed add
    check_agreement(lib, {})


CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from knowledge import library_cache, store
    from knowledge.library import Library
    from tests.helpers import EMBEDDER, settings_for
    tmp, marker, where = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    if where == "embedding":
        real = library_cache.LibraryCache.add_vectors
        def slow(self, keys, vectors):
            real(self, keys, vectors)
            marker.write_text("written")
            time.sleep(120)
        library_cache.LibraryCache.add_vectors = slow
        library_cache.SHARD_ROWS = 4
    else:
        real = store.write_build
        def slow(tmp_dir, *a, **k):
            real(tmp_dir, *a, **k)
            marker.write_text("written")
            time.sleep(120)
        store.write_build = slow
    s = settings_for(tmp)
    Library(s.library_dir, s.index_path, EMBEDDER, s).add([tmp / "new"])
    """
)


@pytest.mark.parametrize("where", ["embedding", "writing"])
def test_killed_add_leaves_the_old_index_serving(tmp_path, where):
    lib = make_library(tmp_path)
    lib.add([write_docs(tmp_path / "old", {"a.md": fact("alpha")})])
    write_docs(tmp_path / "new", {f"n{i}.md": fact(f"novel{i}") + f"Extra line {i}." * 30 for i in range(6)})
    before = (lib.manifest(), store.read_pointer(lib.index_dir))
    marker = tmp_path / "marker"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path), str(marker), where], cwd=ROOT)
    try:
        for _ in range(600):
            if marker.exists() or child.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), "the child never reached the point to be killed at"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert (lib.manifest(), store.read_pointer(lib.index_dir)) == before
    assert top_source(lib, "alpha adapter memory") == "old/a.md"  # the old index still serves
    check_agreement_after = lib.add([tmp_path / "new"])  # and the next add completes the job
    assert len(check_agreement_after.added) == 6
    if where == "writing":  # every embedding of the killed add was kept
        assert check_agreement_after.embedded == 0
    expected = {"old/a.md": fact("alpha")}
    expected.update({f"new/n{i}.md": (tmp_path / "new" / f"n{i}.md").read_text() for i in range(6)})
    check_agreement(lib, expected)


def test_one_hundred_random_changes_keep_everything_in_agreement(tmp_path):
    """Random adds (new and changed files, single files and folders), removes and reindexes."""
    rng = random.Random(1234)
    lib = make_library(tmp_path)
    expected: dict[str, str] = {}
    words = ["zorblax", "quibbit", "frobnic", "wuggle", "snarkle", "plimsy", "dorvath", "kesstrel", "moxley"]
    for step in range(100):
        action = rng.choice(["add", "add", "add", "update", "remove", "remove", "reindex"])
        if action == "add" or (action in ("update", "remove") and not expected):
            folder = tmp_path / "src" / f"s{step}"
            n = rng.randint(1, 3)
            docs = {f"{rng.choice(words)}-{step}-{i}.md": fact(f"{rng.choice(words)}{step}x{i}") for i in range(n)}
            write_docs(folder, docs)
            if rng.random() < 0.5:
                report = lib.add([folder])
                names = {f"s{step}/{k}": v for k, v in docs.items()}
            else:
                first = next(iter(docs))
                report = lib.add([folder / first])
                names = {first: docs[first]}
            assert sorted(report.added) == sorted(names)
            expected.update(names)
        elif action == "update":
            name = rng.choice(sorted(expected))
            text = expected[name] + f"\n\nUpdated at step {step} with the {rng.choice(words)} fact.\n"
            src = tmp_path / "src" / f"u{step}" / Path(name).name
            write_docs(src.parent, {src.name: text})
            report = lib.add([(src, name)])
            assert report.updated == (name,)
            expected[name] = text
        elif action == "remove":
            victims = rng.sample(sorted(expected), k=min(len(expected), rng.randint(1, 2)))
            report = lib.remove(victims)
            assert sorted(report.removed) == sorted(victims)
            for v in victims:
                del expected[v]
        else:
            report = lib.reindex()
            assert report.embedded == 0
        assert report.files == len(expected)
        check_agreement(lib, expected)
        if expected and step % 10 == 0:
            name = rng.choice(sorted(expected))
            unique = expected[name].split("The ", 1)[1].split(" adapter")[0]
            assert top_source(lib, f"{unique} adapter") == name
    assert len(list(lib.cache.vectors_dir.glob("*.npy"))) <= library_cache.MAX_SHARDS


def test_unreadable_manifest_is_a_clear_error(tmp_path):
    lib = make_library(tmp_path)
    lib.root.mkdir(parents=True)
    (lib.root / "manifest.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(InputError, match="manifest .* is unreadable"):
        lib.add([write_docs(tmp_path / "a", {"a.md": fact("alpha")})])
    (lib.root / "manifest.json").write_text(json.dumps({"format": 99}), encoding="utf-8")
    with pytest.raises(InputError, match="format 99"):
        lib.documents()
    assert os.listdir(lib.root) == ["manifest.json"]
