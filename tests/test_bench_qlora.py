"""scripts/bench_qlora.py: its table, its mode check, and its message without a GPU."""

import importlib.util
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("bench_qlora", ROOT / "scripts" / "bench_qlora.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_table_shows_each_mode_and_a_failed_one():
    rows = [{"mode": "qlora", "peak_gpu_mb": 9931, "seconds_per_step": 0.27, "steps": 142, "seconds": 38.5,
             "val_loss_before": 9.4676, "val_loss": 1.8576},
            {"mode": "lora", "error": ["QLoRA needs bitsandbytes"]}]
    text = _bench().table(rows)
    assert "| qlora | 9,931 | 0.27 | 142 | 38.5 | 9.468 → 1.858 |" in text
    assert "| lora | failed: QLoRA needs bitsandbytes |" in text


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks the message shown without a GPU")
def test_without_cuda_it_says_nothing_was_measured(capsys):
    assert _bench().main(["--modes", "qlora"]) == 2
    assert "needs a CUDA GPU" in capsys.readouterr().err


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_unknown_mode_is_refused(capsys):
    assert _bench().main(["--modes", "qlora,fp8"]) == 2
    assert "unknown mode(s): fp8" in capsys.readouterr().err
