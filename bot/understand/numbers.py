"""Numbers as people write them: ``3,000``, ``1.2k``, ``5万``, ``两千``, ``two thousand``, ``thousands of``.

``quantities(text)`` finds every such number with its position, so callers can look at the words around
it (``条``, ``examples``, ``GB``, ``tokens``...) to decide what it counts. Pure and total: it never raises.
"""

from __future__ import annotations

import re
from dataclasses import (
    dataclass,
)

_MAX_DIGITS = 15  # longer digit runs are not quantities anyone means; also keeps float() finite

_SCALE = {
    "k": 1e3, "thousand": 1e3, "grand": 1e3, "m": 1e6, "million": 1e6, "billion": 1e9,
    "百": 1e2, "千": 1e3, "万": 1e4, "百万": 1e6, "千万": 1e7, "亿": 1e8,
}
_ZH_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNIT = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10_000, "亿": 100_000_000}

_EN_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_EN_SCALES = {"hundred": 100, "thousand": 1_000, "grand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

# Vague amounts -> a representative value inside the range they name (longest phrases first).
_VAGUE: tuple[tuple[str, float], ...] = (
    (r"hundreds of millions", 3e8), (r"tens of millions", 3e7), (r"hundreds of thousands", 3e5),
    (r"tens of thousands", 3e4), (r"(?:several |many |a few )?millions", 2e6), (r"billions", 2e9),
    (r"(?:several|a few|a couple of) thousand", 3e3), (r"(?:several|a few|a couple of) hundred", 300),
    (r"thousands", 3e3), (r"hundreds", 300), (r"dozens", 30), (r"a dozen", 12),
    (r"a (?:few|handful of|couple of)", 5), (r"several", 5),
    (r"数十亿|几十亿", 3e9), (r"数以?亿计|几亿|数亿|上亿", 3e8), (r"几千万|数千万", 3e7), (r"几百万|数百万|上百万|百万级", 2e6),
    (r"几十万|数十万|数以万计", 3e5), (r"几万|数万|上万|万级", 3e4), (r"几千|数千|上千", 3e3),
    (r"几百|数百|上百", 300), (r"几十|数十", 30), (r"十几亿|十多亿", 1.5e9), (r"十几万|十多万|十来万", 1.5e5),
    (r"十几千|十多千", 1.5e4), (r"一两万|两三万", 2e4), (r"一两千|两三千", 2e3), (r"十几|十多", 15), (r"几(?=[个条份组对])", 5),
)

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SUFFIX = r"\s*(?:(?P<word>thousand|grand|million|billion)\b|(?P<zh>百万|千万|万|亿|千|百)|(?P<km>[kKmM])(?![a-zA-Z]))"
_ZH_NUM = r"[零〇一二两三四五六七八九十百千万亿]{2,}|(?<![周期拜])[一二两三四五六七八九十](?=[个条笔份组对张块台万千百亿元美欧轮遍封])"  # not 周三组会
# digits with Chinese magnitudes inside: "1万2千" = 12,000, "3千5百", "1万2" (cn2an reads them)
_ZH_MAG = r"(?:千万|百万|[亿万千百])"
_MIXED = (rf"(?<![\d.])\d{{1,4}}{_ZH_MAG}(?:\d{{1,4}}{_ZH_MAG})*\d{{1,4}}{_ZH_MAG}|"
          rf"(?<![\d.])\d{{1,4}}[亿万千](?:\d{{1,4}}{_ZH_MAG})*\d(?![\d.,%])")
_EN_WORD = "|".join(sorted(list(_EN_ONES) + list(_EN_SCALES), key=len, reverse=True))
_EN_NUM = (rf"\b(?:(?:a|an|one)\s+)?(?:{_EN_WORD})(?:[\s-]+(?:and\s+)?(?:{_EN_WORD}))*"
           r"(?:\s+and\s+a\s+half(?:\s+(?:thousand|million|billion))?)?\b")  # "two and a half thousand"
EN_NUM = _EN_NUM

_PATTERN = re.compile(
    "|".join([
        "(?P<vague>" + "|".join(p for p, _ in _VAGUE) + ")",
        rf"(?P<mixed>{_MIXED})",
        rf"(?P<num>{_DIGITS})(?:{_SUFFIX})?",
        rf"(?P<zhnum>{_ZH_NUM})",
        rf"(?P<en>{_EN_NUM})",
    ]),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    """A number found in text: its value, span and whether it was a vague phrase ("thousands")."""

    value: float
    start: int
    end: int
    raw: str
    vague: bool = False


def zh_numeral(text: str) -> int | None:
    """``三千`` -> 3000, ``五十万`` -> 500000, ``两千五百`` -> 2500 (through cn2an); None if not a Chinese numeral."""
    if not text or any(ch not in _ZH_DIGIT and ch not in _ZH_UNIT and ch not in _ZH_BIG for ch in text):
        return None
    value = _cn2an(text.replace("〇", "零"))
    return _zh_fallback(text) if value is None else int(value) or None


def _cn2an(text: str) -> float | None:
    """cn2an's reading of a numeral, Chinese or mixed with digits ("1万2千"); None where it fails."""
    import cn2an  # light (pure Python); imported here so `import bot` stays fast

    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def _zh_fallback(text: str) -> int | None:
    """Colloquial forms cn2an rejects (``两千五`` = 2500, ``三万五`` = 35000): read digit by digit."""
    total = section = number = 0
    last_unit = 1
    for ch in text:
        if ch in _ZH_DIGIT:
            number = _ZH_DIGIT[ch]
        elif ch in _ZH_UNIT:
            last_unit = _ZH_UNIT[ch]
            section += (number or (1 if ch == "十" else 0)) * last_unit
            number = 0
        else:
            big = _ZH_BIG[ch]
            total = (total + section + number) * big if ch == "亿" else total + (section + number) * big
            last_unit, section, number = big, 0, 0
    if number and last_unit >= 10:  # a trailing digit after a unit: 两千五 -> 2,500
        number *= last_unit // 10
    value = total + section + number
    return value or None


def en_number(text: str) -> int | None:
    """``two thousand`` -> 2000, ``twelve hundred`` -> 1200, ``a million`` -> 1000000."""
    half = re.fullmatch(r"(.+?)\s+and\s+a\s+half(?:\s+(thousand|million|billion))?", text.strip(), re.IGNORECASE)
    if half:  # "one and a half million", "two and a half thousand", "a million and a half"
        whole = en_number(half.group(1))
        if whole is None:
            return None
        if half.group(2):
            return int((whole + 0.5) * _EN_SCALES[half.group(2).lower()])
        last = next((_EN_SCALES[w] for w in reversed(half.group(1).lower().split()) if w in _EN_SCALES), 1)
        return int(whole + 0.5 * last) if last > 1 else None
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if not words:
        return None
    if words[0] in ("a", "an"):
        if len(words) == 1 or words[1] not in _EN_SCALES:
            return None
        words[0] = "one"
    total = current = 0
    for word in words:
        if word in _EN_ONES:
            current += _EN_ONES[word]
        elif word in _EN_SCALES:
            scale = _EN_SCALES[word]
            current = max(current, 1) * scale
            if scale >= 1000:
                total += current
                current = 0
        else:
            return None
    return total + current


def _vague_value(raw: str) -> float:
    for pattern, value in _VAGUE:
        if re.fullmatch(pattern, raw, re.IGNORECASE):
            return value
    return 0.0


# "一行一条", "每行一个", "one record per line": how items are laid out, not how many there are
_LAYOUT = re.compile(r"(?:每|一)(?:行|条|个|份|页|段|列)一(?:条|个|行|份|段)|\bone (?:\w+ )?(?:per|a) (?:line|row|file|record)\b")


_MORE_THAN = re.compile(r"(?<=[\d一二两三四五六七八九十百千])(多|余)([万亿])")
_IN_NAME = re.compile(r"(?<=[a-z])\d+(?=[a-z]{2,})", re.IGNORECASE)


def quantities(text: str) -> list[Quantity]:
    """Every number-like phrase in ``text`` (already normalized), left to right."""
    found: list[Quantity] = []
    text = _LAYOUT.sub(lambda m: " " * len(m.group(0)), text)  # same length: positions stay those of ``text``
    # "三百多万", "1000多万": the magnitude applies to the whole ("三百万多", same length); "text2sql" holds no number
    text = _MORE_THAN.sub(lambda m: m.group(2) + m.group(1), text)
    text = _IN_NAME.sub(lambda m: " " * len(m.group(0)), text)
    for m in _PATTERN.finditer(text):
        raw = m.group(0)
        value: float | None = None
        vague = False
        if m.group("vague"):
            value, vague = _vague_value(raw), True
        elif m.group("num"):
            digits = m.group("num").replace(",", "")
            if len(digits.split(".")[0]) > _MAX_DIGITS:
                continue
            value = float(digits)
            scale = (m.group("word") or m.group("zh") or m.group("km") or "").lower()
            value *= _SCALE.get(scale, 1.0)
        elif m.group("mixed"):
            value = _cn2an(raw) or None
        elif m.group("zhnum"):
            value = zh_numeral(raw)
        elif m.group("en"):
            value = en_number(raw)
        if value is not None and value > 0 or (value == 0 and m.group("num")):
            found.append(Quantity(float(value), m.start(), m.end(), raw.strip(), vague))
    return _ranges_scaled(found, text)


_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")
_SCALED = re.compile(r"^(\d+(?:\.\d+)?)\s*[a-z\u4e00-\u9fff]+$")
_BETWEEN = re.compile(r"^\s*(?:-|–|~|to|至|到)\s*(?:\$|€|£|¥|￥)?\s*$")


def _ranges_scaled(found: list[Quantity], text: str) -> list[Quantity]:
    """"$1-3M", "2 to 5k": the range's first end takes the magnitude written after the second (1M, not 1)."""
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        second = _SCALED.match(b.raw)
        if not (_PLAIN.match(a.raw) and second and _BETWEEN.match(text[a.end : b.start])):
            continue
        base = float(second.group(1))
        if base and b.value > base and a.value < base:
            out[i] = Quantity(a.value * b.value / base, a.start, a.end, a.raw, a.vague)
    return out


def fmt_number(value: float) -> str:
    """``3000`` -> ``3,000``; ``1388.9`` -> ``1,389``; ``0.5`` -> ``0.5``."""
    if value >= 100 or float(value).is_integer():
        return f"{round(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
