"""Situations and follow-ups in other people's wording: digits with Chinese magnitudes inside ("１万２千条"), call
summaries that are examples while calls a day are volume, "当我没说" taking a fact back, transcripts no one labelled,
and a cost ratio in a document, which is looked up rather than priced."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from bot.understand.intent import COST_RATIO
from bot.understand.numbers import quantities
from tests.helpers import label, value


@pytest.mark.parametrize("text, number", [
    ("1万2千条", 12_000), ("1万2条", 12_000), ("3千5百", 3_500), ("2千5条", 2_500), ("12万3千", 123_000),
    ("1亿2千万", 120_000_000), ("1万2千3百", 12_300),
])
def test_digits_with_chinese_magnitudes_inside_are_one_number(text, number):
    found = quantities(text)
    assert [q.value for q in found] == [number]


def test_plain_magnitudes_and_separate_numbers_stay_as_they_were():
    assert [q.value for q in quantities("1.2万条, 3千万条, 2万 5个")] == [12_000, 30_000_000, 20_000, 5]


def test_full_width_count_with_magnitudes_is_read_whole_in_a_conversation():
    u = replay(["我们是保险公司理赔部，有１万２千条标注好的理赔分类样本。", "预算只有 ８００ 美元。",
                "每条大约 350 token，用 gpt-4o-mini 训练 3 轮要多少？"])
    assert u.intent == "cost" and u.cost is not None and u.cost.examples == 12_000 and u.cost.epochs == 3


@pytest.mark.parametrize("text", ["We have 2,500 call summaries written in a strict intake template.",
                                  "2,500 call transcripts we already cleaned up"])
def test_call_summaries_are_examples(text):
    assert value(understand(text), "examples") == 2_500


def test_calls_a_day_stay_volume():
    u = understand("we get 2,500 calls a day")
    assert value(u, "examples") is None and value(u, "calls_per_month") == 75_000


@pytest.mark.parametrize("text", ["We have 300k call transcripts. None of the transcripts are labeled.",
                                  "We have 300k call transcripts, none of them labeled."])
def test_transcripts_no_one_labelled_are_no_examples(text):
    assert value(understand(text), "examples") is None


@pytest.mark.parametrize("retract", ["预算那条当我没说。", "预算的事就当没说过"])
def test_taking_a_fact_back_in_chinese_clears_it(retract):
    u = replay(["我是种猕猴桃的，有两百条病虫害问答示例，想让模型按我们固定的格式回答。", "预算大概 5 美元，不能再多了。", retract])
    assert value(u, "budget_usd") is None and value(u, "examples") == 200 and label(u) == "lora"


def test_a_cost_ratio_in_a_document_is_looked_up():
    u = understand("in the anyscale numbers cheat sheet, whats the cost ratio of gpt-4 to gpt-3.5 turbo")
    assert u.intent == "factual"
    assert COST_RATIO.search("gpt-4o 比 gpt-4o-mini 贵多少倍") and not COST_RATIO.search("how much does it cost to train")


def test_pricing_a_job_stays_a_cost_question():
    u = understand("how much does it cost to fine-tune gpt-4o-mini on 2000 examples of 300 tokens?")
    assert u.intent == "cost" and u.cost is not None and u.cost.examples == 2_000
