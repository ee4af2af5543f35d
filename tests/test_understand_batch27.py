"""Situations and follow-ups in other people's wording: what one item costs, hedged plans, privacy said plainly,
a laptop with no card, prices that change within the day, and counts kept, added or said to be none."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from bot.understand.deadline import read_deadline
from tests.helpers import label, value


@pytest.mark.parametrize("text", ["A wash is $4.50 and we have 64,000 labelled tickets.",
                                  "One shoulder mount runs about $600; we kept 64,000 labelled enquiries."])
def test_what_one_item_costs_is_no_budget(text):
    u = understand(text)
    assert value(u, "budget_usd") is None and value(u, "examples") == 64000


def test_a_budget_said_with_an_article_is_still_a_budget():
    assert value(understand("We have a budget of $500 and 2,000 labelled replies."), "budget_usd") == 500


def test_a_plan_for_later_takes_nothing_back_now():
    u = understand("We want to build our own foundation model on a new architecture, trained from zero. "
                   "Maybe later we'd fine-tune an existing model for the reports, but not now.")
    assert value(u, "novel_architecture") is True and label(u) == "from_scratch"
    assert value(understand("We'll fine-tune an existing model."), "novel_architecture") is False


@pytest.mark.parametrize("text", [
    "The logs are full of home addresses, nothing redacted.",
    "Compliance says none of it leaves our own server.",
    "The records may be read by staff, but not copied or used to train anything.",
])
def test_privacy_said_plainly_blocks_training(text):
    assert value(understand(text), "privacy_blocked") is True


@pytest.mark.parametrize("text, compute", [
    ("No GPUs here, just the laptop we use for the till.", "none"),
    ("We only have office laptops.", "none"),
    ("Just a laptop with an RTX 4060, 8 GB.", "consumer"),
])
def test_a_laptop_with_no_card_named_is_no_gpu(text, compute):
    assert value(understand(text), "compute") == compute


@pytest.mark.parametrize("text", ["收购价基本一天一个样。", "魚價每天都不一樣。", "废铜的价格一天要调好几次。"])
def test_prices_that_change_within_the_day_are_changing_knowledge(text):
    u = understand(text)
    assert value(u, "knowledge_changes") is True and value(u, "deadline") is None


@pytest.mark.parametrize("text, deadline", [("价格一天要调好几次", None), ("一周要调整两次", None),
                                            ("一周要改完上线", "week"), ("两天要上线", "week")])
def test_how_often_something_changes_is_no_deadline(text, deadline):
    found = read_deadline(text)
    assert (found[0] if found else None) == deadline


def test_a_long_prompt_written_with_a_space_before_the_english_word():
    assert value(understand("客服機器人現在用 GPT-4o 加一個超長的 prompt，一個月呼叫兩百萬次。"), "long_prompt") is True


@pytest.mark.parametrize("turns, expected", [
    (["以前写好的回复有两千条。", "仔细翻了一遍，其实只有三成能用。"], 600),
    (["标注好的“题目→解析”有一百五十万条。", "去重之后只剩三分之一。"], 500000),
    (["我们有七千五百条。", "另外把分店的数据汇总了一下，又多出五千条。"], 12500),
])
def test_a_follow_up_keeps_part_of_the_count_or_adds_to_it(turns, expected):
    assert value(replay(turns), "examples") == expected


def test_time_left_is_not_a_share_of_the_examples():
    assert value(replay(["我们有三千条标注数据。", "时间只剩一半了。"]), "examples") == 3000


@pytest.mark.parametrize("text", ["现在一条整理好的样例都没有。", "我们一条标注过的数据也没有。",
                                  "We haven't collected any examples yet."])
def test_not_a_single_example_is_zero(text):
    assert value(understand(text), "examples") == 0


def test_naming_the_prices_part_in_a_retraction_drops_the_freshness_need():
    u = replay(["Members ask which courts are free (that changes by the hour) and coaching prices (revised every term). "
                "We've got 2,600 labelled message->reply pairs.",
                "Actually forget the availability and prices part, the booking app handles that. "
                "The bot only writes session summaries in our card format."])
    assert value(u, "knowledge_changes") is None and value(u, "needs_format") is True and label(u) == "lora"


def test_a_slash_list_of_fields_after_a_colon_is_a_format():
    u = understand("The notes should become a progress card: Exercise / Standard reached / Next lesson.")
    assert value(u, "needs_format") is True
    assert value(understand("Our cards: A100 / H100 / 4090, and 3,000 labelled pairs."), "needs_format") is None


@pytest.mark.parametrize("text, budget", [
    ("A can of soda is $1.75 and a sandwich $4.50. We labelled 68,000 notes.", None),
    ("Rent is £38 a plot a year and we have 1,150 email -> reply pairs.", None),
    ("肉包两块五一个，以前回过的差评有一千八百来条。", None),
    ("We have a budget of $500 a month.", 500.0),
])
def test_prices_of_goods_and_rents_are_no_budget(text, budget):
    assert value(understand(text), "budget_usd") == budget


@pytest.mark.parametrize("text, slot, expected", [
    ("We have 4,100 shot-list+questionnaire -> blog post pairs.", "examples", 4100),
    ("Since 2018 we've labelled 48,000 requests.", "examples", 48000),
    ("Teachers have corrected 12,500 exercises over the years.", "examples", 12500),
    ("The therapist writes a report for the vet after each session. We have 45 reports typed up.", "examples", 45),
    ("We've only got seventy-odd old reports worth keeping.", "examples", 70),
    ("一年拍四百来对新人，以前写好的文案有三百篇。", "examples", 300),
    ("答案都在规则书里（扫描成 PDF 的大概八百份）。", "examples", None),
    ("None of us has a GPU, we'd use whatever hosted service is easiest.", "compute", "none"),
    ("公司冇 GPU，打算用 OpenAI 嘅 fine-tuning。", "compute", "none"),
    ("冇做過去識別化，公司話唔可以攞去訓練。", "privacy_blocked", True),
    ("It'll be my laptop's RTX 4070 with 8 GB.", "gpu_memory_gb", 8.0),
    ("老板点名要用 Qwen2.5-72B，说 7B 写出来太生硬。", "model_size_b", 72.0),
    ("报价每个月都会跟着水电和洗涤剂价格调整。", "knowledge_changes", True),
    ("资料还在采集，条数还没算过。", "documents", None),
    ("Dog walking agency, ~400 dogs on the books.", "documents", None),
    ("Each quilt needs a catalogue entry written in the guild's house style.", "documents", None),
])
def test_counts_cards_and_needs_in_other_peoples_wording(text, slot, expected):
    assert value(understand(text), slot) == expected


def test_one_big_card_named_as_single_is_not_consumer_hardware():
    u = understand("公司只有一張 A100 40G，單卡。標註好的有三萬五千條。")
    assert value(u, "compute") is None and value(u, "gpu_memory_gb") == 40.0


def test_a_thought_dropped_as_it_is_written_says_nothing():
    u = understand("I was going to say it should look things up in the rules handbook, but no, scratch that, "
                   "the committee will paste any rule in themselves. We have 1,150 email -> reply pairs.")
    assert value(u, "documents") is None and value(u, "examples") == 1150


@pytest.mark.parametrize("turns, slot, expected", [
    (["我们有六千条数据。", "查了一下，里面有四成是测试数据，得删掉。"], "examples", 3600),
    (["经费五万元。", "后来总部又追加了十五万元。"], "budget_usd", 27777.78),
    (["每天的价格都不一样，回复要按固定格式，我们有280条对话。", "其實價格我們自己填就好，不用它管。"], "knowledge_changes", None),
])
def test_follow_ups_that_drop_add_or_hand_over(turns, slot, expected):
    assert value(replay(turns), slot) == expected


@pytest.mark.parametrize("text, slot, expected", [
    ("My co-host just sent me his archive, another 1,150 sets.", "documents", None),
    ("I want voice memos turned into standard make sheets. 1,900 memo -> make-sheet pairs.", "needs_format", True),
    ("We've got 3,000 logged call -> answer pairs, if that helps.", "examples", 3000),
    ("預算的話，老闆說不多，能省則省。", "budget_low", True),
    ("想讓模型寫給家長的學習報告，格式固定。以前的報告有９００份。", "examples", 900),
])
def test_more_counts_and_needs_in_other_peoples_wording(text, slot, expected):
    assert value(understand(text), slot) == expected


def test_a_few_years_is_no_question_in_a_conversation():
    u = replay(["我们想做个问答助手，资料都在手册里，没有问答数据。", "其实客服这几年攒了两千五百条问答，我刚刚才知道。"])
    assert u.intent == "situation" and value(u, "examples") == 2500


@pytest.mark.parametrize("turns, slot, expected", [
    (["以前店长回过的差评回复有两千条左右。", "再加三千条，是加盟店那边导出来的。", "不过加盟店那三千条里有一半是重复的。"], "examples", 3500),
    (["We have 2,000 quotes in our format.", "Hmm, a quarter of all of them are for jobs we never did and the quotes are junk."],
     "examples", 1500),
    (["患者常问手术价格和医保能报多少，这些政策和价格每个月都在调。", "价格和医保那块不用它答了，前台有公示。"], "knowledge_changes", None),
])
def test_a_share_of_one_part_or_of_all_of_them_is_dropped(turns, slot, expected):
    assert value(replay(turns), slot) == expected


@pytest.mark.parametrize("text, slot, expected", [
    ("We have 3 million labelled 10-second clips. Total compute budget: five thousand dollars.", "examples", 3000000),
    ("Subs are £5 a match. I've got 450 old reports paired with the scorelines.", "budget_usd", None),
])
def test_a_measure_glued_to_a_number_is_no_count_and_dues_are_no_budget(text, slot, expected):
    assert value(understand(text), slot) == expected


def test_a_share_that_is_just_filler_is_dropped_and_the_turn_is_no_greeting():
    u = replay(["We've kept ~2,300 old text threads with our replies. Only the shop laptop, no GPU.",
                "actually half of those threads are just 'ok thanks', drop them"])
    assert u.intent == "situation" and value(u, "examples") == 1150
