"""The pocket model: a tiny Qwen2-style LM trained from scratch on CPU in minutes, plus an advice LoRA.

1. a byte-level BPE tokenizer trained on the knowledge notes and the advice dataset;
2. a small causal LM pretrained on the same texts as plain documents (no chat format);
3. a LoRA adapter taught the chat task: question -> answer in the advice format;
4. both measured on the validation split (format adherence, agreement with the advisor) into card.json.
"""

from __future__ import annotations

import json
import logging
import math
import random
import re
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from adapters.config import TrainConfig
from adapters.dataset import Advisor, build_dataset, data_hash, write_jsonl
from bot.backends.prompting import SYSTEM_PROMPTS
from bot.errors import BotError

log = logging.getLogger(__name__)

SPECIALS = ("<|endoftext|>", "<|im_start|>", "<|im_end|>")
CHAT_TEMPLATE = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
ALL_PROJECTIONS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


@dataclass(frozen=True)
class PocketConfig:
    """Sizes chosen so the whole build takes a few minutes on 2 CPU cores and the files stay a few MB."""

    vocab_size: int = 4096  # Chinese needs merges of 3-byte characters: 4k keeps common ones whole
    hidden: int = 192
    layers: int = 3
    heads: int = 4
    kv_heads: int = 2
    intermediate: int = 512
    context: int = 512  # tokens; prompts (system + question) are ~150-250
    n_examples: int = 1800
    val_fraction: float = 0.1
    seed: int = 0
    block: int = 256  # pretraining sequence length
    pretrain_steps: int = 260
    pretrain_batch: int = 16
    pretrain_lr: float = 3e-3
    decision_repeats: int = 2  # extra short "question -> recommendation line" documents in pretraining
    lora_r: int = 16
    lora_alpha: int = 32
    lora_epochs: int = 2
    lora_lr: float = 3e-3
    lora_batch: int = 16
    eval_limit: int = 120  # validation records scored for the card
    max_new_tokens: int = 160

    def __post_init__(self) -> None:
        if self.hidden % self.heads or self.heads % self.kv_heads:
            raise BotError(f"hidden ({self.hidden}) must divide by heads ({self.heads}), "
                           f"and heads by kv_heads ({self.kv_heads})")
        if self.block > self.context:
            raise BotError(f"block ({self.block}) cannot exceed context ({self.context})")


def note_texts(corpus_dir: Path) -> list[str]:
    """The knowledge notes (front matter dropped), one text per note."""
    notes = []
    for path in sorted(Path(corpus_dir).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        notes.append(re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL).strip())
    return [n for n in notes if n]


def train_tokenizer(corpus: Sequence[str], vocab_size: int, context: int = 512) -> Any:
    """A byte-level BPE tokenizer (any text encodes; no unknown token) with a ChatML chat template."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=list(SPECIALS), show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(corpus, trainer)
    hf = PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="<|endoftext|>", pad_token="<|endoftext|>",
                                 model_max_length=context)
    hf.chat_template = CHAT_TEMPLATE
    return hf


def make_model(tokenizer: Any, config: PocketConfig, seed: int = 0) -> Any:
    import torch
    from transformers import AutoModelForCausalLM, Qwen2Config

    model_config = Qwen2Config(
        vocab_size=len(tokenizer), hidden_size=config.hidden, intermediate_size=config.intermediate,
        num_hidden_layers=config.layers, num_attention_heads=config.heads, num_key_value_heads=config.kv_heads,
        max_position_embeddings=config.context, tie_word_embeddings=True,
        eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(seed)
    return AutoModelForCausalLM.from_config(model_config)


def pack(tokenizer: Any, documents: Sequence[str], block: int) -> Any:
    """All documents, each ended by <|endoftext|>, as one stream cut into rows of ``block`` tokens."""
    import torch

    ids: list[int] = []
    for doc in documents:
        ids += tokenizer(doc, add_special_tokens=False, verbose=False)["input_ids"] + [tokenizer.eos_token_id]
    rows = len(ids) // block
    return torch.tensor(ids[: rows * block], dtype=torch.long).view(rows, block)


def _warmup_cosine(step: int, warmup: int, total: int, floor: float = 0.1) -> float:
    """Learning-rate factor: linear warm-up, then cosine decay down to ``floor``."""
    if step < warmup:
        return (step + 1) / warmup
    progress = (step - warmup) / max(1, total - warmup)
    return floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * progress))


def pretrain(model: Any, blocks: Any, config: PocketConfig, progress: bool = True) -> list[float]:
    """Next-token training on packed blocks, cosine learning rate; returns the loss of every step."""
    import torch
    from tqdm.auto import tqdm

    generator = torch.Generator().manual_seed(config.seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.pretrain_lr, weight_decay=0.01, betas=(0.9, 0.95))
    warmup = max(1, config.pretrain_steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: _warmup_cosine(s, warmup, config.pretrain_steps))
    losses: list[float] = []
    model.train()
    order, cursor = torch.randperm(len(blocks), generator=generator), 0
    with tqdm(total=config.pretrain_steps, desc="pretrain", unit="step", disable=not progress) as bar:
        for _ in range(config.pretrain_steps):
            if cursor + config.pretrain_batch > len(blocks):  # a new epoch over the blocks
                order, cursor = torch.randperm(len(blocks), generator=generator), 0
            batch = blocks[order[cursor : cursor + config.pretrain_batch]]
            cursor += config.pretrain_batch
            loss = model(input_ids=batch, labels=batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad(set_to_none=True)
            losses.append(loss.item())
            bar.update(1)
            bar.set_postfix(loss=f"{losses[-1]:.3f}")
    model.eval()
    return losses


def _folder_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6, 2)


def build_base(base_dir: Path, documents: Sequence[str], config: PocketConfig, digest: str,
               progress: bool = True) -> dict:
    """Tokenizer + pretrained tiny LM saved (fp16 safetensors) to ``base_dir``; returns its card."""
    import torch

    tokenizer = train_tokenizer(list(documents) + list(SYSTEM_PROMPTS.values()) * 20, config.vocab_size,
                                config.context)
    model = make_model(tokenizer, config, config.seed)
    params = sum(p.numel() for p in model.parameters())
    blocks = pack(tokenizer, random.Random(config.seed).sample(list(documents), len(documents)), config.block)
    log.info("pocket: %d parameters, %d pretraining blocks of %d tokens", params, len(blocks), config.block)
    t0 = time.perf_counter()
    losses = pretrain(model, blocks, config, progress)
    seconds = time.perf_counter() - t0
    base_dir.mkdir(parents=True, exist_ok=True)
    model.to(torch.float16).save_pretrained(base_dir)  # half the size; served weights = trained-on weights
    tokenizer.save_pretrained(base_dir)
    card = {"kind": "pocket-base", "parameters": params, "data_hash": digest, "config": asdict(config),
            "pretrain": {"steps": config.pretrain_steps, "blocks": len(blocks), "block_tokens": config.block,
                         "tokens_seen": config.pretrain_steps * config.pretrain_batch * config.block,
                         "first_loss": round(losses[0], 3), "last_loss": round(sum(losses[-10:]) / 10, 3),
                         "seconds": round(seconds, 1)}}
    (base_dir / "card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card


def build_pocket(out_dir: Path, corpus_dir: Path, config: PocketConfig = PocketConfig(),
                 advisor: Advisor | None = None, data_dir: Path | None = None, progress: bool = True) -> dict:
    """Build ``out_dir/base`` and ``out_dir/advice-lora``; returns the summary also stored in the cards."""
    from adapters.evaluate import evaluate, to_json
    from adapters.train import train_adapter, update_card
    from bot.backends.local_hf import LocalHFBackend, load_causal_lm

    started = time.perf_counter()
    random.seed(config.seed)
    out_dir = Path(out_dir)
    base_dir, adapter_dir = out_dir / "base", out_dir / "advice-lora"
    train, val = build_dataset(config.n_examples, config.seed, config.val_fraction, advisor)
    digest = data_hash(train, val)
    if data_dir is not None:
        write_jsonl(train, Path(data_dir) / "train.jsonl")
        write_jsonl(val, Path(data_dir) / "val.jsonl")
    notes = note_texts(corpus_dir)
    if not notes:
        log.warning("no notes in %s; the pocket model learns from the advice texts alone", corpus_dir)
    # question + answer as one plain document (no chat markup), plus question -> first line twice more:
    # the base learns which situations lead to which advice; the adapter then learns the chat format.
    # Validation records stay unseen.
    pairs = [f"{r['question']}\n{r['answer']}" for r in train]
    decisions = [f"{r['question']}\n{r['answer'].splitlines()[0]}" for r in train]
    documents = notes + pairs + decisions * config.decision_repeats
    base_card = build_base(base_dir, documents, config, digest, progress)

    base_model, tokenizer = load_causal_lm(str(base_dir), "cpu")
    train_config = TrainConfig(base_model=str(base_dir), output_dir=adapter_dir, r=config.lora_r,
                               alpha=config.lora_alpha, dropout=0.0, target_modules=ALL_PROJECTIONS,
                               epochs=config.lora_epochs, lr=config.lora_lr, batch_size=config.lora_batch,
                               max_length=config.context - 16, seed=config.seed, device="cpu",
                               n_examples=config.n_examples, val_fraction=config.val_fraction)
    result = train_adapter(train_config, train, val, model=base_model, tokenizer=tokenizer, device="cpu",
                           data_hash=digest, progress=progress)

    base_model, tokenizer = load_causal_lm(str(base_dir), "cpu")
    backend = LocalHFBackend(base_model, tokenizer, "cpu", config.max_new_tokens, name="pocket")
    backend.load_adapter(adapter_dir)
    scores = evaluate(backend, val, str(adapter_dir), limit=config.eval_limit, batch_size=16, progress=progress)
    evaluation = to_json(scores, split="validation", data_hash=digest)
    summary = {"minutes": round((time.perf_counter() - started) / 60, 2), "parameters": base_card["parameters"],
               "base_mb": _folder_mb(base_dir), "adapter_mb": _folder_mb(adapter_dir),
               "pretrain_seconds": base_card["pretrain"]["seconds"], "lora_seconds": round(result.seconds, 1),
               "val_loss": round(result.val_losses[-1], 4),
               "scores": {s.mode: {"format_adherence": s.format_adherence, "agreement": s.agreement,
                                   "ms_per_answer": s.ms_per_answer, "by_lang": s.by_lang} for s in scores}}
    update_card(adapter_dir, evaluation=evaluation, pocket=summary)
    return summary
