"""Wording from development batches 56 and 57 (tests below the first group come from batch 57): tonnes shipped are no examples ("差不多三百吨" is no "多" added either); a hammer
price, a buyer fee or an average premium is no budget; "matched 27,500 checklists to announcements" are examples;
time-series data (時序資料) and personal records (健康档案) are no documents to look things up in; "nothing may go to
a third-party API", "不能出本地机房", "不能调第三方 API" block training on the data; "scrap that $800 cap" clears it;
a cost the user's documents state ("what did the megatron-llama run cost in RMB?") is looked up, not priced."""

from __future__ import annotations

import pytest

from bot.understand import understand
from tests.helpers import label, value


@pytest.mark.parametrize("text", ["一年出貨差不多三百噸。", "We ship about 40 tonnes a year.", "每年卖两千斤茶叶"])
def test_weights_are_no_count_of_examples(text):
    assert value(understand(text), "examples") is None


def test_a_count_after_chabuduo_is_set_not_added():
    u = understand("我们有一千条标注好的对话", None)
    assert value(understand("其实差不多三千条", u), "examples") == 3000


@pytest.mark.parametrize("text", [
    "Used-car auction: average hammer price is around $14,300 and the buyer fee is $295. We matched 27,500 checklists.",
    "pet insurance, avg premium $41/mo, about 1.5 million calls a month",
])
def test_prices_of_the_business_are_no_budget(text):
    assert value(understand(text), "budget_usd") is None


def test_matched_pairs_are_examples():
    u = understand("We've matched 27,500 inspection checklists to the final condition announcements.")
    assert value(u, "examples") == 27500


def test_time_series_data_is_no_document_collection():
    u = understand("研發部想從零設計一個全新的網路架構，同時吃水下聲納影像跟水質時序資料來預警魚病。")
    assert value(u, "documents") is None and value(u, "novel_architecture") is True
    assert label(u) == "from_scratch"


def test_personal_records_are_private_data_not_documents():
    u = understand("月子中心，想按固定格式生成护理日报，记录→日报九百份。")
    u = understand("其实这些记录都是宝妈的健康档案，规定不能出本地机房，也不能调第三方 API。", u)
    assert value(u, "documents") is None and value(u, "privacy_blocked") is True
    assert label(u) == "prompt"


@pytest.mark.parametrize("text", [
    "And compliance just reminded us: nothing may go to a third-party API, ever.",
    "规定不能出本地机房。",
    "我们也不能调第三方 API。",
])
def test_privacy_variants(text):
    assert value(understand(text), "privacy_blocked") is True


def test_scrap_that_cap_clears_the_budget():
    u = understand("Rail yard: 62,000 defect-note → AAR-code pairs.")
    u = understand("Update: finance says $800 max for the whole thing.", u)
    assert value(u, "budget_usd") == 800
    u = understand("Scrap that $800 cap, it was last year's number. And the parent company just lent us 8x A100s.", u)
    assert value(u, "budget_usd") is None and value(u, "gpu_count") == 8
    assert label(u) == "full_finetune"


def test_a_cost_the_documents_state_is_looked_up():
    q = "how much would the megatron-llama run cost in RMB for that 13b continued training (the ~40h one)?"
    assert understand(q, relevant=True).intent == "factual"
    assert understand("how much would it cost to fine-tune gpt-4o-mini on 2,000 examples, 500 tokens each?",
                      relevant=True).intent == "cost"


def test_one_message_asking_two_estimates_gets_both():
    from bot.decide import decide

    u = understand("what would it cost to fine-tune gpt-4o-mini on 2,000 examples at ~500 tokens each? and with gpt-4o instead?")
    assert u.intent == "cost" and u.cost.also == ("gpt-4o-2024-08-06",)
    d = decide(u)
    assert [round(e.cost_usd, 2) for e in (d.estimate, *d.also)] == [9.0, 75.0]
    follow = understand("ok, gpt-4o but only 2 epochs", u)
    assert follow.cost.also == () and round(decide(follow).estimate.cost_usd, 2) == 50.0


def test_a_model_switched_from_is_not_asked_too():
    u = understand("we moved from gpt-4o to gpt-4o-mini: 2,000 examples, 500 tokens each, what will training cost?")
    assert u.cost is not None and u.cost.also == ()


@pytest.mark.parametrize("text,count", [
    ("We've got 85k callout tickets where the tech's free-text notes are paired with the final fault code.", 85000),
    ("We've kept around 850 of those confirmations.", 850),
    ("We have 1,150 completed 209s from past seasons.", 1150),
])
def test_counts_of_examples_in_other_words(text, count):
    assert value(understand(text), "examples") == count


def test_a_new_network_architecture_in_chinese():
    assert value(understand("想跟高校合作，自己设计一个全新的网络架构，不打算在别人的模型上微调。"), "novel_architecture") is True


def test_medical_records_are_private_data_not_documents():
    u = understand("醫師審過的範例大概有１２００份。但是這些都是病歷資料，院方規定絕對不能離開院內機房。")
    assert value(u, "documents") is None and value(u, "privacy_blocked") is True and label(u) == "prompt"


def test_when_facts_change_is_no_deadline():
    u = understand("場次、餘票跟退票規則每天都在變，有時候開賣前一小時才改。")
    assert value(u, "deadline") is None and value(u, "knowledge_changes") is True


def test_pages_counted_with_lai_are_documents():
    assert value(understand("答案都在三百来页的施工工艺标准里。"), "documents") is True


def test_a_destination_archive_is_no_document_collection():
    u = understand("a couple of us rewrote them into our standardized report format for the archive — 14k log → report pairs")
    assert value(u, "documents") is None and value(u, "examples") == 14000


def test_follow_ups_lift_the_block_and_the_deadline():
    u = understand("历史回复六千条，有一台 4090。")
    u = understand("法务说住客信息不能出本地机房，也不能调任何第三方 API。", u)
    assert value(u, "privacy_blocked") is True
    u = understand("法务又回话了：脱敏以后就可以正常用，没限制了。", u)
    assert value(u, "privacy_blocked") is False and value(u, "domain_terms") is None and label(u) == "qlora"
    v = understand("I've got 1,500 old posts to learn from.")
    v = understand("ugh, marketing needs it live by 5pm today", v)
    assert value(v, "deadline") == "today"
    v = understand("never mind, launch got pushed. no rush at all now", v)
    assert value(v, "deadline") is None and label(v) == "lora"


def test_a_relatives_business_starts_a_new_project():
    u = understand("Actually we dug up about 300 old replies, and every reply has to follow our fixed SMS template.")
    u = understand("My sister's pottery studio wants a model to write glaze recipe cards from her notes. She has 40 cards "
                   "done so far, kiln fires to cone 6.", u)
    assert value(u, "examples") == 40 and value(u, "needs_format") is None and label(u) == "prompt"
