"""Wording from development batch 46: money a business earns or pays for other things is no budget, outputs
someone already wrote (or judged, scored) are examples, a dossier collection is searched, prices that change by the
day are fresh knowledge, and a correction of the tokens per example after an estimate re-prices it."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from tests.helpers import label, value


@pytest.mark.parametrize("text", [
    "Our average order is around $7,200 and we want replies to quotes in our usual tone; 1,800 past replies exist.",
    "Renting the hall costs us $300 an evening. We want event recaps in our style; we have 900 old recaps.",
])
def test_money_earned_or_paid_for_other_things_is_no_budget(text):
    assert value(understand(text), "budget_usd") is None


def test_reports_someone_already_wrote_are_examples_not_documents():
    u = understand("The board wants match reports drafted from score sheets. We have 40 reports our previous secretary wrote.")
    assert value(u, "examples") == 40 and value(u, "documents") is None


def test_old_descriptions_kept_in_an_archive_are_examples():
    u = understand("We want product pages in our voice; about 1,200 old descriptions sit in the shop archive. One RTX 4090.")
    assert value(u, "examples") == 1200 and value(u, "documents") is None and label(u) == "qlora"


@pytest.mark.parametrize("text", [
    "Over six years our judges have scored 18,000 performances, and we want draft summaries of each score sheet.",
    "18,000 judged performances with notes, and we want draft summaries of each score sheet.",
])
def test_scored_or_judged_items_are_examples(text):
    assert value(understand(text), "examples") == 18000


def test_questions_over_a_dossier_collection_are_retrieval():
    u = understand("Analysts want to ask questions over our ~3,000 client dossiers; the data may not be used to train a model.")
    assert value(u, "documents") is True and label(u) == "rag"


@pytest.mark.parametrize("text", ["批发价每天一个价，想让机器人回答客户问价。", "Menu items rotate daily and customers ask what is on today."])
def test_prices_or_items_that_change_by_the_day_are_fresh_knowledge(text):
    assert value(understand(text), "knowledge_changes") is True


def test_prices_adjusted_once_a_year_with_no_live_updates_are_stable():
    u = replay(["民宿房價每週都在變。", "其實房價兩年才調一次，不需要即時更新。"])
    assert value(u, "knowledge_changes") is False


@pytest.mark.parametrize("text", ["我们只做档案生成，按模板写。", "回答要按档案的固定格式写。"])
def test_records_the_model_writes_are_no_documents(text):
    assert value(understand(text), "documents") is None


def test_a_corrected_token_count_reprices_the_estimate():
    u = replay(["用 gpt-4o-mini 微调，一千条样本，每条 200 token，默认轮数，要多少钱？", "其实我重新数了一下，每条大概 350 token。"])
    assert u.intent == "cost" and u.cost is not None and u.cost.avg_tokens == 350 and u.cost.examples == 1000


def test_a_corrected_example_count_after_an_estimate_is_a_situation_update():
    u = replay(["We have 600 rewrites in house style, no GPUs.", "How much on gpt-4o-mini, ~100 tokens each?",
                "correction: it's 60 rewrites, the rest were duplicates"])
    assert u.intent == "situation" and value(u, "examples") == 60
