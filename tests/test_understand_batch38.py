"""Situations and follow-ups in other people's wording: stores counted beside examples, a new architecture said
half in English ("全新 architecture", "own tokenizer"), un-redacted files legal keeps out of training, genome
fragments as examples, answers drawn from case records, and "每条长度翻倍" lengthening the examples, not adding any."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from tests.helpers import label, value


def test_stores_counted_after_the_examples_are_no_examples():
    u = understand("我们是一家连锁药店，药品价格和库存每天都在变。想让客服机器人按固定话术模板回复顾客。已经整理了８００条标准问答对。"
                   "门店一共３５家。")
    assert value(u, "examples") == 800 and label(u) == "hybrid"


@pytest.mark.parametrize("text", ["我们想做一个对话生成模型，要 own tokenizer + 全新 architecture，不用现成 base model。",
                                  "We want to train a model with its own tokenizer on our game scripts."])
def test_a_new_architecture_said_half_in_english(text):
    assert value(understand(text), "novel_architecture") is True


@pytest.mark.parametrize("text", [
    "Our case files contain un-redacted SSNs and counsel said we can't train on any of it. Caseworkers want to ask "
    "questions against the eligibility manuals and the case files.",
    "The manual includes confidential client data and legal says nothing in it can be used for training. Staff ask "
    "questions from our 200-page procedures manual.",
])
def test_files_legal_keeps_out_of_training_are_private(text):
    u = understand(text)
    assert value(u, "privacy_blocked") is True and value(u, "documents") is True and label(u) == "rag"


def test_genome_fragments_are_examples_and_a_small_budget_moves_a_new_architecture_to_full():
    first = "Our group wants to train our own architecture with a custom k-mer tokenizer on 8 million plant genome fragments."
    assert value(understand(first), "examples") == 8_000_000 and label(understand(first)) == "from_scratch"
    assert label(replay([first, "Budget is $7,500 total, though."])) == "full_finetune"


def test_answers_drawn_from_case_records_are_retrieved():
    u = understand("我們是一間社福機構，想讓模型根據個案紀錄回答社工的問題。紀錄沒有去識別化，法務說不能拿來訓練。")
    assert value(u, "documents") is True and value(u, "privacy_blocked") is True and label(u) == "rag"


@pytest.mark.parametrize("longer, tokens", [("如果每条长度翻倍呢？", 1000), ("如果範例長度是兩倍呢？", 1000)])
def test_longer_examples_double_the_tokens_not_the_examples(longer, tokens):
    u = replay(["我是独立开发者，有一张 RTX 3090 24GB，想用８０００条菜谱改写样本微调一个 8B 模型。",
                "按每条 500 token 算，用 gpt-4o-mini 训练多少钱？", longer])
    assert u.intent == "cost" and u.cost is not None and u.cost.examples == 8000 and u.cost.avg_tokens == tokens


def test_twice_as_many_examples_still_doubles_the_count():
    u = replay(["我们有 3000 条标注好的客服对话", "如果数据翻倍呢？"])
    assert value(u, "examples") == 6000


def test_a_share_said_first_is_dropped_from_the_count():
    first = "Ski resort: ticket prices change daily. Replies must follow our 2-sentence style. We have 800 past replies."
    assert value(replay([first, "Half are from old seasons with wrong info; drop them."]), "examples") == 400
    assert value(replay([first, "half of them are great, the rest are ok"]), "examples") == 800


def test_pairs_from_one_thing_to_another_are_examples():
    u = understand("We're building an e-sports commentary generator. 15,000 play-by-play to commentary pairs.")
    assert value(u, "examples") == 15_000 and label(u) == "full_finetune"


def test_a_meeting_today_is_a_deadline_not_fresh_knowledge():
    u = understand("Hmm, the owners want to see it at today's 4pm meeting.")
    assert value(u, "deadline") == "today" and value(u, "knowledge_changes") is None
    assert value(understand("we summarise yesterday's news for members"), "knowledge_changes") is True


def test_coming_up_with_a_few_names_is_no_question_for_a_value():
    u = understand("我们是一家小餐馆，老板想让AI帮忙起几个新菜名，就偶尔用一下，不着急，下个季度再说，预算也不是问题。")
    assert u.intent == "situation" and label(u) == "prompt"


@pytest.mark.parametrize("text, count", [
    ("We have 32,000 anonymized, consented counselor-response examples and our ethics board signed off on them.", 32_000),
    ("we have 300 short, clean examples", 300),
])
def test_a_count_with_adjectives_split_by_commas_keeps_its_noun(text, count):
    assert value(understand(text), "examples") == count


def test_a_list_of_things_after_a_count_is_still_cut():
    u = understand("we have 300 manuals, and 50 examples")
    assert value(u, "examples") == 50 and value(u, "documents") is True
