"""Reading in other people's documents: two tables of one shape told apart by their captions, and a ratio written
with a colon."""

from __future__ import annotations

from bot.read import read
from knowledge.tables import cells_in, parse_tables
from knowledge.types import Chunk, Hit

BENCH = """## Evaluation

- CoIR

|         | Coder-A | Coder-B |
| ------- | ------- | ------- |
| Apps    | 26.52   | 98.08   |
| AVG     | 56.26   | 81.77   |

- CodeRAG

|         | HumanEval | AVG  |
| ------- | --------- | ---- |
| Coder-A | 100.0     | 63.7 |
| Coder-B | 100.0     | 72.8 |
"""

NUMBERS = """# Numbers every engineer should know

~50:1 -- Cost ratio of the large model to the small one.

~1.3:1 -- Average tokens per word.
"""


def _hits(text: str, tables: list[str] | None = None) -> list[Hit]:
    """One passage per table (each with the caption line above it), or the whole text as one passage."""
    parts = tables or [text]
    return [Hit(Chunk(i, part, "bench.md", "Bench", i, "en", meta={"cells": cells_in(part, parse_tables(part))}),
                1.0 - 0.1 * i, dense_score=0.4) for i, part in enumerate(parts)]


def test_the_table_whose_caption_the_question_names_answers():
    coir, coderag = BENCH.split("- CodeRAG")
    hits = _hits(BENCH, [f"## Evaluation\n\n- CodeRAG{coderag}", coir])  # the other table's passage comes first
    found = read("Coder-A CoIR average? i remember it being pretty low", hits)
    assert found.best is not None and found.best.value == "56.26"
    found = read("Coder-A CodeRAG average?", hits)
    assert found.best is not None and found.best.value == "63.7"


def test_a_ratio_written_with_a_colon_is_the_value():
    found = read("what's the cost ratio of the large model to the small one?", _hits(NUMBERS))
    assert found.best is not None and found.best.value == "50:1"


def test_memory_the_asker_states_in_an_aside_is_not_what_is_asked():
    from bot.read.answer_type import wanted_types

    assert "memory" not in wanted_types("AutoRound 校準樣本數 n_samples 默認多少，我机器只有２４G内存怕不够")
    assert wanted_types("Qwen-7B 的显存占用，int4 量化下是多少")[0] == "memory"  # the memory asked, in another clause
