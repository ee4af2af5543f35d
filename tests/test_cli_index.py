"""`python -m bot index`: the JSON contract, exit codes, progress on stderr, skipped files with reasons."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import write_docs

ROOT = Path(__file__).resolve().parent.parent


def run(*args, tmp):
    env = dict(os.environ, ADVISOR_EMBEDDER="hashing-128", ADVISOR_DATA_DIR=str(tmp / "data"), HF_HUB_OFFLINE="1")
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=300)


def test_index_json_contract(tmp_path):
    a = write_docs(tmp_path / "a", {"one.md": "# One\n\nLoRA saves memory.", "bad.xyz": "?"})
    b = write_docs(tmp_path / "b", {"two.txt": "QLoRA uses 4-bit quantization.", "empty.txt": ""})
    out = run("index", "--docs", str(a), "--docs", str(b), "--index", str(tmp_path / "idx"), "--json", tmp=tmp_path)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert set(report) == {"index", "files_indexed", "chunks", "skipped", "seconds"}
    assert report["index"] == str(tmp_path / "idx")
    assert report["files_indexed"] == 2 and report["chunks"] >= 2
    assert {s["file"] for s in report["skipped"]} == {"a/bad.xyz", "b/empty.txt"}
    assert all(s["reason"] for s in report["skipped"])
    assert (tmp_path / "idx" / "CURRENT").is_file()


def test_index_without_index_flag_rebuilds_the_apps_index(tmp_path):
    a = write_docs(tmp_path / "a", {"one.md": "# One\n\nLoRA saves memory."})
    out = run("index", "--docs", str(a), "--json", tmp=tmp_path)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["index"] == str(tmp_path / "data" / "index")


def test_index_nothing_readable_fails_with_one_line(tmp_path):
    a = write_docs(tmp_path / "a", {"bad.bin": "\x00\x01\x02", "empty.md": ""})
    out = run("index", "--docs", str(a), "--json", "--index", str(tmp_path / "idx"), tmp=tmp_path)
    assert out.returncode != 0
    err = [line for line in out.stderr.splitlines() if line.startswith("error:")]
    assert len(err) == 1 and "nothing to index" in err[0]
    assert "Traceback" not in out.stderr


def test_index_missing_folder(tmp_path):
    out = run("index", "--docs", str(tmp_path / "nope"), tmp=tmp_path)
    assert out.returncode != 0 and "does not exist" in out.stderr and "Traceback" not in out.stderr
