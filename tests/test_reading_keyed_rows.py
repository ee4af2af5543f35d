"""Rows told apart by the numbers in their key columns: "M=32 N=1536 K=4096 这一行" fixes every key, so the row
holding all three answers, and no key column's cell is the answer."""

from __future__ import annotations

from bot.read import read
from knowledge.tables import cells_in, parse_tables
from knowledge.types import Chunk, Hit

GEMM = """## Kernel throughput

| M | N | K | Throughput | Bandwidth |
|---|---|---|---|---|
| 32 | 1536 | 8192 | 175 TFLOPS | 1500 GB/s |
| 32 | 1536 | 4096 | 161 TFLOPS | 1420 GB/s |
| 32 | 2048 | 4096 | 190 TFLOPS | 1610 GB/s |
| 128 | 1536 | 4096 | 402 TFLOPS | 1200 GB/s |
"""


def _hits(text: str) -> list[Hit]:
    return [Hit(Chunk(0, text, "bench.md", "Results", 0, "en", meta={"cells": cells_in(text, parse_tables(text))}), 1.0,
                dense_score=0.5)]


def test_the_row_fixed_by_every_key_column_answers():
    found = read("kernel 表里 M=32 N=1536 K=4096 这一行吞吐是多少 TFLOPS？", _hits(GEMM))
    assert found.best is not None and found.best.value == "161 TFLOPS"

