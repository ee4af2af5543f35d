"""Wording from development batch 53: "none of our documents may leave the site" keeps the documents; "no usable
examples" counts none; "non-manual markers" are no manuals; "那几条固定路线" asks nothing; "4,000 bonsai care
cards" are examples to price; "輪數用預設的" goes back to the default epochs."""

from __future__ import annotations

from bot.understand import replay, understand
from tests.helpers import label, value


def test_documents_that_may_not_leave_the_site_are_still_documents():
    u = understand("Answers are in about 1,100 pages of O&M manuals and our own SOPs. None of our operating data or "
                   "documents may leave the site, and nothing can be sent to an outside API.")
    assert value(u, "documents") is True
    assert label(u) == "rag"


def test_no_usable_examples_counts_none():
    u = understand("I told you we had 3,000 Q&A pairs, but scratch that, they're junk: we have no usable examples. "
                   "We do have a 400-page care manual that answers customers' questions.")
    assert value(u, "examples") == 0
    assert label(u) == "rag"


def test_a_hyphenated_word_ending_in_manual_is_no_manual():
    u = understand("We'd like the model to use interpreting terms correctly (classifiers, non-manual markers). "
                   "We have 5,000 interpreter notes to train on.")
    assert not value(u, "documents")


def test_those_few_routes_ask_nothing():
    u = replay(["想让 AI 写 trail 介绍，但我们手上一条 sample 都没有。", "另外路况每天都在变，要及时告诉游客。",
                "算了，实时路况不用考虑了，我们只写那几条固定路线，路线是不变的。"])
    assert u.intent == "situation"
    assert label(u) == "prompt"


def test_care_cards_are_examples_and_preset_epochs_are_the_default():
    u = understand("How much to fine-tune gpt-4o-mini on 4,000 bonsai care cards, 250 tokens each, 3 epochs?")
    assert u.cost is not None and u.cost.examples == 4000
    zh = replay(["想試 gpt-4o-mini 微調：三千筆範例，每筆大約八百個 token，訓練 2 輪，大概多少錢？", "改成 gpt-4o 的話？",
                 "輪數用預設的呢？"])
    assert zh.cost is not None and zh.cost.epochs == 3 and zh.cost.model.startswith("gpt-4o-2024")


def test_the_digit_of_a_model_name_is_no_count_to_price():
    u = replay(["I want listings written in our house style. We have forty-odd listings written that way.",
                "found the old export! 1,340 listings in that style in total.",
                "cost on gpt-4o-mini if listings are ~240 tokens?"])
    assert u.cost is not None and u.cost.examples == 1340
