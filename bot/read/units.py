"""A value read from a passage, written in the asker's language: "4 倍" -> "4×", "3.5小时" -> "3.5 hours",
"40 万" -> "400,000" for an English question; "3.5 hours" -> "3.5 小时" for a Chinese one. Pure.

Only the units after a number change; names, versions and anything else stay as the source wrote them (the quote
under the answer keeps the original).
"""

from __future__ import annotations

import re

from bot.types import Lang

_NUM = r"(\d+(?:\.\d+)?)"
_ZH_TO_EN = (
    (re.compile(_NUM + r"\s*倍"), lambda m: f"{m.group(1)}×"),
    (re.compile(_NUM + r"\s*个?小时"), lambda m: f"{m.group(1)} hours"),
    (re.compile(_NUM + r"\s*分钟"), lambda m: f"{m.group(1)} minutes"),
    (re.compile(_NUM + r"\s*秒"), lambda m: f"{m.group(1)} s"),
    (re.compile(_NUM + r"\s*天"), lambda m: f"{m.group(1)} days"),
    (re.compile(_NUM + r"\s*(?:个)?(?:星期|周)"), lambda m: f"{m.group(1)} weeks"),
    (re.compile(_NUM + r"\s*(万|亿)"), lambda m: _scaled(m.group(1), 1e4 if m.group(2) == "万" else 1e8)),
    (re.compile(_NUM + r"\s*([kmbt]?)\s*(?:个|条|张|块|份|篇|项|种)(?![\u4e00-\u9fff])", re.I), lambda m: m.group(1) + m.group(2)),
    (re.compile(r"(?<=[\d,kmbtn])\s*(?:个)?参数量?(?![\u4e00-\u9fff])", re.I), lambda m: " parameters"),  # "800亿参数"
)
_EN_TO_ZH = (
    (re.compile(_NUM + r"\s*(?:hours?|hrs?)\b", re.I), lambda m: f"{m.group(1)} 小时"),
    (re.compile(_NUM + r"\s*(?:minutes?|mins?)\b", re.I), lambda m: f"{m.group(1)} 分钟"),
    (re.compile(_NUM + r"\s*days?\b", re.I), lambda m: f"{m.group(1)} 天"),
    (re.compile(_NUM + r"\s*weeks?\b", re.I), lambda m: f"{m.group(1)} 周"),
    (re.compile(_NUM + r"\s*times\b", re.I), lambda m: f"{m.group(1)} 倍"),
)


def _scaled(number: str, factor: float) -> str:
    value = float(number) * factor
    if value >= 1e9:  # "800亿" -> "80 billion": easier to read than eleven digits
        return f"{value / 1e9:g} billion"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def in_language(value: str, lang: Lang) -> str:
    """``value`` with the units after its numbers in ``lang`` (see the module docstring)."""
    rules = _ZH_TO_EN if lang == "en" else _EN_TO_ZH
    for pattern, write in rules:
        value = pattern.sub(write, value)
    return value
