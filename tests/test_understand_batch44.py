"""Situations and follow-ups in other people's wording: finished reports the model should learn to write are
examples, "not a single old post" and "no old posts" are none, "every half hour it changes" is changing knowledge,
"leave the documents out" and "no deadline" retract, and "make that 5,000 — ..." corrects the count."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from tests.helpers import label, value


@pytest.mark.parametrize("text", ["I want my site notes turned into client reports. I've got 45 finished reports.",
                                  "Honestly we only have 30 completed summaries worth showing anyone."])
def test_finished_outputs_are_examples_not_documents(text):
    u = understand(text)
    assert value(u, "examples") in (45, 30) and value(u, "documents") is None


@pytest.mark.parametrize("text", ["We don't have a single old email saved, the last vendor kept them all.",
                                  "Bakery: captions in our brand voice, no old captions at all."])
def test_not_a_single_old_one_is_zero_examples(text):
    assert value(understand(text), "examples") == 0


@pytest.mark.parametrize("text", ["港口的泊位安排每隔两小时就变一次。", "排班表每周都会调整。"])
def test_a_schedule_that_changes_every_few_hours_is_changing_knowledge(text):
    assert value(understand(text), "knowledge_changes") is True


def test_leaving_the_documents_out_retracts_them():
    u = replay(["Staff ask safety questions answered from our 200-page plant manual.",
                "We also have 2,000 Q&A pairs in our fixed reply format.",
                "Compliance vetoed using the manual, so leave the documents out; just the pairs."])
    assert value(u, "documents") is None and value(u, "examples") == 2000 and label(u) == "lora"


@pytest.mark.parametrize("last", ["算了，这个不赶了，没有截止日期。", "Scratch the rush: there's no deadline after all."])
def test_no_deadline_any_more_clears_it(last):
    u = replay(["我们有三千条样例，一张 4090。", "老板说今晚就要用。", last])
    assert value(u, "deadline") is None and label(u) == "qlora"


def test_make_that_corrects_the_count_before_a_dash():
    u = replay(["Editors wrote 50 ideal answers in our house voice.", "Make that 5,000 — an intern found the old Q&A column."])
    assert value(u, "examples") == 5000
