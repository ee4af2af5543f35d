"""The advisor: from a question (plus earlier questions and retrieved passages) to a complete draft answer.

Works with no language model: the rule table decides, the message table words it, and retrieved
passages are quoted, never paraphrased. Total: any text in, a Draft out.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import (
    dataclass,
)
from typing import Literal

from bot import cues
from bot.compose import cost_text, quote_text, situation_text
from bot.costs import format_price_table, parse_cost_question
from bot.factual import best_quote, builtin_fact
from bot.intent import classify, is_empty
from bot.messages import t
from bot.recommend import recommend
from bot.situation import Situation, extract_situation, situation_from_history
from bot.types import Lang, Recommendation
from knowledge.lang import is_foreign, normalize
from knowledge.types import Hit

log = logging.getLogger(__name__)

MAX_INPUT_CHARS = 10_000  # longer messages get a short "please ask in a few sentences" reply
DraftKind = Literal["situation", "factual", "cost", "greeting", "empty", "unknown"]


@dataclass(frozen=True)
class Draft:
    text: str  # the full answer in ``lang``
    kind: DraftKind
    recommendation: Recommendation | None
    situation: Situation
    quoted: tuple[Hit, ...]  # hits whose text the answer quotes (the cited sources)


def advise(question: str, lang: Lang, hits: Sequence[Hit], rag: bool, history: Sequence[str] = ()) -> Draft:
    """Answer ``question`` in ``lang``. ``hits`` are relevant passages (ignored when ``rag`` is False);
    ``history`` holds the user's earlier questions in this chat, oldest first."""
    lang = lang if lang in ("zh", "en") else "en"
    question = question if isinstance(question, str) else ""
    history = [h for h in history if isinstance(h, str)]
    hits = tuple(hits) if rag else ()
    if is_empty(question):
        return _short(lang, "empty", "empty")
    if len(question) > MAX_INPUT_CHARS:
        return _short(lang, "too_long", "unknown")
    kind = classify(question, history)
    log.debug("question classified as %s", kind)
    if is_foreign(question) and kind not in ("situation", "cost"):
        return _short(lang, "foreign", "unknown")
    if kind == "greeting":
        return _short(lang, "greeting", "greeting")
    if kind == "situation":
        return _situation(question, lang, hits, rag, history)
    if kind == "cost":
        return _cost(question, lang, rag)
    if kind == "factual" or hits:
        return _factual(question, lang, hits, rag, kind)
    if cues.QUESTION.search(normalize(question).lower()):
        return Draft(t(lang, "fact_none") + " " + t(lang, "fact_scope"), "unknown", None, Situation(), ())
    return _short(lang, "unknown", "unknown")


def _short(lang: Lang, key: str, kind: DraftKind) -> Draft:
    return Draft(f"{t(lang, key)} {t(lang, 'help')}", kind, None, Situation(), ())


def _situation(question: str, lang: Lang, hits: tuple[Hit, ...], rag: bool, history: Sequence[str]) -> Draft:
    s = situation_from_history(history, question)
    rec = recommend(s, lang)
    text, quoted = situation_text(question, s, rec, lang, hits, rag)
    return Draft(text, "situation", rec, s, quoted)


def _cost(question: str, lang: Lang, rag: bool) -> Draft:
    query = parse_cost_question(question)
    s = extract_situation(question)
    if query is None:  # classify said cost, so this does not happen; answer with the price table anyway
        return Draft(format_price_table(lang), "cost", None, s, ())
    text = cost_text(query, question, lang)
    if not rag:
        text = t(lang, "mode_prompt_only") + "\n" + text
    return Draft(text, "cost", None, s, ())


def _factual(question: str, lang: Lang, hits: tuple[Hit, ...], rag: bool, kind: DraftKind) -> Draft:
    s = extract_situation(question)
    out_kind: DraftKind = "factual" if kind == "factual" else "unknown"
    if not rag:
        found = builtin_fact(question)
        if found is None:
            return Draft(t(lang, "fact_needs_rag"), out_kind, None, s, ())
        key, fact = found
        text = t(lang, "fact_builtin", fact=t(lang, key)) + " " + t(lang, "fact_tag", fact=fact)
        return Draft(text, "factual", None, s, ())
    quote = best_quote(question, hits, lang)
    if quote is None:
        return Draft(t(lang, "fact_none") + " " + t(lang, "fact_scope"), out_kind, None, s, ())
    return Draft(quote_text(quote, lang), "factual", None, s, (quote.hit,))
