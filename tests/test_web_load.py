"""Loopback load: a few dozen concurrent chats during a rebuild, zero errors (bounded in count and time)."""

import sys
from pathlib import Path

import pytest

from tests.browser_utils import start_app, stop_app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
pytestmark = pytest.mark.slow


def test_concurrent_chats_during_rebuild_all_answered(tmp_path):
    from bench_web_load import make_folder, run_load

    app = start_app(tmp_path / "data", ADVISOR_EMBEDDER="hashing-128", ADVISOR_DOCS_ROOTS=str(tmp_path))
    try:
        result = run_load(app.url, chats=24, workers=8, rebuild_folder=make_folder(tmp_path / "docs", 120),
                          timeout_s=300)
    finally:
        stop_app(app)
    assert result["errors"] == []
    assert result["answered"] == 24
    assert result["rebuild"] and "Added" in result["rebuild"]["status"]
