"""`advisor library add|list|remove|reindex|reset`: the JSON contract, summaries, exit codes, one-line errors."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import write_docs

ROOT = Path(__file__).resolve().parent.parent
NOTES = len(list((ROOT / "knowledge" / "corpus").glob("*.md")))  # the built-in notes every library starts with
CHANGE_FIELDS = {"added", "updated", "removed", "skipped", "files", "chunks", "embedded", "seconds", "index", "notes"}


def run(*args, tmp):
    env = dict(os.environ, ADVISOR_EMBEDDER="hashing-128", ADVISOR_DATA_DIR=str(tmp / "data"), HF_HUB_OFFLINE="1")
    env.pop("ADVISOR_STORE", None)
    return subprocess.run([sys.executable, "-m", "bot", "library", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=300)


def test_add_list_remove_reindex_json(tmp_path):
    a = write_docs(tmp_path / "a", {"one.md": "# One\n\nThe zorblax adapter needs 417 MB.", "bad.xyz": "?"})
    out = run("add", str(a), "--json", tmp=tmp_path)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert set(report) == CHANGE_FIELDS
    assert "a/one.md" in report["added"] and len(report["added"]) == NOTES + 1  # with the built-in notes
    assert report["skipped"] == [{"file": "a/bad.xyz", "reason": report["skipped"][0]["reason"]}]
    assert "unsupported type" in report["skipped"][0]["reason"]
    assert report["embedded"] == report["chunks"] > NOTES and report["files"] == NOTES + 1

    b = write_docs(tmp_path / "b", {"two.txt": "The quibbit model trains in 93 minutes."})
    out = run("add", str(b / "two.txt"), tmp=tmp_path)  # the one-line summary
    assert out.returncode == 0 and out.stdout.startswith(f"add: 1 added, 0 updated, 0 removed, 0 skipped; library: {NOTES + 2}")

    listed = json.loads(run("list", "--json", tmp=tmp_path).stdout)
    names = [d["name"] for d in listed["documents"]]
    assert {"a/one.md", "two.txt"} <= set(names) and listed["files"] == NOTES + 2 and listed["up_to_date"] is True
    doc = next(d for d in listed["documents"] if d["name"] == "two.txt")
    assert set(doc) == {"name", "sha256", "size", "type", "status", "reason", "passages", "added_at", "file"}
    assert doc["status"] == "indexed" and doc["type"] == "txt" and doc["passages"] == 1

    out = run("remove", "a", "--json", tmp=tmp_path)
    assert out.returncode == 0 and json.loads(out.stdout)["removed"] == ["a/one.md"]
    out = run("reindex", "--json", tmp=tmp_path)
    report = json.loads(out.stdout)
    assert out.returncode == 0 and report["embedded"] == 0 and report["files"] == NOTES + 1
    text = run("list", tmp=tmp_path).stdout.splitlines()
    assert any(line.endswith("two.txt") for line in text) and "up to date" in text[-1]
    out = run("reset", "--json", tmp=tmp_path)
    assert json.loads(out.stdout)["removed"] == ["two.txt"]

    bad = write_docs(tmp_path / "bad", {"x.bin": "\x00\x01"})
    out = run("add", str(bad / "x.bin"), "--json", tmp=tmp_path)  # nothing could be added: exit 1
    assert out.returncode == 1 and json.loads(out.stdout)["skipped"][0]["file"] == "x.bin"
    assert "no file could be added" in out.stderr and "Traceback" not in out.stderr


def test_errors_are_one_line_with_an_exit_code(tmp_path):
    out = run("remove", "nope", tmp=tmp_path)
    err = [line for line in out.stderr.splitlines() if line.startswith("error:")]
    assert out.returncode == 2 and len(err) == 1 and "not in the library: nope" in err[0]
    assert "Traceback" not in out.stderr
    out = run("add", tmp=tmp_path)
    assert out.returncode == 2 and "PATH" in out.stderr  # argparse: a path is required
