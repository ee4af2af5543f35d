"""On/off columns of settings tables ("Gradient Checkpointing | Yes", "Offload | ❌"): a question that turns the
setting on or off ("no gradient checkpointing", "zero3 + offload", "开了 activation ckpt") picks the rows
holding that value. Pure; part of reading table cells (``bot.read.cells``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

_ON = frozenset({"yes", "y", "true", "on", "enabled", "✓", "✔", "✅", "√", "是", "开", "开启"})
_OFF = frozenset({"no", "n", "false", "off", "disabled", "✗", "✘", "❌", "×", "否", "关", "关闭"})
_NEGATED = re.compile(r"(?:\b(?:no|not|without|w/o|disable|disabled|turn(?:ed)? off|off)\b|不开|不用|没开|未开|关闭|关掉|关了|禁用|不带|不加)\s*"
                      r"(?:the\s+)?$")
_AFFIRMED = re.compile(r"(?:\b(?:with|w/|using|use|enable|enabled|turn(?:ed)? on|plus|and)\b|\+|开了?|开启|打开|启用|用了?|带|加)\s*(?:the\s+)?$")
_SHORT = {"gradient checkpointing": ("gradient checkpointing", "grad ckpt", "ckpt", "梯度检查点"),
          "activation ckpt": ("activation ckpt", "activation checkpointing", "ckpt", "重计算"),
          "offload": ("offload", "卸载")}


def switched(low: str, column: str) -> bool | None:
    """Whether the question turns the setting ``column`` names on (True) or off (False); None when it does not
    say. ``low``: the prepared question."""
    name = column.strip().lower()
    names = _SHORT.get(name, (name,))
    for spelled in sorted(names, key=len, reverse=True):
        at = low.find(spelled) if len(spelled) >= 3 else -1
        if at < 0:
            continue
        before = low[max(0, at - 14) : at]
        if _NEGATED.search(before):
            return False
        if _AFFIRMED.search(before):
            return True
        return None
    return None


def switch_ties(low: str, row_values: Sequence[tuple[str, str]]) -> int:
    """+1 for each on/off setting the question turns the way this row holds it, -1 for each it turns the other
    way (at most 2 either way)."""
    score = 0
    for column, value in row_values:
        held = value.strip().lower()
        state = True if held in _ON else False if held in _OFF else None
        if state is None or not column:
            continue
        asked = switched(low, column)
        if asked is not None:
            score += 1 if asked == state else -1
    return max(-2, min(score, 2))


def sets_switch(low: str, column: str, value: str) -> bool:
    """The cell is an on/off value of a setting the question turns on or off: a condition, never the answer."""
    held = value.strip().lower()
    return (held in _ON or held in _OFF) and switched(low, column) is not None
