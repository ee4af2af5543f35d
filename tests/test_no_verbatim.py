"""No sentence of the source documents is copied into the project (tests aside)."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="source documents (../shared/seeds) not present")
def test_no_seed_line_of_24_chars_appears_outside_tests():
    lines = set()
    for f in SEEDS.glob("*.txt"):
        for line in f.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) >= 24:
                lines.add(line)
    assert lines
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    hits = []
    for rel in files:
        if rel.startswith("tests/"):
            continue
        try:
            text = (ROOT / rel).read_text(encoding="utf-8")
        except (UnicodeDecodeError, IsADirectoryError, FileNotFoundError):
            continue
        hits += [(rel, line[:30]) for line in lines if line in text]
    assert hits == [], hits[:5]
