"""Tables drawn in plain text, as benchmark tools print them: box-drawing tables (rich: ``┏━┳━┓ ┃ a ┃ b ┃``, ``│``)
and ASCII grid tables (tabulate, psql: ``+---+---+`` rules with ``| a | b |`` rows). Each is rewritten as a markdown
pipe table and read by ``knowledge.tables``; its cells keep the drawn line they came from, so the passage holding
it is found. Pure.
"""

from __future__ import annotations

import re
from dataclasses import replace

from knowledge.tables import Cell, _caption, _parse, is_numeric

_BOX_RULE = re.compile(r"^\s*[┏┳┓┡╇┩└┴┘┌┬┐├┼┤━─═╞╪╡╔╦╗╚╩╝╠╬╣╭╮╰╯╒╤╕╘╧╛╟╫╢\s]+$")
_BOX_HEAD_RULE = re.compile(r"[┡╇┩╞╪╡]")  # the rule under a header (rich's heavy head, a double line)
_BOX_ROW = re.compile(r"^\s*[┃│║].*[┃│║]\s*$")
_GRID_RULE = re.compile(r"^\s*\+[-=+:]+\+\s*$")
_GRID_ROW = re.compile(r"^\s*\|.*\|\s*$")
_BOX_SPLIT = re.compile(r"[┃│║]")
_MIN_ROWS = 2


def text_tables(text: str) -> list[Cell]:
    """Every body cell of every box-drawing or ASCII grid table in ``text``."""
    if not re.search(r"[┃│║]|^\s*\+[-=]{3,}", text, re.M):
        return []
    lines = text.splitlines()
    return [cell for start, end, kind in _spans(lines) for cell in _table(lines, start, end, kind)]


def drawn_headers(lines: list[str]) -> list[tuple[int, int, str]]:
    """For each drawn table with a header: the line range of its body and the drawn lines down to the header's
    rule, so a passage holding only some of its rows can be given the column names again."""
    out = []
    for start, end, kind in _spans(lines):
        head = next((k for k in range(start + 1, end) if (kind == "box" and _BOX_HEAD_RULE.search(lines[k]))
                     or (kind == "grid" and _GRID_RULE.match(lines[k]) and "=" in lines[k])), None)
        if head is None and kind == "grid" and end - start > 3 and _GRID_RULE.match(lines[start]) and _GRID_RULE.match(lines[start + 2]) \
                and all(c and not is_numeric(c) for c in _cells_of(lines[start + 1], kind)):
            head = start + 2  # a psql table: one named row between the first two rules
        if head is not None:
            out.append((head + 1, end, "\n".join(lines[start : head + 1])))
    return out


def _spans(lines: list[str]) -> list[tuple[int, int, str]]:
    """The line ranges [start, end) of drawn tables, with their kind ("box" or "grid")."""
    out, i = [], 0
    while i < len(lines):
        kind = _kind(lines[i])
        if kind is None:
            i += 1
            continue
        j = i
        while j < len(lines) and _kind(lines[j]) == kind:
            j += 1
        out.append((i, j, kind))
        i = j
    return out


def _kind(line: str) -> str | None:
    if line.strip() and (_BOX_RULE.match(line) and re.search(r"[━─═]", line) or _BOX_ROW.match(line)):
        return "box"
    if _GRID_RULE.match(line) or (_GRID_ROW.match(line) and not re.match(r"^\s*\|\s*:?-{3,}", line)):
        return "grid"
    return None


def _cells_of(line: str, kind: str) -> list[str]:
    parts = _BOX_SPLIT.split(line.strip()) if kind == "box" else line.strip().split("|")
    return [" ".join(p.split()).replace("|", "/") for p in parts[1:-1]]


def _table(lines: list[str], start: int, end: int, kind: str) -> list[Cell]:
    """The cells of the table drawn on ``lines[start:end]``."""
    rows: list[tuple[str, list[str]]] = []
    head_end = None  # how many rows the header holds
    rules = 0
    for line in lines[start:end]:
        if (kind == "box" and _BOX_RULE.match(line)) or (kind == "grid" and _GRID_RULE.match(line)):
            rules += 1
            if head_end is None and rows and (_BOX_HEAD_RULE.search(line) or "=" in line):
                head_end = len(rows)
            continue
        rows.append((line, _cells_of(line, kind)))
    width = max((len(c) for _, c in rows), default=0)
    if len(rows) < _MIN_ROWS or width < 2:
        return []
    rows = [(line, c + [""] * (width - len(c))) for line, c in rows]
    if head_end is None and rows[0][1] and all(c and not is_numeric(c) for c in rows[0][1]) \
            and any(is_numeric(c) for _, r in rows[1:] for c in r):
        head_end = 1  # a psql table: the first row names the columns
    header = [" ".join(r[k] for _, r in rows[:head_end or 0] if r[k]) for k in range(width)]
    body = rows[head_end or 0 :]
    if not body:
        return []
    md = ["| " + " | ".join(header) + " |", "|" + "---|" * width]
    drawn = {}
    for line, cells in body:
        row = "| " + " | ".join(cells) + " |"
        md.append(row)
        drawn[row.strip()] = line.strip()
    caption = _caption(lines, start)
    return [replace(c, line=drawn.get(c.line, c.line), caption=c.caption or caption) for c in _parse("\n".join(md))]
