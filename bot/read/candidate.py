"""A reading candidate (a sentence or a table cell that may answer) and the scores shared by the sentence and the
cell readers: query-term coverage, answer-type fit and whether a question spells out a parameter's name. Pure."""

from __future__ import annotations

import re
from dataclasses import (
    dataclass,
)
from functools import lru_cache
from typing import Literal

from bot.read.answer_type import ValueType, soft
from knowledge.dictionary import chinese_for, english_for, stem
from knowledge.glossary import same_meaning, translations
from knowledge.lang import EN_STOPWORDS, tokenize
from knowledge.types import Hit

ASSIGNED_BONUS = 0.6  # a value set for the parameter the question names ("lora_alpha=32", "--port ... (default: 8080)")
OPTIONAL_PARTS = frozenset({"num", "n", "per", "max", "min", "total", "train", "device", "use"})


@dataclass(frozen=True)
class Candidate:
    kind: Literal["sentence", "cell"]
    text: str  # the sentence, or "row · column: value"
    value: str  # the value that answers (may be "" when the question asks for no value)
    hit: Hit
    score: float
    row: str = ""
    column: str = ""


GIVEN = 0.3  # a value the question itself states ("比 768 维 float32 压缩了多少倍": 768 is not the answer)
QUOTED_FIGURE = 1.0  # more when it is a measured figure the asker quotes ("starcoder gets 1.22", "the llamas were 2e-4")
_LEADING = re.compile(r"^\s*[~≈<>]?\s*(\d+(?:\.\d+)?)\s*([kmb](?![a-z]))?", re.IGNORECASE)
_MAGNITUDE = {"k": 1e3, "m": 1e6, "b": 1e9}


_SCI = re.compile(r"\s*(\d+(?:\.\d+)?e-?\d+)\b", re.IGNORECASE)
_MEASURED = re.compile(r"\s*(?:\d+\.\d{2,}|\d+(?:\.\d+)?e-?\d+)\s*", re.IGNORECASE)  # "1.22", "30.50", "2e-4"


def sci_numbers(text: str) -> frozenset[float]:
    """The numbers written in scientific notation ("2e-4") in ``text``."""
    return frozenset(float(x) for x in _SCI.findall(text))


def restates(value: str, given: frozenset[float]) -> bool:
    """The value's number is one the question already states ("4M" when it says "global 4M")."""
    sci = _SCI.match(value or "")
    if sci:
        return float(sci.group(1)) in given  # "2e-5" does not restate the "2e-4" of the question
    m = _LEADING.match(value or "")
    if not (m and given):
        return False
    number = float(m.group(1))
    return number in given or (bool(m.group(2)) and number * _MAGNITUDE[m.group(2).lower()] in given)


_ABBREVIATION = re.compile(r"\b([a-z]{3,5})\.(?![a-z0-9])")
BRIDGED = 0.6  # a question word met only by its dictionary translation ("depends" by 依赖) counts this much


class Bridged(dict):
    """Query-term weights, and for each term the other language's words that say it (``bridges``)."""

    def __init__(self, weights: dict[str, float], bridges: dict[str, frozenset[str]]):
        super().__init__(weights)
        self.bridges = bridges


def bridged(weights: dict[str, float], terms: dict[str, float]) -> Bridged:
    """``weights`` with dictionary translations for the question's own content words (``terms``: their weights
    before any reweighting); the translations are no terms of their own, so coverage totals stay the same."""
    bridges = {}
    for tok, w in terms.items():
        if w < 0.9 or tok not in weights or tok.isdigit():
            continue
        if translations(tok):  # its translation is a term of its own; its synonyms in its language bridge ("减少": 降低)
            found = {m for m in same_meaning(tok) if m not in weights and m.isascii() == tok.isascii()}
        else:
            found = english_for(tok) if not tok.isascii() else chinese_for(tok) if tok.isalpha() and len(tok) > 2 else ()
        if found:
            bridges[tok] = frozenset(found)
    for tok in weights:  # "tok/s" meets a "Tokens/Second" header
        if tok in _SPELLINGS:
            bridges[tok] = bridges.get(tok, frozenset()) | _SPELLINGS[tok]
    return Bridged(weights, bridges)


# one unit's spellings: "tok/s", "tokens/s", "tokens/sec", "Tokens/Second"
_SPELLINGS = {"tok": frozenset({"tokens", "token"}), "tokens": frozenset({"tok"}), "token": frozenset({"tok"}),
              "s": frozenset({"second", "sec", "seconds"}), "sec": frozenset({"second", "s"}),
              "second": frozenset({"s", "sec"}), "seconds": frozenset({"s", "sec"})}


def without(weights: dict[str, float], terms: set[str] | frozenset[str]) -> dict[str, float]:
    """``weights`` less ``terms``, keeping the translations that bridge the rest."""
    kept = {t: w for t, w in weights.items() if t not in terms}
    bridges = getattr(weights, "bridges", None)
    return Bridged(kept, {t: b for t, b in bridges.items() if t in kept}) if bridges is not None else kept


def coverage(weights: dict[str, float], total: float, text: str) -> tuple[float, set[str]]:
    words = _words(text)
    stems = _stems(words)
    exact = {tok for tok in weights if tok in words}
    short = _ABBREVIATION.findall(text.lower())  # a header's "Acc.", "Avg.", "Mem." stand for longer words
    near = {tok for tok in weights if tok not in exact and tok.isascii() and len(tok) > 3
            and (lemma(tok) in stems or any(tok.startswith(a) and len(tok) > len(a) for a in short)
                 or _INFLECTED.sub("", tok) in words)}  # "pretraining" asked, "Pretrain takes ..." written
    # an acronym the text spells out: "TTFT" in "Time To First Token", "ITL" in "Inter-Token Latency"
    short_names = [tok for tok in weights if tok not in exact and tok not in near and _may_be_acronym(tok)]
    spelt = {tok for tok in short_names if tok in _initials(text)} if short_names else set()
    near |= spelt
    # a name the question writes as one word and the text in two or three: "msmarco" in "MS MARCO Large"
    joined = {tok for tok in weights if tok not in exact and tok not in near and len(tok) >= 6 and tok.isascii()
              and tok.isalnum() and tok in _compounds(text)}
    exact |= joined
    # another form of the word ("kept" for "keep", "stored" for "store") counts half
    score = sum(weights[t] for t in exact) + 0.5 * sum(weights[t] for t in near - spelt) + sum(weights[t] for t in spelt)
    bridges = getattr(weights, "bridges", None)
    across = set()
    if bridges:
        said = words | {stem(w) for w in words if w.isascii()}
        # "hungary" (匈牙利) meets "Hungarian": one English word family, the first six letters shared
        family = {w[:6] for w in words if len(w) >= 6 and w.isascii() and w.isalpha()}
        across = {t for t, other in bridges.items() if t not in exact and t not in near
                  and (other & said or any(len(o) >= 6 and o[:6] in family for o in other))}
        score += BRIDGED * sum(weights[t] for t in across)
    return score / total, exact | near | across


@lru_cache(maxsize=16384)
def _words(text: str) -> frozenset[str]:
    """The words of a passage's sentence, header or cell; the same texts are read again for every question."""
    return frozenset(tokenize(text))


@lru_cache(maxsize=16384)
def _compounds(text: str) -> frozenset[str]:
    """Two or three consecutive Latin words of ``text`` written together: "MS MARCO" -> "msmarco"."""
    parts = _LATIN.findall(text.lower())
    return frozenset("".join(parts[i:i + n]) for n in (2, 3) for i in range(len(parts) - n + 1))


_LATIN = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=16384)
def _stems(words: frozenset[str]) -> frozenset[str]:
    return frozenset(lemma(w) for w in words)


_WORD_START = re.compile(r"[A-Za-z]+")
_INFLECTED = re.compile(r"(?<=[a-z]{5})(?:ing|ed)$")


@lru_cache(maxsize=4096)
def _may_be_acronym(tok: str) -> bool:
    """3 to 5 letters and no English word: "ttft", "itl" may stand for the words they are the initials of."""
    return 3 <= len(tok) <= 5 and tok.isascii() and tok.isalpha() and tok not in EN_STOPWORDS and not chinese_for(tok)


def _initials(text: str) -> str:
    """The first letters of the words of ``text``, in order: "Average Time To First Token" -> "attft"."""
    return "".join(w[0] for w in _WORD_START.findall(text)).lower()


def _acronym(tok: str, text: str) -> bool:
    """``tok`` is an acronym made of the initials of consecutive words of ``text``."""
    return _may_be_acronym(tok) and tok in _initials(text)


_IRREGULAR = {"kept": "keep", "built": "build", "made": "make", "held": "hold", "sent": "send", "ran": "run",
              "left": "leave", "took": "take", "taken": "take", "gave": "give", "given": "give", "chose": "choose",
              "chosen": "choose", "wrote": "write", "written": "write", "stored": "store", "loaded": "load", "loading": "load", "cached": "cache"}


def lemma(word: str) -> str:
    """A rough English stem so "kept" meets "keep" and "stored" meets "store" (Chinese and short words unchanged)."""
    if not word.isascii() or len(word) <= 3:
        return word
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix in ("s",):  # "-ed" / "-ing" stems meet unrelated words too often ("tuning" and "fine-tuned")
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def names_parameter(parts: list[str], weights: dict[str, float], flag: bool) -> bool:
    """Whether the question spells out a parameter name's parts (optional parts like "max" aside)."""
    parts = [p.lower() for p in parts if p]
    needed = [p for p in parts if p not in OPTIONAL_PARTS] or parts
    return (len(parts) >= 2 or flag) and all(weights.get(p, 0) >= 0.5 or weights.get(singular(p), 0) >= 0.5
                                             for p in needed)


def singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word + "s"


def type_score(wanted: tuple[ValueType, ...], ok: bool) -> float:
    if not wanted:
        return 0.0
    return 0.6 if ok else -0.3 if soft(wanted) else -1.2


def quoted_figure(value: str, given: frozenset[float]) -> bool:
    """The value is a figure with decimals ("65.8", "1968.95", "2e-4") the question quotes."""
    return bool(_MEASURED.fullmatch(value.strip()) or _DECIMAL.fullmatch(value)) and restates(value, given)


_DECIMAL = re.compile(r"\s*\d+\.\d+\s*")


def given_penalty(value: str, given: frozenset[float]) -> float:
    """How much a candidate loses for restating a number of the question: a measured figure ("1.22", "2e-4") is
    what the asker already knows; a plain one may be a condition they set."""
    if not restates(value, given):
        return 0.0
    return GIVEN + (QUOTED_FIGURE if _MEASURED.fullmatch(value) else 0.0)
