"""Reading from development batches 72–75: a bit width the question gives ("2.26bit") picks the row whose bitwidth
cell holds it; "mem(GB)" is a memory column and "TTFT Mean" an average; a row holding a figure the asker quotes for
it ("zhilight's was 1968.95") is their reference, not the answer; a section heading naming another model size rules
its table out; a saving answers "how much does it save" and a total answers "how long does it take"; the "80G" of
"8xA100-80G" is the card's name, not a memory figure; a figure stated of another named thing while guessing ("is it 70
something? single attempt was 65.8", "ds v3 was ~47 i think") is a reference, not the answer; Greek letters are words
("γ/β", "β=2.5"); "专家" are experts."""

from __future__ import annotations

from bot.read import read
from bot.read.answer_type import values
from bot.read.cells import spaced
from bot.read.keys import number_pairs
from knowledge.tables import cells_in, parse_tables
from knowledge.types import Chunk, Hit
from tests.helpers import table_hits

VPTQ = """| Model       | bitwidth | W2↓  | tok/s↑ | mem(GB) |
| ----------- | -------- | ---- | ------ | ------- |
| LLaMA-2 7B  | 2.02     | 6.13 | 39.9   | 2.28    |
|             | 2.26     | 5.95 | 35.7   | 2.48    |
| LLaMA-2 13B | 2.02     | 5.32 | 26.9   | 4.03    |
|             | 2.18     | 5.28 | 18.5   | 4.31    |
"""

ENGINES = """| Inference Engine | QPS  | TTFT Mean | TTFT P95 |
| :---:            | :---: | :---:    | :---:    |
| SGLang           | 0.18 | 1113.06   | 1850.57  |
| ZhiLight         | 0.18 | 1227.37   | 1968.95  |
"""

SMALL = """| Inference Engine | QPS  | TTFT Mean | TTFT P95 |
| :---:            | :---: | :---:    | :---:    |
| SGLang           | 0.84 | 599.13    | 957.38   |
| ZhiLight         | 0.40 | 1091.12   | 1475.42  |
"""

COST = """训练 LLaMA-13B 的成本对比：

| | DeepSpeed (HF) | Megatron-LLaMA |
|---|---|---|
| Training cost | 49.7 hours (¥46548) | 40.3 hours (¥37744) |

消费10B数据时，Megatron-LLaMA相比高度优化的HuggingFace LLaMA版本可以节约9.4小时。
"""


def _hit(text: str, section: str, rank: int = 0) -> Hit:
    meta = {"section": section, "cells": cells_in(text, parse_tables(text))}
    return Hit(Chunk(rank, text, "bench.md", section, 0, "en", meta=meta), 1.0, dense_score=0.5)


def test_a_decimal_bit_width_is_tied_to_the_bitwidth_column():
    assert ({"bit", "bits"}, "2.26") in number_pairs("7b 那个 2.26bit 的配置")
    found = read("7b 那个 2.26bit 的配置 decode 速度多少 tok/s 来着？我记得 2.02 那档是 39.9", table_hits(VPTQ, "Results"))
    assert found.best is not None and found.best.value == "35.7"


def test_an_abbreviated_memory_column_answers_a_memory_question():
    assert "memory" in spaced("mem(GB)") and "average" in spaced("TTFT Mean")
    found = read("LLaMA-2 13B 压到２.０２bit 显存占用大概几个 G？", table_hits(VPTQ, "Results"))
    assert found.best is not None and found.best.value == "4.03"


def test_the_row_of_a_figure_the_asker_quotes_is_their_reference():
    found = read("qwen2 72b gptq int4: sglang ttft p95? zhilight's was 1968.95", table_hits(ENGINES, "Qwen2-72B"))
    assert found.best is not None and found.best.value == "1850.57"


def test_a_section_about_another_model_size_is_not_the_table_asked_about():
    hits = [_hit(ENGINES, "Performance › Qwen2-72B-Instruct-GPTQ-Int4"),
            _hit(SMALL, "Performance › Qwen2.5-14B-Instruct-GPTQ-Int4", 1)]
    found = read("qwen2.5 14b int4 on two cards - whats sglang's p95 time to first token?", hits)
    assert found.best is not None and found.best.value == "957.38"


def test_a_saving_answers_what_is_saved_and_a_total_how_long():
    hits = table_hits(COST, "概述")
    saved = read("roughly how many hours does megatron-llama save over the hf llama for 10B tokens?", hits)
    assert saved.best is not None and "9.4" in saved.best.value
    total = read("用 HF + deepspeed 续训 llama-13b，10B 数据要跑多少小时？", hits)
    assert total.best is not None and "49.7" in total.best.value


def test_the_memory_in_a_card_name_is_no_memory_figure():
    found = [v[3] for v in values("使用8xA100-80G显卡训练", ("memory",))]
    assert found == []
    assert [v[3].lower() for v in values("显存占用 80G", ("memory",))] == ["80g"]


KIMI = """| Benchmark | Metric | Kimi K2 Instruct | DeepSeek-V3-0324 | Claude Sonnet 4 |
| --- | --- | --- | --- | --- |
| SWE-bench Verified | Single Attempt (Acc) | 65.8 | 38.8 | 72.7 |
| SWE-bench Verified | Multiple Attempts (Acc) | 71.6 | - | 80.2 |
| LiveCodeBench v6 | Pass@1 | 53.7 | 46.9 | 48.5 |
"""

SIMPO = """| Setting           | β   | γ/β   | Learning rate |
|-------------------|-----|-----|----------------|
| Mistral-Instruct  | 2.5 | 0.1 | 5e-7           |
| Llama3-Instruct   | 2.5 | 0.55 | 1e-6          |
| Llama3-Instruct v0.2   | 10 | 0.3 | 1e-6      |
"""


def test_a_figure_stated_of_another_row_while_guessing_is_a_reference():
    from bot.read.hints import referenced

    q = "k2-instruct swe bench verified w/ multiple attempts, is it 70 something? single attempt was 65.8"
    assert referenced(q) == frozenset({65.8})
    assert referenced("i think it was around 7.8k") == frozenset() and referenced("我记得好像是1万4左右") == frozenset()
    found = read(q, table_hits(KIMI, "Evaluation"))
    assert found.best is not None and found.best.value == "71.6"


def test_a_rough_figure_of_another_column_is_not_the_answer():
    found = read("kimi k2 instruct on livecodebench v6, pass@1? ds v3 0324 was ~47 i think", table_hits(KIMI, "Evaluation"))
    assert found.best is not None and found.best.value == "53.7"


def test_greek_letters_are_words_and_tie_a_number_to_their_column():
    from knowledge.lang import tokenize

    assert {"γ", "β"} <= set(tokenize("γ/β"))
    assert ({"β"}, "2.5") in number_pairs("β=2.5 我知道")
    found = read("llama3 instruct v0.1 用 simpo 时 γ/β 比例填的多少？β=2.5 我知道", table_hits(SIMPO, "Hyperparameters"))
    assert found.best is not None and found.best.value == "0.55"


def test_experts_in_chinese():
    from knowledge.glossary import translations

    assert "number of experts" in translations("kimi k2 一共有多少个专家")
