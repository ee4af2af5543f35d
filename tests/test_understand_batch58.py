"""Wording from development batch 58: buildings, lines and machines counted are no examples; a price per tonne,
kWh or item (or the next goods priced in the same breath) and what one purchase alone cost are no budget; reports
already written to the format are examples; an amount per year or a question quoted from the project's users is
no deadline; tokens every call carries are the prompt's length; "under half a second" asks for low latency."""

from __future__ import annotations

import pytest

from bot.understand import understand
from tests.helpers import value


@pytest.mark.parametrize("text", ["吸附塔一共有四十八座。", "换热站六百多座，管网一千二百多公里", "厂里有两条生产线，三辆叉车"])
def test_buildings_lines_and_vehicles_are_no_examples(text):
    assert value(understand(text), "examples") is None


@pytest.mark.parametrize("text", [
    "Kelp goes for around $1.20/lb wet to processors, mussels about $3.",
    "Scrap sells at €310/tonne and power is $0.12/kWh.",
    "碳纖維車架出廠價從３５０到１，２００美元都有",
    "一吨处理费从２，５００到１８，０００元不等",
    "Grandpa bought the land in 1957, and the new RO machine alone was $42k.",
])
def test_prices_and_single_purchases_are_no_budget(text):
    u = understand(text)
    assert value(u, "budget_usd") is None and value(u, "budget_rmb") is None


def test_a_budget_stated_beside_a_purchase_is_kept():
    assert value(understand("The GPU alone was about $3k, our budget is $500."), "budget_usd") == 500


def test_reports_written_to_the_format_are_examples():
    u = understand("过去工艺科写好的、按这个格式的报告有九百五十份。")
    assert value(u, "examples") == 950


@pytest.mark.parametrize("text", [
    "生铁现在一吨三千出头，电费一度六毛八，光电费一年就要九千多万。",
    "想做個 LINE 小幫手，回答遊客「某攤今天有沒有開」「這週哪幾攤休息」。",
])
def test_amounts_per_year_and_quoted_questions_are_no_deadline(text):
    assert value(understand(text), "deadline") is None


def test_tokens_each_call_carries_are_the_prompt_not_a_corpus():
    u = understand("every call stuffs ~7,000 tokens of tariff rules, account policies and dispute procedures into the "
                   "prompt, and it has to answer in under half a second")
    assert value(u, "prompt_tokens") == 7000 and value(u, "long_prompt") is True
    assert value(u, "examples") is None and value(u, "low_latency") is True


def test_a_count_of_those_pairs_is_examples():
    assert value(understand("We've got 72,000 of those note → coded repair pairs going back to 2015."), "examples") == 72000


@pytest.mark.parametrize("text, changes", [
    ("The tariff rules change week to week.", True),
    ("we only write tasting notes for each batch, nothing in there changes week to week", False),
])
def test_week_to_week_changes(text, changes):
    assert value(understand(text), "knowledge_changes") is changes
