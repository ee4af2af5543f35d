"""Deciding: an ``Understanding`` -> a ``Decision`` (the rule table's recommendation, or the cost estimate).

Entered once per answer, fed only by the understanding; the rule table itself is in ``bot.decide.rules``.
"""

from __future__ import annotations

import re
from dataclasses import (
    dataclass,
)

from bot.decide.costs import OPENAI_PRICES, CostEstimate, estimate_openai
from bot.decide.memory import MemoryBar, Method, estimate_memory
from bot.decide.rules import recommend
from bot.types import Lang, Recommendation
from bot.understand.text import prepare
from bot.understand.types import CostQuery, Intent, Situation, Understanding

MEMORY_ASK = re.compile(r"vram|显存|gpu memory|\bmemory\b|内存|多少\s*g\b|how many gb|\bgb\b.*\?|多大(?:的)?(?:卡|显卡)|what gpu|哪(?:种|张)卡")
_METHODS: tuple[tuple[re.Pattern, Method], ...] = (
    (re.compile(r"qlora|4[- ]?bit|4\s*位|量化"), "qlora"),
    (re.compile(r"\blora\b"), "lora"),
    (re.compile(r"full(?:[- ]parameter)? fine-?tun|全量|全参"), "full_finetune"),
)


def _method(question: str) -> Method | None:
    low = prepare(question)
    return next((method for pattern, method in _METHODS if pattern.search(low)), None)


@dataclass(frozen=True)
class Decision:
    intent: Intent
    situation: Situation
    recommendation: Recommendation | None = None  # situation questions
    cost: CostQuery | None = None  # cost questions, as understood
    estimate: CostEstimate | None = None  # when the cost question names everything the arithmetic needs
    also: tuple[CostEstimate, ...] = ()  # the same run on the other models the question asks about
    previous: Recommendation | None = None  # the advice before this turn's changes (to say what moved)
    memory: tuple[MemoryBar, ...] = ()  # "how much VRAM to LoRA a 7B model?": the estimate per method
    memory_method: Method | None = None  # the method the question names, if one


def decide(u: Understanding, lang: Lang | None = None, before: Understanding | None = None) -> Decision:
    """The recommendation for a situation, or the estimate for a cost question; nothing for other intents.
    ``before`` is the understanding this turn changed (the previous turn, or the same turn before a hand edit)."""
    lang = lang or u.lang
    s = u.situation
    if u.intent == "situation":
        previous = recommend(before.situation, lang) if before is not None and before.slots and u.changes else None
        return Decision(u.intent, s, recommendation=recommend(s, lang), previous=previous)
    size = u.asked.get("model_size_b")
    if u.intent == "factual" and size is not None and MEMORY_ASK.search(prepare(u.question)):
        return Decision(u.intent, s, memory=estimate_memory(float(size.value)), memory_method=_method(u.question))
    if u.intent == "cost" and u.cost is not None:
        q = u.cost
        estimate = None
        if q.model in OPENAI_PRICES and q.examples and q.avg_tokens:
            estimate = estimate_openai(q.model or "", q.examples, q.avg_tokens, q.epochs)
        also = tuple(estimate_openai(m, q.examples, q.avg_tokens, q.epochs) for m in q.also if m in OPENAI_PRICES) \
            if estimate is not None else ()
        return Decision(u.intent, s, cost=q, estimate=estimate, also=also)
    return Decision(u.intent, s)
