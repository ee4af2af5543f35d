"""Reading in other people's documents: a Chinese sentence hard-wrapped mid-way, lines of bare HTML markup, a
term jieba cuts into single characters ("占比"), and a table cell that is a note in words."""

from __future__ import annotations

from bot.read import read
from bot.read.sentences import _weights, split_sentences
from knowledge.tables import cells_in, parse_tables
from knowledge.types import Chunk, Hit

PARAMS = """### Acme-4

**Acme-4** 系列模型是专为智能体设计的基础模型。Acme-4拥有 **3550** 亿总参数量，其中 **320** 亿活跃参数；Acme-4-Air 采用更紧凑的设计，拥有
 **1060** 亿总参数量，其中 **120** 亿活跃参数。
"""

MIX = """## Training Data

The English data comprises 52.2% of the dataset, the Chinese data accounts for 39.6%.

| Category | Source | Percentage |
| --- | --- | --- |
| **English** | Webpages | 39.8% |
| | Books | 3.6% |
| **Chinese** | Webpages | 30.4% |
"""

DATASETS = """## 指令微调数据

| 数据集 | 介绍 |
| --- | --- |
| school_math_0.25M | 由开源项目组整理的数学运算指令数据，包含25万条数据。 |
| moss-003-sft-data | 由复旦大学开源的中英文多轮对话数据，包含100万+数据 |
"""


def _hits(text: str, lang: str = "en") -> list[Hit]:
    chunk = Chunk(0, text, "doc.md", "Doc", 0, lang, meta={"cells": cells_in(text, parse_tables(text))})
    return [Hit(chunk, 1.0, dense_score=0.4)]


def test_a_chinese_sentence_wrapped_mid_way_is_read_whole():
    sentences = split_sentences(PARAMS)
    assert any(s.startswith("Acme-4-Air") and "120" in s for s in sentences)
    found = read("Acme-4-Air 活跃参数大概多少亿", _hits(PARAMS, "zh"))
    assert found.best is not None and found.best.value == "120"


def test_bare_markup_is_no_sentence_but_a_badge_still_is():
    text = ('Intro text here.\n<img src="pics/tasks.png" width="380">\n<div align="center">\n'
            '<a href=""><img src="https://img.shields.io/badge/python-3.8+-aff.svg"></a>\nWe collected 23 tasks.')
    sentences = split_sentences(text)
    assert not any("380" in s for s in sentences) and any("3.8" in s for s in sentences)
    assert "We collected 23 tasks." in sentences


def test_a_term_cut_into_single_characters_keeps_its_weight():
    weights = _weights("acme 训练数据里 English webpages 占比大概多少")
    assert weights["占比"] >= 0.9 and weights["占"] < 0.5 and weights["比"] < 0.5 and weights["里"] < 0.5
    found = read("acme 训练数据里 English webpages 占比大概多少", _hits(MIX))
    assert found.best is not None and found.best.value == "39.8%"


def test_the_value_asked_is_read_out_of_a_note_in_a_cell():
    found = read("the school_math dataset they list — how many samples does it contain?", _hits(DATASETS, "zh"))
    assert found.best is not None and found.best.kind == "cell" and found.best.value == "25万条"


def test_how_much_faster_asks_a_speed_up_and_how_big_on_disk_a_size():
    from bot.read.answer_type import wanted_types

    assert wanted_types("how much faster is eagle-2 than vanilla decoding on 13B?")[0] == "ratio"
    assert wanted_types("EAGLE 比 Medusa 快多少（13B 模型）")[0] == "ratio"
    assert wanted_types("how much faster (percent) did training get")[0] == "percent"
    assert wanted_types("skypile-150b dataset is about how big on disk?") == ("memory",)
    assert wanted_types("这个数据集有多大") == ("memory",)
    text = ("- **Acme-2**:\n  - **4x** faster than vanilla decoding (13B).\n  - **1.4x** faster than Acme-1 (13B).\n\n"
            "- **Acme-Pile**: a collection of Chinese web pages. The size of this dataset is approximately 600GB, "
            "with around 150 billion tokens.")
    found = read("acme-pile dataset is about how big on disk?", _hits(text))
    assert found.best is not None and found.best.value == "600GB"


def test_the_numbers_of_a_date_count_nothing():
    from bot.read.answer_type import values

    found = [v[3] for v in values("[2024/4/14] 完成数据收集与处理，一共用了 1T token 的数据", ("count", "number"))]
    assert "14" not in found and "4" not in found and found[0] == "1T token"


def test_milliseconds_are_a_duration_asked_in_either_language():
    from bot.read.answer_type import values, wanted_types

    assert wanted_types("eager 模式 forward+backward 一步要多少毫秒") == ("duration",)
    assert wanted_types("how many milliseconds per step in eager mode") == ("duration",)
    assert [v[3] for v in values("eager: 590.7ms per step", ("duration",))] == ["590.7ms"]


def test_a_chinese_count_reads_as_english_for_an_english_question():
    from bot.read.units import in_language

    assert in_language("800亿参数", "en") == "80 billion parameters"
    assert in_language("200k个", "en") == "200k" and in_language("25万条", "en") == "250,000"


TWO_LINE_HEADER = """### Acme-Q on WikiText-2 and GSM8K

| Bit  | WikiText-2 | WikiText-2  | GSM8K      | GSM8K       |
| ---- | ---------- | ----------- | ---------- | ----------- |
|      | LLAMA-2-7b | LLAMA-2-13b | LLAMA-2-7b | LLAMA-2-13b |
| 16   | 5.08       | 5.12        | 36.9       | 43.1        |
| 4    | 5.24       | 5.16        | 35.0       | 45.0        |
| 2    | 7.85       | 7.69        | 20.9       | 25.4        |
"""


def test_a_second_header_row_names_the_columns_and_is_never_an_answer():
    cells = parse_tables(TWO_LINE_HEADER)
    assert not any(c.value.startswith("LLAMA") for c in cells)
    assert {c.column for c in cells} >= {"WikiText-2 LLAMA-2-7b", "GSM8K LLAMA-2-13b"}
    found = read("acme-q llama-2-7b wikitext-2 perplexity at 4 bit?", _hits(TWO_LINE_HEADER))
    assert found.best is not None and found.best.value == "5.24"
    found = read("Acme-Q 2bit 的时候 LLAMA-2-13b 在 GSM8K 上掉到多少了", _hits(TWO_LINE_HEADER))
    assert found.best is not None and found.best.value == "25.4"


def test_a_question_about_a_name_no_passage_holds_gets_no_certain_answer():
    from bot.read.hints import unheld_name

    text = "When you want to save about 90% of memory, train faster and be able to swap adapters, choose LoRA."
    assert unheld_name("how much faster is EAGLE than vanilla decoding?", _hits(text))
    found = read("how much faster is EAGLE than vanilla decoding?", _hits(text))
    assert found.best is None or found.weak
    assert not unheld_name("how much memory does LoRA save?", _hits(text))
    assert not read("how much memory does LoRA save?", _hits(text)).weak


def test_the_name_a_question_asks_about_is_not_its_answer():
    text = "The QLoRA paper stores the frozen base model in NF4.\n\nNF4 is a 4-bit data type built for normally distributed weights."
    found = read("QLoRA 论文里 NF4 是几比特？", _hits(text))
    assert found.best is not None and found.best.value == "4-bit"
