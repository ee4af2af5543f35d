"""Reading questions written by others: "which script…" wants a file name, "几分钟" a duration, "how much extra…"
a share, "what do I put in .env" a variable; "除了 fp16 还支持啥" / "besides minmax…" asks for the other items of a
list that holds the one the asker already has."""

from __future__ import annotations

import pytest

from bot.read import read
from bot.read.answer_type import wanted_types
from bot.read.hints import listed_with
from knowledge.types import Chunk, Hit


def _hits(*sentences: str) -> list[Hit]:
    return [Hit(Chunk(i, s, "doc.md", "Notes", i, "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in s) else "en"), 1.0,
                dense_score=0.5) for i, s in enumerate(sentences)]


@pytest.mark.parametrize("question, types", [
    ("script to turn a checkpoint into a sharded one?", ("file", "path")),
    ("用哪个脚本转换权重", ("file", "path")),
    ("训练一轮用了几分钟", ("duration",)),
    ("how much extra throughput does it add at most?", ("percent", "ratio", "memory", "number")),
    ("what do i put in .env to skip the chown", ("envvar",)),
])
def test_what_a_question_asks_for(question, types):
    assert wanted_types(question) == types


def test_a_script_question_is_answered_by_the_sentence_naming_the_file():
    found = read("script to convert a checkpoint into a sharded checkpoint?",
                 _hits("Loading a sharded checkpoint is much faster later on.",
                       "You can convert a checkpoint to a sharded checkpoint with examples/save_sharded_state.py first."))
    assert found.best is not None and "save_sharded_state.py" in found.best.text


@pytest.mark.parametrize("text, known, other", [
    ("目前支持 fp16 和 int4。", {"fp16"}, "int4"),
    ("--dtype <DTYPE>: forced dtype [possible values: float16, bfloat16]", {"float16"}, "bfloat16"),
    ('modules_to_save=["classifier", "normalization"]', {"classifier"}, "normalization"),
    ('weight_type = "fp16"', {"fp16"}, ""),
    ("支持 int8 和 int4。", {"fp16"}, ""),
])
def test_the_item_listed_with_the_one_the_asker_has(text, known, other):
    assert listed_with(text, frozenset(known)) == other


def test_besides_the_known_option_the_listed_other_is_the_answer():
    found = read("weight_type 除了 fp16 还支持啥", _hits('配置示例：weight_type = "fp16"', "weight_type 目前支持 fp16 和 int4。"))
    assert found.best is not None and found.best.value == "int4"
    found = read("besides fp16 which weight_type is supported?", _hits('Example: weight_type = "fp16"', "weight_type supports fp16 and int4."))
    assert found.best is not None and found.best.value == "int4"


def test_the_version_asked_is_that_of_the_library_named_before_it():
    found = read("sglang 对比 vllm 的那篇基准文档里，用的 sglang 是哪个版本",
                 _hits("Benchmark vLLM against SGLang: pip install vllm==0.6.0", "Install sglang v0.3.0: pip install --upgrade pip"))
    assert found.best is not None and found.best.value == "0.3.0"


@pytest.mark.parametrize("question", ["how much gpu memory do they recommend, as a multiple of the model size?", "总显存建议是模型大小的几倍"])
def test_a_multiple_of_something_is_a_ratio(question):
    assert wanted_types(question)[0] == "ratio"


METRICS = """## Example output

| Statistic | avg | min | max | p99 |
| --------- | --- | --- | --- | --- |
| Time to first token (ms) | 16.26 | 12.39 | 17.25 | 17.09 |
| Request latency (ms) | 161.24 | 153.45 | 200.74 | 200.66 |
| Output token throughput (per sec) | 520.87 | N/A | N/A | N/A |
"""


def test_a_unit_in_the_row_label_types_the_cells_of_a_metrics_table():
    from knowledge.tables import cells_in, parse_tables

    hits = [Hit(Chunk(0, METRICS, "doc.md", "Example output", 0, "en", meta={"cells": cells_in(METRICS, parse_tables(METRICS))}),
                1.0, dense_score=0.5)]
    found = read("in the example output, what was the avg time to first token in ms?", hits)
    assert found.best is not None and found.best.value == "16.26"
