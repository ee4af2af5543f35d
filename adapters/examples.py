"""Training examples as chat turns plus the answer to learn, from advice records or a user's own JSONL file.

A user's file holds one JSON object a line, either chat format
``{"messages": [{"role": "system"|"user"|"assistant", "content": "..."}, ...]}`` (the last message is the
assistant's answer to learn) or ``{"prompt": "...", "response": "..."}``. Bad lines are reported by number.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import (
    dataclass,
)
from pathlib import Path

from bot.backends.base import GenerationRequest
from bot.backends.prompting import build_messages
from bot.errors import InputError
from knowledge.types import Chunk, Hit

ROLES = ("system", "user", "assistant")
MAX_ERRORS = 5  # bad lines listed in one message


@dataclass(frozen=True)
class ChatExample:
    """The conversation before the answer, and the answer (the only tokens the loss is taken on)."""

    messages: tuple[tuple[str, str], ...]  # (role, content), ending with a user turn
    answer: str

    def as_messages(self) -> list[dict[str, str]]:
        return [{"role": role, "content": content} for role, content in self.messages]


def advice_request(record: dict) -> GenerationRequest:
    """The request an advice adapter sees for a record: the question, and quoted passages when it has them."""
    passages = tuple(
        Hit(Chunk(id=i, text=p["text"], source=p["source"], title=p.get("title", ""), position=0,
                  lang=record["lang"]), float(p.get("score", 0.0)))
        for i, p in enumerate(record.get("passages", ()))
    )
    return GenerationRequest(question=record["question"], lang=record["lang"], draft="", recommendation=None,
                             passages=passages, reading=record.get("reading", ""))


def from_advice(record: dict, max_passage_chars: int | None = None, include_system: bool = True,
                include_reading: bool = False) -> ChatExample:
    """An advice record: system prompt (unless left out) + the facts read (if asked) + question (+ passages),
    without the advisor's decision."""
    messages = build_messages(advice_request(record), include_decision=False, max_passage_chars=max_passage_chars,
                              include_system=include_system, include_reading=include_reading)
    return ChatExample(tuple((m["role"], m["content"]) for m in messages), record["answer"])


def _parse(item: object) -> ChatExample:
    """One object of a user's file, or ValueError saying what is wrong with it."""
    if not isinstance(item, dict):
        raise ValueError("expected a JSON object")
    if "messages" in item:
        turns = item["messages"]
        if not isinstance(turns, list) or len(turns) < 2:
            raise ValueError('"messages" must be a list of at least a user and an assistant message')
        pairs = []
        for turn in turns:
            if not isinstance(turn, dict) or turn.get("role") not in ROLES or not isinstance(turn.get("content"), str):
                raise ValueError(f'every message needs "role" ({", ".join(ROLES)}) and a string "content", got {turn!r:.80}')
            pairs.append((turn["role"], turn["content"]))
        if pairs[-1][0] != "assistant" or not pairs[-1][1].strip():
            raise ValueError("the last message must be a non-empty assistant answer")
        if pairs[-2][0] != "user":
            raise ValueError("the assistant answer must follow a user message")
        return ChatExample(tuple(pairs[:-1]), pairs[-1][1].strip())
    prompt, response = item.get("prompt"), item.get("response")
    if isinstance(prompt, str) and isinstance(response, str) and prompt.strip() and response.strip():
        return ChatExample((("user", prompt.strip()),), response.strip())
    raise ValueError('expected {"messages": [...]} or non-empty string "prompt" and "response"')


def read_train_file(path: str | Path) -> list[ChatExample]:
    """Every example of a user's JSONL file; InputError naming the first bad lines (nothing is skipped)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the training file {str(path)!r}: {exc}") from exc
    examples: list[ChatExample] = []
    errors: list[str] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            examples.append(_parse(json.loads(line)))
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            errors.append(f"line {n}: {exc}")
    if errors:
        more = f" (and {len(errors) - MAX_ERRORS} more)" if len(errors) > MAX_ERRORS else ""
        raise InputError(f"the training file {str(path)!r} has bad lines: " + "; ".join(errors[:MAX_ERRORS]) + more)
    if len(examples) < 2:
        raise InputError(f"the training file {str(path)!r} needs at least 2 examples (1 for validation), "
                         f"found {len(examples)}")
    return examples


def split(examples: Sequence[ChatExample], val_fraction: float, seed: int) -> tuple[list, list]:
    """Shuffled (train, validation); validation keeps at least one example."""
    import random

    order = list(examples)
    random.Random(seed).shuffle(order)
    n_val = min(len(order) - 1, max(1, round(len(order) * val_fraction)))
    return order[n_val:], order[:n_val]
