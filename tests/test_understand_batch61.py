"""Wording from development batches 60–61: what a product costs the customer, a package, a fee per car, a weekly
course or a wheel of cheese sells for is no budget, nor are "45 grand pianos"; a follow-up that counts the very things
the examples were counted in ("that's 1.6 million events total") restates the examples, unless it counts traffic or
drops them; a deadline taken back ("not a prototype on Friday") is no deadline, "end of the quarter" is one, and a
customer's quoted question is none; "N such reports", "N of them" after "we write…", "写得好的" and "可以当样例"
are examples; goods made a year and a catalogue's items are not; a card name's digits ("8张H800", "8D报告") count
nothing; "哪类技术路线" asks for a decision; Cantonese "唔可以傳俾外面嘅API" blocks the data and "唔使理" retracts;
"四百幾頁" is four hundred-odd pages; "no quantisation" refuses 4-bit; "2,000 messages a month" is low volume."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from bot.understand.bare import same_unit_count
from tests.helpers import label, value


def test_what_the_customer_pays_is_no_budget():
    u = understand("We print labels; a 10k run of 4x6 labels is about $780 for the customer. We have 2,200 email → JSON "
                   "ticket pairs and two RTX 4090s.")
    assert value(u, "budget_usd") is None and value(u, "examples") == 2200


def test_a_count_of_the_same_things_restates_the_examples():
    u = replay(["Our R&D head wants a brand-new architecture, our own foundation model, for loom sensor data.",
                "ok we counted: 240,000 labelled break events.",
                "plus our sister mill is pooling their data — that's 1.6 million events total. still want the new architecture."])
    assert value(u, "examples") == 1_600_000 and label(u) == "from_scratch"


def test_a_chinese_count_of_the_same_things_restates_the_examples():
    event = same_unit_count("兄弟厂的数据也并进来了，合起来一百六十万条断纱记录。", "我们标注了二十四万条断纱记录")
    assert event is not None and event.kind == "set" and event.value == 1_600_000


def test_more_of_the_same_things_add_to_the_examples():
    event = same_unit_count("the night shift found another 3,000 tickets like that", "We have 8,000 labelled tickets")
    assert event is not None and event.kind == "add" and event.value == 3000


def test_traffic_of_the_same_things_is_no_count_of_examples():
    u = replay(["We have 8,000 labelled reviews and a single RTX 4080 16GB.",
                "Also: this will run on about 5 million reviews a day once it's live."])
    assert value(u, "examples") == 8000
    assert same_unit_count("每天大概一百万条评论要过一遍", "我们有八千条标注好的评论") is None


def test_dropping_the_examples_is_no_new_count():
    u = replay(["我们是一所职业学校，教材都是PDF，答案按固定模板输出，有一千条标注问答。", "那一千条标注先不算了，质量太差。"])
    assert value(u, "examples") is None


@pytest.mark.parametrize("text", [
    "Our basic direct cremation package is $1,895 and a full service runs around $9k.",
    "一台车检测费198元。",
    "An intensive course is €260/week.",
    "A 25 kg cheddar wheel goes out at ~£420.",
    "We rebuild about 45 grand pianos per year.",
])
def test_prices_of_goods_are_no_budget(text):
    assert value(understand(text), "budget_usd") is None


def test_grand_is_still_money():
    assert value(understand("Our cloud credits are about 6 grand total."), "budget_usd") == 6000


def test_a_deadline_taken_back_is_none():
    u = understand("The owner promised a working version today, before the 5pm call. Not next week, not a prototype "
                   "on Friday, today.")
    assert value(u, "deadline") == "today"
    assert value(understand("ok panic over, the real deadline is end of the quarter."), "deadline") == "quarter"


def test_a_quoted_customer_question_is_no_deadline():
    u = understand('The kiosk should answer "what\'s on tonight" and "is there a 3D showing" for our 650 example pairs.')
    assert value(u, "deadline") is None


@pytest.mark.parametrize("text, count", [
    ("Our master tuner has written 2,500 such reports over 19 years.", 2500),
    ("We write tasting notes for every batch and have 2,500 of them from the last 8 years.", 2500),
    ("现在只要AI写讣告，我们存了一千五百篇写得好的。", 1500),
    ("现在手上有大概九百份检测师写好的标准JSON报告可以当样例。", 900),
])
def test_written_pieces_are_examples(text, count):
    assert value(understand(text), "examples") == count


@pytest.mark.parametrize("text", [
    "We press vinyl records: about 1.6 million records a year.",
    "City library system: 12 branches, 1.3M items in the catalogue.",
    "算力方面集团有8张H800组成的训练集群。",
])
def test_goods_made_catalogues_and_card_names_are_no_examples(text):
    assert value(understand(text), "examples") is None


def test_a_card_name_digit_does_not_count():
    assert value(understand("過去三年累積的8D報告大約九百份可以拿來當範例。"), "examples") == 900


def test_which_technical_route_asks_for_a_decision():
    u = understand("所里想搞一个基因组大模型，要自己设计全新的模型架构，做我们自己的基础模型。请问这属于哪类技术路线？")
    assert u.intent == "situation" and label(u) == "from_scratch"


def test_cantonese_privacy_and_retraction():
    u = replay(["住戶成日問大廈守則，呢啲全部喺我哋份守則同通告度（四百幾頁）。住戶資料唔可以傳俾外面嘅API。",
                "其實守則嗰part唔使理住，淨係想個AI幫手寫每月通告。"])
    assert value(u, "privacy_blocked") is True and value(u, "documents") is None and label(u) == "prompt"


def test_no_quantisation_refuses_four_bit():
    u = replay(["We want to tune a 70B model on our single 48 GB card, 4-bit quantisation is fine. ~5,000 claim pairs.",
                "Change of plan: 4-bit mangles terminology, so no quantisation. We'll use a 13B model instead."])
    assert value(u, "four_bit_ok") is False and label(u) == "lora"


def test_a_low_message_rate_is_no_high_volume():
    u = replay(["The app must tag every customer message, millions of calls a month, in under 200 ms.",
                "Sorry, it's more like 2,000 messages a month and latency doesn't matter."])
    assert value(u, "high_volume") is False and label(u) == "prompt"


def test_obituaries_we_wrote_are_examples():
    assert value(understand("we have roughly 3,000 obituaries we wrote ourselves in our house voice"), "examples") == 3000
