"""Wording from development batch 47: money the business invoiced, or says is not its budget, or a price per tonne
is no budget; "一笔一笔" counts nothing; items that come with their commentary, or that were compiled, are
examples; case files counted are documents; "books in stock" are no documents; the house style of printed
catalogues is no catalogue to search; "今日票价" is fresh knowledge, not a deadline; "不做检索了" retracts the
documents; a cost question said as "rough number please" with its model, count and tokens is priced."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from tests.helpers import label, value


@pytest.mark.parametrize("text", [
    "Last year we invoiced roughly €250,000 for one commission, which is not our AI budget. 900 past certificates.",
    "Scrap copper sits around $8,100/tonne this month. We have 30,000 line items already coded by our staff.",
])
def test_money_that_is_no_budget(text):
    assert value(understand(text), "budget_usd") is None


def test_one_stroke_at_a_time_counts_nothing():
    u = understand("标注好的印章图片有八十万张，都是一笔一笔描出来的。")
    assert value(u, "examples") == 800000


@pytest.mark.parametrize("text, count", [("老师们这些年整理出一万两千篇。", 12000), ("我们有三千盘带讲评的棋谱。", 3000)])
def test_compiled_items_or_items_with_commentary_are_examples(text, count):
    assert value(understand(text), "examples") == count


def test_case_files_counted_are_documents_not_examples():
    u = understand("律所想让律师在十五万份卷宗里检索提问。")
    assert value(u, "documents") is True and value(u, "examples") is None


def test_books_in_stock_and_a_catalogue_style_are_no_documents():
    u = understand("Rare-book dealer, ~3,000 books in stock. We want listings in the house style of our printed catalogues; "
                   "there are 1,400 past descriptions. One H100 80GB for a weekend.")
    assert value(u, "documents") is None and value(u, "examples") == 1400


def test_scanned_old_certificates_are_examples_not_documents():
    u = understand("I've scanned ~1,200 old certificates so far and want new ones in the master's wording.")
    assert value(u, "examples") == 1200 and value(u, "documents") is None


def test_today_s_ticket_price_in_a_reply_template_is_no_deadline():
    u = understand("票价每天都在变。回复必须按固定模板：雪道／今日票价／温馨提示。整理好的回复样例 １５００ 条。")
    assert value(u, "deadline") is None and value(u, "knowledge_changes") is True and label(u) == "hybrid"


def test_no_more_search_retracts_the_documents():
    u = replay(["想让员工在五万份卷宗里检索提问，不能出内网。", "改一下：不做检索了，只按固定格式起草文书，手上有两千份范本。"])
    assert value(u, "documents") is None and value(u, "examples") == 2000


def test_a_rough_number_with_model_count_and_tokens_is_a_cost_question():
    u = understand("Rough number please: OpenAI fine-tune on gpt-4o-mini, 1,800 inspection certificates, about 300 tokens each, default epochs.")
    assert u.intent == "cost" and u.cost is not None and u.cost.examples == 1800 and u.cost.avg_tokens == 300


@pytest.mark.parametrize("text", [
    "we own 3 car washes, ~40 bays total, $4.00 a wash, open 7am-10pm, 9 part-time staff. is fine tuning a thing i need or is that overkill?",
    "Small bakery, 6 people. Is a custom model even necessary for answering Instagram DMs, or is that overkill?",
])
def test_asking_whether_fine_tuning_is_needed_or_overkill_asks_for_advice(text):
    assert understand(text).intent == "situation"


def test_wording_of_batch_48():
    u = understand("Hand-woven rug studio, rugs go for $800-$12k. We want listings in our house style; 70 examples, no GPU.")
    assert value(u, "budget_usd") is None and value(u, "examples") == 70
    u = replay(["Listings in our house style, 1,800 examples, no GPU whatsoever.",
                "Oh, a friend lent us an RTX 4090 24GB, so it's not zero GPUs anymore."])
    assert value(u, "compute") == "consumer" and label(u) == "qlora"
    u = understand("回答要引用我们整理的三百份材料 datasheet，回复要按固定的 JSON 格式给出，这种样例已经有八百条。")
    assert value(u, "documents") is True and label(u) == "hybrid"
    u = understand("We're designing our own foundation model with a novel architecture; still ingesting archives. Compute budget is $400k.")
    assert value(u, "documents") is None and label(u) == "from_scratch"
