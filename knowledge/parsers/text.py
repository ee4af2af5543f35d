"""Plain text and markdown: encoding detection (UTF-8, GBK/GB18030, UTF-16) and front matter."""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

from knowledge.errors import SkipFile
from knowledge.parsers import Parsed

log = logging.getLogger(__name__)

# A legacy CJK guess on short Chinese text is often big5/cp949: the product reads Chinese, so GB18030
# (a superset of GBK and GB2312) wins whenever it decodes the bytes cleanly.
_CHINESE = {"gb2312", "gbk", "gb18030", "hz", "cp936", "euc_cn", "iso2022_cn"}
_OTHER_CJK = {"big5", "big5hkscs", "cp950", "cp949", "euc_kr", "johab", "shift_jis", "cp932", "euc_jp",
              "shift_jis_2004", "shift_jisx0213", "euc_jis_2004", "euc_jisx0213", "iso2022_jp", "iso2022_kr"}
_JUNK_CATEGORIES = {"Cc", "Cn", "Co", "Cs"}
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w\-]*)\s*:\s*(.*)$")
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(\S.*)$", re.M)
MARKDOWN_EXTENSIONS = (".md", ".markdown")


def parse_text(data: bytes, ext: str) -> Parsed:
    """Decode a .txt/.md file; markdown front matter becomes metadata and the title."""
    text = decode_text(data)
    if ext not in MARKDOWN_EXTENSIONS:
        return Parsed(text=text)
    front, body = split_front_matter(text)
    title = front.get("title") or markdown_title(body)
    return Parsed(text=body, title=title, meta=front)


def decode_text(data: bytes) -> str:
    """Bytes to str without ever raising UnicodeDecodeError; SkipFile for binary content."""
    text = _decode(data)
    if _mostly_junk(text):
        raise SkipFile("binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes) -> str:
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    wide = _utf16_without_bom(data)
    if wide:
        return data.decode(wide, errors="replace")
    if b"\x00" in data:
        raise SkipFile("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    legacy = _legacy_codec(data)
    lines = data.splitlines(keepends=True)
    if any(_is_utf8_non_ascii(line) for line in lines):
        log.info("mixed encodings: decoding line by line (utf-8 or %s)", legacy)
        return "".join(_decode_line(line, legacy) for line in lines)
    return data.decode(legacy, errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le/-be when NUL bytes sit (almost) only in odd/even positions, as in mostly-ASCII UTF-16."""
    sample = data[:8192]
    if len(sample) < 2 or len(data) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd and even * 20 < odd:
        return "utf-16-le"
    if even and odd * 20 < even:
        return "utf-16-be"
    return None


def _legacy_codec(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess = best.encoding.lower() if best is not None else ""
    if guess in _CHINESE:
        return "gb18030"
    if guess in _OTHER_CJK or not guess:
        try:
            data.decode("gb18030")
            return "gb18030"
        except UnicodeDecodeError:
            pass
    try:
        codecs.lookup(guess)
    except LookupError:
        return "gb18030"
    return guess


def _is_utf8_non_ascii(line: bytes) -> bool:
    """Valid UTF-8 with a 3- or 4-byte sequence: legacy Chinese bytes almost never form one by chance
    (2-byte UTF-8 look-alikes such as GBK C4BF are common, so they do not count)."""
    if max(line, default=0) < 0xE0:
        return False
    try:
        line.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _decode_line(line: bytes, legacy: str) -> str:
    if _is_utf8_non_ascii(line) or line.isascii():
        return line.decode("utf-8")
    return line.decode(legacy, errors="replace")


def _mostly_junk(text: str, sample_chars: int = 200_000) -> bool:
    """True when over 10% of the characters are controls, unassigned, private-use or U+FFFD."""
    sample = text[:sample_chars]
    if not sample:
        return False
    junk = sum(1 for ch in sample if ch == "\ufffd"
               or (ch not in "\t\n\r\f\v" and unicodedata.category(ch) in _JUNK_CATEGORIES))
    return junk > 0.1 * len(sample)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``key: value`` lines between ``---`` fences at the top, and the body after them."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return {}, text  # no closing fence: not front matter
    front: dict[str, str] = {}
    for line in lines[1:end]:
        m = _FRONT_KEY.match(line.strip())
        if m:
            front[m.group(1)] = _unquote(m.group(2).strip())
    return front, "\n".join(lines[end + 1:])


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def markdown_title(body: str) -> str | None:
    """The first ATX heading (``# Title``), if any."""
    m = _HEADING.search(body[:200_000])
    if not m:
        return None
    return m.group(1).rstrip().rstrip("#").rstrip() or None
