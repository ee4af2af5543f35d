"""The conversation state: each turn's slot events folded into the previous turn's slots. Pure.

The latest mention of a slot wins; "5,000 more" adds to the count; "the cluster is gone" clears. Every change is
recorded so the answer can say what it changed ("examples 3,000 → 8,000").
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping

from bot.understand.types import RMB_PER_USD, Change, Event, Slot


def fold(slots: Mapping[str, Slot], events: Iterable[Event]) -> tuple[dict[str, Slot], tuple[Change, ...]]:
    """Apply ``events`` in order to ``slots``; returns the new slots and the changes (one per slot, net)."""
    state = dict(slots)
    first_before: dict[str, object] = {}
    kinds: dict[str, str] = {}
    for e in _topics(state, events):
        before = state[e.slot].value if e.slot in state else None
        first_before.setdefault(e.slot, before)
        if e.kind == "clear":
            state.pop(e.slot, None)
        elif e.kind == "add":
            base = before if isinstance(before, (int, float)) and not isinstance(before, bool) else 0
            state[e.slot] = Slot(_number(base + e.value, e.slot), e.source)  # type: ignore[operator]
        elif e.kind == "scale":  # "a third of those are junk": keep the rest of the count under discussion
            if isinstance(before, (int, float)) and not isinstance(before, bool):
                state[e.slot] = Slot(_number(before * e.value, e.slot), e.source)  # type: ignore[operator]
        else:
            state[e.slot] = Slot(e.value, e.source)
        if e.slot == "budget_usd" and e.kind in ("add", "scale") and "budget_rmb" in state and e.slot in state:
            rmb = state["budget_rmb"].value  # a budget stated in yuan: dollars follow the yuan figure
            state[e.slot] = Slot(round(float(rmb) / RMB_PER_USD, 2), e.source)  # type: ignore[arg-type]
        kind = "add" if e.kind == "scale" else e.kind
        kinds[e.slot] = kind if kinds.get(e.slot) != "add" else "add"
    changes = []
    for name, before in first_before.items():
        after = state[name].value if name in state else None
        if after != before:
            changes.append(Change(name, kinds[name], before, after))  # type: ignore[arg-type]
    return state, tuple(changes)


def _number(value: float, slot: str) -> int | float:
    """Counts stay whole; money keeps its cents."""
    return round(value, 2) if slot.startswith("budget") else int(round(value))


def _topics(state: Mapping[str, Slot], events: Iterable[Event]) -> list[Event]:
    """Events with each "clear_topic" (a retraction naming no slot) turned into clears of the slots whose own words
    share a term with it: after "船期每天都在变", "船期那部分不用模型管了" clears knowledge_changes."""
    from knowledge.lang import tokenize

    out: list[Event] = []
    for e in events:
        if e.kind == "clear_topic" and any(o.kind == "clear" and o.slot != "*" for o in out):
            continue  # "the manual questions go to the makers now, we don't answer those anymore": already said what goes
        if e.kind != "clear_topic":
            out.append(e)
            continue
        said = {t for t in tokenize(e.source) if len(t) >= 2 and not t.isdigit()} - _GENERIC
        for name, slot in state.items():
            words = set(tokenize(slot.source)) if slot.source else set()
            if said & words or any(akin(a, b) for a in said for b in words):
                out.append(Event(name, "clear", None, e.source))
        if _LOOKUP.search(e.source) and "documents" in state:  # "规范查询那部分先拿掉": the lookup need goes
            out += [Event("documents", "clear", None, e.source), Event("knowledge_changes", "clear", None, e.source)]
        elif FRESH.search(e.source) and "knowledge_changes" in state:  # "forget the availability and prices part"
            out.append(Event("knowledge_changes", "clear", None, e.source))
    return out


_LOOKUP = re.compile(r"查询|检索|搜索|查找|查文档|问答那部分|规定|规范|法规|手册|文档|资料|公告|\blook-?ups?\b|\bsearch(?:ing)?\b|"
                     r"\bq&a (?:part|side|bit)\b|\b(?:regulations?|rules|manuals?|docs|documents|handbooks?|policies|policy|wiki|faq)\b")


# what changing knowledge is usually about: naming it in a retraction takes the freshness need away
FRESH = re.compile(r"\b(?:prices?|pricing|availability|stock levels?|inventory|schedules?|timetables?|rates|fares|news|"
                    r"opening hours|what'?s free|free slots)\b|价格|价钱|报价|(?:金|油|菜|肉|粮|股|票|收购|回收|批发|市场|实时)价|库存|行情|班次|时刻表|排期|排班|余位|空位|档期|新闻")


def akin(a: str, b: str) -> bool:
    """Two English words of one family ("licensing" and "licence", "pricing" and "prices")."""
    if not (a.isascii() and b.isascii() and a.isalpha() and b.isalpha()) or min(len(a), len(b)) < 5 or a == b:
        return False
    common = len(os.path.commonprefix([a, b]))
    return common >= 4 and common >= 0.65 * min(len(a), len(b))


GENERIC_WORDS = _GENERIC = frozenset(
    "我们 你们 他们 那部分 这部分 部分 这块 那块 模型 the our we that this part "
    "them they those these their it its with into from have has had want wants need needs will would won don can just "
    "only also your my his her and for are was were been not any all now then there here what which who bot".split())


def overrides(slots: Mapping[str, Slot], values: Mapping[str, object], source: str) -> tuple[dict[str, Slot], tuple[Change, ...]]:
    """Set slots by hand (the CLI's ``--set``, the web app's card); ``None`` clears a slot."""
    events = [Event(name, "clear" if value is None else "set", value, source) for name, value in values.items()]
    return fold(slots, events)
