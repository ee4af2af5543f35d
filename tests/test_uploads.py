"""bot.uploads: uploads checked and labelled, hostile names kept only as labels, clear refusals; old batches found."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.uploads import (
    LABELS_FILE,
    check_uploads,
    legacy_uploads,
    load_labels,
    safe_extension,
    sanitize_label,
)
from knowledge.library import Library
from knowledge.loaders import SUPPORTED_EXTENSIONS
from tests.helpers import EMBEDDER, settings_for

HOSTILE = ["../../etc/x.pdf", "C:\\a\\..\\b.md", "evil\x00name.txt", ("é" * 150) + ".md", "..", "/abs/path.TXT"]


def _file(tmp: Path, name: str, data: bytes = b"hello world\n") -> Path:
    path = tmp / "src" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _inside(path: Path, folder: Path) -> bool:
    return folder.resolve() in path.resolve().parents


def test_accepted_upload_keeps_its_name_as_a_label(tmp_path):
    src = _file(tmp_path, "Notes.MD", "# 标题\n内容".encode())
    accepted, refused = check_uploads([src], max_mb=1, max_files=5)
    assert refused == [] and [(u.label, u.path) for u in accepted] == [("Notes.MD", src)]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_stay_labels_and_the_library_stores_by_hash(tmp_path, name):
    src = _file(tmp_path, "plain.txt", b"The quibbit model trains in 93 minutes.\n")
    accepted, refused = check_uploads([src], max_mb=1, max_files=5, names=[name])
    assert len(accepted) + len(refused) == 1
    for item in [*(u.label for u in accepted), *(r.file for r in refused)]:
        assert "/" not in item and "\\" not in item and "\x00" not in item and len(item) <= 120
    if accepted:
        s = settings_for(tmp_path)
        lib = Library(s.library_dir, s.index_path, EMBEDDER, s)
        lib.add([(accepted[0].path, accepted[0].label)])
        (doc,) = lib.documents()
        assert doc.name == accepted[0].label
        stored = [p for p in (s.library_dir / "files").iterdir()]
        assert [p.name for p in stored] == [f"{doc.sha256}.{doc.type}"] and stored[0].name.isascii()
        written = [p for p in tmp_path.rglob("*") if p.is_file() and p != src]
        assert all(_inside(p, s.data_dir) for p in written)


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
    accepted, refused = check_uploads([ok, big, exe], max_mb=1, max_files=5)
    assert [u.label for u in accepted] == ["ok.txt"]
    reasons = {r.file: r.reason for r in refused}
    assert "too large" in reasons["big.txt"] and "limit 1 MB" in reasons["big.txt"]
    assert reasons["tool.exe"].startswith("unsupported type .exe")


def test_too_many_files(tmp_path):
    files = [_file(tmp_path, f"f{i}.txt") for i in range(4)]
    accepted, refused = check_uploads(files, max_mb=1, max_files=2)
    assert [u.label for u in accepted] == ["f0.txt", "f1.txt"]
    assert [r.file for r in refused] == ["f2.txt", "f3.txt"]
    assert all("at most 2" in r.reason for r in refused)


def test_missing_or_special_source_is_refused(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    accepted, refused = check_uploads([tmp_path / "gone.md", fifo], max_mb=1, max_files=5)
    assert accepted == [] and [r.file for r in refused] == ["gone.md", "pipe.txt"]
    assert "cannot read" in refused[0].reason and refused[1].reason == "not a regular file"


def test_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match="max_files"):
        check_uploads([], max_mb=1, max_files=0)
    with pytest.raises(ValueError, match="names"):
        check_uploads([tmp_path / "a.txt"], max_mb=1, max_files=1, names=[])


def test_batches_of_earlier_versions_are_found_with_their_labels(tmp_path):
    uploads = tmp_path / "up"
    for batch, files in (("batch-1", {"aa.md": "one.md"}), ("batch-2", {"bb.txt": "../two.txt", "cc.md": "three.md"})):
        (uploads / batch).mkdir(parents=True)
        for stored in files:
            (uploads / batch / stored).write_text("text", encoding="utf-8")
        (uploads / batch / LABELS_FILE).write_text(json.dumps(files), encoding="utf-8")
    (uploads / "batch-3").mkdir()
    (uploads / "batch-3" / LABELS_FILE).write_text("{not json", encoding="utf-8")
    (uploads / "batch-3" / "dd.md").write_text("no label", encoding="utf-8")
    assert load_labels(uploads) == {"aa.md": "one.md", "bb.txt": "../two.txt", "cc.md": "three.md"}
    found = legacy_uploads(uploads)
    assert [(p.name, label) for p, label in found] == [("aa.md", "one.md"), ("bb.txt", "two.txt"), ("cc.md", "three.md")]
    assert legacy_uploads(tmp_path / "nowhere") == [] and load_labels(tmp_path / "nowhere") == {}
