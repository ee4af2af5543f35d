"""Situations, follow-ups and lookups in other people's wording: a model name glued to Chinese, examples taken back
on their own, an architecture and tokenizer of one's own, and a lookup asked after a sentence of background."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from bot.understand.cost import read_cost
from tests.helpers import label, value


@pytest.mark.parametrize("text", ["用gpt-4o-mini训练，每条大概300 token，5000条要多少钱？",
                                  "5000条，每条300 token，gpt-4o-mini訓練大概多少錢"])
def test_a_model_name_glued_to_chinese_is_still_the_mini(text):
    cost = read_cost(text, None, None, 0)
    assert cost is not None and cost.model == "gpt-4o-mini-2024-07-18"


def test_switching_to_the_mini_in_chinese_reprices():
    u = replay(["用gpt-4o训练，5000条，每条300 token，要多少钱？", "换成mini呢"])
    assert u.cost is not None and u.cost.model == "gpt-4o-mini-2024-07-18"


def test_taking_back_the_examples_keeps_the_other_needs():
    u = replay(["我们是一所职业学校，教材都是PDF，想让学生直接提问，答案按固定模板输出，有一千条标注问答。",
                "那一千条标注先不算了，质量太差。"])
    assert value(u, "examples") is None
    assert value(u, "documents") is True and value(u, "needs_format") is True and label(u) == "rag"


@pytest.mark.parametrize("text", [
    "我们想为蒙古文从零设计自己的tokenizer和模型架构，不基于任何现有底座模型。语料有三千万条句子。",
    "We plan to design our own transformer variant with a custom tokenizer; there are 40 million labelled windows.",
    "游戏公司，想train一个自己的architecture做关卡生成，自研tokenizer，有120万个关卡样本。",
])
def test_an_architecture_or_tokenizer_of_ones_own_is_training_from_scratch(text):
    u = understand(text)
    assert value(u, "novel_architecture") is True and label(u) == "from_scratch"


def test_a_count_of_samples_with_a_noun_between_is_examples():
    assert value(understand("有120万个关卡样本，想微调一个现成的模型"), "examples") == 1_200_000


@pytest.mark.parametrize("text", [
    "我们组在评估要不要上 deepseek，想确认一下：deepseek llm 7b 用单张 A100 40G 推理，batch size 1 的时候峰值显存大概多少？",
    "so my boss wants us to pretrain on top of tigerbot-180b and i have to write the hardware request today... "
    "whats the minimum number of A100 40GB cards they say you need just to launch the training",
])
def test_a_value_asked_after_background_is_a_lookup(text):
    assert understand(text, None, True).intent == "factual"


@pytest.mark.parametrize("text", [
    "我们有3000条客服对话，想确认一下：应该用 LoRA 还是 RAG？",
    "We have 2,000 labelled tickets and one RTX 4090. Should we fine-tune, and how many epochs would you suggest?",
])
def test_a_decision_asked_last_stays_a_situation(text):
    assert understand(text, None, True).intent == "situation"


def test_records_the_answers_come_from_and_a_ban_on_training_with_them():
    u = understand("We'd like a bot that answers patient questions using our treatment records and appointment notes. "
                   "Those records have patient names in them and our data protection officer says none of it may be "
                   "used to train a model. We also have roughly 3,000 past Q&A pairs from reception.")
    assert value(u, "privacy_blocked") is True and value(u, "documents") is True and label(u) == "rag"


@pytest.mark.parametrize(("text", "count"), [("We have about 40,000 report-to-summary pairs, already anonymized.", 40000),
                                             ("12,000 spec-to-module pairs", 12000)])
def test_pairs_named_after_documents_are_still_examples(text, count):
    u = understand(text)
    assert value(u, "examples") == count and value(u, "documents") is None


def test_an_alternative_turned_down_states_nothing():
    u = understand("We want a model for Verilog, and we'd design our own tokenizer and architecture rather than "
                   "start from an existing model.")
    assert value(u, "novel_architecture") is True


def test_a_house_wording_is_a_format_need():
    u = understand("我们是市里的 12333 热线，社保政策每周都有更新，回答要用统一的公文口径。整理了五百条标准问答。预算不多。")
    assert value(u, "needs_format") is True and label(u) == "hybrid"


def test_half_of_them_being_test_data_halves_the_count():
    u = replay(["回覆要用固定的簡訊格式。我們有４００條過去的簡訊範例。", "其實那些範例有一半是測試資料，要刪掉。"])
    assert value(u, "examples") == 200 and value(u, "documents") is None


def test_dropping_a_share_reprices_the_estimate():
    u = replay(["We have 40,000 pairs. Each pair is about 900 tokens. How much on gpt-4o-mini?",
                "If we drop the quarter of them that are low quality, what's the cost then?"])
    assert u.intent == "cost" and u.cost is not None and u.cost.examples == 30000


@pytest.mark.parametrize(("turns", "count"), [
    (["We have 1,800 customer-chat examples in our house voice.",
      "We found another 2,700 chats in the old system, so add those.",
      "Only two thirds of everything is usable though; drop the rest."], 3000),
    (["We want NPC barks in each character's voice. 22,000 written lines.",
      "Actually a quarter of the lines are placeholder text; throw those out."], 16500),
    (["想把老师写的评语统一成固定格式的成绩报告。目前有九千条样本。", "检查了一下，三分之一是重复的，去掉。",
      "又从另一个校区拿到了四千五百条。"], 10500),
    (["想让模型按我们菜单说明的风格写新菜介绍，有 ４００００ 条样本。", "其中百分之二十五是旧菜单的，不要了。"], 30000),
])
def test_shares_and_additions_in_follow_ups(turns, count):
    assert value(replay(turns), "examples") == count


def test_a_budget_cut_by_an_amount_lowers_it():
    u = replay(["We want a new architecture with its own tokenizer - 12 million labeled curves.",
                "Funding came through: the budget is $25,000.", "Ugh, the agency cut the budget by $18,000."])
    assert value(u, "budget_usd") == 7000 and label(u) == "full_finetune"


def test_a_card_lent_away_leaves_no_gpu():
    u = replay(["想让模型把门诊病历整理成标准格式，一共三千条。", "院里只有一张 3060。", "那张 3060 被别的科室借走了，现在一张 GPU 都没有。"])
    assert value(u, "compute") == "none" and value(u, "gpu_memory_gb") is None


def test_comments_dug_out_of_an_archive_are_examples_not_documents():
    u = understand("We also dug another twelve thousand comments out of the archive.")
    assert value(u, "documents") is None


def test_how_much_memory_do_i_need_is_a_lookup():
    assert understand("if i dont have a gpu and run qwen-vl-chat on cpu, how much RAM do i need approx?",
                      None, True).intent == "factual"


def test_weekly_updates_said_in_english_inside_chinese():
    u = understand("我们是做 refugee support 的 NGO，donor policy 和 reimbursement rules 基本每周都 update 一次。"
                   "想做个 chatbot 回答 volunteer 的问题，answer 不需要什么固定格式，说清楚就行。")
    assert value(u, "knowledge_changes") is True and value(u, "needs_format") is False and label(u) == "rag"


def test_a_count_glossed_between_dashes_counts_the_words_after_it():
    u = understand("Answers should use a bilingual template. We have unos ochocientos - about 800 - template examples.")
    assert value(u, "examples") == 800
