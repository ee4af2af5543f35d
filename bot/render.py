"""Plain-text rendering of an ``Answer`` for the terminal."""

from __future__ import annotations

from bot.types import Answer


def render_text(answer: Answer) -> str:
    lines = [answer.text]
    if answer.sources:
        lines.append("")
        lines.append("来源:" if answer.language == "zh" else "Sources:")
        for i, s in enumerate(answer.sources, 1):
            snippet = s.text if len(s.text) <= 160 else s.text[:157] + "..."
            lines.append(f"  [{i}] {s.title} ({s.source}, {s.score:.3f}): {snippet}")
    for w in answer.warnings:
        lines.append(f"! {w}")
    return "\n".join(lines)
