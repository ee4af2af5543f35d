"""Typed records of the chat pipeline: modes, recommendations and answers."""

from __future__ import annotations

from dataclasses import (
    dataclass,
    field,
)
from typing import Literal

from bot.understand.types import Understanding
from knowledge.types import Hit

Label = Literal["prompt", "rag", "lora", "qlora", "full_finetune", "from_scratch", "hybrid"]
LABELS: tuple[Label, ...] = ("prompt", "rag", "lora", "qlora", "full_finetune", "from_scratch", "hybrid")
Lang = Literal["zh", "en"]


@dataclass(frozen=True)
class Mode:
    """How to answer: with retrieval or not, through an adapter (folder path) or not."""

    rag: bool = True
    adapter: str | None = None

    @property
    def name(self) -> str:
        if self.adapter:
            return "rag+adapter" if self.rag else "adapter"
        return "rag" if self.rag else "prompt"

    def to_json(self) -> dict:
        return {"rag": self.rag, "adapter": self.adapter, "name": self.name}


@dataclass(frozen=True)
class Reason:
    """One rule that decided the recommendation, with the fact (note file) it rests on."""

    text: str
    fact: str = ""  # corpus note file name the rule comes from, e.g. "decision-tree.md"


@dataclass(frozen=True)
class Recommendation:
    label: Label
    reasons: tuple[Reason, ...]
    next_steps: tuple[str, ...] = ()
    change_if: tuple[str, ...] = ()
    clarify: str | None = None  # one short question when the decision lacks a key fact


@dataclass(frozen=True)
class Source:
    source: str
    title: str
    text: str
    score: float

    @classmethod
    def from_hit(cls, hit: Hit) -> Source:
        return cls(source=hit.chunk.source, title=hit.chunk.title, text=hit.chunk.text, score=round(hit.score, 4))

    def to_json(self) -> dict:
        return {"source": self.source, "title": self.title, "text": self.text, "score": self.score}


@dataclass(frozen=True)
class Answer:
    text: str
    language: Lang
    recommendation: Recommendation | None
    sources: tuple[Source, ...]
    mode: Mode
    timings_ms: dict[str, float] = field(default_factory=dict)
    backend: str = "template"
    warnings: tuple[str, ...] = ()
    understanding: Understanding | None = None  # what was read: the conversation state for the next turn

    @property
    def reasons(self) -> list[str]:
        return [r.text for r in self.recommendation.reasons] if self.recommendation else []
