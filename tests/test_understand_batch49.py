"""Wording from development batch 49: "X -> Y pairs" with a two-letter X counts examples, and pairs that were scanned
are no documents; what one item "goes out at" is a price, not a budget; notes written for a trade catalogue are no
catalogue to search; monitoring data is no document; a price "adjusted once a week" (每周调一次) is fresh knowledge;
retracting "the gold price part" (金价那部分) clears the price freshness said the turn before."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from tests.helpers import label, value


def test_two_letter_arrow_pairs_are_examples_and_scanned_pairs_no_documents():
    u = understand("Optician chain: we hold 4,300 Rx -> lens order pairs scanned and typed in last spring. One RTX 4090.")
    assert value(u, "examples") == 4300
    assert value(u, "documents") is None


def test_what_one_item_goes_out_at_is_no_budget():
    u = understand("A tailored suit goes out at about $1,200. We have 2,000 measurement -> pattern pairs.")
    assert value(u, "budget_usd") is None


def test_notes_for_a_trade_catalogue_are_output_not_documents():
    u = understand("We want the model to write blurbs for the trade catalogue in our buyer's voice; 1,900 of her blurbs exist.")
    assert value(u, "documents") is None and value(u, "examples") == 1900


def test_monitoring_data_is_no_document():
    u = understand("我们想从头设计一个全新架构的电网负荷时序基础模型，二十年的监测资料都在，机房有 64 张 H100。")
    assert value(u, "documents") is None
    assert label(u) == "from_scratch"


def test_a_price_adjusted_weekly_is_fresh_knowledge():
    u = understand("茶叶收购价按等级每周调一次，茶农天天来问价格。")
    assert value(u, "knowledge_changes") is True


def test_retracting_the_gold_price_part_clears_freshness():
    u = replay(["我们银楼的金价每天都变，顾客老问今天的价格，没有任何标注数据。",
                "其实金价那部分不用管了，有别的系统对接。我们只要它按固定格式写鉴定说明。"])
    assert value(u, "knowledge_changes") is None
    assert value(u, "needs_format") is True


@pytest.mark.parametrize("text", [
    "on the H100 table with llama 13b, which method had the highest summarization speedup? just that column",
    "quantizer only fits one card — during eval which option should i turn on so it runs block by block?",
    "resuming from a pruned checkpoint in prune.py — which extra flag do i need?",
    "tokenizer readme: what tok/s does it reach on cpu? wondering whether it is even worth it on a laptop",
    "这个框架的示例 prompt 是给哪类模型写的？我们打算换成 3b 的小模型",
    "那个推理库建議用什麼顯卡？我們只有一張 4060",
    "we're setting up a RAG bot on our wiki; what's the upper end of the chunk length range the reranker docs recommend?",
])
def test_questions_about_what_a_document_says_are_factual(text):
    assert understand(text).intent == "factual"


@pytest.mark.parametrize("text", [
    "Which approach should we take, RAG or LoRA? We have 2,000 labelled replies.",
    "我们有两张 3090 和五千条客服对话，建议我们用什么方案？",
])
def test_asking_which_approach_to_take_still_asks_for_advice(text):
    assert understand(text).intent == "situation"
