"""The things a message wants written, and counts of the same things already at hand: "we have 800 reports … we'd
like a model to draft new reports in that style" counts examples of the output, not documents to search. Pure."""

from __future__ import annotations

import re

from bot.understand.numbers import quantities
from bot.understand.types import Event

# "a model to draft new reports", "something that writes the estimates", "帮我们写新的报告"
_WRITES_NEW = re.compile(r"\b(?:draft|drafts|drafting|write|writes|writing|generate|generates|generating|produce|produces|compose|composes|"
                         r"turn out|churn out)\s+(?:new|fresh|future|more|similar|the|our|those|these|such)\s+(?:[a-z-]+\s+){0,2}?([a-z-]{3,}s)\b|"
                         r"(?:写|起草|生成|撰写)(?:新的|新|类似的|同样的)([\u4e00-\u9fff]{2,4})")


def counted_outputs(text: str, events: list[Event]) -> list[Event]:
    """``events`` with a documents fact read from a count of the very things the message wants written turned into
    that many examples (only when no count of examples was read)."""
    if any(e.slot == "examples" for e in events) or not any(e.slot == "documents" and e.value is True for e in events):
        return events
    for want in _WRITES_NEW.finditer(text):
        noun = want.group(1) or want.group(2)
        for q in quantities(text[: want.start()]):
            after = text[q.end : q.end + 40]
            if q.vague or q.value < 10 or not (re.match(r"\s*k?\+?\s+(?:[a-z-]+\s+){0,2}?" + re.escape(noun) + r"\b", after)
                                               or re.match(r"\s*(?:份|篇|条|个)?(?:[\u4e00-\u9fff]{0,4})?" + re.escape(noun), after)):
                continue
            source = text[q.start : q.end + 24]
            kept = [e for e in events if not (e.slot == "documents" and e.value is True and _holds(text, e, q.start))]
            if len(kept) == len(events):
                continue  # the documents were read from other words: they stay
            return kept + [Event("examples", "set", int(q.value), source)]
    return events


def _holds(text: str, e: Event, at: int) -> bool:
    """Whether the words ``e`` was read from cover offset ``at`` of ``text``."""
    start = text.find(e.source) if e.source else -1
    return 0 <= start <= at < start + len(e.source)
