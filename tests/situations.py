"""Test shorthands over the understanding stage: the situation of one message, and of a conversation."""

from __future__ import annotations

from dataclasses import fields

from bot.understand import Situation, read_situation, replay


def extract_situation(text: str, lang: str | None = None) -> Situation:
    return read_situation(text)


def merge(earlier: Situation, later: Situation) -> Situation:
    return Situation(**{**earlier.known(), **later.known()})


def situation_from_history(turns, question: str) -> Situation:
    state = replay([*turns, question] if question else list(turns))
    return state.situation if state is not None else Situation()


__all__ = ["Situation", "extract_situation", "fields", "merge", "situation_from_history"]
