"""Checks on model replies: numbers the sources do not back, and remote images that could leak data."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

# A number not glued to a preceding letter (H100, Qwen2, GPT-4 are names, not claims).
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.,])(?<![A-Za-z]-)"
    r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(\s*%)?"
)
_LIST_MARKER = re.compile(r"^\s*\d{1,2}[.)、]\s", re.MULTILINE)


def _canonical(digits: str) -> str:
    try:
        value = Decimal(digits.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex only yields digits
        return digits
    return format(value.normalize(), "f")


def _numbers(text: str) -> list[tuple[str, str, bool]]:
    """(as written, canonical value, is_percent) for every number in ``text``."""
    text = unicodedata.normalize("NFKC", text)  # full-width digits and ％ -> ASCII
    text = _LIST_MARKER.sub(" ", text)
    return [(m.group(0).strip(), _canonical(m.group(1)), bool(m.group(2))) for m in _NUMBER.finditer(text)]


def stated_numbers(text: str) -> list[str]:
    """Every distinct number ``text`` states, as written (what ``unsupported_numbers`` checks)."""
    return list(dict.fromkeys(written for written, _, _ in _numbers(text)))


def unsupported_numbers(reply: str, sources: Sequence[str], question: str = "") -> list[str]:
    """Numbers in ``reply`` found in none of ``sources`` (passages and the advisor's draft) nor the question.

    ``1,000`` equals ``1000``, ``90%`` equals ``90 %`` and full-width digits equal ASCII ones. A plain
    number is backed by the same value written anywhere; a percentage needs a percentage.
    """
    known_values: set[str] = set()
    known_percents: set[str] = set()
    for text in (*sources, question):
        for _, value, percent in _numbers(text):
            known_values.add(value)
            if percent:
                known_percents.add(value)
    missing: list[str] = []
    for written, value, percent in _numbers(reply):
        backed = value in known_percents if percent else value in known_values
        if not backed and written not in missing:
            missing.append(written)
    return missing


_REMOTE = r"(?:https?:)?//"
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?" + _REMOTE + r"[^)]*\)", re.IGNORECASE)
_HTML_IMAGE = re.compile(r"<img\b[^>]*\bsrc\s*=\s*[\"']?\s*" + _REMOTE + r"[^>]*>", re.IGNORECASE)
_REF_DEF = re.compile(r"^[ \t]*\[([^\]]+)\]:[ \t]*<?" + _REMOTE + r"\S*.*$", re.IGNORECASE | re.MULTILINE)
_REF_IMAGE = re.compile(r"!\[([^\]]*)\]\[([^\]]*)\]")


def strip_remote_images(markdown: str) -> str:
    """Remove markdown and HTML images that load from http(s) URLs (a reply could leak data through them)."""
    remote_refs = {m.group(1).strip().lower() for m in _REF_DEF.finditer(markdown)}

    def drop_ref(m: re.Match) -> str:
        ref = (m.group(2) or m.group(1)).strip().lower()  # ![alt][] uses the alt text as reference
        return "" if ref in remote_refs else m.group(0)

    text = _MD_IMAGE.sub("", markdown)
    text = _HTML_IMAGE.sub("", text)
    if remote_refs:
        text = _REF_IMAGE.sub(drop_ref, text)
    return text
