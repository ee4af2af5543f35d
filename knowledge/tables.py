"""Tables as records: every cell of a markdown table with its row and column headers.

Parsers of other formats (HTML, DOCX) write their tables as markdown pipe tables, so this one reader serves every
format. The markdown is parsed by markdown-it-py (its GFM table rule); each body cell becomes a ``Cell`` whose
``row`` is the row's leading label cells and whose ``column`` is the header above it, so "What BLEU score did
LoRA get?" can be answered by the cell (row "LoRA", column "BLEU"). Pure.
"""

from __future__ import annotations

import re
from dataclasses import (
    dataclass,
    replace,
)
from functools import lru_cache

MAX_CELLS = 4000  # per document: a pathological table is cut, never slows a build down
_NUMERIC = re.compile(r"^[\s~≈<>±+\-−$¥€]*\d[\d.,\s]*(?:%|[kmgb]|gb|gib|mb|tb|ms|s|x|倍|小时|h|hours?|hrs?|mins?|minutes?|days?|"
                      r"分钟|秒|天)?\s*(?:\(.*\))?"
                      r"(?:\s*/\s*\d[\d.,]*\s*(?:%|[kmgb]|gb|mb|ms|s|x)?)*$", re.I)  # "40.6 / 42.7": a value pair
_BREAK = re.compile(r"<br\s*/?>", re.I)
_MARKUP = re.compile(r"\*\*|__|`|<[^>]{1,80}>|\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Cell:
    row: str  # the row's label ("LoRA", "Qwen-7B / LoRA")
    column: str  # the header above the cell ("BLEU")
    value: str
    line: str  # the markdown source line of the row (to find the passage holding it)
    context: str = ""  # the row's other cells with their columns ("Input Length 6144; Quantization BF16")
    corner: str = ""  # the header above the row labels, which often names the setting ("1 A100 40GB", "2 T4 DDP")
    caption: str = ""  # the line just above the table ("Time-To-First-Token (TTFT) of Llama-2-7B (Unit: Seconds):")

    def to_json(self) -> list[str]:
        return [self.row, self.column, self.value, self.context, self.corner, self.caption]


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def clean(cell: str) -> str:
    """Cell text without emphasis, code ticks, inline HTML and link targets."""
    cell = _BREAK.sub(" ", cell)  # "theoretic<br />flash_attn": two words on two lines
    return " ".join(unescape(_MARKUP.sub(lambda m: m.group(1) or "", cell)).split())


_ESCAPED = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\]^_`{|}~])")


def unescape(text: str) -> str:
    """Markdown's backslash escapes undone ("13\\.1 GB" -> "13.1 GB"); a backslash before anything else stays."""
    return _ESCAPED.sub(r"\1", text)


def is_numeric(text: str) -> bool:
    return bool(_NUMERIC.match(text.strip()))


_SUB_ROW = re.compile(r"^(?:(?:[-+]|└|↳|w/)\s*\S|\([^()]{1,40}\)\s*$)")  # "- int8", "+ vmap", "└ 4-bit", "w/ flash-attn", "(LoRA)"
_DITTO = ("", "-", "—", "–", "〃", '"', "''", "同上")  # a label cell that repeats the row above


_FENCED = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*\n(.*?)^[ ]{0,3}\1[ \t]*$", re.M | re.S)
_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$", re.M)


def parse_tables(text: str) -> list[Cell]:
    """Every body cell of every pipe table in ``text``, as (row, column, value) with its source line; a table a
    code block holds (a benchmark tool's printed results) counts as well, and so do tables drawn in plain text."""
    from knowledge.text_tables import text_tables

    drawn = text_tables(text)  # "┃ Conc. ┃ RPS ┃", "+----+----+": a tool's printed table
    if "|" not in text:
        return drawn[:MAX_CELLS]
    cells = pipe_table_cells(text) + drawn
    for m in _FENCED.finditer(text):
        if _DELIMITER_ROW.search(m.group(2)):
            caption = caption_above(text[: m.start()].splitlines() + [""], len(text[: m.start()].splitlines()) + 1)
            cells += [c if c.caption else replace(c, caption=caption) for c in pipe_table_cells(m.group(2))]
    return cells[:MAX_CELLS]


def pipe_table_cells(text: str) -> list[Cell]:
    """Every body cell of the markdown pipe tables in ``text`` (none of a code block's)."""
    lines = text.splitlines()
    cells: list[Cell] = []
    header: list[str] = []
    row: list[str] = []
    previous: list[str] = []
    row_line = ""
    in_head = False
    caption = ""
    for tok in _parser().parse(text):
        if tok.type == "table_open":
            caption = caption_above(lines, tok.map[0] if tok.map else 0)
            group = parent = ""
            first = True
        elif tok.type == "thead_open":
            in_head, header = True, []
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            row = []
            row_line = lines[tok.map[0]] if tok.map and tok.map[0] < len(lines) else ""
        elif tok.type == "inline" and (in_head or row is not None):
            (header if in_head else row).append(clean(tok.content))
        elif tok.type == "tr_close" and not in_head and row:
            if first and _sub_header(row):
                # "| | LLAMA-2-7b | LLAMA-2-13b |" under "| Bit | WikiText-2 | WikiText-2 |": a second header row
                header = [header[0] if header else ""] + [f"{h} {r}".strip() for h, r in zip(header[1:], row[1:], strict=False)]
                first = False
                continue
            if first and _spanned_header(header, row):
                # "| | | BF16 | | FP8 (TP1) | |" over "| Model | Batch Size | Tokens/sec | | Tokens/sec | Speedup |": a
                # group name spans the blank header cells to its right, the row below names each column
                header = [f"{g} {r}".strip() for g, r in zip(_spread(header), row, strict=False)]
                first = False
                continue
            first = False
            if len(row) > 2 and row[0] and not is_numeric(row[0]) and not any(row[1:]):
                group, parent = row[0], ""  # "| **OPUS-MT model** | | | |": the rows below belong to it
                continue
            if _header_again(header, row):
                # "| **varlen api** | **GPU** | … | **llama3_attn** |" halfway down: the header of the rows below
                header, group, parent, previous = row, "", "", []
                continue
            if previous and row[0] in _DITTO and previous[0] not in _DITTO:
                row = [previous[0], *row[1:]]  # "-" or a blank label repeats the row above ("llama2-13b" for its int4 row)
                for i in range(1, min(len(row), len(previous), 2)):  # "| | | 52.1% |" under "| fwd only | 8xH800 | 38.5 |"
                    if row[i] or not previous[i] or is_numeric(previous[i]):
                        break
                    row[i] = previous[i]
            elif _SUB_ROW.match(row[0]) and parent and not is_numeric(row[0]):
                row = [f"{parent} {row[0]}", *row[1:]]  # "| - int8 |" under "| CTranslate2 3.6.0 |": a variant of it
            else:
                parent = row[0]
            if group:
                row = [f"{group} / {row[0]}", *row[1:]]
            previous = row
            cells.extend(replace(c, caption=caption) for c in _row_cells(header, row, row_line))
            if len(cells) >= MAX_CELLS:
                return cells[:MAX_CELLS]
    return cells


def _header_again(header: list[str], row: list[str]) -> bool:
    """A body row of names only that repeats at least two header cells (and changes some): a new header for the
    rows below it."""
    return (len(row) == len(header) > 2 and all(c and not is_numeric(c) for c in row)
            and sum(r.lower() == h.lower() for r, h in zip(row, header, strict=False)) >= 2)


def _sub_header(row: list[str]) -> bool:
    """A first body row with a blank corner and only names after it: the second line of a two-line header."""
    return len(row) > 2 and row[0] in _DITTO and all(c and not is_numeric(c) for c in row[1:])


def _spanned_header(header: list[str], row: list[str]) -> bool:
    """A first body row of names only under a header of group names that leaves cells blank for them to span."""
    named = [c for c in row if c]
    return (len(named) >= 3 and all(not is_numeric(c) for c in named) and any(not h for h in header[1:])
            and any(h for h in header[1:]) and len(row) == len(header))


def _spread(header: list[str]) -> list[str]:
    """Each group name carried right over the blank header cells after it; blanks before the first stay blank."""
    out, last = [], ""
    for h in header:
        last = h or last
        out.append(last)
    return out


def caption_above(lines: list[str], start: int) -> str:
    """The prose line or heading right above a table (two lines up at most), which often says what the table
    measures ("#### CPU")."""
    for line in reversed(lines[max(0, start - 3) : start]):
        text = clean(line.strip())
        if text.startswith("#") and len(text.lstrip("#").split()) <= 2:
            return text.lstrip("#").strip()  # "#### CPU", "## GPU": a short heading says what the table measures
        if text:
            return text[:200] if not text.startswith(("|", "```", "<!--")) and len(text) <= 200 else ""
    return ""


def _second_label_column(header: list[str]) -> int:
    """The column that starts a second table beside the first ("LLaMA Models | Valid | Test | Alpaca Models |
    Valid | Test"): its header repeats the first header's last word; 0 when there is none."""
    first = header[0].lower().split() if header else []
    for k in range(2, len(header)):
        words = header[k].lower().split()
        if first and words and words[-1] == first[-1] and re.search(r"[^\W\d_]", first[-1]):
            return k
    return 0


def _row_cells(header: list[str], row: list[str], line: str) -> list[Cell]:
    """A row's cells; its label is the leading non-numeric cells (often one: the method or model name)."""
    k = _second_label_column(header)
    if k and k < len(row) and row[k] and not is_numeric(row[k]):
        return _row_cells(header[:k], row[:k], line) + _row_cells(header[k:], row[k:], line)
    n_label = 0
    while n_label < len(row) - 1 and row[n_label] and not is_numeric(row[n_label]) and n_label < 2:
        n_label += 1
        if n_label < len(row) and is_numeric(row[n_label]):
            break
    if n_label >= 1:
        n_label = _settings_label(header, row, n_label)
    if n_label == 0 and re.fullmatch(r"\d[\d,.]*", row[0]) and len(header) == len(row) and header[0]:
        n_label = -1  # "| 层数 | 隐层维度 | … |" over "| 70 | 12,288 | … |": a row of settings, every cell a value
    out = []
    for j, value in enumerate(row):
        if not value or value in ("-", "—", "/"):
            continue
        column = header[j] if j < len(header) else ""
        if n_label < 0:
            label = ""
        else:
            label_cells = [row[i] for i in range(max(1, n_label)) if i != j]
            label = " / ".join(c for c in label_cells if c) or (row[0] if j else "")
            if j < max(1, n_label) and j == 0:
                continue  # the label itself is not an answer
        context = "; ".join(f"{header[i] if i < len(header) else ''} {row[i]}".strip()
                            for i in range(max(0, n_label) if n_label >= 0 else 0, len(row)) if i != j and row[i])
        corner = header[0] if header and header[0] != column and n_label >= 0 else ""
        out.append(Cell(label, column, value, line.strip(), context[:300], corner[:120]))
    return out


_PARAMETER = re.compile(r"^[A-Za-z_][\w-]{0,20}$")  # "group_size", "bits": a setting's name, no unit
_OUTCOMES = frozenset({"oom", "n/a", "na", "nan", "tbd", "error", "fail", "failed", "timeout", "✗", "✓", "×", "x", "—", "-"})
_SETTING = re.compile(r"^(?:none|null|n/a|true|false|yes|no|\d{1,5}|[\w.+-]{1,16})$", re.I)


def _settings_label(header: list[str], row: list[str], n_label: int) -> int:
    """How many leading cells name the row when a run of settings ("gptq | False | 4 | 128 | marlin | 32.26 | …")
    comes before the measurements: through the last short name in the first half of the row, all after it numbers,
    each of those columns named like a parameter ("act_order", "bits", "kernel")."""
    last = max((k for k in range(n_label, len(row) - 1) if row[k] and not is_numeric(row[k])), default=-1)
    if last < n_label or last >= (len(row) + 1) // 2 + 1 or len(row) < 5 or len(header) != len(row):
        return n_label
    if not all(_PARAMETER.match(header[k]) for k in range(n_label, last + 1)):
        return n_label
    if not all(_SETTING.match(row[k]) for k in range(n_label, last + 1) if row[k]) or row[last].lower() in _OUTCOMES:
        return n_label  # "| gpt-j 6b | 1xRTX3060-12G | 4 | OOM | 47.36 |": OOM is the fp16 column's result
    if not all(is_numeric(c) or c in ("", "-", "—", "/") for c in row[last + 1 :]):
        return n_label
    return last + 1


def cells_in(passage: str, cells: list[Cell]) -> list[list[str]]:
    """The cells whose row lies in ``passage`` (a chunk of the document), as JSON-ready lists
    [row, column, value, context, corner, caption]."""
    return [c.to_json() for c in cells if c.line and c.line in passage]
