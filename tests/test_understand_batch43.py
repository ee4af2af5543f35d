"""Situations in other people's wording: glossaries and style guides to look things up in, output bound to a
cataloguing standard or a fixed form, a number inside a name ("grade-2 ... files"), money that is "no problem",
"no hand-labelled data", and "evry week" written with a typo."""

from __future__ import annotations

import pytest

from bot.understand import understand
from tests.helpers import value


@pytest.mark.parametrize("text", ["Our translators want to look terms up in our 35 glossaries during prep.",
                                  "Staff should be able to look the spelling up from the house style guides."])
def test_glossaries_and_style_guides_are_documents_not_examples(text):
    u = understand(text)
    assert value(u, "documents") is True and value(u, "examples") is None


@pytest.mark.parametrize("text", ["回答查档问题时要严格按照我们的著录规范输出。", "我们是档案馆，每条结果都必须输出题名、年代、档号等固定字段。",
                                  "Every intake has to be written up on our fixed intake sheet.",
                                  "Orders must go out on the standard order sheets."])
def test_a_cataloguing_standard_or_fixed_form_is_a_format_need(text):
    assert value(understand(text), "needs_format") is True


def test_a_number_inside_a_name_counts_no_documents():
    u = understand("We have 120 labelled pairs of print text and grade-2 braille-ready files in our house format.")
    assert value(u, "documents") is None and value(u, "examples") == 120


@pytest.mark.parametrize("text", ["预算方面没什么问题，有两千条标注样本。", "We're not short of money; there are 2,000 labelled samples."])
def test_money_that_is_no_problem_is_no_tight_budget(text):
    assert value(understand(text), "budget_low") is False


def test_no_hand_labelled_data_is_zero_examples():
    assert value(understand("目前没有人工标注好的对话数据，只有产品手册。"), "examples") == 0


def test_a_typo_in_every_week_still_means_the_facts_change():
    assert value(understand("The price list changes evry week and replies must quote it."), "knowledge_changes") is True
