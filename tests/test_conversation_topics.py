"""Conversations that change topic, relax a deadline, drop documents or ask for a price without the word "cost";
and situations whose value words describe the project rather than ask (what customers ask, "haven't counted how
many"). Plain data, no model."""

from __future__ import annotations

import pytest

from bot.decide import decide
from bot.understand import replay, understand


def value(u, slot: str):
    found = u.slots.get(slot)
    return None if found is None else found.value


def state(*turns: str):
    u = replay(list(turns))
    assert u is not None
    return u


@pytest.mark.parametrize("turns, gone", [
    (("Our hotel chain wants guests to ask about room policies from our 600-page operations manual.",
      "Different project, for marketing: 5,000 approved ad captions, they want new ones in the same format, and we rent 8 H100s."),
     "documents"),
    (("物业公司，业主问的都是物业费和维修流程，答案在两百页的管理规约里。",
      "另外一件事：客服部写好的投诉回复三千条，想让模型按同样格式写，有一张 4090。"), "documents"),
    (("We run a ticket tracker whose outage status changes every few minutes; staff ask about it all day.",
      "Totally unrelated, a hobby of mine: 400 annotated go games and I want commentary in my style, RTX 3060 12GB at home."),
     "knowledge_changes"),
])
def test_a_new_topic_starts_its_facts_afresh(turns, gone):
    u = state(*turns)
    assert value(u, gone) is None
    assert value(u, "examples") is not None


def test_an_addition_without_a_topic_word_still_keeps_the_facts():
    u = state("We have 2,000 labeled support replies and a policy manual customers ask about.",
              "We also have 1,000 more replies from last year.")
    assert value(u, "documents") is True and value(u, "examples") == 3000


@pytest.mark.parametrize("turns, deadline", [
    (("明天要给老板看，标好的样本有两千条。", "老板说不急了，下个季度再说。"), "quarter"),
    (("明天要给老板看，标好的样本有两千条。", "老板说不急了。"), None),
    (("We need it by tomorrow; 2,000 labeled examples.", "no rush anymore, the review moved out"), None),
])
def test_a_relaxed_deadline(turns, deadline):
    u = state(*turns)
    assert value(u, "deadline") == deadline
    assert value(u, "examples") == 2000


def test_documents_no_longer_needed_are_dropped():
    u = state("做售后，回复依据各型号的说明书（三百份 PDF），回复格式固定，写好的标准回复两千条。",
              "说明书那部分用不上了，客户只来约维修。")
    assert value(u, "documents") is None
    assert value(u, "needs_format") is True and value(u, "examples") == 2000
    assert decide(u).recommendation.label == "lora"


@pytest.mark.parametrize("question, examples, tokens", [
    ("Rough number: gpt-4o-mini on 2,400 examples, around 350 tokens each, 2 epochs?", 2400, 350),
    ("what would tuning gpt-4o on those 900 captions cost at 200 tokens each?", 900, 200),
])
def test_a_price_question_without_the_word_cost(question, examples, tokens):
    u = understand(question)
    assert u.intent == "cost"
    assert u.cost is not None and u.cost.examples == examples and u.cost.avg_tokens == tokens


def test_a_follow_up_priced_per_item_reuses_the_count_read_before():
    first = understand("Local radio station: 1,200 news blurbs our editors approved, in our house style. No GPUs, we'd use OpenAI.")
    assert value(first, "examples") == 1200
    u = understand("How much would that be on gpt-4o-mini, ~100 tokens per blurb, 3 epochs?", first)
    assert u.intent == "cost" and u.cost is not None and u.cost.examples == 1200 and u.cost.avg_tokens == 100


@pytest.mark.parametrize("question, slot, expected", [
    ("Bakery chain: 700 product descriptions the owner approved, want new ones in that voice.", "examples", 700),
    ("We have 1,800 incident findings written in the auditor's required format.", "examples", 1800),
    ("3,000 summarized call notes from our agents; the summaries follow one layout.", "examples", 3000),
    ("Visitors ask about opening hours; we want a Q&A assistant over our 60 museum brochures.", "documents", True),
    ("我们 don't have a single labeled question/answer pair, only the manuals.", "examples", 0),
    ("已经标注好的维修报告（故障现象→处理方法）一万二千条，想微调。", "examples", 12000),
])
def test_counts_and_collections_said_other_ways(question, slot, expected):
    assert value(understand(question), slot) == expected


def test_a_headline_is_no_news_feed():
    u = understand("Weekly magazine: 900 headline rewrites in our house style, we'd like the model to write them.")
    assert value(u, "knowledge_changes") is None
    assert value(u, "examples") == 900


@pytest.mark.parametrize("question", [
    "4S 店售后：客户经常问保养周期是多少、故障灯是什么意思，答案都在保养手册里，回复格式固定，写好的标准回复一千条。",
    "Law firm. Models explain contract terms like a textbook; we want our terminology. Haven't counted how many example answers we have.",
    "商品标题改写接口靠很长的 few-shot 提示词撑着，要求 200ms 内返回，标注数据有多少还没统计过。",
])
def test_describing_the_project_is_not_asking_for_a_value(question):
    assert understand(question).intent == "situation"


def test_should_we_is_still_advice():
    assert understand("we have 3,000 labeled tickets, should we fine-tune or use RAG?", relevant=True).intent == "situation"


@pytest.mark.parametrize("turns, expected", [
    # someone else's project is a new situation even without a topic word
    (("Our county library wants patrons to ask about borrowing rules from the 90-page policy manual.",
      "My brother runs a small bakery and wants Instagram captions in his voice; he has 25 captions he likes."),
     {"documents": None, "examples": 25}),
    (("超市想让模型回答每天特价的问题，特价天天变。", "我朋友开了个花店，想让模型照她的口吻写朋友圈文案，她写过的文案大概五十篇。"),
     {"knowledge_changes": None, "examples": 50}),
    # counts said other ways
    (("Camp newsletters in the director's voice: 1,200 newsletters archived.", "half of those are duplicates, so ~600 usable"),
     {"examples": 600}),
    (("We need design walkthroughs that reason step by step; we have zero labeled ones.",
      "update: the senior engineers wrote 300 walkthroughs last week"), {"examples": 300}),
    (("潛水店客服，已經有三千筆標好的諮詢對話。", "又整理出五千筆"), {"examples": 8000}),
    # retractions and relaxed limits
    (("We'd build a custom architecture for sensor traces; 1.2 million pairs.", "ok, scrap the custom architecture, we'll adapt Llama 8B"),
     {"novel_architecture": None}),
    (("琴行写课后反馈，老师写好的反馈一千条，预算只有八块钱。", "算了，老板说预算不限"), {"budget_usd": None, "examples": 1000}),
    (("Landscaping firm, 4,000 narratives in our house style.", "update: the archive turned up another 2k narratives"),
     {"documents": None, "examples": 6000}),
])
def test_conversation_turns_said_other_ways(turns, expected):
    u = state(*turns)
    for slot, want in expected.items():
        assert value(u, slot) == want, slot


@pytest.mark.parametrize("question, slot, expected", [
    ("房车租赁的回复要按“问题→操作步骤→安全提示”三段来写，标准回复一千条。", "needs_format", True),
    ("We'll use a purpose-built architecture designed from scratch for the radar returns.", "novel_architecture", True),
    ("天文台打算从头做一个自研结构的模型，直接读原始频谱。", "novel_architecture", True),
    ("For compute we have cloud credits, about 6 grand total.", "budget_usd", 6000.0),
    ("Plumber here, I never kept any of my old invoices, there's literally nothing to train on.", "examples", 0),
])
def test_situation_facts_said_other_ways(question, slot, expected):
    assert value(understand(question), slot) == expected


def test_tomorrow_noon_is_tomorrow_not_today():
    assert value(understand("解说写好的战报八百篇，明天中午之前要出第一版。"), "deadline") == "week"
    assert value(understand("解说写好的战报八百篇，今天中午之前要出第一版。"), "deadline") == "today"


def test_depends_on_how_much_is_not_a_question_for_a_value():
    assert understand("打算从头做一个自研结构的模型，数据量说不好，要看明年能批多少观测时间。", relevant=True).intent == "situation"


def test_a_card_left_is_no_count_and_losing_named_cards_keeps_the_other_needs():
    u = state("6,500 labelled dispatch notes that must follow our fixed JSON schema, and we rent 2x A100 80G.",
              "actually the A100s are gone, we only have one RTX 4090 left")
    assert value(u, "examples") == 6500
    assert value(u, "needs_format") is True
    assert value(u, "compute") == "consumer" and value(u, "gpu_count") == 1
    assert decide(u).recommendation.label == "qlora"


def test_a_budget_of_basically_zero():
    assert value(understand("she has 40 captions she likes, no gpu, budget basically zero"), "budget_usd") == 0.0


@pytest.mark.parametrize("question", ["預算不算緊張，沒有自己的顯卡", "我们没有可用的 GPU，只能调 API"])
def test_no_gpu_of_our_own(question):
    assert value(understand(question), "compute") == "none"


def test_a_correction_after_an_estimate_corrects_the_project():
    first = understand("Local paper: 900 headline rewrites in our house style. No GPUs, we'd use OpenAI.")
    priced = understand("How much would that be on gpt-4o-mini, ~150 tokens per headline, 4 epochs?", first)
    assert priced.intent == "cost"
    corrected = understand("correction: it's 90 headlines, not 900. the rest were duplicates", priced)
    assert corrected.intent == "situation" and value(corrected, "examples") == 90
    repriced = understand("we found another 300 headlines, same length, still mini", priced)
    assert repriced.intent == "cost" and repriced.cost.examples == 1200
