"""Situations and follow-ups in other people's wording: a corpus counted in sentences or tokens after 语料, hosted
fine-tuning said in Chinese, a share whose removal comes in the next clause, a catalogue style and an archive that
asks (no documents), a cost asked again after the count changed, call volume in thousands a day, and negated
budgets and privacy stated as facts."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from tests.helpers import label, value


@pytest.mark.parametrize("text, count", [("我们要自研新架构和自己的分词器，做一个彝语模型，语料四百万句，预算只有五千美元。", 4_000_000),
                                         ("我们打算自研模型架构和分词器，训练语料约３亿 tokens，预算七千美元。", 300_000_000),
                                         ("We want our own tokenizer and a new architecture. The corpus is about 25 million tokens "
                                          "and the budget is $9,000.", 25_000_000)])
def test_a_corpus_counted_after_its_name_is_the_training_data(text, count):
    u = understand(text)
    assert value(u, "examples") == count and label(u) == "full_finetune"


def test_a_corpus_in_sentences_keeps_a_from_scratch_plan_when_money_is_there():
    u = understand("想自研 tokenizer 和全新的模型结构，语料两百万句，经费充足。")
    assert value(u, "examples") == 2_000_000 and value(u, "budget_low") is False and label(u) == "from_scratch"


def test_events_given_as_training_tokens_are_the_corpus():
    u = replay(["We want a new architecture with our own tokenizer for sensor event sequences.",
                "We have about 15 million events as training tokens.", "Budget is $6,000."])
    assert value(u, "examples") == 15_000_000 and label(u) == "full_finetune"


@pytest.mark.parametrize("turn", ["不过其实我们打算直接用 OpenAI 的 fine-tuning API，不用本地 GPU 了。", "算了，不用自己的显卡了。"])
def test_giving_up_the_local_card_leaves_no_gpu(turn):
    u = replay(["我们有 6k 条标注好的样本，用一张 3090 跑。", turn])
    assert value(u, "compute") == "none" and value(u, "gpu_count") is None and label(u) == "lora"


def test_a_share_removed_in_the_next_clause_halves_the_count():
    u = replay(["We have 600 volunteer-written Q&A examples in our house style.",
                "Half of those are from the old exhibition, drop them."])
    assert value(u, "examples") == 300


def test_dropping_a_stated_number_still_subtracts_it():
    u = replay(["We have 100 coach-written plans.", "plus the 300 from our beta testers",
                "their contracts never covered training. drop those 300"])
    assert value(u, "examples") == 100


@pytest.mark.parametrize("text", [
    "Auction house: we want lot descriptions in our house catalogue style. We have 5,000 note->description pairs.",
    "Our county archive wants a model tuned to write record summaries in a fixed format. 3,000 examples.",
])
def test_a_catalogue_style_and_an_archive_that_asks_are_no_documents(text):
    u = understand(text)
    assert value(u, "documents") is None and value(u, "needs_format") is True and label(u) == "lora"


def test_answers_from_the_latest_sheets_are_retrieved():
    u = understand("Port agents keep asking about fees; the tariff sheets change every week. We'd like a bot that answers "
                   "from the latest sheets. We don't have any labelled examples, and the budget is not much.")
    assert value(u, "documents") is True and value(u, "budget_low") is True and label(u) == "rag"


def test_the_cost_asked_again_after_the_count_changed_is_priced_anew():
    u = replay(["我们有一万条「工单→回复」范例，没有 GPU。", "每条约 500 tokens，gpt-4o-mini 训练三轮要多少？",
                "其中一半是重复的，删掉。", "那现在训练费用是多少？"])
    assert u.intent == "cost" and u.cost is not None and u.cost.examples == 5000


def test_a_fixed_price_list_is_a_document():
    u = replay(["渔获收购价每天都变，想回答收购商询价。", "不需要实时更新了，改成固定价目表，一年只改一次。"])
    assert value(u, "knowledge_changes") is False and value(u, "documents") is True and label(u) == "rag"


def test_a_headcount_with_a_thousands_comma_is_no_example_count():
    u = understand("We've got roughly 300 old handover notes with the summaries supervisors wrote. 1,500 workers on site.")
    assert value(u, "examples") == 300


@pytest.mark.parametrize("text, low", [("The grant is generous, money isn't the issue.", False), ("预算也不是问题。", False),
                                       ("Not a huge budget but whatever it takes within reason.", True)])
def test_budgets_said_in_passing(text, low):
    assert value(understand(text), "budget_low") is low


@pytest.mark.parametrize("text, blocked", [
    ("We have 400 pharmacist-written examples, all de-identified and approved for training.", False),
    ("We have 60,000 already-anonymized call transcripts paired with claim notes.", False),
    ("我們有兩千條病歷摘要範例，已經去識別化。", False),
    ("Our DPO says the notes can't be de-identified reliably and can't be used to train anything.", True),
    ("The messages have PHI we haven't de-identified, so nothing leaves the hospital network.", True),
])
def test_de_identified_data_is_free_to_train_on(text, blocked):
    assert value(understand(text), "privacy_blocked") is blocked


@pytest.mark.parametrize("text", ["We have zero labelled complaints so far.", "目前沒有任何範例。", "也没有任何 training examples。"])
def test_no_examples_said_other_ways(text):
    assert value(understand(text), "examples") == 0


@pytest.mark.parametrize("text, high", [("We handle around 20k declarations a day.", True), ("About 3,000 calls a day.", True),
                                        ("Maybe 200 calls a day, definitely not millions.", False)])
def test_thousands_of_calls_a_day_are_high_volume(text, high):
    assert value(understand(text), "high_volume") is high


@pytest.mark.parametrize("text, slot, want", [
    ("機房有 GPU 叢集。", "compute", "ample"),
    ("只有一張 RTX 4090 24GB，用 4-bit 也可以。", "four_bit_ok", True),
    ("We want a model that writes new lines in that same voice.", "needs_format", True),
    ("想让模型把问诊记录整理成规范的病历。", "needs_format", True),
    ("希望模型學會我們的回覆方式。", "needs_format", True),
    ("Residents ask about zoning rules, and the council updates those regulations pretty much weekly.", "knowledge_changes", True),
    ("Answers come from our formulary manual, a fixed PDF revised maybe once every couple of years.", "knowledge_changes", False),
])
def test_single_facts_in_other_words(text, slot, want):
    assert value(understand(text), slot) == want


@pytest.mark.parametrize("first, lang", [("we have 3000 labelled chats and one RTX 3090", "en"),
                                         ("我们有 3000 条标注好的客服对话，一张 3090", "zh")])
def test_a_message_half_in_each_language_is_answered_in_the_chat_language(first, lang):
    u = replay([first, "actually we'll go with OpenAI's fine-tuning API, 不用本地 GPU 了"])
    assert u.lang == lang and value(u, "compute") == "none"
    assert replay([first, "其实我们不用 GPU 了"]).lang == "zh"  # a message in Chinese is answered in Chinese


def test_a_cluster_counted_with_a_hyphen_and_a_cap_taken_back():
    u = replay(["Our observatory wants its own tokenizer and a new architecture. We have 6 million labelled windows and a "
                "32-GPU cluster.", "Budget's been capped at $4,000.", "Good news, forget the $4,000 cap — the grant came through."])
    assert value(u, "gpu_count") == 32 and value(u, "budget_usd") is None and label(u) == "from_scratch"


@pytest.mark.parametrize("text, slot, want", [
    ("Ferry timetables shift with the tides and the season; we'd like a Q&A bot for passengers.", "knowledge_changes", True),
    ("收容人資料全部未脫敏，法務明確說不可以拿去訓練模型。", "privacy_blocked", True),
    ("所有病歷沒有去識別化，資訊室規定資料不允許出域。", "documents", None),
    ("All public record and already anonymized. Money is not really an issue for this.", "budget_low", False),
    ("We have no traning data at all.", "examples", 0),
    ("只有一台笔记本，上面是 4090 laptop GPU 16G。", "gpu_memory_gb", 16.0),
    ("We have 650 example incident reports rewritten into our standard handover summary.", "needs_format", True),
])
def test_more_facts_in_other_words(text, slot, want):
    assert value(understand(text), slot) == want
