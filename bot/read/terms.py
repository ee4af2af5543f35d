"""The question's terms weighed against the read passages: words few of their sentences hold weigh more, and
misspelt English words also count as the passages' closest word. Pure; part of reading (``bot.read.reader``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.read.sentences import split_sentences
from knowledge.lang import tokenize
from knowledge.types import Hit


def specific(weights: dict[str, float], hits: Sequence[Hit]) -> dict[str, float]:
    """Query terms found in few of the retrieved sentences weigh more ("transformers" over "微调"): IDF over them."""
    import math

    sentences = [set(tokenize(s)) for h in hits for s in split_sentences(h.chunk.text)]
    n = len(sentences)
    if not n:
        return weights
    out = {}
    for tok, w in weights.items():
        df = sum(1 for words in sentences if tok in words)
        out[tok] = w * (0.5 + math.log(1 + n / (1 + df)) / math.log(1 + n))
    return out


_DIGITS = re.compile(r"\D")


def typos(weights: dict[str, float], hits: Sequence[Hit]) -> dict[str, float]:
    """Misspelt English query words ("memroy", "infrence") also count as the passages' closest word, a bit less."""
    import difflib

    # a name with digits too ("chatglm2" for the document's "ChaGLM2"), so long as the digits are the same
    latin = [t for t in weights if len(t) >= 5 and t.isascii() and t.isalnum() and sum(c.isalpha() for c in t) >= 5]
    if not latin:
        return weights
    vocab = {w for h in hits for w in tokenize(f"{h.chunk.text} {h.chunk.meta.get('section', '')}")
             if len(w) >= 4 and w.isascii() and w.isalnum() and not w.isdigit()}
    out = dict(weights)
    for tok in latin:
        if tok in vocab:
            continue
        # a typo rarely hits the first letter; "score" -> "scored" is another word, not a typo
        digits = _DIGITS.sub("", tok)
        alike = [w for w in vocab if abs(len(w) - len(tok)) <= 2 and w[0] == tok[0] and _DIGITS.sub("", w) == digits
                 and not w.startswith(tok) and not tok.startswith(w)]
        for near in difflib.get_close_matches(tok, alike, n=1, cutoff=0.8):
            out[near] = max(out.get(near, 0.0), 0.8 * weights[tok])
    return out
