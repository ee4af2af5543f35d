"""Setting up the packaged Gemma 3 270M: clear one-line messages when it cannot be, and the advisor still answers."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

from bot.backends import gemma
from bot.backends.factory import load_backend
from bot.errors import ModelUnavailable
from bot.settings import Settings
from tests.helpers import EMBEDDER, settings_for


def fake_package(payload: bytes, fail: type[Exception] | None = None) -> types.ModuleType:
    """A stand-in for the chunk-assembling package: writes ``payload`` (or raises ``fail``)."""
    module = types.ModuleType(gemma.PACKAGE)

    def assemble(target, overwrite=False):
        if fail is not None:
            raise fail("Assembled file sha256 did not match expected value")
        Path(target).write_bytes(payload)
        return Path(target)

    module.assemble = assemble
    return module


def test_names_that_mean_the_packaged_model():
    assert all(gemma.is_gemma(name) for name in ("google/gemma-3-270m", "Gemma-3-270M", " gemma3-270m "))
    assert not gemma.is_gemma("google/gemma-3-1b") and not gemma.is_gemma("")


def test_missing_package_is_one_line_saying_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, gemma.PACKAGE, None)  # import fails as if not installed
    with pytest.raises(ModelUnavailable) as err:
        gemma.ensure_model(tmp_path)
    message = str(err.value)
    assert "\n" not in message and gemma.PIP_NAME in message and "not installed" in message


def test_a_file_with_the_wrong_hash_is_refused_and_removed(tmp_path):
    target = tmp_path / "cache" / "model.gguf"
    with pytest.raises(ModelUnavailable, match="has sha256 .* expected a5fd3b62230a") as err:
        gemma.assemble_gguf(target, fake_package(b"not the model"))
    assert "\n" not in str(err.value) and not target.exists()


def test_the_packages_own_hash_failure_is_reported_the_same_way(tmp_path):
    with pytest.raises(ModelUnavailable, match="wrong sha256.*force-reinstall"):
        gemma.assemble_gguf(tmp_path / "m.gguf", fake_package(b"", fail=ValueError))
    with pytest.raises(ModelUnavailable, match="chunk packages are incomplete"):
        gemma.assemble_gguf(tmp_path / "m.gguf", fake_package(b"", fail=FileNotFoundError))


def test_a_finished_conversion_is_reused_without_the_package(monkeypatch, tmp_path):
    folder = gemma.model_dir(tmp_path)
    folder.mkdir(parents=True)
    (folder / "config.json").write_text("{}")
    (folder / "model.safetensors").write_bytes(b"x")
    assert not gemma.is_ready(folder)  # no stamp: an interrupted conversion is redone
    (folder / gemma.STAMP).write_text(json.dumps({"gguf_sha256": gemma.GGUF_SHA256}))
    monkeypatch.setitem(sys.modules, gemma.PACKAGE, None)
    assert gemma.ensure_model(tmp_path) == folder


def test_sha256_file_matches_hashlib(tmp_path):
    import hashlib

    path = tmp_path / "f.bin"
    path.write_bytes(b"abc" * 500_000)
    assert gemma.sha256_file(path) == hashlib.sha256(b"abc" * 500_000).hexdigest()


def test_without_the_model_the_app_warns_in_one_line_and_the_advisor_answers(monkeypatch, tmp_path):
    from bot.pipeline import Pipeline
    from bot.types import Mode

    monkeypatch.setitem(sys.modules, gemma.PACKAGE, None)
    settings = settings_for(tmp_path).replace(backend="transformers", model="", device="cpu")
    backend, warning = load_backend(settings)
    assert backend.name == "template" and "\n" not in warning and gemma.PIP_NAME in warning
    answer = Pipeline(settings, embedder=EMBEDDER).ask("We have 300 labelled examples and one 24GB GPU. LoRA?",
                                                       mode=Mode(rag=False))
    assert answer.backend == "template" and answer.recommendation is not None
    assert any(gemma.PIP_NAME in w for w in answer.warnings)


def test_setup_script_exits_zero_with_one_line_when_the_package_is_missing(monkeypatch, tmp_path, capsys):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import setup_model

    monkeypatch.setitem(sys.modules, gemma.PACKAGE, None)
    assert setup_model.main(["--data-dir", str(tmp_path)]) == 0
    assert setup_model.main(["--data-dir", str(tmp_path), "--strict"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(gemma.PIP_NAME in line for line in err)


def test_threads_setting_is_checked():
    from bot.errors import ConfigError

    assert Settings().threads == 1
    with pytest.raises(ConfigError, match="threads must be 0"):
        Settings(threads=-1)
