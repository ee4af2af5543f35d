"""Normal CLI use prints no third-party warnings; -v shows the logs; bitsandbytes stays unloaded when answering."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser_utils import ROOT, app_env

ADAPTER = ROOT / "adapters" / "pocket" / "advice-lora"
QUESTION = "We have 3000 labelled examples and need a fixed JSON format. What should we do?"


def advisor(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args, "--data-dir", str(tmp_path / "data")], cwd=ROOT,
                          env=app_env(), capture_output=True, text=True, timeout=900)


def test_ask_prints_the_answer_and_nothing_on_stderr(tmp_path):
    done = advisor(tmp_path, "ask", QUESTION)
    assert done.returncode == 0 and "LoRA" in done.stdout
    assert done.stderr == ""


def test_verbose_shows_the_logs(tmp_path):
    done = advisor(tmp_path, "ask", QUESTION, "-v")
    assert done.returncode == 0 and "INFO " in done.stderr


@pytest.mark.slow
def test_ask_through_the_pocket_adapter_is_quiet_too(tmp_path):
    if not (ADAPTER / "adapter_model.safetensors").is_file():
        pytest.skip("pocket adapter not built (python scripts/train_pocket.py)")
    done = advisor(tmp_path, "ask", "--adapter", str(ADAPTER), QUESTION)
    assert done.returncode == 0 and done.stdout.strip()
    assert done.stderr == ""


def test_peft_loads_without_bitsandbytes():
    code = ("import sys; from bot.backends.local_hf import import_peft; import_peft(); "
            "from peft.import_utils import is_bnb_available; "
            "print('bitsandbytes' in sys.modules, is_bnb_available())")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=app_env(), capture_output=True, text=True,
                          timeout=600)
    assert done.stdout.split() == ["False", "False"], done.stderr
    assert "gemm_4bit" not in done.stderr
