"""Deciding: an ``Understanding`` -> a ``Decision`` (the rule table's recommendation, or the cost estimate).

Entered once per answer, fed only by the understanding; the rule table itself is in ``bot.decide.rules``.
"""

from __future__ import annotations

from dataclasses import (
    dataclass,
)

from bot.decide.costs import OPENAI_PRICES, CostEstimate, estimate_openai
from bot.decide.rules import recommend
from bot.types import Lang, Recommendation
from bot.understand.types import CostQuery, Intent, Situation, Understanding


@dataclass(frozen=True)
class Decision:
    intent: Intent
    situation: Situation
    recommendation: Recommendation | None = None  # situation questions
    cost: CostQuery | None = None  # cost questions, as understood
    estimate: CostEstimate | None = None  # when the cost question names everything the arithmetic needs
    previous: Recommendation | None = None  # the advice before this turn's changes (to say what moved)


def decide(u: Understanding, lang: Lang | None = None, before: Understanding | None = None) -> Decision:
    """The recommendation for a situation, or the estimate for a cost question; nothing for other intents.
    ``before`` is the understanding this turn changed (the previous turn, or the same turn before a hand edit)."""
    lang = lang or u.lang
    s = u.situation
    if u.intent == "situation":
        previous = recommend(before.situation, lang) if before is not None and before.slots and u.changes else None
        return Decision(u.intent, s, recommendation=recommend(s, lang), previous=previous)
    if u.intent == "cost" and u.cost is not None:
        q = u.cost
        estimate = None
        if q.model in OPENAI_PRICES and q.examples and q.avg_tokens:
            estimate = estimate_openai(q.model or "", q.examples, q.avg_tokens, q.epochs)
        return Decision(u.intent, s, cost=q, estimate=estimate)
    return Decision(u.intent, s)
