"""The one way cue patterns are compiled: alternatives joined, case-blind, ``\\b`` meaning an ASCII word boundary."""

from __future__ import annotations

import re

# a word boundary between ASCII words only: "是JSON" and "有1.5k条labeled样本" have boundaries a unicode \b misses
_ASCII_B = r"(?:(?<=[A-Za-z0-9_])(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]))"


def rx(*parts: str) -> re.Pattern:
    """One case-blind pattern of the alternatives ``parts`` (``\\b`` meaning an ASCII word boundary)."""
    return re.compile("|".join(parts).replace(r"\b", _ASCII_B), re.IGNORECASE)

