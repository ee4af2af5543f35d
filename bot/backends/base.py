"""What every generation backend receives and must provide."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import (
    dataclass,
    replace,
)
from typing import Protocol

from bot.types import Lang, Recommendation
from knowledge.types import Hit


@dataclass(frozen=True)
class GenerationRequest:
    """Everything a backend may use. ``passages`` is empty when RAG is off."""

    question: str
    lang: Lang
    draft: str  # the advisor's own complete answer (what the template backend returns)
    recommendation: Recommendation | None
    passages: tuple[Hit, ...] = ()
    history: tuple[tuple[str, str], ...] = ()  # (user, assistant) turns, oldest first
    adapter: str | None = None  # adapter folder to apply, if the backend supports adapters
    reading: str = ""  # the facts the advisor read from the conversation ("examples=3000; needs_format=yes")


class Backend(Protocol):
    name: str

    def generate(self, request: GenerationRequest) -> str: ...

    def stream(self, request: GenerationRequest) -> Iterator[str]: ...


class TemplateBackend:
    """The default: returns the advisor's draft. Needs no model, answers in microseconds."""

    name = "template"

    def generate(self, request: GenerationRequest) -> str:
        return request.draft

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        yield request.draft


class PromptOnly:
    """A backend shown only the question (and passages): the advisor's decision and draft are withheld.

    What prompting a model gives on its own, for the base columns of Compare and for evaluations.
    """

    def __init__(self, inner: Backend):
        self.inner = inner
        self.name = inner.name

    @staticmethod
    def _bare(request: GenerationRequest) -> GenerationRequest:
        return replace(request, draft="", recommendation=None, adapter=None, reading="")

    def generate(self, request: GenerationRequest) -> str:
        return self.inner.generate(self._bare(request))

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        return self.inner.stream(self._bare(request))
