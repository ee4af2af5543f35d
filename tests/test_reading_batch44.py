"""Reading in other people's documents: the words naming the thing asked for ("Same top p 是多少") against a
sentence that only restates the setting, "top p" as a metric's name rather than a superlative, the size of a
vocabulary as a count, a compressed dataset's size in bytes, and a token count written "2.6 万亿 的 token"."""

from __future__ import annotations

import pytest

from bot.read import read
from knowledge.tables import cells_in, parse_tables
from knowledge.types import Chunk, Hit

KL = """## KL divergence

Results were computed with Orca 8b BF16 as the base and Orca 8b FP16 as the model for comparison.

| Metric      | Value            |
| ----------- | ---------------- |
| Mean PPL    | 6.2330 ± 0.0378  |
| Same top p  | 99.812 ± 0.011 % |
| Mean Δp     | -0.001 %         |
"""

QUANTS = """## Quantized models compared

| Metric          | Orca 7b q2_K     | Orca 7b q4_K     | Orca 8b q2_K     |
| --------------- | ---------------- | ---------------- | ---------------- |
| PPL correlation | 97.10%           | 99.70%           | 89.50%           |
| Same top p      | 84.120 ± 0.090 % | 94.300 ± 0.050 % | 70.900 ± 0.120 % |
"""


def _hits(*parts: str) -> list[Hit]:
    return [Hit(Chunk(i, part, "ppl.md", "Perplexity", i, "en", meta={"cells": cells_in(part, parse_tables(part))}),
                1.0 - 0.1 * i, dense_score=0.4) for i, part in enumerate(parts)]


def test_the_thing_named_before_shi_duoshao_is_what_answers(monkeypatch):
    question = "用 Orca 8b BF16 当 base、FP16 当 model 去比，Same top p 是多少？"
    found = read(question, _hits(KL))
    assert found.best is not None and found.best.value.startswith("99.812")
    import bot.read.reader as reader

    monkeypatch.setattr(reader.Focus, "weigh", lambda self, cand: cand)  # without the rule the sentence restating the setting wins
    assert not read(question, _hits(KL)).best.value.startswith("99.812")


def test_top_p_names_a_metric_not_the_best_of_a_column():
    from bot.read.cells import superlative_candidates
    from bot.read.sentences import _weights

    hits = _hits(QUANTS)
    for question, best_of in (("roughly what 'same top p' does orca 7b get at q2_K in that comparison?", False),
                              ("what top-1 accuracy does orca 7b get?", False),
                              ("which model has the top same top p score?", True)):
        assert bool(superlative_candidates(question, hits, _weights(question), 1.0, [0.0])) is best_of
    found = read("roughly what 'same top p' does orca 7b get at q2_K in that comparison?", hits)
    assert found.best is not None and found.best.value.startswith("84.120")


@pytest.mark.parametrize("question, first", [("how big is the tokenizer vocab? its a bbpe one", "count"),
                                             ("預訓練資料集壓縮後大概有多大？", "memory"),
                                             ("词表多大", "count")])
def test_how_big_asks_a_count_or_bytes_by_what_it_is_about(question, first):
    from bot.read.answer_type import wanted_types

    assert wanted_types(question)[0] == first


def test_a_token_count_written_apart_from_its_unit_is_counted():
    from bot.read.counted import counted_before as _counted

    assert _counted("高质量语料库进行训练,规模达到了 **2.6 万亿** 的 token 数", "token") == "2.6 万亿 token"
    assert _counted("trained on 1.4 trillion tokens", "tokens") == "1.4 trillion tokens"


def test_a_rise_asked_for_lowers_candidates_that_say_no_change():
    from bot.read.candidate import Candidate
    from bot.read.hints import CHANGE_MISS, Focus
    from bot.read.sentences import _weights

    hit = _hits(KL)[0]
    level = Candidate("cell", "Nova-12B-chat · MATH 4-shot: 16.0", "16.0", hit, 2.0)
    rise = Candidate("sentence", "新版对话模型在通用能力评测上提升5.5%，其中数学能力提升24.6%。", "24.6%", hit, 2.0)
    for question, lowered in (("how much did math ability go up (percent)?", True), ("by how much did math improve?", True),
                              ("how much math data did they use?", False)):
        focus = Focus(question, _weights(question))
        assert focus.weigh(rise).score == 2.0  # "提升" says the rise
        assert focus.weigh(level).score == (2.0 - CHANGE_MISS if lowered else 2.0)
