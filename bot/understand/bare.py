"""A follow-up's bare count: the number a short turn gives for the examples under discussion. Pure."""

from __future__ import annotations

import re

from bot.understand import cues
from bot.understand.numbers import quantities
from bot.understand.text import prepare
from bot.understand.types import Event

_BARE_COUNT = re.compile(
    r"(?:^|\b(?:only|had|have|just|with|to|got|down to|up to|actually|update:?|instead|make (?:it|that)|it'?s|now|correction:?|rather|more like|"
    r"typo|sorry|i mean|i meant)|只有|就|剩|有|变成|"
    r"改成|降到|涨到|其实|应该是|实际上|更正)\s*[,:：，]?\s*(?:about\s+|around\s+|~|是)?"
    r"(?P<n>\d[\d,]*(?:\.\d+)?\s*(?:thousand|million|billion|[km万千](?![a-z]))?|[一二两三四五六七八九十百千万]+)\s*"
    r"(?P<noun>(?!(?:days?|weeks?|hours?|months?|years?|minutes?|gb|gib|gpus?|cards?|epochs?|tokens?|dollars?|usd|bucks|"
    r"percent|b|params?|parameters?|grand|k|bucks|euros?|rmb|yuan)\b)[a-z]+(?:\s+in total)?\s*)?(?:$|[?？,，。!！]|\.(?!\d)|呢|了|吧|instead|of (?:them|those|these)\b)"
)


_CORRECTED = re.compile(r"(?P<n>\d[\d,.]*\s*[km万千]?|[一二两三四五六七八九十百千万]+)\s*(?:条|个|笔|份)?\s*[,，]?\s*(?:not|instead of|rather than|"
                        r"而不是|不是)\s*(?:\d[\d,.]*\s*[km万千]?|[一二两三四五六七八九十百千万]+)")


_RESTATES = re.compile(r"\b(?:actually|it'?s|update|correction|recount\w*|make (?:it|that)|now|i mean|i meant)\b")


_BARE_BUDGET = re.compile(
    r"(?:只能|只|最多|顶多|能)?(?:给|批|拨|出|花|掏|给到|批到|拨到|降到|砍到|涨到|加到|提到)了?\s*(?:我们|咱们)?\s*"
    r"(?P<n>\d[\d,]*(?:\.\d+)?\s*[km万千]?|[一二两三四五六七八九十百千万]+)\s*(?:块|元)?\s*(?:$|[?？,，。!！]|呢|了|吧)|"
    r"\b(?:cut|bumped|raised|lowered|dropped|capped|approved|gave us|give us|can (?:do|spend|give))\s+(?:it\s+|us\s+)?(?:up\s+|down\s+)?(?:to\s+)?"
    r"(?:about\s+|around\s+|~)?(?P<m>\d[\d,]*(?:\.\d+)?\s*(?:k|grand)?)\s*(?:$|[?,.!])")


def bare_budget(text: str, in_rmb: bool, rmb_per_usd: float) -> list[Event]:
    """A follow-up's bare amount for the budget under discussion ("财务刚说只能给六万", "boss cut it to 800"),
    in the currency the budget was stated in."""
    low = prepare(text).strip()
    m = _BARE_BUDGET.search(low)
    if not m:
        return []
    qs = quantities(m.group("n") or m.group("m"))
    if not qs or qs[0].value <= 0:
        return []
    src = low[max(0, m.start() - 16) : m.end()].strip()
    if in_rmb:
        return [Event("budget_usd", "set", round(qs[0].value / rmb_per_usd, 2), src), Event("budget_rmb", "set", qs[0].value, src)]
    return [Event("budget_usd", "set", qs[0].value, src), Event("budget_rmb", "clear", None, src)]


def bare_count(text: str) -> Event | None:
    """A follow-up's bare number ("and if we only had 50?", "那如果只有 50 呢", "1,200, not 12,000",
    "是两千不是两万"): the example count under discussion."""
    low = prepare(text).strip()
    if cues.MONEY_WORDS.search(low):
        return None  # "the budget got cut to 2 grand": the number is money
    m = _CORRECTED.search(low) or _BARE_COUNT.search(low)
    if not m:
        return None
    if m.groupdict().get("noun") and not _RESTATES.search(low[: m.start("n")]):
        return None  # "about 60 codes in total" names another count; "actually, it's 1.3 million levels" restates it
    qs = quantities(m.group("n").replace(",", "") if re.fullmatch(r"[\d,]+", m.group("n").strip()) else m.group("n"))
    if not qs or qs[0].value < 0 or not float(qs[0].value).is_integer():
        return None
    return Event("examples", "set", int(qs[0].value), low[max(0, m.start() - 20) : m.end()].strip())
