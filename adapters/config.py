"""Hyper-parameters of one adapter training run, checked when the object is made."""

from __future__ import annotations

import dataclasses
from dataclasses import (
    dataclass,
)
from pathlib import Path

from bot.errors import ConfigError


@dataclass(frozen=True)
class TrainConfig:
    """A LoRA / QLoRA run. Defaults suit a 0.5-1.5B chat model on one GPU, or a tiny model on CPU."""

    base_model: str  # local folder (or hub id already in the local cache)
    output_dir: Path
    r: int = 8  # LoRA rank; 8-16 is the usual sweet spot for style/format adaptation
    alpha: int = 16  # scale = alpha / r; keeping alpha = 2r keeps updates comparable across ranks
    dropout: float = 0.05
    target_modules: tuple[str, ...] = ("q_proj", "k_proj", "v_proj", "o_proj")  # or ("all-linear",)
    epochs: int = 2
    lr: float = 2e-4
    batch_size: int = 8
    max_length: int = 384  # tokens per example (prompt + answer); prompts are cut from the left
    warmup_steps: int = 10
    weight_decay: float = 0.0
    grad_clip: float = 1.0
    seed: int = 0
    qlora: bool = False  # 4-bit NF4 base through bitsandbytes; CUDA only
    device: str = "auto"
    n_examples: int = 2000  # generated advice pairs (train + validation)
    val_fraction: float = 0.1
    dtype: str = "auto"  # auto: the checkpoint's bf16 when it has one (fast on AVX512-BF16 CPUs), else float32
    threads: int = 0  # torch CPU threads; 0 keeps torch's default
    rag_fraction: float = 0.3  # share of generated examples whose prompt quotes retrieved passages
    max_passage_chars: int = 200  # each quoted passage is cut to this in training and at answer time
    # the prompt advice records are trained with: "question" = system prompt + question; "bare" = the question
    # alone (a third fewer tokens a step on a small model that never reads the system prompt anyway); "reading" =
    # the facts the advisor read from the question ("examples=3000; needs_format=yes"), then the question
    prompt_style: str = "question"
    question_files: tuple[str, ...] = ()  # JSONL files of people's own questions, labelled by the advisor first


    def __post_init__(self) -> None:
        object.__setattr__(self, "output_dir", Path(self.output_dir))
        if isinstance(self.target_modules, list):
            object.__setattr__(self, "target_modules", tuple(self.target_modules))
        object.__setattr__(self, "question_files", tuple(str(f) for f in self.question_files))
        if not str(self.base_model).strip():
            raise ConfigError("base_model is empty; give a local model folder")
        if not isinstance(self.r, int) or self.r < 1:
            raise ConfigError(f"LoRA rank r must be a positive integer, got {self.r!r}")
        if self.alpha <= 0:
            raise ConfigError(f"LoRA alpha must be positive, got {self.alpha!r}")
        if not 0 <= self.dropout < 1:
            raise ConfigError(f"dropout must be in [0, 1), got {self.dropout!r}")
        if isinstance(self.target_modules, str) or not self.target_modules or not all(
            isinstance(m, str) and m.strip() for m in self.target_modules
        ):
            raise ConfigError(
                f"target_modules must be a non-empty tuple of module names, got {self.target_modules!r}"
            )
        if not isinstance(self.epochs, int) or self.epochs < 1:
            raise ConfigError(f"epochs must be a positive integer, got {self.epochs!r}")
        if not 0 < self.lr < 1:
            raise ConfigError(f"learning rate lr must be in (0, 1), got {self.lr!r}")
        if not isinstance(self.batch_size, int) or self.batch_size < 1:
            raise ConfigError(f"batch_size must be a positive integer, got {self.batch_size!r}")
        if not isinstance(self.max_length, int) or self.max_length < 16:
            raise ConfigError(f"max_length must be an integer of at least 16 tokens, got {self.max_length!r}")
        if self.warmup_steps < 0 or self.weight_decay < 0 or self.grad_clip <= 0:
            raise ConfigError(
                f"need warmup_steps >= 0, weight_decay >= 0, grad_clip > 0; got {self.warmup_steps!r}, "
                f"{self.weight_decay!r}, {self.grad_clip!r}"
            )
        if not isinstance(self.seed, int) or self.seed < 0:
            raise ConfigError(f"seed must be a non-negative integer, got {self.seed!r}")
        if not isinstance(self.qlora, bool):
            raise ConfigError(f"qlora must be true or false, got {self.qlora!r}")
        if self.device not in ("auto", "cpu", "cuda") and not str(self.device).startswith("cuda:"):
            raise ConfigError(f"device must be auto, cpu or cuda, got {self.device!r}")
        if not isinstance(self.n_examples, int) or self.n_examples < 2:
            raise ConfigError(f"n_examples must be an integer of at least 2, got {self.n_examples!r}")
        if not 0 < self.val_fraction < 1:
            raise ConfigError(f"val_fraction must be in (0, 1), got {self.val_fraction!r}")
        if self.dtype not in ("auto", "float32", "bfloat16"):
            raise ConfigError(f"dtype must be auto, float32 or bfloat16, got {self.dtype!r}")
        if not isinstance(self.threads, int) or self.threads < 0:
            raise ConfigError(f"threads must be a non-negative integer (0 = torch's default), got {self.threads!r}")
        if not 0 <= self.rag_fraction <= 1:
            raise ConfigError(f"rag_fraction must be in [0, 1], got {self.rag_fraction!r}")
        if self.prompt_style not in ("question", "bare", "reading"):
            raise ConfigError(f"prompt_style must be question, bare or reading, got {self.prompt_style!r}")
        if not isinstance(self.max_passage_chars, int) or self.max_passage_chars < 20:
            raise ConfigError(f"max_passage_chars must be an integer of at least 20, got {self.max_passage_chars!r}")

    def replace(self, **changes) -> TrainConfig:
        return dataclasses.replace(self, **changes)

    def to_json(self) -> dict:
        data = dataclasses.asdict(self)
        data["output_dir"] = str(self.output_dir)
        data["target_modules"] = list(self.target_modules)
        data["question_files"] = list(self.question_files)
        return data
