"""What kind of question is this: a situation to advise on, a fact, a cost estimate, a greeting? Pure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from bot import cues
from bot.costs import parse_cost_question
from bot.situation import extract_situation, situation_from_history
from knowledge.lang import normalize

Intent = Literal["situation", "factual", "cost", "greeting", "empty", "unknown"]
MAX_CLASSIFY_CHARS = 4000


def is_empty(text: str) -> bool:
    """True when nothing readable is left: whitespace, punctuation, emoji or invisible characters only."""
    return not any(ch.isalnum() for ch in normalize(text or ""))


def classify(text: str, history: Sequence[str] = ()) -> Intent:
    """Classify ``text``; ``history`` (the user's earlier questions) lets a bare follow-up count as a situation."""
    if is_empty(text):
        return "empty"
    low = normalize(text)[:MAX_CLASSIFY_CHARS].strip().lower()
    if cues.GREETING.match(low):
        return "greeting"
    if parse_cost_question(low) is not None:
        return "cost"
    facts = extract_situation(low).known()
    facts.pop("compute", None) if "gpu_memory_gb" in facts else None  # derived from the GPU, not a second fact
    topic = bool(cues.TOPIC.search(low))
    if cues.DECISION.search(low) and (facts or topic):
        return "situation"
    if history and situation_from_history(history, "").known():
        if facts or (cues.FOLLOW_UP.search(low) and not cues.QUANTITY_QUESTION.search(low)):
            return "situation"
    if facts and cues.PERSONAL.search(low):
        return "situation"
    is_question = bool(cues.QUESTION.search(low))
    if len(facts) >= 2 or (facts and not is_question):
        return "situation"
    if is_question and topic:
        return "factual"
    if topic:
        return "factual"
    return "unknown"
