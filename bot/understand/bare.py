"""A follow-up's bare count: the number a short turn gives for the examples under discussion. Pure."""

from __future__ import annotations

import re

from bot.understand import cues, gpu_cues
from bot.understand.money import budget_set
from bot.understand.numbers import EN_NUM, Quantity, quantities
from bot.understand.text import prepare
from bot.understand.types import Event

_BARE_COUNT = re.compile(
    r"(?:^|\b(?:only|had|have|just|with|to|got|down to|up to|actually|update:?|instead|make (?:it|that)|it'?s|now|correction:?|rather|more like|"
    r"typo|sorry|i mean|i meant)|只有|就|剩|有|变成|"
    r"改成|降到|涨到|其实|应该是|实际上|更正)\s*[,:：，]?\s*(?:about\s+|around\s+|~|是)?"
    r"(?P<n>\d[\d,]*(?:\.\d+)?(?!,?\d)\s*(?:thousand|million|billion|[km万千](?![a-z]))?|[一二两三四五六七八九十百千万]+)\s*"
    r"(?P<noun>(?!(?:days?|weeks?|hours?|months?|years?|minutes?|gb|gib|gpus?|cards?|epochs?|tokens?|dollars?|usd|bucks|"
    r"percent|b|params?|parameters?|grand|k|bucks|euros?|rmb|yuan)\b)[a-z]+(?:\s+in total)?\s*)?(?:$|[?？,，。!！;；—–]|-(?=\s)|\.(?!\d)|呢|了|吧|instead|of (?:them|those|these)\b)"
)


_CORRECTED = re.compile(rf"(?P<n>\d[\d,.]*\s*[km万千]?|[一二两三四五六七八九十百千万]+|{EN_NUM})\s*(?:条|个|笔|份)?\s*[,，]?\s*"
                        rf"(?:not|instead of|rather than|而不是|不是)\s*(?:\d[\d,.]*\s*[km万千]?|[一二两三四五六七八九十百千万]+|{EN_NUM})")


_CARD_NUMBERS = frozenset(card for card in gpu_cues.GPU_CARDS if card.isdigit())
_RESTATES = re.compile(r"\b(?:actually|it'?s|update|correction|recount\w*|make (?:it|that)|now|i mean|i meant)\b")


_N = r"\d[\d,]*(?:\.\d+)?\s*[km万千]?|[一二两三四五六七八九十百千万]+"  # a bare amount: "5,000", "2.5k", "两万"
_BARE_BUDGET = re.compile(
    r"(?:只能|只|最多|顶多|能)?(?:给|批|拨|出|花|掏|加|给到|批到|拨到|降到|砍到|涨到|加到|提到)了?\s*(?:我们|咱们)?\s*"
    rf"(?P<n>{_N})\s*(?:块|元)?\s*(?:$|[?？,，。!！]|呢|了|吧)|"
    r"\b(?:cut|bumped|raised|lowered|dropped|capped|approved|gave us|give us|can (?:do|spend|give))\s+(?:it\s+|us\s+)?(?:up\s+|down\s+)?(?:to\s+)?"
    r"(?:another\s+|an extra\s+|additional\s+)?(?:about\s+|around\s+|~)?(?P<m>\d[\d,]*(?:\.\d+)?\s*(?:k|grand)?)\s*(?:$|[?,.!])")


_BUDGET_FIXED = re.compile(rf"不是\s*(?P<was>{_N})\s*(?:块|元)?\s*[,，]?\s*(?:而)?是\s*(?P<now>{_N})|"
                           rf"是\s*(?P<now3>{_N})\s*(?:块|元)?\s*[,，]?\s*(?:而)?不是\s*(?P<was3>{_N})|"
                           rf"\bnot\s+\$?(?P<was2>{_N}),?\s*(?:it'?s\s+|but\s+)?\$?(?P<now2>{_N})")
_TOTAL = re.compile(rf"(?:一共|总共|合计|加起来|总计)(?:是|有|就是)?\s*(?P<n>{_N})|"
                    r"\b(?:total|in total|altogether|all in)\b[^.;\d]{0,12}(?P<m>\d[\d,]*(?:\.\d+)?\s*k?)")
_MORE = re.compile(r"(?:又|再|另外|追加|加)\s*(?:批|拨|给|加)?了?\s*$|\b(?:another|an extra|additional|more)\s*$")
MONEY_TURN = re.compile(r"批|拨|经费|预算|资金|财务|\bbudget\b|\bfunding\b|\bfinance\b|\bapproved\b")
_UNIT_WORDS = re.compile(r"条|样本|examples?|pairs?|samples?|rows|records|tickets|conversations|labels?")


def bare_budget(text: str, in_rmb: bool, previous: float | None = None) -> list[Event]:
    """A follow-up's bare amount for the budget under discussion ("财务刚说只能给六万", "boss cut it to 800",
    "领导又批了两万，现在一共两万三"), in the currency the budget was stated in; ``previous``: that budget, in
    that currency, for an amount added to it."""
    low = prepare(text).strip()
    fixed = _BUDGET_FIXED.search(low)
    if fixed and previous is not None:  # "说错了，不是五千，是五万": the budget named wrongly, then rightly
        said = quantities(fixed.group("was") or fixed.group("was2") or fixed.group("was3") or "")
        now = quantities(fixed.group("now") or fixed.group("now2") or fixed.group("now3") or "")
        if said and now and abs(said[0].value - previous) < 0.01 and now[0].value > 0:
            return budget_set(now[0].value, fixed.group(0), in_rmb)
    m = _TOTAL.search(low) if MONEY_TURN.search(low) else None
    added = False
    if m is None:
        m = _BARE_BUDGET.search(low)
        at = (m.start("n") if m.group("n") else m.start("m")) if m else 0
        added = bool(m) and previous is not None and bool(_MORE.search(low[max(0, m.start() - 6) : at]))
    if not m:
        return []
    qs = quantities(m.group("n") or m.group("m"))
    if not qs or qs[0].value <= 0:
        return []
    amount = qs[0].value + ((previous or 0.0) if added else 0.0)
    src = low[max(0, m.start() - 16) : m.end()].strip()
    return budget_set(amount, src, in_rmb)


def unitless(events: list[Event]) -> list[Event]:
    """The example counts among ``events`` that name no unit of examples ("又批了两万"): money, in a budget talk."""
    return [e for e in events if e.slot == "examples" and not _UNIT_WORDS.search(e.source)]


def bare_count(text: str) -> Event | None:
    """A follow-up's bare number ("and if we only had 50?", "那如果只有 50 呢", "1,200, not 12,000",
    "是两千不是两万"): the example count under discussion."""
    low = prepare(text).strip()
    if cues.MONEY_WORDS.search(low):
        return None  # "the budget got cut to 2 grand": the number is money
    m = _CORRECTED.search(low) or _BARE_COUNT.search(low)
    if not m:
        return None
    if m.group("n").strip(" ,，") in _CARD_NUMBERS:
        return None  # "是 2 张 RTX 4090，不是 8 张 A800": a card's name, not a count
    if m.groupdict().get("noun") and not _RESTATES.search(low[: m.start("n")]):
        return None  # "about 60 codes in total" names another count; "actually, it's 1.3 million levels" restates it
    qs = quantities(m.group("n").replace(",", "") if re.fullmatch(r"[\d,]+", m.group("n").strip()) else m.group("n"))
    if not qs or qs[0].value < 0 or not float(qs[0].value).is_integer():
        return None
    return Event("examples", "set", int(qs[0].value), low[max(0, m.start() - 20) : m.end()].strip())


# "of those 3,000 pairs only 300 are usable", "only 700 of those descriptions are any good"
_ONLY_BEFORE = re.compile(r"\b(?:only|just|maybe)\s*$")
_USABLE_AFTER = re.compile(r"^\s*(?:of (?:them|those|these|the|our)(?: [\w,.-]+){0,2} )?(?:are|is|were) (?:actually |really |even )?"
                           r"(?:usable|good|any good|clean|valid|worth \w+|proper|real|actual|complete|correct|decent|right|my|our|written)\b")
_USABLE_BEFORE = re.compile(r"(?:能用|可用|有效|合格|用得上|干净)的?(?:只有|就|仅有?|才|大概|约)?\s*$|"
                            r"(?:真正|实际|其实)(?:的|能用的)?[\u4e00-\u9fff]{0,4}?(?:只有|就|仅有?|才)\s*$")


def usable_part(text: str, q: Quantity) -> bool:
    """Whether the count ``q`` in ``text`` is the usable part of a larger one ("能用的只有四十条", "only 300 are usable")."""
    return bool(_USABLE_BEFORE.search(text[max(0, q.start - 10) : q.start])
                or (_ONLY_BEFORE.search(text[max(0, q.start - 8) : q.start]) and _USABLE_AFTER.match(text[q.end :])))


def states_usable_part(question: str) -> bool:
    """A turn that says how much of the data is usable: a fact about the project, even inside a cost question."""
    text = prepare(question)
    return any(usable_part(text, q) for q in quantities(text))


# "only a third of them are clean enough to use", "只有一半能用": the part that is kept
_FRACTION_KEPT = re.compile(r"\bonly (?:about |roughly |like )?(?P<f>half|a third|one third|two thirds|a quarter|one quarter|three quarters|"
                            r"a tenth|one tenth|a fifth|one fifth|one in (?:ten|five|four|three)|\d{1,2}(?:\.\d)?\s*%)"
                            r"(?: of (?:them|those|these|it|the|our|everything|all(?: of)? (?:it|them))(?: [\w,.]+){0,2})?\s+(?:are|is|were|was|actually)\b|(?:能用|可用|有效|合格|用得上|干净)的?(?:也就|只有|就|大概|约|只|才|顶多){0,2}(?P<z2>一半|三分之一|三分之二|四分之一|四分之三|[一二三四五六七八九]成)|(?:只有|仅有?|就|只剩下?|仅剩|剩下)(?P<z>一半|三分之一|三分之二|四分之一|四分之三|[一二三四五六七八九]成)"
                            r"[^,，。;；]{0,8}(?:能用|可用|合格|有效|干净)|"
                            # "去重之后只剩三分之一": what is left is the part kept
                            r"(?:只剩下?|仅剩下?|就剩下?)了?(?:大概|约|不到)?(?P<z3>一半|三分之一|三分之二|四分之一|四分之三|[一二三四五六七八九]成)"
                            r"(?!的?(?:时间|预算|钱|经费|显存|卡|算力|人))")
_KEPT = {"half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3, "a quarter": 0.25, "one quarter": 0.25,
         "three quarters": 0.75, "a tenth": 0.1, "one tenth": 0.1, "a fifth": 0.2, "one fifth": 0.2, "one in ten": 0.1,
         "one in five": 0.2, "one in four": 0.25, "one in three": 1 / 3, "一半": 0.5, "三分之一": 1 / 3, "三分之二": 2 / 3, "四分之一": 0.25, "四分之三": 0.75}


def kept_fraction(text: str) -> tuple[float, tuple[int, int]] | None:
    """The share of the examples said to be usable, and where it is said; None when none is."""
    m = _FRACTION_KEPT.search(text)
    if not m:
        return None
    if m.group("z3") and _NOT_DATA_LEFT.search(text[: m.start()]):
        return None  # "时间只剩一半了": the time left, not the data
    said = (m.group("f") or m.group("z") or m.group("z2") or m.group("z3")).replace(" ", "")
    share = (float(said[:-1]) / 100 if said.endswith("%") else _ZH_TENTHS.get(said[0], 0) / 10 if said.endswith("成")
             else _KEPT.get(said) or _KEPT.get((m.group("f") or "").strip(), 0.0))
    return (share, m.span()) if 0 < share < 1 else None


_NOT_DATA_LEFT = re.compile(r"(?:时间|预算|钱|经费|工期|假期|人手|算力|显存|内存)[^,，。;；]{0,3}$")
_ZH_TENTHS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


_FRACTION_WORDS = r"一半|三分之一|三分之二|四分之一|四分之三|[一二三四五六七八九]成|\d{1,2}\s*%"
_PART_GONE = re.compile(r"^\s*(?:条|个|份|笔|对)?\s*(?:里|里面|当中|中)(?:有|的)?\s*(?P<z>" + _FRACTION_WORDS + r")[^,，。;；]{0,8}(?:是)?"
                        r"(?:重复|作废|删掉|删除|去掉|不能用|用不了|没法用|无效|垃圾|草稿|测试数据|假数据)")
_PART_GONE_EN = re.compile(r"\b(?P<f>half|a third|one third|two thirds|a quarter|one quarter|three quarters|\d{1,2}\s*%) of (?:those|the|these|that)\s*$")
_GONE_AFTER = re.compile(r"^\s*(?:[a-z-]+\s+){0,2}(?:are|were|is)\s+(?:\w+\s+)?(?:duplicates?|junk|garbage|unusable|broken|drafts?|bad|wrong)\b")


def part_dropped(text: str) -> tuple[int, tuple[int, int]] | None:
    """How many examples a share of one named part takes away ("加盟店那三千条里有一半是重复的", "half of those 3,000
    are duplicates": 1,500), and where it is said; None when no such share is said."""
    from bot.understand.count_cues import FRACTIONS

    for q in quantities(text):
        part = _PART_GONE.match(text[q.end :])
        before = _PART_GONE_EN.search(text[max(0, q.start - 30) : q.start])
        share = (part.group("z") if part else before.group("f") if before and _GONE_AFTER.match(text[q.end :]) else None)
        if share and q.value >= 10:
            frac = FRACTIONS.get(share.strip()) or (float(share.rstrip("% ")) / 100 if share.rstrip().endswith("%") else 0)
            if 0 < frac < 1:
                return int(round(frac * q.value)), (q.start, q.end + 24)
    return None


_MEASURE = re.compile(r"^\s*(?:多|余|来)?\s*(?:条|个|份|笔|组|次|张|段|句|篇)?")
_UNIT_WORDS = re.compile(r"^\s*(?:(?:more|new|additional|extra|older|old|labell?ed|annotated|tagged|usable|clean|such|of these|of those|"
                         r"similar|total|in total)\s+){0,3}(?P<w>[a-z][a-z-]{3,})")
_PER_TIME = re.compile(r"^[^,.;，。；]{0,12}?(?:\b(?:a|an|per|each|every) (?:day|week|month|year|hour|minute|second|night|shift)\b|/\s*(?:day|month|week|hr|h|s)\b|每(?:天|日|月|周|年|小时|秒))")
_EVERY_BEFORE = re.compile(r"(?:每天|每日|每月|每周|每年|每小时|\bdaily|\bmonthly|\bweekly)\s*(?:约|大概|有|要)?\s*$")
_GENERIC_UNITS = frozenset("people staff workers users customers machines hours days weeks months years tonnes tons dollars "
                           "euros times things items rows records lines files documents pages".split())


def same_unit_count(text: str, examples_source: str) -> Event | None:
    """A follow-up's count of the very things the examples were counted in ("that's 1.6 million events total" after
    "240,000 labelled break events", "合起来一百六十万条断纱记录"): the examples, set or ("another …") added."""
    low = prepare(text)
    said = prepare(examples_source)
    for q in quantities(low):
        if q.vague or q.value < 2 or not float(q.value).is_integer() or q.raw.strip() in _CARD_NUMBERS:
            continue
        after = low[q.end : q.end + 40]
        m = _UNIT_WORDS.match(after)
        if m:
            word = m.group("w").rstrip("s")
            same = len(word) >= 4 and m.group("w") not in _GENERIC_UNITS and re.search(rf"\b{re.escape(word)}", said)
        else:
            han = re.match(r"[\u4e00-\u9fff]{2,6}", after[_MEASURE.match(after).end() :])  # type: ignore[union-attr]
            noun = han.group(0) if han else ""
            same = any(noun[i : i + 2] in said for i in range(len(noun) - 1)) and bool(_MEASURE.match(after).group(0).strip())  # type: ignore[union-attr]
        if not same or _PER_TIME.match(low[q.end + m.end() if m else q.end :]) or _EVERY_BEFORE.search(low[max(0, q.start - 8) : q.start]):
            continue  # "5 million reviews a day", "每天一百万条": traffic, not examples
        before = low[max(0, q.start - 30) : q.start]
        added = cues.RELATIVE_ADD.search(before[-12:]) or cues.RELATIVE_ADD.match(after) or cues.THROWN_IN.search(before)
        return Event("examples", "add" if added else "set", int(q.value), low[max(0, q.start - 20) : q.end + 24].strip())
    return None
