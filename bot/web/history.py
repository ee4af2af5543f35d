"""Chat history in gradio's messages format, read back into the pipeline's (user, assistant) pairs. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.web import render

CURSOR = " ▍"  # shown at the end of an answer that is still being written
Message = dict  # gradio messages format: {"role": "user" | "assistant", "content": str | list}


def message_text(message: Mapping | object) -> str:
    """The text of one chat message, whether its content is a string or gradio's list of parts."""
    content = message.get("content") if isinstance(message, Mapping) else getattr(message, "content", "")
    if isinstance(content, str):
        return content
    if isinstance(content, Mapping):
        return str(content.get("text", ""))
    if isinstance(content, Sequence):
        return "\n".join(str(part.get("text", "")) for part in content
                         if isinstance(part, Mapping) and part.get("type", "text") == "text")
    return ""


def _role(message: Mapping | object) -> str:
    return str(message.get("role") if isinstance(message, Mapping) else getattr(message, "role", ""))


def history_pairs(history: Sequence[Mapping] | None) -> list[tuple[str, str]]:
    """Gradio messages -> the pipeline's (user, assistant) pairs, with the rendered extras removed."""
    pairs: list[tuple[str, str]] = []
    pending: str | None = None
    for msg in history or []:
        role, text = _role(msg), message_text(msg)
        if role == "user":
            if pending is not None:
                pairs.append((pending, ""))
            pending = text
        elif role == "assistant":
            pairs.append((pending or "", render.strip_extras(text).removesuffix(CURSOR.strip()).rstrip()))
            pending = None
    if pending is not None:
        pairs.append((pending, ""))
    return pairs


def plain_history(history: Sequence[Mapping] | None) -> list[Message]:
    """Chat history as plain ``{"role", "content": str}`` dicts (what the Chatbot is given back)."""
    return [{"role": _role(m), "content": message_text(m)} for m in history or [] if _role(m) in ("user", "assistant")]
