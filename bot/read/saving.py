"""Savings and totals: "节约9.4小时" is what one thing saves over another, "49.7 hours" is how long it takes. A question
asking what is saved ("how many hours does X save", "省了多少钱") is answered by a saving; one asking how long or how
much, by the total. Pure; part of reading (``bot.read.reader``)."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.read.candidate import Candidate
from bot.understand.text import prepare

SAVING = 0.5  # what a stated saving gains when one is asked, and loses when a total is
_ASKS = re.compile(r"\b(?:save[sd]?|saving|savings|reduc\w*)\b|节约|节省|省了|省下|省多少|减少了?多少|少了多少")
_SAID = re.compile(r"(?:节约|节省|省了|省下|减少了?|降低了?|\bsav(?:e[sd]?|ing|ings)\b|\breduc(?:e[sd]?|es|ing|tion)\b)"
                   r"\s*(?:了|约|大约|\babout\b|\baround\b|\bby\b|\bof\b|\bup to\b|~)?\s*$")
_NAMED = re.compile(r"\b(?:sav(?:e[sd]?|ing|ings)|reduc\w*|speed-?ups?|diff\w*|delta)\b|节约|节省|减少|降低|差")


def asks_saving(question: str) -> bool:
    """Whether ``question`` asks what is saved."""
    return bool(_ASKS.search(prepare(question)))


def weighed(cand: Candidate, asks: bool) -> Candidate:
    """``cand`` scored up when it states a saving that is asked, down when it states one while a total is asked, and
    down a little when a saving is asked and a table cell names none."""
    if cand.kind == "cell":
        if asks and not _NAMED.search(prepare(f"{cand.row} {cand.column}")):
            return replace(cand, score=cand.score - SAVING / 2)
        return cand
    if not cand.value:
        return cand
    low, value = prepare(cand.text), prepare(cand.value)
    at = low.find(value)
    if at < 0 or not _SAID.search(low[max(0, at - 14) : at]):
        return cand
    return replace(cand, score=cand.score + (SAVING if asks else -SAVING))
