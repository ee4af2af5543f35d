"""GPU memory to fine-tune a model of a given size: full, LoRA and QLoRA, from per-parameter rules of thumb. Pure.

The rules and their sources are in the knowledge base note ``gpu-memory-rules.md``: about 16 bytes per parameter
for full fine-tuning with Adam in mixed precision, 2 for LoRA's frozen 16-bit base, 0.5 for QLoRA's 4-bit base,
plus about 20% headroom for activations and the CUDA runtime.
"""

from __future__ import annotations

from dataclasses import (
    dataclass,
)
from typing import Literal

Method = Literal["full_finetune", "lora", "qlora"]
NOTE = "gpu-memory-rules.md"
HEADROOM = 1.2  # activations (batch and sequence length) and the CUDA runtime
BYTES_PER_PARAM: dict[Method, float] = {"full_finetune": 16.0, "lora": 2.0, "qlora": 0.5}
RULE_KEYS: dict[Method, str] = {"full_finetune": "mem_rule_full", "lora": "mem_rule_lora", "qlora": "mem_rule_qlora"}


@dataclass(frozen=True)
class MemoryBar:
    method: Method
    model_size_b: float
    bytes_per_param: float
    base_gb: float  # weights, gradients and optimizer states
    total_gb: float  # with headroom
    rule: str  # message key of the rule of thumb
    fact: str = NOTE


def estimate_memory(model_size_b: float) -> tuple[MemoryBar, ...]:
    """One bar per method for a model of ``model_size_b`` billion parameters."""
    if not model_size_b or model_size_b <= 0:
        raise ValueError(f"model size must be a positive number of billions of parameters, got {model_size_b!r}")
    bars = []
    for method, per in BYTES_PER_PARAM.items():
        base = model_size_b * per  # billions of parameters x bytes = GB
        bars.append(MemoryBar(method, model_size_b, per, round(base, 1), round(base * HEADROOM, 1), RULE_KEYS[method]))
    return tuple(bars)


def fits(bar: MemoryBar, gpu_memory_gb: float, gpu_count: int = 1) -> bool:
    return bar.total_gb <= gpu_memory_gb * max(1, gpu_count)
