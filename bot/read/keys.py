"""The numbers a question ties to words ("input len 30720", "bs8", "4x A40", "zero1=8", "银牌（第二）") and how
well a table row holds them. Pure; part of reading table cells (``bot.read.cells``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.read.candidate import singular
from bot.read.sentences import expand
from bot.understand.text import prepare
from knowledge.lang import tokenize

_NUMBER_AFTER = re.compile(r"([a-z\u4e00-\u9fff\u03b1-\u03c9][a-z\u4e00-\u9fff\u03b1-\u03c9 ]{0,20}?)(?:(?<=[\u4e00-\u9fff])|\s*[=:：]?\s+|\s*[=:：]\s*)"
                           r"(\d[\d,.]*(?:[km](?![a-z0-9]))?)(?![\d.]|\s*(?:%|[kmbx]\b(?!\s*[=:：]?\s*\d)|gb|mb|g\b|bits?\b|位|比特|卡|张|个|条))")
_NOT_COUNTED = frozenset("is was has does its this gpus npus cards nodes bits tokens".split())
_FUNCTION_WORD = re.compile(r"\b(?:and|an|a|the|with|or|only|just|about|around|like|than|across|at|on|in|to|by)\s*$")
# "6 experts", "an 8k-long prompt": a count of a plural noun, a length of the thing named after it
_COUNTED_NOUN = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?[km]?)(?:-(?:long|length|token)s?)?\s+([a-z]{3,})\b")
_NUMBER_BEFORE = re.compile(r"(?<![a-z0-9_.])(\d+|\d+\.\d+(?=\s*-?\s*bit))\s*-?\s*(bits?|gpus?|npus?|cards?|nodes?|卡|张卡|块卡)(?![a-z])")
_GPUS_OF_A_KIND = re.compile(r"(?<![\w.])(\d{1,4})\s*[x×*]\s*(?:nvidia\s+)?[ahvlt]\d{2,3}[a-z]?\b|(\d{1,4})\s*(?:张|块)\s*[ahvlt]\d{2,3}[a-z]?\b")
_CARDS_ZH = re.compile(r"(单|一|双|两|二|四|八)(?:张|块)?(?:卡|机)")
_ZH_DIGIT = {"单": "1", "一": "1", "双": "2", "两": "2", "二": "2", "四": "4", "八": "8"}
_DEVICE_WORDS = {"gpu", "gpus", "npu", "npus", "card", "cards", "卡", "数量", "num", "nodes", "node"}


def number_pairs(question: str) -> list[tuple[set[str], str]]:
    """(words, number) for each number the question ties to a word, the word before ("input len 30720",
    "输入1") or a unit after ("4bit", "8 GPUs", "单卡" = one card)."""
    low = prepare(question)
    out = []
    claimed: set[int] = set()
    for m in _NUMBER_BEFORE.finditer(low):
        unit = m.group(2)
        # "4bit", "8 GPUs", "8卡" name the unit; "30720 gpu memory" is a number followed by another phrase
        if " " in m.group(0) and not unit.endswith("s") and unit.isascii():
            continue
        words = _DEVICE_WORDS if unit in ("卡", "张卡", "块卡") or unit.rstrip("s") in ("gpu", "npu", "card", "node") \
            else {unit, singular(unit)}
        out.append((set(words), m.group(1)))
        claimed.add(m.start(1))
    for m in _NUMBER_AFTER.finditer(low):
        if _FUNCTION_WORD.search(m.group(1)) or low[m.end(2) : m.end(2) + 1] == "-":
            continue  # "6 experts and an 8k-long prompt": "an" names nothing, the number goes with the words after it
        words = set(tokenize(expand(m.group(1))))
        if words and m.start(2) not in claimed:
            out.append((words, m.group(2).replace(",", "")))
    for m in _CARDS_ZH.finditer(low):
        out.append((set(_DEVICE_WORDS), _ZH_DIGIT[m.group(1)]))
    for m in _GPUS_OF_A_KIND.finditer(low):  # "4x A40", "8 张 A100": a count of GPUs
        out.append((set(_DEVICE_WORDS), m.group(1) or m.group(2)))
    for m in _COUNTED_NOUN.finditer(low):
        noun = m.group(2)
        if m.start(1) not in claimed and (noun.endswith("s") or "-" in m.group(0)) and noun not in _NOT_COUNTED:
            out.append(({noun, singular(noun)}, m.group(1)))
            claimed.add(m.start(1))
    for m in _COUNT_OF.finditer(low):  # "32 个 v5e-256", "4 v5e-256 pods": a count of a named thing
        if m.start(1) not in claimed:
            out.append(({m.group(2)}, m.group(1)))
    for m in _GLUED.finditer(low):  # "bs8", "tp4": an abbreviation glued to its number
        out.append((_GLUED_WORDS[m.group(1)], m.group(2)))
    for m in _LABEL_SETTING.finditer(low):  # "zero1=8": a setting whose name holds a digit
        if any(ch.isdigit() for ch in m.group(1)):
            out.append(({m.group(1)}, m.group(2)))
    for m in _GROUP_SIZE.finditer(low):  # GPTQ's "128g": group size 128; "no groupsize": the row without one
        out.append(({"group", "groupsize", "group-size"}, m.group(1) or "-"))
    places = {_PLACES[next(g for g in m.groups() if g)] for m in _PLACE.finditer(low)}
    out += [(set(_RANK_WORDS), place) for place in sorted(places)]  # "银牌（第二）", "second place": the row of that rank
    return out


_RANK_WORDS = frozenset({"排名", "名次", "rank", "ranking", "place", "#", "no"})
_PLACES = {"金牌": "1", "第一": "1", "冠军": "1", "gold": "1", "first": "1", "1st": "1",
           "银牌": "2", "第二": "2", "亚军": "2", "silver": "2", "second": "2", "2nd": "2",
           "铜牌": "3", "第三": "3", "季军": "3", "bronze": "3", "third": "3", "3rd": "3"}
_PLACE = re.compile(r"(金牌|银牌|铜牌|冠军|亚军|季军)|(?:排名|名次|排行)?(第[一二三])(?:名)|"
                    r"\b(gold|silver|bronze)(?: medal)?\b|\b(first|second|third|1st|2nd|3rd) place\b")
_MEDALS = {"🥇": "1", "🏅": "1", "🥈": "2", "🥉": "3"}


def rank_value(value: str) -> str:
    """A leaderboard's rank cell as a number: a medal ("🥈") is its place."""
    held = value.replace("\ufe0f", "").strip()
    return _MEDALS.get(held, held)


_GROUP_SIZE = re.compile(r"(?<![a-z0-9.])(32|64|128|256|512|1024)g(?![a-z0-9])|\b(?:no|without) group[- ]?size\b")
_COUNT_OF = re.compile(r"(?<![\w.])(\d{1,4})\s*(?:[x×]|个|套|台)?\s*(?![kmb]-)([a-z][a-z0-9.]*(?:-[a-z0-9.]+)+|[a-z]+\d[a-z0-9.]*(?:-[a-z0-9.]+)*)(?![\w.])")
_GLUED = re.compile(r"(?<![a-z0-9])(bs|tp|pp|dp|ep)(\d+)(?![\d.])")
_GLUED_WORDS = {"bs": {"bs", "batch"}, "tp": {"tp", "tensor"}, "pp": {"pp", "pipeline"}, "dp": {"dp", "data"},
                "ep": {"ep", "expert"}}


def tied(pairs: Sequence[tuple[set[str], str]], row_values: Sequence[tuple[str, str]]) -> int:
    """+1 for each number the question ties to a column this row holds it in, -1 where the row holds another."""
    score = 0
    for words, number in pairs:
        for column, value in row_values:
            named = set(tokenize(column))  # "bit" names the "bitwidth" column
            if named & words or any(len(w) >= 3 and t.startswith(w) for w in words for t in named):
                if re.fullmatch(r"\d+(?:\.\d+)?[kmb]", number.lower()) and re.search(r"\d\s?[kmb]\b", column.lower()):
                    break  # "Ruler 32K" beside the asked "Ruler 128K": the number names a column, not this row
                held = rank_value(value).replace(",", "").lower()
                score += 1 if held == number.lower() else -1  # "global 4M": the "4M" cell
                break
    return max(-2, min(score, 2))


def label_pairs(row: str) -> list[tuple[str, str]]:
    """The settings a row's label writes out: "(tp=1, zero1=-1)" -> [("tp", "1"), ("zero1", "-1")]; a GPU count
    ("4xA100 80GB") and a medal leading it ("🥈 / XVERSE-13B-2-Chat", its rank) too."""
    medal = rank_value(row.split(" / ")[0])
    gpus = [("gpus", m.group(1)) for m in _LABEL_GPUS.finditer(row)]  # "4xA100 80GB": four GPUs
    gpus += [(m.group(2), m.group(1)) for m in _LABEL_TIMES.finditer(row)]  # "32x v5e-256": thirty-two of them
    return _LABEL_SETTING.findall(row) + gpus + ([("rank", medal)] if medal.isdigit() and medal != row.strip() else [])


_LABEL_GPUS = re.compile(r"(?<![\w.])(\d{1,3})\s*[x×]\s*(?:nvidia\s+)?(?:[ahvlt]\d{2,3}|rtx|gpus?\b)", re.IGNORECASE)
_LABEL_SETTING = re.compile(r"([A-Za-z_][\w-]*)\s*=\s*(-?\d[\w.]*)")
_LABEL_TIMES = re.compile(r"^\s*(\d{1,4})\s*[x×]\s*([A-Za-z][\w.]*(?:-[\w.]+)+|[A-Za-z]+\d[\w.-]*)")


def column_tied(pairs: Sequence[tuple[set[str], str]], column: str) -> int:
    """+1 when the column's own name holds a number the question ties to one of its words ("batch 32" and the
    column "batch=32"), -1 when it holds another number for that word ("batch=4")."""
    tokens = set(tokenize(column))
    numbers = set(re.findall(r"\d+", column)) | {n.lower() for n in re.findall(r"\d+(?:\.\d+)?\s?[kKmMbB]\b", column)}
    for words, number in pairs:
        if words & tokens and numbers:
            return 1 if number.lower().replace(" ", "") in {n.replace(" ", "") for n in numbers} else -1
    return 0
