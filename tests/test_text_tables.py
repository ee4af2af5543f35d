"""Tables drawn in plain text (a benchmark tool's printed results): box-drawing and ASCII grid tables become cells
with their row, column and the drawn line they came from."""

from __future__ import annotations

from knowledge.tables import cells_in, parse_tables
from knowledge.text_tables import text_tables

BOX = """Serving results:

                 Latency by load
┏━━━━━━━┳━━━━━━━━━━┳━━━━━━━━━━┓
┃       ┃      Avg ┃    Peak  ┃
┃ Load  ┃  TTFT(s) ┃  toks/s  ┃
┡━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━┩
│ light │    0.081 │   412.50 │
│ heavy │    1.930 │  2210.75 │
└───────┴──────────┴──────────┘
"""

KEY_VALUE = """Basic Information:
┌──────────────────┬───────────────┐
│ Model            │ zeta-9b       │
│ Total Test Time  │ 98.21 seconds │
└──────────────────┴───────────────┘
"""

GRID = """Percentile results:
+-------------+----------+---------+
| Percentiles | TTFT (s) | ITL (s) |
+-------------+----------+---------+
|     50%     |  0.0191  | 0.0094  |
|     99%     |  0.5283  | 0.0108  |
+-------------+----------+---------+
"""

DOUBLE = """+---------+--------+
| Model   | Score  |
+=========+========+
| alpha-1 | 0.61   |
+---------+--------+
| beta-2  | 0.74   |
+---------+--------+
"""


def _cell(cells, row, column):
    return next(c for c in cells if c.row == row and c.column == column)


def test_a_box_table_with_a_two_line_header_gives_named_cells():
    cells = text_tables(BOX)
    cell = _cell(cells, "heavy", "Avg TTFT(s)")
    assert cell.value == "1.930" and cell.caption == "Latency by load" and cell.line.startswith("│ heavy")
    assert _cell(cells, "light", "Peak toks/s").value == "412.50"


def test_a_box_table_without_a_header_is_read_as_names_and_values():
    assert _cell(text_tables(KEY_VALUE), "Total Test Time", "").value == "98.21 seconds"


def test_grid_tables_with_a_plain_or_a_double_rule_under_the_header():
    assert _cell(text_tables(GRID), "99%", "TTFT (s)").value == "0.5283"
    assert _cell(text_tables(DOUBLE), "beta-2", "Score").value == "0.74"


def test_drawn_tables_are_parsed_with_the_document_and_found_in_their_passage():
    text = "# Results\n\n```\n" + BOX + "```\n\nSome prose after the table.\n"
    cells = parse_tables(text)
    assert any(c.value == "2210.75" for c in cells)
    stored = cells_in(text[text.index("┏") :], cells)
    assert ["heavy", "Peak toks/s", "2210.75"] == stored[-1][:3]


def test_lines_that_only_look_like_tables_give_no_cells():
    assert text_tables("a | b\n+--+\nnot a table\n") == []
    assert text_tables("│ one line only │\n") == []


def test_a_passage_holding_only_rows_of_a_drawn_table_gets_its_header_again():
    from knowledge.chunking import with_table_headers

    rows = [f"│ load-{i:02d} │ {i}.{i:03d} │ {i * 100}.25 │" for i in range(30)]
    body = "\n".join([*BOX.splitlines()[3:7], *rows, BOX.splitlines()[-1]])
    tail = "\n".join(rows[20:])
    (text, _), = with_table_headers([(tail, "en")], body)
    assert text.startswith("┏") and "Avg" in text and "TTFT(s)" in text and text.endswith(rows[-1])
    psql = "\n".join(GRID.splitlines()[1:4] + [f"| {i}% | 0.{i:04d} | 0.0094 |" for i in range(40)])
    (text, _), = with_table_headers([("| 39% | 0.0039 | 0.0094 |", "en")], psql)
    assert "TTFT (s)" in text
    assert with_table_headers([("plain prose", "en")], body) == [("plain prose", "en")]
