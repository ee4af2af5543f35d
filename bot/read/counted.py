"""What a "how many X" / "多少个X" question counts, and the number a passage writes right before X. Pure."""

from __future__ import annotations

import re

from bot.read.sentences import GENERIC
from bot.understand.text import prepare

COUNTS = re.compile(r"(?:多少|几)个|\bhow many\b")
_ASKED_UNIT = re.compile(r"(?:多少|几)个?\s*([\u4e00-\u9fff]{1,3}|[a-z]+)|\bhow many ([a-z][a-z0-9-]*(?: (?!does\b|was\b|has\b|is\b|as\b|us\b|its\b|this\b)[a-z]+s\b)?)")
_IN_CHINESE = {"cards": "卡", "gpus": "卡", "layers": "层", "experts": "专家", "nodes": "节点", "machines": "台", "heads": "头"}


def asked_unit(question: str) -> str:
    """The thing a "how many X" / "多少个X" question counts (汉字, tokens, GPUs), or ""."""
    m = _ASKED_UNIT.search(prepare(question))
    unit = (m.group(1) or m.group(2).split(" ")[-1]) if m else ""  # "how many transformer layers": layers
    return unit if unit and unit not in GENERIC and unit not in ("钱", "分", "位") else ""


def _plural(unit: str) -> str:
    """``unit`` as a pattern that also takes its singular or plural: "a100s" finds "16 A100"."""
    if not unit.isascii() or not unit[-1:].isalpha():
        return re.escape(unit)
    return re.escape(unit[:-1] if unit.endswith("s") and len(unit) > 2 else unit) + "s?"


def counted_before(sentence: str, unit: str, near: str = "") -> str:
    """The number written right before ``unit`` in the sentence ("约 40 万汉字" -> "40 万"), or ""; of several, the
    one the reader found ``near`` the question's words ("1060 亿总参数量, 其中 120 亿活跃参数": 120)."""
    found = list(re.finditer(rf"(\d[\d,.]*\s*(?:万亿|亿|万|千|trillion|billion|million|thousand|k|m|b|t)?)\s*(?:\*\*)?\s*(?:的)?"
                             rf"\s*(?:个|张|块|条)?\s*(?:{_plural(unit)}|{_IN_CHINESE.get(unit, re.escape(unit))})", prepare(sentence)))
    m = next((f for f in found if near and near.startswith(f.group(1).split()[0])), found[0] if found else None)
    if not m:
        return ""
    return f"{m.group(1).strip()} {unit}" if unit.isascii() else m.group(1).strip()  # "5,000 examples"; "40 万"
