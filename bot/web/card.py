"""The situation card: the facts the advisor read, as editable form values, and back. Pure, no gradio.

Numbers show as numbers (empty = unknown); yes/no facts and the deadline as choices with "unknown". Every value
a user types goes through ``bot.understand.edit.parse_value``, the same check as the CLI's ``--set``.
"""

from __future__ import annotations

from dataclasses import (
    dataclass,
)
from typing import Literal

from bot.understand.edit import CHOICES, parse_value
from bot.understand.types import Slot, Understanding

UNKNOWN = "unknown"
YES, NO = "yes", "no"


@dataclass(frozen=True)
class CardField:
    """One control of the card: the slot it edits, its label and how it is shown."""

    name: str
    label: str
    kind: Literal["number", "yesno", "choice"]
    choices: tuple[str, ...] = ()

    @property
    def options(self) -> tuple[str, ...]:
        return {"yesno": (YES, NO, UNKNOWN), "choice": (*self.choices, UNKNOWN)}.get(self.kind, ())


CARD_FIELDS: tuple[CardField, ...] = (
    CardField("examples", "标注样本数 / Labelled examples", "number"),
    CardField("budget_usd", "预算（美元）/ Budget (USD)", "number"),
    CardField("gpu_memory_gb", "单卡显存 GB / GPU memory per card (GB)", "number"),
    CardField("gpu_count", "GPU 数量 / GPU count", "number"),
    CardField("model_size_b", "模型规模（十亿参数）/ Model size (B params)", "number"),
    CardField("knowledge_changes", "知识经常变化 / Knowledge changes often", "yesno"),
    CardField("needs_format", "固定格式或风格 / Fixed format or style", "yesno"),
    CardField("privacy_blocked", "数据不能外传 / Data cannot leave", "yesno"),
    CardField("deadline", "期限 / Deadline", "choice", CHOICES["deadline"]),
    CardField("calls_per_month", "每月调用量 / Calls per month", "number"),
    CardField("low_latency", "要求低延迟 / Low latency needed", "yesno"),
    CardField("multi_step", "多步推理 / Multi-step reasoning", "yesno"),
)
FIELDS_BY_NAME = {f.name: f for f in CARD_FIELDS}


def shown_value(card_field: CardField, value: object) -> object:
    """A slot value as the control shows it (None -> empty number or "unknown")."""
    if card_field.kind == "number":
        return value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if card_field.kind == "yesno":
        return UNKNOWN if value is None else YES if value else NO
    return value if value in card_field.choices else UNKNOWN


def source_note(slot: Slot | None) -> str:
    """The words a fact came from, quoted, for the control's hint line."""
    if slot is None or slot.value is None:
        return "未提及 / not stated"
    return f"来自 / from: “{slot.source}”" if slot.source else ""


def card_values(understanding: Understanding | None) -> dict[str, tuple[object, str]]:
    """Every card field's (shown value, source note) for an answered turn (all unknown without one)."""
    slots = understanding.slots if understanding is not None else {}
    return {f.name: (shown_value(f, getattr(slots.get(f.name), "value", None)), source_note(slots.get(f.name)))
            for f in CARD_FIELDS}


def has_card(understanding: Understanding | None) -> bool:
    """The card sits beside situation answers (and any answer whose conversation already holds facts)."""
    return understanding is not None and (understanding.intent == "situation" or bool(understanding.situation_json()))


def to_override(name: str, shown: object) -> object:
    """A control's value as the slot value ``Pipeline.redecide`` takes (None = unknown); InputError if bad."""
    if name not in FIELDS_BY_NAME:
        raise KeyError(name)
    if isinstance(shown, float) and shown.is_integer():
        shown = int(shown)
    return parse_value(name, shown)


def is_change(understanding: Understanding | None, name: str, shown: object) -> bool:
    """Whether the control's value differs from the state (a programmatic refill is not an edit)."""
    current = card_values(understanding)[name][0]
    if isinstance(current, int | float) and isinstance(shown, int | float):
        return float(current) != float(shown)
    return current != shown
