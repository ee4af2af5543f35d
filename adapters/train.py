"""LoRA / QLoRA training of an advice adapter with a plain torch loop; saves a peft folder plus card.json."""

from __future__ import annotations

import json
import logging
import math
import os
import random
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import (
    dataclass,
    field,
)
from pathlib import Path
from typing import Any

from adapters.config import TrainConfig
from adapters.encode import answer_loss, as_example, batches, encode_chat, mean_loss, prompt_text
from adapters.examples import ChatExample, from_advice
from bot.errors import BotError

log = logging.getLogger(__name__)

FORMAT_NAME = "advice-v1"


@dataclass(frozen=True)
class TrainResult:
    output_dir: Path
    val_loss_before: float  # validation loss of the base model, before any training
    train_losses: tuple[float, ...]  # mean training loss of each finished epoch
    val_losses: tuple[float, ...]  # validation loss after each finished epoch
    steps: int
    seconds: float
    interrupted: bool
    card: dict = field(default_factory=dict, compare=False)


def training_prompt(record: dict, tokenizer: Any) -> str:
    """The prompt an adapter sees for a record: system prompt + question only (the adapter decides itself)."""
    return prompt_text(from_advice(record), tokenizer)


def peak_memory_mb(device: str) -> dict:
    """Peak resident memory of this process (and peak GPU memory on CUDA), in MB."""
    import resource

    out = {"peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}  # KB on Linux
    if str(device).startswith("cuda"):
        import torch

        out["peak_gpu_mb"] = round(torch.cuda.max_memory_allocated() / 2**20)
    return out


def load_base(config: TrainConfig, path: str | None = None) -> tuple[Any, Any, str]:
    """(model, tokenizer, device) for training from ``path`` (default: ``config.base_model``); 4-bit on GPU
    when ``config.qlora``."""
    from bot.backends.local_hf import load_causal_lm, pick_device

    path = path or config.base_model
    if config.qlora:
        from transformers import AutoTokenizer

        from adapters.qlora import load_4bit

        model = load_4bit(path)
        tokenizer = AutoTokenizer.from_pretrained(path, trust_remote_code=False)
        if tokenizer.pad_token_id is None:
            tokenizer.pad_token = tokenizer.eos_token
        return model, tokenizer, "cuda"
    device = pick_device(config.device)
    model, tokenizer = load_causal_lm(path, device, dtype=config.dtype)
    return model, tokenizer, device


def attach_lora(model: Any, config: TrainConfig, resume: Path | None = None) -> Any:
    """A fresh LoRA adapter on ``model``, or the trainable adapter saved in ``resume`` to train further."""
    from peft import LoraConfig, PeftModel, get_peft_model

    if resume is not None:
        from adapters.registry import validate_adapter

        info = validate_adapter(resume)
        try:
            return PeftModel.from_pretrained(model, str(info.path), is_trainable=True)
        except (RuntimeError, ValueError, KeyError) as exc:
            raise BotError(f"adapter {str(info.path)!r} does not fit this base model: {exc}") from exc

    modules: Any = "all-linear" if config.target_modules == ("all-linear",) else list(config.target_modules)
    lora = LoraConfig(r=config.r, lora_alpha=config.alpha, lora_dropout=config.dropout, target_modules=modules,
                      task_type="CAUSAL_LM")
    try:
        return get_peft_model(model, lora)
    except ValueError as exc:
        raise BotError(f"target_modules {config.target_modules} do not match the model's layers: {exc}") from exc


Item = dict | ChatExample  # an advice record, or an example from a user's own file


def train_adapter(config: TrainConfig, train: Sequence[Item], val: Sequence[Item], *, model: Any = None,
                  tokenizer: Any = None, device: str | None = None, data_hash: str = "", progress: bool = True,
                  on_step: Callable[[int, float], None] | None = None, base_path: str | None = None,
                  extra_card: dict | None = None, resume: Path | None = None) -> TrainResult:
    """Train a LoRA adapter and save it (after every epoch) to ``config.output_dir``.

    ``train``/``val`` hold advice records or ``ChatExample``s; the loss is taken on answer tokens only.
    Pass ``model``/``tokenizer`` to train an already loaded model; otherwise ``base_path`` (default
    ``config.base_model``) is loaded; ``resume`` trains a saved adapter further. Ctrl-C stops early and keeps
    the last finished epoch's adapter.
    """
    import torch
    from tqdm.auto import tqdm

    if not train or not val:
        raise BotError(f"training needs train and validation records, got {len(train)} and {len(val)}")
    if config.qlora:
        from adapters.qlora import require_qlora

        require_qlora()
    if config.threads:
        torch.set_num_threads(config.threads)
    random.seed(config.seed)
    torch.manual_seed(config.seed)
    if model is None:
        model, tokenizer, device = load_base(config, base_path)
    device = device or "cpu"
    model = attach_lora(model, config, resume)
    model.to(device)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    chars, system = config.max_passage_chars, config.prompt_style == "question"
    reading = config.prompt_style == "reading"
    train_ex = [encode_chat(as_example(r, chars, system, reading), tokenizer, config.max_length) for r in train]
    val_ex = [encode_chat(as_example(r, chars, system, reading), tokenizer, config.max_length) for r in val]

    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=config.lr, weight_decay=config.weight_decay)
    total = config.epochs * math.ceil(len(train_ex) / config.batch_size)
    warmup = min(config.warmup_steps, max(total // 10, 1))
    # linear warm-up, then linear decay to zero at the last step
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: (s + 1) / warmup if s < warmup else max(0.0, (total - s) / max(total - warmup, 1)))
    rng = random.Random(config.seed)
    val_before = mean_loss(model, val_ex, config.batch_size, pad_id, device)
    train_losses: list[float] = []
    val_losses: list[float] = []
    step, started, interrupted, saved = 0, time.perf_counter(), False, False
    bar = tqdm(total=total, desc="LoRA", unit="step", disable=not progress)
    model.train()
    try:
        for epoch in range(config.epochs):
            running, seen = 0.0, 0
            for batch in batches(train_ex, config.batch_size, pad_id, rng):
                batch = {k: v.to(device) for k, v in batch.items()}
                loss, _ = answer_loss(model, batch)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, config.grad_clip)
                optimizer.step()
                schedule.step()
                optimizer.zero_grad(set_to_none=True)
                step += 1
                value = loss.item()
                running, seen = running + value, seen + 1
                bar.update(1)
                bar.set_postfix(loss=f"{value:.3f}", epoch=epoch + 1)
                if on_step is not None:
                    on_step(step, value)
                if step % 10 == 0 or step == total:
                    log.info("step %d/%d: loss %.4f, %.2f s/step", step, total, value,
                             (time.perf_counter() - started) / step)
            train_losses.append(running / max(seen, 1))
            val_losses.append(mean_loss(model, val_ex, config.batch_size, pad_id, device))
            log.info("epoch %d: train loss %.4f, validation loss %.4f", epoch + 1, train_losses[-1], val_losses[-1])
            card = make_card(config, data_hash, val_before, train_losses, val_losses, step,
                             time.perf_counter() - started, len(train), len(val), interrupted=False,
                             memory=peak_memory_mb(device), extra=extra_card)
            save_adapter(model, config.output_dir, config.base_model, card)
            saved = True
    except KeyboardInterrupt:
        interrupted = True
        log.warning("training interrupted at step %d; keeping the adapter of the last finished epoch", step)
    finally:
        bar.close()
    seconds = time.perf_counter() - started
    if not saved:
        raise BotError("training stopped before the first epoch finished, so no adapter was saved; "
                       "run it again (fewer examples or a smaller max_length make epochs shorter)")
    card = make_card(config, data_hash, val_before, train_losses, val_losses, step, seconds, len(train), len(val),
                     interrupted, memory=peak_memory_mb(device), extra=extra_card)
    write_card(config.output_dir, card)
    return TrainResult(Path(config.output_dir), val_before, tuple(train_losses), tuple(val_losses), step, seconds,
                       interrupted, card)


def make_card(config: TrainConfig, data_hash: str, val_before: float, train_losses: Sequence[float],
              val_losses: Sequence[float], steps: int, seconds: float, n_train: int, n_val: int,
              interrupted: bool, memory: dict | None = None, extra: dict | None = None) -> dict:
    base = _portable_base(config.base_model, Path(config.output_dir))
    hyperparameters = config.to_json() | {"base_model": base, "output_dir": Path(config.output_dir).name}
    card = {
        "base_model": base,
        "format": FORMAT_NAME,
        "prompt_style": config.prompt_style,
        "max_passage_chars": config.max_passage_chars,
        "data_hash": data_hash,
        "hyperparameters": hyperparameters,  # no machine-specific absolute paths
        "metrics": {"val_loss_before": round(val_before, 4), "train_loss": [round(x, 4) for x in train_losses],
                    "val_loss": [round(x, 4) for x in val_losses],
                    "steps": steps, "seconds": round(seconds, 1),
                    "seconds_per_step": round(seconds / max(steps, 1), 2), "train_examples": n_train,
                    "val_examples": n_val, "epochs_finished": len(val_losses), **(memory or {})},
        "interrupted": interrupted,
    }
    return card | (extra or {})


def _portable_base(base_model: str, output_dir: Path) -> str:
    """A local base folder as a path relative to the adapter folder (the pair can move together)."""
    base = Path(base_model).expanduser()
    if not base.exists():
        return base_model
    return os.path.relpath(base.resolve(), Path(output_dir).resolve())


def write_card(adapter_dir: Path, card: dict) -> None:
    path = Path(adapter_dir) / "card.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def update_card(adapter_dir: Path, **fields: Any) -> dict:
    """Merge ``fields`` (e.g. ``evaluation=...``) into an adapter's card.json."""
    path = Path(adapter_dir) / "card.json"
    card = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    card.update(fields)
    write_card(Path(adapter_dir), card)
    return card


def save_adapter(model: Any, output_dir: Path, base_model: str, card: dict) -> None:
    """Write the adapter (safetensors) and card to a sibling folder, then swap it in: never half-written."""
    output_dir = Path(output_dir)
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = output_dir.with_name(output_dir.name + ".saving")
    shutil.rmtree(tmp, ignore_errors=True)
    model.save_pretrained(str(tmp), safe_serialization=True)
    (tmp / "README.md").unlink(missing_ok=True)  # peft's template card; card.json is ours
    config_path = tmp / "adapter_config.json"
    adapter_config = json.loads(config_path.read_text(encoding="utf-8"))
    adapter_config["base_model_name_or_path"] = _portable_base(base_model, output_dir)
    config_path.write_text(json.dumps(adapter_config, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    write_card(tmp, card)
    old = output_dir.with_name(output_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if output_dir.exists():
        os.replace(output_dir, old)
    os.replace(tmp, output_dir)
    shutil.rmtree(old, ignore_errors=True)
