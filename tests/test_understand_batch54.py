"""Wording from development batches 54 and 55: a price per adult, a retail range or "4,000 hammocks a year at $129"
is no budget; "三十二张 A100" counts 32 cards; "20 worked examples" in a system prompt are shots, not data; "a
4,200-token system prompt" states its length; "一千二百篇做样例" are examples; "20 blurbs they asked for" are to be
written; a showcase tonight is a same-day deadline; a described situation with "哪几条" in it asks nothing."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from tests.helpers import label, value


@pytest.mark.parametrize("text", [
    "Half-day tours are €189 per adult and we get about 4,000 guests a winter. I have 1,600 trip reports.",
    "We sell ship model kits, kits retail $89–$640. We have 15,000 parts-list to instruction pairs.",
    "Tiny hammock company, ~4,000 hammocks a year at $129. I've got 900-ish past replies in our voice.",
    "Bespoke sundials, prices from £900 to £14,000. I have 22 certificates written so far.",
])
def test_prices_of_goods_are_no_budget(text):
    assert value(understand(text), "budget_usd") is None


def test_a_stated_budget_in_pounds_still_counts():
    assert value(understand("our budget is £900 and we have 2,000 examples"), "budget_usd") == pytest.approx(1143, abs=1)


def test_a_range_with_an_en_dash_is_one_clause():
    assert value(understand("we have 2000–3000 labelled examples"), "examples") == 3000


@pytest.mark.parametrize("text,count", [("算力是学校的三十二张 A100", 32), ("我们有十二张4090", 12), ("三张A100", 3), ("两张 4090", 2)])
def test_card_counts_in_chinese_numerals(text, count):
    assert value(understand(text), "gpu_count") == count


def test_worked_examples_in_a_system_prompt_are_no_training_data():
    u = understand("Ski resort ticketing: our help bot runs on GPT-4o and every request carries a ~4,200-token system "
                   "prompt with all the pass/pricing rules and 20 worked examples. We're doing around 12,000 calls a day.")
    assert value(u, "examples") is None
    assert value(u, "prompt_tokens") == 4200
    assert label(u) == "lora"


def test_worked_examples_at_hand_are_still_examples():
    assert value(understand("we have 20 worked examples"), "examples") == 20


def test_pieces_used_as_examples_count():
    u = replay(["鸬鹚捕鱼景区，想微调模型写公众号推文，旧推文一千二百篇做样例。"])
    assert value(u, "examples") == 1200
    assert label(u) == "lora"


def test_no_qa_pairs_counts_none():
    u = understand("All of that is in our 3 binders of procedures (~420 pages). We do NOT have any Q&A pairs or "
                   "labelled data, and the procedures hardly ever change.")
    assert value(u, "examples") == 0
    assert label(u) == "rag"


@pytest.mark.parametrize("text", ["they asked for 20 short tour blurbs, I have 1,600 reports in our voice",
                                  "我们要生成200条商品文案，以前写过的有三千条"])
def test_pieces_to_be_written_are_no_examples(text):
    assert value(understand(text), "examples") != 20 and value(understand(text), "examples") != 200


def test_a_showcase_tonight_is_a_same_day_deadline():
    u = understand("Over the years I've written about 1,600 trip reports, all in the same chatty voice. The tourism "
                   "board just asked for 20 short tour blurbs for their showcase TONIGHT at 6pm, so I have the afternoon.")
    assert value(u, "deadline") == "today"
    assert label(u) == "prompt"


def test_a_described_situation_with_which_routes_in_it_asks_nothing():
    u = understand("哈士奇雪橇体验营，每天早上要给游客群发一份出行提示：雪况、气温、哪几条线路开放，每天都不一样，必须用当天的数据；"
                   "提示的格式是固定的（线路、雪况、穿衣建议、集合时间）。以前发过的提示大概四百条。不用今天就上线，下个季度前弄好就行。")
    assert u.intent == "situation"
    assert label(u) == "hybrid"


def test_the_data_asked_about_then_its_count():
    u = understand("Bookbinding studio here, we've bound something like 14,000 books since 1987. I'd love a model that "
                   "writes the little insert in our house voice. Examples? I have eight. Eight. That's all.")
    assert value(u, "examples") == 8
    assert not value(u, "documents")  # the books were bound, not written to be read from
    assert label(u) == "prompt"


def test_chinese_data_asked_about_then_its_count():
    assert value(understand("样例？我们有三百条。"), "examples") == 300


def test_how_a_released_model_was_trained_is_a_lookup():
    assert understand("想问下 linly 放出来的权重是 lora 训的还是全量？我想在它上面再叠 lora").intent == "factual"
    assert understand("我们用lora还是全量微调？有3000条数据").intent == "situation"


def test_data_that_can_leave_now_lifts_the_privacy_block():
    u = replay(["有三萬多頁的炮制规范PDF，内容每年都会修订。另外客户数据未脱敏，不允许出域。该怎么做？",
                "Actually the compliance team says the data CAN leave now, and we labeled 5,000 Q&A pairs too"])
    assert value(u, "privacy_blocked") is False
    assert value(u, "examples") == 5000
    assert value(replay(["客户数据未脱敏，不允许出域，有三千条样例", "合规说现在可以出域了"]), "privacy_blocked") is False
    assert value(understand("the data can't leave our premises, we have 3,000 examples"), "privacy_blocked") is True
