"""Tables drawn in plain text, as benchmark tools print them: box-drawing tables (rich: ``┏━┳━┓ ┃ a ┃ b ┃``, ``│``)
and ASCII grid tables (tabulate, psql: ``+---+---+`` rules with ``| a | b |`` rows). Each is rewritten as a markdown
pipe table and read by ``knowledge.tables``; its cells keep the drawn line they came from, so the passage holding
it is found. Pure.
"""

from __future__ import annotations

import re
from dataclasses import replace

from knowledge.tables import Cell, caption_above, is_numeric, pipe_table_cells

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
        head = _head_rule(lines, start, end, kind)
        if head is not None:
            out.append((head + 1, end, "\n".join(lines[start : head + 1])))
    return out


def _head_rule(lines: list[str], start: int, end: int, kind: str) -> int | None:
    """The line of the rule under a drawn table's header; None when the table shows none."""
    for k in range(start + 1, end):
        if (kind == "box" and _BOX_HEAD_RULE.search(lines[k])) or (kind == "grid" and _GRID_RULE.match(lines[k]) and "=" in lines[k]):
            return k
    if kind == "grid" and end - start > 3 and _GRID_RULE.match(lines[start]) and _GRID_RULE.match(lines[start + 2]) \
            and all(c and not is_numeric(c) for c in _cells_of(lines[start + 1], kind)):
        return start + 2  # a psql table: one named row between the first two rules
    return None


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
    head = _head_rule(lines, start, end, kind)
    head_end = None  # how many rows the header holds
    rows: list[tuple[str, list[str]]] = []
    for k in range(start, end):
        if k == head:
            head_end = len(rows)
        if not ((kind == "box" and _BOX_RULE.match(lines[k])) or (kind == "grid" and _GRID_RULE.match(lines[k]))):
            rows.append((lines[k], _cells_of(lines[k], kind)))
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
    caption = caption_above(lines, start)
    return [replace(c, line=drawn.get(c.line, c.line), caption=c.caption or caption) for c in pipe_table_cells("\n".join(md))]
