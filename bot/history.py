"""Conversation text for generation: the earlier turns an LLM is shown, and the sections a template answer
streams in. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence

MAX_HISTORY_CHARS = 6000  # earlier turns given to an LLM backend, newest first (a small model's context)


def split_sections(text: str) -> list[str]:
    """The built-in answer's sections (paragraphs, lists, tables), in order: what streams one at a time."""
    return [part for part in re.split(r"\n\s*\n", text) if part.strip()] or [text]


def trim_history(history: Sequence[tuple[str, str]], max_chars: int = MAX_HISTORY_CHARS) -> tuple[tuple[str, str], ...]:
    """The most recent turns that fit in ``max_chars``, dropping the oldest first. The system prompt is added by the
    backend and the decision travels in the conversation state, so neither is ever dropped."""
    kept: list[tuple[str, str]] = []
    used = 0
    for user, assistant in reversed(tuple(history)):
        used += len(user) + len(assistant)
        if kept and used > max_chars:
            break
        kept.append((user, assistant))
    return tuple(reversed(kept))
