"""Slots set by hand: ``examples=40``, ``gpu_memory_gb=24``, ``deadline=week``, ``needs_format=unknown``. Pure.

The CLI's ``--set`` and the web app's situation card go through ``parse_assignment`` so both accept the same
names and values, and a bad one gets a message naming the slot and what it accepts.
"""

from __future__ import annotations

from dataclasses import fields
from typing import get_args

from bot.understand.types import Compute, Deadline, Situation
from knowledge.errors import InputError

UNKNOWN = ("", "unknown", "none", "null", "?", "未知")
_TRUE = ("true", "yes", "y", "1", "on", "是", "有")
_FALSE = ("false", "no", "n", "0", "off", "否", "没有")
CHOICES: dict[str, tuple[str, ...]] = {"deadline": get_args(Deadline), "compute": get_args(Compute)}
KINDS: dict[str, str] = {f.name: str(f.type) for f in fields(Situation)}


def parse_value(name: str, raw: object) -> object:
    """``raw`` (text or a value) as the slot's type; None for "unknown"."""
    if name not in KINDS:
        raise InputError(f"unknown slot {name!r}; use one of: {', '.join(KINDS)}")
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in UNKNOWN):
        return None
    kind = KINDS[name]
    text = str(raw).strip().lower().replace(",", "")
    if name in CHOICES:
        if text not in CHOICES[name]:
            raise InputError(f"{name} must be one of {', '.join(CHOICES[name])} or unknown, got {raw!r}")
        return text
    if kind.startswith("bool"):
        if isinstance(raw, bool):
            return raw
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise InputError(f"{name} must be true, false or unknown, got {raw!r}")
    try:
        number = float(text)
    except ValueError as exc:
        raise InputError(f"{name} must be a number or unknown, got {raw!r}") from exc
    if number < 0:
        raise InputError(f"{name} cannot be negative, got {raw!r}")
    return int(number) if kind.startswith("int") else number


def parse_assignment(text: str) -> tuple[str, object]:
    """``"examples=40"`` -> ``("examples", 40)``."""
    name, sep, raw = text.partition("=")
    if not sep:
        raise InputError(f"--set takes SLOT=VALUE (e.g. examples=40), got {text!r}")
    name = name.strip()
    return name, parse_value(name, raw)
