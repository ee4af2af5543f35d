"""Reading in other people's documents: a "Speed (ms/token)" column answers a question in milliseconds, a value
in MiB is a memory size, an acronym ("TTFT") names a row that spells it out, a cell shown without its value is
quoted from its own table, and an uncertain reading naming the asked model comes before a memory rule of thumb."""

from __future__ import annotations

from bot.read import read
from bot.read.candidate import Candidate, _acronym
from knowledge.tables import cells_in, parse_tables
from knowledge.types import Chunk, Hit
from tests.helpers import advise

SPEED = """## AWQ speed

| Model | Bits | Max Memory (MiB) | Speed (ms/token) | Speedup |
| ----- | ---- | ---------------- | ---------------- | ------- |
| orca-7b | 4 | 5547 | 12.43 | 2.1x |
| orca-13b | 4 | 9034 | 15.09 | 1.7x |

## FP16 speed

| Model | Bits | Max Memory (MiB) | Speed (ms/token) | Speedup |
| ----- | ---- | ---------------- | ---------------- | ------- |
| orca-7b | 16 | 13543 | 26.06 | / |
"""

LATENCY = """## Fusion results

| Metric | Fusion OFF | Fusion ON |
| ------ | ---------- | --------- |
| Average Time To First Token (ms) | 97.13 | 82.27 |
| Average Inter-Token Latency (ms) | 12.55 | 11.92 |
"""

PEAK = """## Inference cost of Zeta-9B

| 精度 | 显存占用 | 首 Token 延迟 | 输入长度 |
| ---- | -------- | ------------- | -------- |
| BF16 | 20629MiB | 0.8199s | 8000 |
| INT4 | 16065MiB | 1.2010s | 8000 |
"""


def _hits(text: str, source: str = "doc.md") -> list[Hit]:
    return [Hit(Chunk(0, text, source, "Results", 0, "en", meta={"cells": cells_in(text, parse_tables(text))}), 1.0, dense_score=0.5)]


def test_a_milliseconds_column_answers_a_question_in_milliseconds():
    found = read("with AWQ 4-bit, how many milliseconds per token does orca-7b take?", _hits(SPEED))
    assert found.best is not None and found.best.value == "12.43" and not found.weak


def test_a_value_in_mib_is_a_memory_size():
    found = read("Zeta-9B 用 BF16 推理时显存占用是多少 MiB？", _hits(PEAK))
    assert found.best is not None and found.best.value == "20629MiB"


def test_an_acronym_is_met_by_the_words_it_stands_for():
    assert _acronym("ttft", "Average Time To First Token (ms)") and _acronym("itl", "Average Inter-Token Latency")
    assert not _acronym("the", "Take Home Exam") and not _acronym("ttft", "Average Time (ms)")
    found = read("TTFT with fusion off?", _hits(LATENCY))
    assert found.best is not None and found.best.value == "97.13"


def test_a_cell_without_its_value_is_quoted_from_its_own_row():
    from bot.compose import _quoted

    hit = _hits(SPEED)[0]
    cand = Candidate("cell", "orca-7b · Speed (ms/token): 12.43", "", hit, 0.5, row="orca-7b", column="Speed (ms/token)")
    assert "12.43" in _quoted(cand, "en") and "26.06" not in _quoted(cand, "en")


def test_an_uncertain_reading_naming_the_model_comes_before_the_rule_of_thumb():
    draft = advise("Zeta-9B 输入长度 8000 时 BF16 显存峰值多少？", "zh", _hits(PEAK, "zeta-9b.md"), rag=True)
    assert "20629" in draft.text and draft.text.index("20629") < draft.text.index("字节")


def test_an_inflected_question_word_meets_its_stem_and_pretraining_is_no_training_from_scratch():
    from bot.read.candidate import coverage
    from knowledge.glossary import translations

    assert coverage({"pretraining": 1.0}, 1.0, "Pretrain takes around 5.5 hours.")[0] == 0.5
    assert coverage({"pretraining": 1.0}, 1.0, "It takes around 3.5 hours.")[0] == 0.0
    assert "pretraining" in translations("预训练") and "training from scratch" not in translations("预训练")


THROUGHPUT = """## Throughput (tokens/s)

| ISL/OSL | H200 TP1 (FP8) | B200 TP1 (FP8) |
| ------- | -------------- | -------------- |
| 2048/128 | 442 | 610 |
| 128/2048 | 4,336 | 6,020 |
"""


def test_a_number_pair_is_read_in_the_order_the_question_writes_it():
    found = read("H200 TP1 FP8 上 128/2048 的吞吐是多少 tokens/s？", _hits(THROUGHPUT))
    assert found.best is not None and found.best.value == "4,336"
    found = read("H200 TP1 FP8 throughput at 2048/128?", _hits(THROUGHPUT))
    assert found.best is not None and found.best.value == "442"


GROUPED = """## Grouped GEMMs (masked layout)

| Groups | M per group | N | K | Computation | Memory bandwidth |
| ------ | ----------- | - | - | ----------- | ---------------- |
| 1 | 1024 | 4096 | 7168 | 1233 TFLOPS | 924 GB/s |
| 1 | 1024 | 7168 | 2048 | 925 TFLOPS | 968 GB/s |
"""


def test_a_column_holding_the_number_the_question_fixes_is_the_row_key_not_the_answer():
    from bot.read.keys import number_pairs

    assert ({"n"}, "7168") in number_pairs("每组 M=1024、N 7168 K 2048 的时候 computation 多少")
    found = read("masked layout 那张表，每组 M=1024、N 7168 K 2048 的时候 computation 多少 tflops", _hits(GROUPED))
    assert found.best is not None and found.best.value == "925 TFLOPS"
