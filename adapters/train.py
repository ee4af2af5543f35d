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
from bot.backends.base import GenerationRequest
from bot.backends.prompting import build_prompt
from bot.errors import BotError

log = logging.getLogger(__name__)

IGNORE = -100  # label id the loss skips (prompt and padding tokens)
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
    request = GenerationRequest(question=record["question"], lang=record["lang"], draft="", recommendation=None)
    return build_prompt(request, tokenizer, include_decision=False)


def _target_text(prompt: str, record: dict, tokenizer: Any) -> str:
    """The answer plus whatever the chat template puts after an assistant turn (``<|im_end|>``...)."""
    if getattr(tokenizer, "chat_template", None):
        request = GenerationRequest(question=record["question"], lang=record["lang"], draft="", recommendation=None)
        from bot.backends.prompting import build_messages

        messages = build_messages(request, include_decision=False)
        messages.append({"role": "assistant", "content": record["answer"]})
        full = tokenizer.apply_chat_template(messages, tokenize=False)
        if full.startswith(prompt):
            return full[len(prompt):]
    return " " + record["answer"] + (tokenizer.eos_token or "")


def encode_example(record: dict, tokenizer: Any, max_length: int) -> tuple[list[int], list[int]]:
    """(input ids, labels) with prompt tokens masked; long prompts lose their start, never the answer's."""
    prompt = training_prompt(record, tokenizer)
    prompt_ids = tokenizer(prompt, add_special_tokens=False, verbose=False)["input_ids"]
    target_ids = tokenizer(_target_text(prompt, record, tokenizer), add_special_tokens=False)["input_ids"]
    target_ids = target_ids[: max_length - 8]
    prompt_ids = prompt_ids[-(max_length - len(target_ids)):]
    return prompt_ids + target_ids, [IGNORE] * len(prompt_ids) + target_ids


def batches(examples: Sequence[tuple[list[int], list[int]]], batch_size: int, pad_id: int,
            rng: random.Random | None = None):
    """Right-padded tensors: yields dicts of input_ids, attention_mask, labels."""
    import torch

    order = list(range(len(examples)))
    starts = list(range(0, len(order), batch_size))
    if rng is not None:  # shuffle, then sort windows of 8 batches by length: less padding, still random
        rng.shuffle(order)
        window = batch_size * 8
        order = [i for w in range(0, len(order), window)
                 for i in sorted(order[w : w + window], key=lambda i: len(examples[i][0]))]
        rng.shuffle(starts)
    for start in starts:
        chunk = [examples[i] for i in order[start : start + batch_size]]
        width = max(len(ids) for ids, _ in chunk)
        ids = torch.full((len(chunk), width), pad_id, dtype=torch.long)
        labels = torch.full((len(chunk), width), IGNORE, dtype=torch.long)
        mask = torch.zeros((len(chunk), width), dtype=torch.long)
        for row, (x, y) in enumerate(chunk):
            ids[row, : len(x)] = torch.tensor(x)
            labels[row, : len(y)] = torch.tensor(y)
            mask[row, : len(x)] = 1
        yield {"input_ids": ids, "attention_mask": mask, "labels": labels}


def mean_loss(model: Any, examples: Sequence, batch_size: int, pad_id: int, device: str) -> float:
    """Token-weighted mean loss over ``examples`` without gradients."""
    import torch

    total, count = 0.0, 0
    was_training = model.training
    model.eval()
    with torch.no_grad():
        for batch in batches(examples, batch_size, pad_id):
            batch = {k: v.to(device) for k, v in batch.items()}
            n = int((batch["labels"][:, 1:] != IGNORE).sum())
            total += float(model(**batch).loss) * n
            count += n
    model.train(was_training)
    return total / max(count, 1)


def load_base(config: TrainConfig) -> tuple[Any, Any, str]:
    """(model, tokenizer, device) for training; 4-bit on GPU when ``config.qlora``."""
    from bot.backends.local_hf import load_causal_lm, pick_device

    if config.qlora:
        from transformers import AutoTokenizer

        from adapters.qlora import load_4bit

        model = load_4bit(config.base_model)
        tokenizer = AutoTokenizer.from_pretrained(config.base_model, trust_remote_code=False)
        if tokenizer.pad_token_id is None:
            tokenizer.pad_token = tokenizer.eos_token
        return model, tokenizer, "cuda"
    device = pick_device(config.device)
    model, tokenizer = load_causal_lm(config.base_model, device)
    return model, tokenizer, device


def attach_lora(model: Any, config: TrainConfig) -> Any:
    from peft import LoraConfig, get_peft_model

    modules: Any = "all-linear" if config.target_modules == ("all-linear",) else list(config.target_modules)
    lora = LoraConfig(r=config.r, lora_alpha=config.alpha, lora_dropout=config.dropout, target_modules=modules,
                      task_type="CAUSAL_LM")
    try:
        return get_peft_model(model, lora)
    except ValueError as exc:
        raise BotError(f"target_modules {config.target_modules} do not match the model's layers: {exc}") from exc


def train_adapter(config: TrainConfig, train: Sequence[dict], val: Sequence[dict], *, model: Any = None,
                  tokenizer: Any = None, device: str | None = None, data_hash: str = "", progress: bool = True,
                  on_step: Callable[[int, float], None] | None = None) -> TrainResult:
    """Train a LoRA adapter on advice records and save it (after every epoch) to ``config.output_dir``.

    Pass ``model``/``tokenizer`` to train an already loaded model; otherwise ``config.base_model`` is loaded.
    Ctrl-C stops early and keeps the last finished epoch's adapter.
    """
    import torch
    from tqdm.auto import tqdm

    if not train or not val:
        raise BotError(f"training needs train and validation records, got {len(train)} and {len(val)}")
    if config.qlora:
        from adapters.qlora import require_qlora

        require_qlora()
    random.seed(config.seed)
    torch.manual_seed(config.seed)
    if model is None:
        model, tokenizer, device = load_base(config)
    device = device or "cpu"
    model = attach_lora(model, config)
    model.to(device)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    train_ex = [encode_example(r, tokenizer, config.max_length) for r in train]
    val_ex = [encode_example(r, tokenizer, config.max_length) for r in val]

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
                loss = model(**batch).loss
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
            train_losses.append(running / max(seen, 1))
            val_losses.append(mean_loss(model, val_ex, config.batch_size, pad_id, device))
            log.info("epoch %d: train loss %.4f, validation loss %.4f", epoch + 1, train_losses[-1], val_losses[-1])
            card = make_card(config, data_hash, val_before, train_losses, val_losses, step,
                             time.perf_counter() - started, len(train), len(val), interrupted=False)
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
                     interrupted)
    write_card(config.output_dir, card)
    return TrainResult(Path(config.output_dir), val_before, tuple(train_losses), tuple(val_losses), step, seconds,
                       interrupted, card)


def make_card(config: TrainConfig, data_hash: str, val_before: float, train_losses: Sequence[float],
              val_losses: Sequence[float], steps: int, seconds: float, n_train: int, n_val: int,
              interrupted: bool) -> dict:
    base = _portable_base(config.base_model, Path(config.output_dir))
    hyperparameters = config.to_json() | {"base_model": base, "output_dir": Path(config.output_dir).name}
    return {
        "base_model": base,
        "format": FORMAT_NAME,
        "prompt_style": "question",
        "data_hash": data_hash,
        "hyperparameters": hyperparameters,  # no machine-specific absolute paths
        "metrics": {"val_loss_before": round(val_before, 4), "train_loss": [round(x, 4) for x in train_losses],
                    "val_loss": [round(x, 4) for x in val_losses],
                    "steps": steps, "seconds": round(seconds, 1), "train_examples": n_train,
                    "val_examples": n_val, "epochs_finished": len(val_losses)},
        "interrupted": interrupted,
    }


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
