"""Translation directions: "en→ja", "英译日", "Japanese to English". A question about one direction is not
answered by the table or sentence of the other. Pure; part of reading (``bot.read.reader``)."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.read.candidate import Candidate
from bot.understand.text import prepare

DIRECTION = 0.4  # the score a candidate gains in the asked direction, and loses in the reverse one

_LANGUAGES = {
    "en": ("en", "eng", "english", "英", "英文", "英语"),
    "zh": ("zh", "cn", "chinese", "中", "中文", "汉语", "汉"),
    "ja": ("ja", "jp", "japanese", "日", "日文", "日语"),
    "de": ("de", "german", "德", "德文", "德语"),
    "fr": ("fr", "french", "法", "法文", "法语"),
    "ko": ("ko", "korean", "韩", "韩文", "韩语"),
    "ru": ("ru", "russian", "俄", "俄文", "俄语"),
    "es": ("es", "spanish", "西", "西语", "西班牙语"),
}
_CODE = {name: code for code, names in _LANGUAGES.items() for name in names}
_NAME = "|".join(sorted((re.escape(n) for n in _CODE), key=len, reverse=True))
# "en→ja", "en-ja", "en2ja", "english to japanese", "英译日", "中翻英", "英文到日文"; the names stand alone
_PAIR = re.compile(rf"(?<![a-z0-9])({_NAME})\s*(?:→|->|=>|-|2|\bto\b|译成?|翻译?成?|翻到|到)\s*({_NAME})(?![a-z0-9])")


def directions(text: str) -> frozenset[tuple[str, str]]:
    """The (source, target) language pairs ``text`` names."""
    found = set()
    for m in _PAIR.finditer(prepare(text)):
        src, tgt = _CODE[m.group(1)], _CODE[m.group(2)]
        if src != tgt:
            found.add((src, tgt))
    return frozenset(found)


def oriented(cand: Candidate, asked: frozenset[tuple[str, str]]) -> Candidate:
    """``cand`` scored up when its passage's section, its table's caption or its own words state a direction the
    question asks, down when they state only the reverse."""
    if not asked:
        return cand
    stated = directions(f"{cand.hit.chunk.meta.get('section', '')} {cand.text} {cand.row} {cand.column}")
    if stated & asked:
        return replace(cand, score=cand.score + DIRECTION)
    if stated and {(b, a) for a, b in asked} & stated:
        return replace(cand, score=cand.score - DIRECTION)
    return cand
