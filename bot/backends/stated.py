"""What an advice-format reply states: its fields and its recommendation label. Pure.

The advice format (``Recommendation / Why / Next steps / Cost / Sources``, ``建议 / 原因 / 下一步 / 成本 / 来源``;
field names from ``bot.messages.FIELDS``) is what the advice adapters are trained to write; the pipeline reads
the label an adapter states from it, so the answering path never imports the training code.
"""

from __future__ import annotations

import re

from bot.messages import FIELDS
from bot.types import LABELS, Reason, Recommendation

_ALIASES = {"full_fine_tune": "full_finetune", "fine_tune": "full_finetune", "from_scratch_training": "from_scratch",
            "prompting": "prompt", "prompt_engineering": "prompt"}


def normalize_label(text: str) -> str:
    text = re.sub(r"[\s\-]+", "_", text.strip().strip("*`").lower())
    return _ALIASES.get(text, text)


def parse_field(text: str, index: int) -> str | None:
    """One field of an advice-format reply (0 = recommendation, 1 = why, ...), even when others are missing."""
    names = {FIELDS["en"][index], FIELDS["zh"][index]}
    for line in text.splitlines():
        line = line.strip().lstrip("*-# ").replace("**", "")
        for name in names:
            if re.match(rf"{re.escape(name)}\s*[:：]", line, re.IGNORECASE):
                return re.split(r"[:：]", line, maxsplit=1)[1].strip()
    return None


def parse_label(text: str) -> str | None:
    """The recommendation label a reply states, or None when it states none of ``LABELS``."""
    raw = parse_field(text, 0)
    label = normalize_label(raw) if raw else None
    return label if label in LABELS else None


def stated_recommendation(reply: str) -> Recommendation | None:
    """The label and reason an advice-format reply states; None when it states no valid label."""
    label = parse_label(reply)
    if label is None:
        return None
    why = parse_field(reply, 1)
    return Recommendation(label=label, reasons=(Reason(why),) if why else ())  # type: ignore[arg-type]
