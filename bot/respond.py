"""One turn on plain data: understand -> decide -> read -> compose, each stage entered once. Pure.

``Pipeline.ask`` does the I/O around it (retrieval, generation backends); tests and the adapter dataset call it
with passages they built themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import (
    dataclass,
    replace,
)

from bot.compose import compose
from bot.decide import Decision, decide
from bot.read import Evidence, read, support
from bot.types import Lang, Recommendation
from bot.understand import Understanding, understand, with_overrides
from knowledge.types import Hit

Lookup = Callable[[str], Sequence[Hit]]  # more passages for a query (the reasons behind a recommendation)


@dataclass(frozen=True)
class Draft:
    text: str  # the full template answer in ``lang``
    understanding: Understanding
    decision: Decision
    evidence: Evidence | None
    quoted: tuple[Hit, ...]  # the passages the answer quotes (its citations)

    @property
    def kind(self) -> str:
        return self.understanding.intent

    @property
    def lang(self) -> Lang:
        return self.understanding.lang

    @property
    def recommendation(self) -> Recommendation | None:
        return self.decision.recommendation


def respond(question: str, hits: Sequence[Hit], rag: bool, state: Understanding | None = None,
            overrides: dict[str, object] | None = None, relevant: Sequence[Hit] | None = None,
            lookup: Lookup | None = None, lang: Lang | None = None) -> Draft:
    """Answer one turn. ``hits`` are the retrieved passages (best first), ``relevant`` the ones the retriever judged
    relevant (default: all); ``state`` is the previous turn's understanding; ``lang`` overrides the language the
    answer is written in (default: the asker's)."""
    hits = tuple(hits) if rag else ()
    relevant = tuple(hits) if relevant is None else tuple(relevant) if rag else ()
    u = understand(question, state, relevant=bool(relevant))
    before = state if state is not None and state.intent == "situation" else None
    if overrides:
        before, u = u, with_overrides(u, overrides)
    if lang in ("zh", "en"):
        u = replace(u, lang=lang)
    d = decide(u, before=before)
    evidence, quotes = None, ()
    if d.recommendation is not None and rag:
        extra = tuple(lookup(" ".join(r.text for r in d.recommendation.reasons))) if lookup else ()
        quotes = support(d.recommendation.label, [*relevant, *extra], u.lang)
    elif u.intent == "factual" and rag:
        evidence = read(question, hits, relevant={id(h.chunk) for h in relevant})
    text = compose(u, d, evidence, quotes, u.lang, rag)
    quoted = tuple(q.hit for q in quotes) or (evidence.quoted if evidence else ())
    return Draft(text, u, d, evidence, quoted)


def redecide(u: Understanding, overrides: dict[str, object], rag: bool, lookup: Lookup | None = None) -> Draft:
    """The same turn with slots corrected by hand (the situation card): decide and compose again, no re-reading.
    The answer says what changed and how the advice moved."""
    edited = with_overrides(u, overrides)
    d = decide(edited, before=u)
    quotes = ()
    if d.recommendation is not None and rag and lookup is not None:
        quotes = support(d.recommendation.label, tuple(lookup(" ".join(r.text for r in d.recommendation.reasons))),
                         edited.lang)
    text = compose(edited, d, None, quotes, edited.lang, rag)
    return Draft(text, edited, d, None, tuple(q.hit for q in quotes))
