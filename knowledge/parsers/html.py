"""HTML: visible text only (no script/style/noscript/template), paragraphs kept, any nesting depth."""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

from knowledge.parsers import Parsed
from knowledge.parsers.text import decode_text

_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]{2,40})", re.I)
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe",
                   "object", "embed", "canvas", "select", "button"})
_PARAGRAPH = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "table", "ul", "ol",
                        "dl", "section", "article", "header", "footer", "main", "aside", "nav", "figure",
                        "form", "fieldset", "details", "hr"})
_LINE = frozenset({"div", "li", "tr", "dt", "dd", "caption", "figcaption", "summary", "address", "center",
                   "body", "html"})
_CELL = frozenset({"td", "th"})
_SPACES = re.compile(r"\s+")
_PARA = "\ue000"  # private-use marker for a paragraph boundary, resolved in _tidy
_RUNS = re.compile(r"[\s\ue000]+")


@lru_cache(maxsize=1)
def _quiet_bs4() -> None:
    """Silence bs4's guesses about the input ('looks like a filename/XML'): any bytes are a page here."""
    from bs4 import MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning

    warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)
    warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)


def parse_html(data: bytes) -> Parsed:
    """Text and <title> of an HTML page."""
    from bs4 import BeautifulSoup

    _quiet_bs4()

    # lxml feeds bs4 event by event, so 10,000 nested tags build a tree without recursion or a depth cap
    soup = BeautifulSoup(_decode_html(data), "lxml")
    title_tag = soup.find("title")
    title = _SPACES.sub(" ", title_tag.get_text()).strip()[:300] if title_tag else ""
    return Parsed(text=visible_text(soup), title=title or None)


def _decode_html(data: bytes) -> str:
    """UTF-8/BOM first, then a <meta charset> that decodes cleanly, then detection."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii").lower()
        if declared in ("gb2312", "gbk", "gb_2312-80", "x-gbk"):
            declared = "gb18030"
        try:
            return data.decode(declared).replace("\r\n", "\n")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)


def visible_text(root) -> str:
    """Walk the tree with an explicit stack (deep nesting is no problem) and join the visible strings."""
    from bs4.element import NavigableString, PreformattedString, Tag

    out: list[str] = []
    stack: list[tuple[object, str | None]] = [(root, None)]
    while stack:
        node, closing = stack.pop()
        if closing is not None:
            out.append(closing)
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):  # comments, CDATA, doctype, declarations
                out.append(str(node).replace(_PARA, ""))
            continue
        if not isinstance(node, Tag) or node.name in _SKIP:
            continue
        name = node.name
        mark = _PARA if name in _PARAGRAPH else "\n" if name in _LINE else " " if name in _CELL else None
        if name == "br":
            out.append("\n")
            continue
        if name == "table" and not node.find_parent("table"):
            table = table_markdown(node)
            if table:
                out.append(f"{_PARA}{table}{_PARA}")
                continue
        if mark:
            out.append(mark)
            stack.append((node, mark))
        stack.extend((child, None) for child in reversed(node.contents))
    return _tidy("".join(out))


MAX_SPAN = 50  # a colspan/rowspan larger than this is a broken table, not a layout


def table_markdown(table) -> str:
    """An HTML <table> as a markdown pipe table, so tables of every format read alike. Cells spanning rows or
    columns are repeated into every grid position they cover; leading header rows (all <th>, or a <thead>) are
    joined per column ("Sequence length 256"), so each column keeps one full name."""
    grid: list[list[str]] = []
    groups: set[int] = set()  # rows of one cell spanning the table ("English ability"): a group label, not data
    header_rows = corner_rows = 0
    pending: dict[tuple[int, int], str] = {}  # (row, col) filled by a rowspan from above
    for r, tr in enumerate(table.find_all("tr")):
        cells = tr.find_all(["th", "td"])
        row: list[str] = []
        col = 0
        for cell in cells:
            while (r, col) in pending:
                row.append(pending.pop((r, col)))
                col += 1
            text = " ".join(cell.get_text(" ", strip=True).split()).replace("|", "/")
            span_c = min(_span(cell, "colspan"), MAX_SPAN)
            span_r = min(_span(cell, "rowspan"), MAX_SPAN)
            for dc in range(span_c):
                row.append(text)
                for dr in range(1, span_r):
                    pending[(r + dr, col + dc)] = text
            col += span_c
        while (r, col) in pending:
            row.append(pending.pop((r, col)))
            col += 1
        if not any(row):
            continue
        if len(cells) == 1 and _span(cells[0], "colspan") > 1 and grid:
            groups.add(len(grid))
        if header_rows == len(grid) and (all(c.name == "th" or _bold(c) for c in cells) or tr.find_parent("thead") is not None
                                         or len(grid) < corner_rows):
            header_rows += 1
        if not grid and cells and not _NUMBER.match(cells[0].get_text(" ", strip=True)):
            corner_rows = _span(cells[0], "rowspan")  # "Model" spanning four rows: the header is four rows deep
        grid.append(row)
    data_width = max((len(r) for i, r in enumerate(grid) if i not in groups), default=0)
    # a group label's colspan often exceeds the table ("colspan=15" over 8 columns): no phantom columns, label once
    grid = [([r[0]] + [""] * (data_width - 1)) if i in groups else r[:data_width] for i, r in enumerate(grid)]
    if header_rows > 1:
        width = max(len(r) for r in grid[:header_rows])
        merged = []
        for j in range(width):
            parts = [grid[i][j] for i in range(header_rows) if j < len(grid[i]) and grid[i][j]]
            merged.append(" ".join(dict.fromkeys(parts)))  # a spanning title once, then the sub-header
        grid = [merged, *grid[header_rows:]]
    return markdown_table(grid)


_NUMBER = re.compile(r"^[-+]?\d[\d,.]*\s*%?$")


def _bold(cell) -> bool:
    """A cell whose whole text is bold ("<td><strong>Model</strong></td>"): a header cell written as a data cell."""
    text = cell.get_text("", strip=True)
    bold = "".join(b.get_text("", strip=True) for b in cell.find_all(["strong", "b"]))
    return bool(text) and text == bold and not _NUMBER.match(text)


def _span(cell, name: str) -> int:
    try:
        return max(1, int(str(cell.get(name, "1")).strip() or 1))
    except ValueError:
        return 1


def html_tables_to_markdown(text: str) -> str:
    """Markdown with raw HTML <table> blocks (common in READMEs): each block written as a pipe table."""
    if "<table" not in text.lower():
        return text
    from bs4 import BeautifulSoup

    _quiet_bs4()

    def convert(m: re.Match) -> str:
        table = BeautifulSoup(m.group(0), "lxml").find("table")
        return "\n" + table_markdown(table) + "\n" if table is not None else m.group(0)

    return _HTML_TABLE.sub(convert, text)


_HTML_TABLE = re.compile(r"<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL)


def markdown_table(rows: list[list[str]]) -> str:
    if len(rows) < 2:
        return "\n".join(" ".join(r) for r in rows)
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def _tidy(text: str) -> str:
    """Whitespace runs become one space, one newline, or a blank line when a paragraph ended in them."""
    text = _RUNS.sub(_collapse, text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def _collapse(m: re.Match) -> str:
    run = m.group(0)
    if _PARA in run:
        return "\n\n"
    return "\n" if "\n" in run else " "
