"""Table headers written run together ("AverageAccuracy") name the same words as written apart, and a variant the
question rules out in brackets ("plain nf4 (no dq)") is not the row asked about."""

from __future__ import annotations

from bot.read import read
from bot.read.cells import spaced
from knowledge.tables import cells_in, parse_tables
from knowledge.types import Chunk, Hit

SPARSE = """## Results

| Model | AverageSparsity | AverageAccuracy | CodeGeneration |
|---|---|---|---|
| Tiny-S-2B | 81.20 | 47.35 | 39.10 |
| Tiny-2B | 0 | 46.90 | 38.70 |
"""

QUANT = """## Resource use

| Size | Quantization | Max GPU RAM | Time |
|---|---|---|---|
| 7 B | NF4 + DQ | 11.05 GB | 2.25 min |
| 7 B | NF4 | 11.40 GB | 2.10 min |
"""


def _hits(text: str) -> list[Hit]:
    return [Hit(Chunk(0, text, "doc.md", "Results", 0, "en", meta={"cells": cells_in(text, parse_tables(text))}), 1.0,
                dense_score=0.5)]


def test_a_run_together_header_is_also_read_as_its_words():
    assert spaced("AverageAccuracy") == "AverageAccuracy Average Accuracy"
    assert spaced("Max GPU RAM") == "Max GPU RAM"
    found = read("what average accuracy does Tiny-S-2B get?", _hits(SPARSE))
    assert found.best is not None and found.best.value == "47.35"


def test_a_variant_ruled_out_in_brackets_is_not_the_row():
    found = read("7b quantized with plain nf4 (no dq), max gpu ram?", _hits(QUANT))
    assert found.best is not None and found.best.value == "11.40 GB"
