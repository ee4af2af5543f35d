"""Typed records of the understanding stage: the situation's slots, where each came from, and the intent."""

from __future__ import annotations

from dataclasses import (
    dataclass,
    field,
    fields,
    replace,
)
from typing import Literal

Intent = Literal["situation", "factual", "cost", "meta", "off_topic", "empty"]
INTENTS: tuple[Intent, ...] = ("situation", "factual", "cost", "meta", "off_topic")
Deadline = Literal["today", "week", "quarter"]
Compute = Literal["none", "consumer", "ample"]

RMB_PER_USD = 7.2  # rough exchange rate used to compare a budget in yuan with dollar prices
USD_PER_EUR = 1.08


@dataclass(frozen=True)
class Situation:
    """Facts stated by the user; ``None`` means "not said" (or retracted), ``False`` means "said not"."""

    examples: int | None = None  # labelled training examples; "no data" -> 0
    knowledge_changes: bool | None = None  # knowledge changes often / must be current
    needs_format: bool | None = None  # fixed style, tone, format, JSON, brand voice
    domain_terms: bool | None = None  # medical / legal / financial / specialised terminology
    gpu_memory_gb: float | None = None  # per card
    model_size_b: float | None = None  # parameters, in billions
    budget_usd: float | None = None  # converted from yuan / euros when given so (see budget_rmb)
    deadline: Deadline | None = None
    privacy_blocked: bool | None = None  # private data that cannot be anonymized or leave the premises
    high_volume: bool | None = None  # e.g. thousands of calls a day or more
    long_prompt: bool | None = None  # long few-shot prompts
    low_latency: bool | None = None
    multi_step: bool | None = None  # multi-step reasoning / chain of thought
    novel_architecture: bool | None = None  # a new architecture or one's own foundation model
    compute: Compute | None = None
    budget_rmb: float | None = None  # the budget as stated in yuan, when it was
    budget_low: bool | None = None  # "tight budget" / "预算不多" without a figure: a soft signal
    documents: bool | None = None  # answers should come from documents / a knowledge base
    gpu_count: int | None = None
    four_bit_ok: bool | None = None  # 4-bit quantization is acceptable
    calls_per_month: int | None = None  # stated call volume, per month
    prompt_tokens: int | None = None  # stated prompt length in tokens

    def known(self) -> dict:
        """The fields that are set, by name."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}


SLOT_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Situation))


@dataclass(frozen=True)
class Slot:
    """One fact read from the conversation: its value and the words it came from."""

    value: object
    source: str  # the user's words ("3000 条标注好的客服对话")

    def to_json(self) -> dict:
        return {"value": self.value, "from": self.source}


@dataclass(frozen=True)
class CostQuery:
    """A training-cost question: what it names (None = not said)."""

    model: str | None  # a key of the price table when known; otherwise the name as written
    examples: int | None
    avg_tokens: int | None
    epochs: int = 3
    epochs_stated: bool = False
    also: tuple[str, ...] = ()  # "…on gpt-4o-mini? and with gpt-4o?": other priced models the same message asks about


@dataclass(frozen=True)
class Change:
    """What a turn did to one slot: set (new or replaced), added to, or cleared."""

    slot: str
    kind: Literal["set", "add", "clear"]
    before: object
    after: object


@dataclass(frozen=True)
class Understanding:
    """Everything the later stages need from the question and the conversation so far."""

    question: str
    lang: Literal["zh", "en"]
    intent: Intent
    slots: dict[str, Slot] = field(default_factory=dict)  # the conversation state after this turn
    cost: CostQuery | None = None  # this turn's cost question (follow-ups filled from the last one)
    changes: tuple[Change, ...] = ()  # what this turn changed in the state
    asked: dict[str, Slot] = field(default_factory=dict)  # the facts this message itself states, whatever its intent
    intent_scores: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def situation(self) -> Situation:
        return Situation(**{name: slot.value for name, slot in self.slots.items() if slot.value is not None})

    def situation_json(self) -> dict:
        return {name: slot.to_json() for name, slot in self.slots.items() if slot.value is not None}

    def with_slots(self, slots: dict[str, Slot]) -> Understanding:
        return replace(self, slots=dict(slots))


EventKind = Literal["set", "add", "scale", "clear", "clear_topic"]


@dataclass(frozen=True)
class Event:
    """What one clause says about one slot: set a value, add to or scale a count, clear it, or clear what the last
    turn said about a topic ("clear_topic", slot "*")."""

    slot: str
    kind: EventKind
    value: object
    source: str
