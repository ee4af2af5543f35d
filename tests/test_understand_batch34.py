"""Situations and follow-ups in other people's wording: answers drawn from named records, a voice named in quotes,
a prompt measured in pages, this week's schedule, a corpus counted in tokens, a 70B model before the hardware is
known, a same-night deadline and "再算一次" after an estimate."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from tests.helpers import label, value


def test_answers_pulled_from_private_contracts_are_retrieved():
    u = understand("Client contracts cannot leave our servers and legal says they can't be used to train anything. "
                   "We want answers pulled from those contracts. We do have 20,000 labelled clause pairs and 8x A100 80G.")
    assert value(u, "privacy_blocked") is True and value(u, "documents") is True and label(u) == "rag"


def test_a_voice_named_in_quotes_is_a_format_need():
    u = understand("We own 14 hardware stores. Stock levels change daily. Customers love our 'Uncle Bob' voice, so replies "
                   "must sound like him. We've got 800 past chat transcripts we'd use as training examples.")
    assert value(u, "needs_format") is True and label(u) == "hybrid"


@pytest.mark.parametrize("text", [
    "roughly 50k calls a day, each one currently runs through a 6-page system prompt, and we need responses under 300 ms",
    "每次调用都带着 12 页的系统提示词，一天五万次调用",
])
def test_a_prompt_measured_in_pages_is_long_not_documents(text):
    u = understand(text)
    assert value(u, "long_prompt") is True and value(u, "documents") is None and label(u) == "lora"


def test_this_weeks_schedule_and_prices_change():
    u = understand("I run a farm co-op. We want a bot that answers members' questions about this week's pickup schedule and prices.")
    assert value(u, "knowledge_changes") is True and label(u) == "rag"


@pytest.mark.parametrize("text, count", [
    ("we designed our own architecture and tokenizer, about 3 million tokens of corpus", 3_000_000),
    ("we designed our own architecture, about 2 billion tokens of text", 2_000_000_000),
    ("我们自研了架构，有 800万 token 的语料", 8_000_000),
])
def test_a_corpus_counted_in_tokens_is_the_training_data(text, count):
    u = understand(text)
    assert value(u, "examples") == count and value(u, "novel_architecture") is True


def test_a_small_budget_turns_a_new_architecture_into_a_full_fine_tune():
    u = understand("University robotics lab: we designed our own architecture and tokenizer for motor-control traces, "
                   "about 3 million tokens of corpus, and a hard budget of $4,000.")
    assert label(u) == "full_finetune"


def test_a_budget_that_is_not_huge_is_a_low_budget():
    assert value(understand("We have 800 examples. Budget isn't huge."), "budget_low") is True


def test_a_70b_model_before_the_hardware_is_known_is_lora_and_one_card_makes_it_qlora():
    first = "我们是一家做农机的小厂，想用 70B 模型做故障诊断问答，有 3000 条标注。"
    assert label(understand(first)) == "lora"
    assert label(replay([first, "只有一张 A100 80G。"])) == "qlora"


def test_tonight_is_a_same_day_deadline():
    u = understand("我们是一所职业学校，想让模型今晚就能帮老师批量生成实训报告评语，有 5000 条样例。")
    assert value(u, "deadline") == "today" and label(u) == "prompt"


@pytest.mark.parametrize("again", ["又多了 1000 条，再算一次。", "1,000 more came in, recalculate"])
def test_recalculate_after_more_examples_reprices_the_estimate(again):
    u = replay(["我们有 3000 条标注，想做故障诊断问答。", "每条 400 token，如果在 gpt-4o-mini 上训练要多少钱？", again])
    assert u.intent == "cost" and u.cost is not None and u.cost.examples == 4000


@pytest.mark.parametrize("text", ["We want to tune a 70B model on a single GPU, 3000 examples",
                                  "我们想微调 70B 的模型，只有一张卡，数据大概 3000 条。"])
def test_one_card_without_its_size_is_one_card(text):
    u = understand(text)
    assert value(u, "gpu_count") == 1 and label(u) == "qlora"


def test_one_card_after_a_cluster_replaces_the_cluster():
    u = replay(["标注好的保单 OCR 纠错样本五千条，公司有 4 张 A100 80G", "要是数据量翻三倍呢？", "不对，领导说只能给我们一张卡"])
    assert value(u, "gpu_count") == 1 and value(u, "compute") is None and label(u) == "lora"


def test_tokens_of_anything_but_the_prompt_are_the_corpus():
    u = understand("Indie game studio. We want to build our own architecture and tokenizer for procedural quest text; "
                   "we have about 2 million tokens of quest scripts.")
    assert value(u, "examples") == 2_000_000 and label(u) == "from_scratch"
    assert value(understand("our prompt is 3000 tokens of context, 2000 examples"), "examples") == 2000


def test_case_files_not_anonymised_are_the_private_data_not_documents_to_search():
    u = understand("我们是一家律师事务所，客户案件资料都没脱敏，合规部门明确说不允许用于训练。手上有两千条律师写过的邮件回复，"
                   "想让模型按律所正式的语气起草邮件。")
    assert value(u, "privacy_blocked") is True and value(u, "documents") is None and label(u) == "prompt"


def test_an_official_document_register_is_a_format_need():
    u = understand("我们是市政务服务热线，政策文件每周都会更新，答复必须用规范的公文口径，现有三千条历史问答标注。")
    assert value(u, "needs_format") is True and label(u) == "hybrid"


@pytest.mark.parametrize("text", [
    "for the GLM-Z1 models, past what input length (tokens) should i consider enabling yarn rope scaling?",
    "above which batch size should we enable gradient checkpointing?",
    "at what context length should I turn on yarn?",
])
def test_when_to_switch_a_setting_on_is_a_lookup(text):
    assert understand(text, None, True).intent == "factual"


def test_should_we_pick_an_approach_is_still_advice():
    assert understand("should I enable LoRA or do a full fine-tune with 20k examples", None, True).intent == "situation"


def test_a_prompt_counted_in_pages_before_the_number_is_long_not_documents():
    u = understand("我們的系統提示詞有 12 頁，每天五萬次調用，回覆要在 300ms 內")
    assert value(u, "long_prompt") is True and value(u, "documents") is None and label(u) == "lora"


@pytest.mark.parametrize("text", ["also every answer has to be a short SMS under 160 chars, we have about 900 example replies",
                                  "每条回复不超过 70 个字，我们有 900 条示例回复"])
def test_a_length_limit_on_every_answer_is_a_format_need(text):
    assert value(understand(text), "needs_format") is True
