"""What a question's own words say about its answer: the document it names only to say where to look, the version
written after a library it names, and a bit width it gives itself. Pure; part of reading (``bot.read.reader``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.read.sentences import GENERIC
from bot.understand.text import prepare
from knowledge.lang import tokenize
from knowledge.names import document_names
from knowledge.types import Hit

# "in the minimind readme", "Anima 100K 那个…表里": the document named only to say where to look
_LOCATOR_AFTER = re.compile(r"^\s*(?:'s\s+)?(?:readme|repo|repository|docs?|documentation|page|table|benchmark|评测|的?表|表里|那个|那张|那篇|文档|"
                            r"仓库|页面|里|readme里|readme 里)")


def locators(question: str, hits: Sequence[Hit]) -> frozenset[str]:
    """Words of a document's name the question writes only to say where to look, never as the thing asked about."""
    low = prepare(question)
    names = {n for h in hits for n in document_names(h.chunk.source, h.chunk.title) if len(n) >= 3}
    out = set()
    for name in names:
        spots = [m for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", low)]
        if spots and all(_LOCATOR_AFTER.match(low[m.end():]) for m in spots):
            out.update(tokenize(name))
    return frozenset(out)


PINNED_BONUS = 0.5
STATED_BITS = re.compile(r"(?<![\w.])\d+\s*-?\s*(?:bits?|位|比特)(?![a-z0-9_])")
_NOT_A_LIBRARY = frozenset({"version", "versions", "release", "ver", "v", "tag", "build"})
_PINNED = re.compile(r"(?<![\w.-])([a-z][a-z0-9_.-]*[a-z0-9])\s*(?:==|>=|~=|>|=|:|-|\s)\s*v?(\d+\.\d+(?:\.\d+)*)(?![\d.])")


def pinned_version(sentence: str, weights: dict[str, float]) -> str:
    """The version written right after a library or tool the question names ("CUDA 12.3", "flash-attn >= 2.3.6")."""
    for m in _PINNED.finditer(prepare(sentence)):
        name = m.group(1)
        if name in _NOT_A_LIBRARY or name in GENERIC:
            continue
        if weights.get(name, 0) >= 0.9 or weights.get(name.replace("-", ""), 0) >= 0.9 or weights.get(name.replace("_", "-"), 0) >= 0.9:
            return m.group(2)
    return ""
