"""Text preparation for understanding: one normal form, clauses, and the negation / hedge scope of a cue. Pure.

Traditional characters become simplified (OpenCC ``t2s``), full-width forms become ASCII (NFKC), and the text is
cut into clauses at punctuation and at contrast words ("but", "但是", "不过"), because a negation or a hedge only
reaches to the end of its clause: "not on a tight budget, but the data is private" negates only the budget.
"""

from __future__ import annotations

import re
from dataclasses import (
    dataclass,
)
from functools import lru_cache

from knowledge.lang import normalize, simplified

MAX_CHARS = 20_000  # a situation is stated near the start; longer input is read only this far


@lru_cache(maxsize=2048)
def prepare(text: str) -> str:
    """NFKC, traditional -> simplified, lower case, typographic quotes straightened."""
    text = normalize(text or "")[:MAX_CHARS]
    text = re.sub(r"唔(?:使|洗|駛|驶)", "不用", simplified(text)).translate(_CANTONESE)  # "格式唔使跟": no need to follow
    text = re.sub(r"私隐|范本|呢啲", lambda m: _SAME_LENGTH[m.group(0)], text)  # Hong Kong words, same length
    text = re.sub(r"(?<=[一二两三四五六七八九][百千万])几(?![十百千万亿])", "多", text)  # "四百几页" is "四百多页"
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').lower()


# Cantonese function words read as their Mandarin ones, one character for one so offsets stay valid:
# "公司冇 GPU" = 公司没 GPU, "唔可以攞去训练" = 不可以拿去训练
_SAME_LENGTH = {"私隐": "隐私", "范本": "模板", "呢啲": "这些"}
_CANTONESE = str.maketrans("冇唔嘅咗哋嗰攞畀喺佢", "没不的了们那拿给在他")


@dataclass(frozen=True)
class Clause:
    text: str
    start: int  # offset in the prepared text


_CUT = re.compile(
    r"(?:(?<!\d),(?!\s*(?:usd|eur|rmb|cny|dollars?|euros?)\b)|,(?!\d{3}(?!\d))(?!\s*(?:usd|eur|rmb|cny|dollars?|euros?)\b)|[;!?，。；！？、\n])+|(?<=[a-z0-9)\]'\" ])\.(?:\s+|$)|\s+-{1,2}\s+|(?<![\d%kKmM])\s*[—–]+\s*|(?<=[\d%kKmM])\s*[—–]+\s*(?!(?:us)?[$€£¥]?\s*\d)|\s+(?=(?:but|however|although|though|whereas|"
    r"except|rather than)\b)|(?=(?:但是|但|不过|然而|可是|只是|而是|虽然|除了|而不是|而非))|\(|\)",
)


_ASIDE = re.compile(r"\(([^()]{1,60})\)")


def inline_asides(text: str) -> str:
    """The text with short asides blanked out (same length): "850k labeled (question, sql) pairs" reads as one
    clause "850k labeled                 pairs", and the aside is read as clauses of its own."""
    return _ASIDE.sub(lambda m: " " * len(m.group(0)), text)


# "32,000 anonymized, consented counselor-response examples": the commas of a count's adjectives cut no clause
_LISTED_ADJECTIVES = re.compile(r"(?<=\d)(?:\s*[km])?(?:\s+[a-z][a-z-]+,){1,3}(?:\s+[a-z][a-z-]+){1,2}\s+(?:examples|samples|pairs|"
                                r"records|rows|replies|responses|answers|transcripts|conversations|dialogues|tickets|emails|"
                                r"reviews|q&as|notes|reports|summaries|messages|documents|docs|files|pages|manuals)\b")


def clauses(text: str) -> list[Clause]:
    """The prepared text cut into clauses, with their offsets."""
    out: list[Clause] = []
    for m in _ASIDE.finditer(text):
        out += _cut(m.group(1), m.start(1))
    text = _LISTED_ADJECTIVES.sub(lambda m: m.group(0).replace(",", " "), text)  # same length
    out += _cut(_DASHED_GLOSS.sub(lambda m: " " * len(m.group(1)) + m.group(2) + " " * len(m.group(3)),
                                  inline_asides(text)), 0)
    return sorted(out, key=lambda c: c.start)


# "unos ochocientos - about 800 - template examples": a gloss between dashes reads with the words around it
_DASHED_GLOSS = re.compile(r"(\s-\s)((?:about|around|roughly|approx\.?|approximately|~|大约|大概|约)\s*\d[\d,.]*\s*[kK]?)(\s-\s)")


def _cut(text: str, offset: int) -> list[Clause]:
    out: list[Clause] = []
    pos = 0
    for m in _CUT.finditer(text):
        if m.start() > pos and text[pos : m.start()].strip():
            out.append(Clause(text[pos : m.start()], pos + offset))
        pos = m.end()
    if text[pos:].strip():
        out.append(Clause(text[pos:], pos + offset))
    return out


# negators before a cue ("not", "no", "不", "没"...), with the words that only look like one ("非常" = very)
_NEG_EN = re.compile(
    r"\b(?:not|no|never|don'?t|doesn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|won'?t|without|nor|neither|hardly|nothing|"
    r"zero|none|lack|lacks|free of|nobody|no one|no-one)\b"
)
_NEG_ZH = re.compile(r"(?:不|没|无|未|非|别|甭|勿|免)")
_NOT_NEG_ZH = re.compile(
    r"非常|不少|不断|不仅|不止|不错|无论|不同|不久|不管|非要|不得不|无数|不停|不时|没准|未来|免费|并非不|不过|不但|"
    r"不是很多|不多|不足|不够|不大|不高|不便宜|无法|不能|不可|不允许|未脱敏|未经|不准|不得|说不定|不一定|不确定|不清楚|"
    r"有没有|是不是|能不能|可不可以|要不要|会不会|行不行|好不好"
)
# after a cue: "... is not needed", "... doesn't matter", "...不重要", "...无所谓"
_NEG_AFTER = re.compile(
    r"^[^,;.]{0,30}?\b(?:isn'?t|aren'?t|wasn'?t|weren'?t|not|doesn'?t|does not|don'?t|do not|won'?t|will not)\b[^,;.]{0,12}?"
    r"(?:needed|required|necessary|important|a (?:concern|problem|issue|priority|requirement|must|factor)|"
    r"an? (?:issue|problem)|matter|care|an? constraint|relevant|critical|a big deal|applicable|(?:really )?an option|feasible|viable)\b"
    r"|^.{0,12}?(?:不(?:需要|重要|是问题|成问题|是重点|必|用|要求|在乎|关心|敏感|严格)|无所谓|没(?:有)?(?:要求|关系|必要)|"
    r"不做要求|都行|随意|不是(?:必须|硬性))"
)
_HEDGE = re.compile(
    r"\b(?:maybe|perhaps|might|possibly|not sure|unsure|unclear|not yet decided|undecided|don'?t know|no idea|"
    r"probably not|may or may not|if at all|hypothetically|someday|eventually)\b|"
    r"或许|也许|说不定|不确定|不一定|还没想好|没想好|不清楚|可能(?!性)|以后再说|将来"
)


def _last(pattern: re.Pattern, text: str) -> re.Match | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - keep the last match
        pass
    return found


def negated(clause: str, start: int, end: int) -> bool:
    """True when the cue at ``clause[start:end]`` is negated: by a negator shortly before it, or by
    "is not needed / 不重要" right after it."""
    before = clause[max(0, start - 40) : start]
    m = _last(_NEG_EN, before[-32:])
    if m and not re.search(r"\bbut\b|\bonly\b", before[m.end() :]):
        return True
    zh_before = before[-8:]
    masked = _NOT_NEG_ZH.sub(lambda x: "_" * len(x.group(0)), zh_before)
    if _NEG_ZH.search(masked):
        return True
    wide = _last(_NEED_NOT_ZH, before)  # "不需要查什么文献或者手册": a list of what is not needed
    if wide and len(before) - wide.end() <= 20 and not re.search(r"[,，。;；]|但|只|而是|就是|还要|得|必须", before[wide.end() :]):
        return True
    return bool(_NEG_AFTER.search(clause[end:]))


_NEED_NOT_ZH = re.compile(r"不需要|不用|无需|不必|没必要|用不着|不打算|不准备|不想")


def hedged(clause: str) -> bool:
    """True when the clause only supposes or doubts what it says ("maybe later", "不确定要不要")."""
    return bool(_HEDGE.search(clause))


def snippet(clause: Clause, start: int = 0, end: int | None = None, width: int = 48) -> str:
    """The user's words around a cue, at most ``width`` characters, trimmed to the clause."""
    text = clause.text
    end = len(text) if end is None else end
    if len(text.strip()) <= width:
        return text.strip()
    lo = max(0, min(start, len(text)) - width // 3)
    hi = min(len(text), max(end, lo + width))
    return text[lo:hi].strip()


# a thought dropped as it is written: "I was going to say it should look things up in the handbook, but no, scratch
# that", "First I thought I'd rent an A100, but nah, scratch that"
_ABANDONED = re.compile(r"\s*(?:i was (?:going to|gonna|about to) (?:say|suggest|ask)|(?:at )?first i (?:thought|figured|wanted)|"
                        r"i (?:almost|nearly) (?:said|asked)|本来(?:想|打算)|一开始(?:想|打算))")
_DROP_IT = re.compile(r"\s*(?:but\s*)?(?:no|nah|nope)?[\s,]*(?:scratch that|forget (?:it|that)|never ?mind|算了|不用了)\b")


def dropped_thought(parts: list[Clause], i: int) -> bool:
    """Clause ``i`` starts a thought the next clause or two drop ("…, but no, scratch that")."""
    return bool(_ABANDONED.match(parts[i].text)) and any(_DROP_IT.match(p.text) for p in parts[i + 1 : i + 3])
