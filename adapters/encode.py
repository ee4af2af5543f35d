"""Token ids for training: prompt tokens masked, answer tokens learned; batching; the answer-only loss.

The loss projects only the answer positions through the output layer. On a model with a 262,144-word
vocabulary (Gemma 3) that layer is most of a step's cost, so skipping the prompt positions halves a step.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from adapters.examples import ChatExample, from_advice
from bot.backends.prompting import bos_prefix, render_plain

IGNORE = -100  # label id the loss skips (prompt and padding tokens)


def as_example(item: dict | ChatExample, max_passage_chars: int | None = None,
               include_system: bool = True, include_reading: bool = False) -> ChatExample:
    return item if isinstance(item, ChatExample) else \
        from_advice(item, max_passage_chars, include_system, include_reading)


def prompt_text(example: ChatExample, tokenizer: Any) -> str:
    """The prompt as the model sees it when answering: its chat template, or the plain layout after BOS."""
    messages = example.as_messages()
    if getattr(tokenizer, "chat_template", None):
        return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    return bos_prefix(tokenizer) + render_plain(messages)


def target_text(example: ChatExample, prompt: str, tokenizer: Any) -> str:
    """The answer plus whatever ends an assistant turn (the template's end marker, or EOS)."""
    if getattr(tokenizer, "chat_template", None):
        full = tokenizer.apply_chat_template([*example.as_messages(), {"role": "assistant", "content": example.answer}],
                                             tokenize=False)
        if full.startswith(prompt):
            return full[len(prompt):]
    return " " + example.answer + (tokenizer.eos_token or "")


def encode_chat(example: ChatExample, tokenizer: Any, max_length: int) -> tuple[list[int], list[int]]:
    """(input ids, labels) with prompt tokens masked; long prompts lose their start, never the answer's."""
    prompt = prompt_text(example, tokenizer)
    prompt_ids = tokenizer(prompt, add_special_tokens=False, verbose=False)["input_ids"]
    target_ids = tokenizer(target_text(example, prompt, tokenizer), add_special_tokens=False)["input_ids"]
    target_ids = target_ids[: max_length - 8]
    prompt_ids = prompt_ids[-(max_length - len(target_ids)):]
    return prompt_ids + target_ids, [IGNORE] * len(prompt_ids) + target_ids


def encode_example(record: dict | ChatExample, tokenizer: Any, max_length: int,
                   max_passage_chars: int | None = None) -> tuple[list[int], list[int]]:
    return encode_chat(as_example(record, max_passage_chars), tokenizer, max_length)


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


def answer_loss(model: Any, batch: dict) -> tuple[Any, int]:
    """(mean cross-entropy over the answer tokens, their count); logits only where a label is learned.

    Equal to ``model(**batch).loss`` for a causal LM (the decoder, the output layer, the logit soft-cap).
    """
    import torch.nn.functional as F

    causal = model.get_base_model() if hasattr(model, "get_base_model") else model
    hidden = causal.get_decoder()(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"],
                                  use_cache=False).last_hidden_state  # [B, T, H]
    targets = batch["labels"][:, 1:]  # position t predicts token t + 1
    keep = targets != IGNORE  # [B, T-1]
    logits = causal.get_output_embeddings()(hidden[:, :-1][keep])  # [N, V]: answer positions only
    cap = getattr(causal.config, "final_logit_softcapping", None)
    if cap:
        logits = (logits / cap).tanh() * cap
    return F.cross_entropy(logits.float(), targets[keep]), int(keep.sum())


def mean_loss(model: Any, examples: Sequence, batch_size: int, pad_id: int, device: str) -> float:
    """Token-weighted mean answer loss over ``examples`` without gradients."""
    import torch

    total, count = 0.0, 0
    was_training = model.training
    model.eval()
    with torch.no_grad():
        for batch in batches(examples, batch_size, pad_id):
            batch = {k: v.to(device) for k, v in batch.items()}
            loss, n = answer_loss(model, batch)
            total += float(loss) * n
            count += n
    model.train(was_training)
    return total / max(count, 1)

