"""bot.uploads: generated names inside one batch folder, hostile names kept only as labels, clear refusals."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.uploads import (
    LABELS_FILE,
    load_labels,
    prune_batches,
    safe_extension,
    sanitize_label,
    store_uploads,
)
from knowledge.loaders import SUPPORTED_EXTENSIONS, iter_documents
from knowledge.types import Skipped

HOSTILE = ["../../etc/x.pdf", "C:\\a\\..\\b.md", "evil\x00name.txt", ("é" * 150) + ".md", "..", "/abs/path.TXT"]


def _file(tmp: Path, name: str, data: bytes = b"hello world\n") -> Path:
    path = tmp / "src" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _inside(path: Path, folder: Path) -> bool:
    return folder.resolve() in path.resolve().parents


def test_stores_copies_under_generated_names(tmp_path):
    src = _file(tmp_path, "Notes.MD", "# 标题\n内容".encode())
    batch, stored, rejected = store_uploads([src], tmp_path / "uploads", max_mb=1, max_files=5)
    assert rejected == []
    assert batch is not None and batch.parent == tmp_path / "uploads"
    (item,) = stored
    assert item.label == "Notes.MD"
    assert item.path.parent == batch
    assert item.path.suffix == ".md" and len(item.path.stem) == 32 and "Notes" not in item.path.name
    assert item.path.read_bytes() == src.read_bytes()
    assert json.loads((batch / LABELS_FILE).read_text(encoding="utf-8")) == {item.path.name: "Notes.MD"}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_cannot_escape_the_batch(tmp_path, name):
    src = _file(tmp_path, "plain.txt")
    uploads = tmp_path / "uploads"
    batch, stored, rejected = store_uploads([src], uploads, max_mb=1, max_files=5, names=[name])
    for item in stored:
        assert _inside(item.path, batch)
        assert item.path.name.isascii() and "/" not in item.label and "\\" not in item.label
        assert "\x00" not in item.label and len(item.label) <= 120
    for skip in rejected:
        assert "\x00" not in skip.file and "/" not in skip.file
    assert len(stored) + len(rejected) == 1
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.name != "plain.txt"]
    assert all(_inside(p, uploads) for p in written)


def test_sanitize_label_keeps_last_component():
    assert sanitize_label("../../etc/x.pdf") == "x.pdf"
    assert sanitize_label("C:\\a\\..\\b.md") == "b.md"
    assert sanitize_label("a\x00b.txt") == "ab.txt"
    assert sanitize_label("..") == "upload"
    long = sanitize_label("x" * 300 + ".docx")
    assert len(long) == 120 and long.endswith(".docx")


def test_safe_extension_is_lowercase_and_allowed_only():
    assert safe_extension("A.PDF", SUPPORTED_EXTENSIONS) == ".pdf"
    assert safe_extension("a.exe", SUPPORTED_EXTENSIONS) is None
    assert safe_extension("noext", SUPPORTED_EXTENSIONS) is None
    assert safe_extension("a.md ", SUPPORTED_EXTENSIONS) is None


def test_refusals_say_why_per_file(tmp_path):
    ok = _file(tmp_path, "ok.txt")
    big = _file(tmp_path, "big.txt", b"x" * (2 * 2**20))
    exe = _file(tmp_path, "tool.exe", b"MZ\x90\x00")
    batch, stored, rejected = store_uploads([ok, big, exe], tmp_path / "up", max_mb=1, max_files=5)
    assert [s.label for s in stored] == ["ok.txt"]
    reasons = {r.file: r.reason for r in rejected}
    assert "too large" in reasons["big.txt"] and "limit 1 MB" in reasons["big.txt"]
    assert reasons["tool.exe"].startswith("unsupported type .exe")


def test_too_many_files(tmp_path):
    files = [_file(tmp_path, f"f{i}.txt") for i in range(4)]
    _, stored, rejected = store_uploads(files, tmp_path / "up", max_mb=1, max_files=2)
    assert [s.label for s in stored] == ["f0.txt", "f1.txt"]
    assert [r.file for r in rejected] == ["f2.txt", "f3.txt"]
    assert all("at most 2" in r.reason for r in rejected)


def test_missing_or_special_source_is_refused(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    batch, stored, rejected = store_uploads([tmp_path / "gone.md", fifo], tmp_path / "up", max_mb=1, max_files=5)
    assert batch is None and stored == []
    assert [r.file for r in rejected] == ["gone.md", "pipe.txt"]
    assert "cannot read" in rejected[0].reason and rejected[1].reason == "not a regular file"
    assert not any((tmp_path / "up").iterdir())  # the empty batch folder is removed


def test_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match="max_files"):
        store_uploads([], tmp_path, max_mb=1, max_files=0)
    with pytest.raises(ValueError, match="names"):
        store_uploads([tmp_path / "a.txt"], tmp_path, max_mb=1, max_files=1, names=[])


def test_labels_file_is_neither_indexed_nor_reported(tmp_path):
    src = _file(tmp_path, "fact.md", b"# Fact\nThe answer is 42.\n")
    batch, stored, _ = store_uploads([src], tmp_path / "up", max_mb=1, max_files=5)
    items = list(iter_documents([batch]))
    assert len(items) == 1 and not isinstance(items[0], Skipped)
    assert items[0].metadata["source"].endswith(stored[0].path.name)


def test_load_labels_and_prune(tmp_path):
    uploads = tmp_path / "up"
    b1, s1, _ = store_uploads([_file(tmp_path, "one.md")], uploads, max_mb=1, max_files=5)
    b2, s2, _ = store_uploads([_file(tmp_path, "two.txt")], uploads, max_mb=1, max_files=5)
    assert load_labels(uploads) == {s1[0].path.name: "one.md", s2[0].path.name: "two.txt"}
    (b1 / LABELS_FILE).write_text("{not json", encoding="utf-8")
    assert load_labels(uploads) == {s2[0].path.name: "two.txt"}
    assert prune_batches(uploads, keep=b2) == 1
    assert not b1.exists() and b2.exists()
    assert prune_batches(uploads) == 1 and not b2.exists()
    assert load_labels(tmp_path / "nowhere") == {} and prune_batches(tmp_path / "nowhere") == 0
