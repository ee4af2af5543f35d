"""Follow-ups that restate, retract or add facts, and the cost estimate that lives on across situation turns."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from bot.understand.bare import bare_count
from bot.understand.slots import read_events
from bot.understand.text import negated
from tests.helpers import label, value


@pytest.mark.parametrize("clause, cue, neg", [
    ("a json output is required", "json", False),
    ("low latency is critical for us", "latency", False),
    ("the manuals are classified critical-infrastructure info", "manuals", False),
    ("the format is not needed", "format", True),
    ("latency doesn't matter", "latency", True),
    ("格式不重要", "格式", True),
])
def test_only_a_negative_after_a_cue_negates_it(clause, cue, neg):
    at = clause.index(cue)
    assert negated(clause, at, at + len(cue)) is neg


def test_documents_that_cannot_leave_are_still_documents():
    events = read_events("Engineers search about 1,800 maintenance manuals. Those manuals are classified and can't "
                         "leave our site.")
    assert [e.value for e in events if e.slot == "documents"] and all(e.value for e in events if e.slot == "documents")
    assert any(e.slot == "privacy_blocked" and e.value is True for e in events)


@pytest.mark.parametrize("text, count", [
    ("actually we recounted, it's 2.4 million tiles", 2_400_000),
    ("correction: it's 900 sketches", 900),
    ("and if we only had 50?", 50),
])
def test_a_restated_count_with_its_own_noun(text, count):
    found = bare_count(text)
    assert found is not None and found.value == count


@pytest.mark.parametrize("text", ["about 40 categories in total", "the budget got cut to 3 grand", "it's 5 days"])
def test_other_numbers_are_no_restated_count(text):
    assert bare_count(text) is None


def test_a_retraction_names_a_need_earlier_in_the_same_message():
    u = replay(["Logistics firm: drivers ask about routes and rules from our manuals, which change weekly. We'd also "
                "want replies in our memo layout; 1,200 sample memos exist.",
                "we might want the memo layout some day, but not now, drop it"])
    assert value(u, "needs_format") is None and label(u) == "rag"


def test_a_sold_card_and_a_hosted_api_mean_no_gpu():
    u = replay(["Event agency: 800 finished proposals in our fixed template, and one RTX 3080 to train on.",
                "the 3080 is gone, we sold it. We'd go with a hosted fine-tuning API instead."])
    assert value(u, "examples") == 800 and value(u, "compute") == "none" and value(u, "gpu_count") is None
    assert label(u) == "lora"


@pytest.mark.parametrize("text, count", [("a 4-card A100 80GB server", 4), ("an 8-gpu H100 node", 8)])
def test_cards_counted_before_the_card_name(text, count):
    assert any(e.slot == "gpu_count" and e.value == count for e in read_events(text))


def test_items_found_in_an_archive_are_examples_not_documents():
    u = replay(["Staffing agency: job ads rewritten in our house style, 70 good examples so far.",
                "4,000 more just turned up in our archive"])
    assert value(u, "examples") == 4070 and value(u, "documents") is None


def test_weekly_changes_in_traditional_chinese():
    events = read_events("我們是連鎖麵包店，客人常問各分店的營業時間和新品，這些每週都在換。")
    assert any(e.slot == "knowledge_changes" and e.value is True for e in events)


def test_no_longer_looking_up_documents_clears_them():
    u = replay(["律所想做内部问答，律师查判例和内部制度，文件大概八百份。",
                "不用查文件了，改成：把律师的口述整理成固定格式的结案摘要，整理好的有两千条。"])
    assert value(u, "documents") is None and value(u, "examples") == 2000 and label(u) == "lora"


def test_budget_no_longer_a_problem_clears_the_figure():
    u = replay(["做游戏的，策划写好的 NPC 对话有一万五千条，训练用两张 A100 80G，预算只有四千人民币。",
                "算了，预算不是问题，老板出钱。"])
    assert value(u, "budget_usd") is None and label(u) == "full_finetune"


def test_examples_that_are_not_sensitive_clear_privacy():
    u = replay(["Water utility: 2,000 pages of procedures that must stay inside our network.",
                "Scratch the document part; we now have 3,000 worked examples that aren't sensitive and can be used "
                "for training."])
    assert value(u, "privacy_blocked") is False and value(u, "examples") == 3000 and label(u) == "lora"
    still = replay(["Lab reports with unreleased data; under our policy none of it may be used for model training."])
    assert value(still, "privacy_blocked") is True


def test_a_cost_question_after_a_situation_prices_its_examples():
    u = replay(["Flower shop: 420 captions in our voice, we'd train on a gaming PC with an RTX 4070.",
                "and if we used gpt-4o-mini fine-tuning instead, ~300 tokens per caption?"])
    assert u.intent == "cost" and u.cost is not None and u.cost.examples == 420 and u.cost.avg_tokens == 300


def test_new_examples_told_after_an_estimate_update_the_project_and_the_estimate():
    u = replay(["我们做电商，想让模型按固定格式写商品详情，已经有 2000 条写好的。没有 GPU，用 OpenAI。",
                "每条大概 500 tokens，gpt-4o-mini 训 3 轮多少钱？",
                "又多了一千条，运营刚整理完"])
    assert u.intent == "situation" and value(u, "examples") == 3000
    repriced = understand("and with gpt-4o?", u)
    assert repriced.intent == "cost" and repriced.cost.examples == 3000 and repriced.cost.avg_tokens == 500


def test_in_a_chat_about_costs_alone_a_new_count_reprices():
    u = replay(["用 gpt-4o 训练，五千条数据、每条 300 token，费用多少？", "再多标注了两千条"])
    assert u.intent == "cost" and u.cost.examples == 7000


def test_pairs_named_by_an_arrow_are_examples_even_of_reports():
    u = understand("Our grants officer kept about 1,500 report->summary pairs in the funders' layout.")
    assert value(u, "examples") == 1500 and value(u, "documents") is None


def test_a_count_after_a_comma_counts_the_documents_named_before_it():
    u = understand("办事依据都在上级下发的规范文件，四百多份，一年改一两次。我们没有整理过问答对。")
    assert value(u, "documents") is True and value(u, "examples") in (None, 0)
    assert label(u) == "rag"


def test_no_need_to_look_anything_up_means_no_documents():
    u = understand("Turn interview notes into reviews in our standard format; 2,500 note->review pairs exist. "
                   "It doesn't need to look anything up in documents, it's pure rewriting.")
    assert value(u, "documents") is False and label(u) == "lora"


def test_qa_material_never_written_is_no_negated_documents():
    u = understand("代理的產品規格都在原廠手冊裡，好幾百份 PDF。我們完全沒有整理過問答資料，需要微調嗎？")
    assert value(u, "documents") is True and label(u) == "rag"


@pytest.mark.parametrize("text, value", [("三百多万条", 3_000_000), ("1000多万", 10_000_000), ("一千余万", 10_000_000),
                                         ("十几万条", 150_000), ("text2sql 的数据七千条", 7000)])
def test_counts_with_more_than_and_names_holding_digits(text, value):
    from bot.understand.numbers import quantities
    from bot.understand.text import prepare

    assert [q.value for q in quantities(prepare(text))] == [value]


def test_a_correction_of_the_date_is_a_deadline():
    u = replay(["School office: replies to parents in our standard format, 1,500 past replies. We need it this "
                "afternoon for the parents' evening.",
                "wait, I misread the calendar, the parents' evening is next Thursday."])
    assert value(u, "deadline") == "week" and label(u) == "lora"


def test_a_board_that_meets_tonight_is_a_same_day_deadline():
    u = understand("The board meets tonight at 7pm and wants to see it. We have 4,000 labelled tickets and 4 A100s.")
    assert value(u, "deadline") == "today" and label(u) == "prompt"


def test_news_headlines_to_classify_are_no_changing_knowledge():
    u = understand("毕业设计想做一个把新闻标题分成 8 类的模型，标注好的数据有三千条，实验室没有 GPU。")
    assert value(u, "knowledge_changes") is None


def test_a_knowledge_base_maybe_later_is_not_a_need_now():
    u = understand("想让模型按我们的文案风格写详情页，写好的文案有两千多条。可能以后要接个知识库，但现在不用。")
    assert value(u, "documents") is None and label(u) == "lora"


def test_the_usable_part_of_a_count_holds():
    u = replay(["客服按固定格式写好的问答有两百条。", "不对，那两百条里能用的只有五十条。"])
    assert value(u, "examples") == 50


def test_items_turned_up_in_a_named_archive_are_examples():
    u = replay(["We need step-by-step loan checks. We have zero labelled examples.",
                "plus another 3,000 just turned up in the credit archive, each with the full worked reasoning."])
    assert value(u, "examples") == 3000 and value(u, "documents") is None


def test_compliance_no_longer_matters_clears_privacy():
    u = replay(["内部公文问答，依据都是内部文件，不能出内网。文件大概八千份。", "合规那块不用管了。"])
    assert value(u, "privacy_blocked") is None and value(u, "documents") is True


def test_cost_follow_ups_with_a_subset_and_default_epochs():
    u = replay(["Claims team: 4,000 notes->summary pairs in our format, no GPUs, OpenAI fine-tuning.",
                "how much on gpt-4o-mini at roughly 500 tokens per pair?", "and if we only used 1,000 of the pairs?"])
    assert u.cost.examples == 1000
    four = replay(["六千条台词对照，没有 GPU，用 OpenAI 微调。", "每条大概 150 token，gpt-4o-mini 训练多少钱？", "如果训练 4 轮呢？",
                   "用 gpt-4o、默认轮数要多少？"])
    assert four.cost.epochs == 3 and four.cost.model.startswith("gpt-4o-2024")


@pytest.mark.parametrize("text", ["沒有任何問答對。要不要微調？", "我们完全没有整理过问答资料", "没有现成的问答对"])
def test_no_qa_pairs_means_no_examples(text):
    assert any(e.slot == "examples" and e.value == 0 for e in read_events(text))


def test_a_qa_bot_we_lack_is_no_statement_about_data():
    assert not any(e.slot == "examples" for e in read_events("我们没有问答机器人"))


def test_a_bare_amount_after_a_budget_keeps_its_currency():
    u = replay(["我们要训一个自研结构的时序模型，样本三百万条，算力预算十万元。", "财务那边改口了，最多给五万。"])
    assert value(u, "budget_rmb") == 50_000
    assert abs(value(u, "budget_usd") - 50_000 / 7.2) < 0.01
    assert value(u, "examples") == 3_000_000


def test_a_bare_amount_after_a_dollar_budget_stays_in_dollars():
    u = replay(["We have 40k labelled support replies and $5,000 for compute.", "finance cut it to 800."])
    assert value(u, "budget_usd") == 800
    assert value(u, "examples") == 40_000


def test_the_model_size_dropped_in_the_same_breath_is_not_the_one_kept():
    u = replay(["Tuning Qwen2.5-72B on 3,000 labelled tickets, one H100.", "we'll go with the 14B instead, 72B was too slow."])
    assert value(u, "model_size_b") == 14.0


@pytest.mark.parametrize("turn, ok", [
    ("改一下：不接受量化，业务方要求效果一点都不能降。", False),
    ("quantization isn't acceptable for us after all", False),
    ("我们不在乎 4bit 带来的那点精度损失", True),
])
def test_four_bit_said_to_be_acceptable_or_not(turn, ok):
    u = replay(["Fine-tuning a 14B model on 5,000 labelled pairs, GPUs not decided yet.", turn])
    assert value(u, "four_bit_ok") is ok


def test_anonymisation_finished_clears_privacy():
    u = replay(["数据里有病人姓名，没脱敏，不能拿出医院。我们有一千条标注好的问诊记录。", "信息科说脱敏工作已经做完了。"])
    assert value(u, "privacy_blocked") is False


def test_more_budget_approved_adds_and_a_new_total_replaces():
    first = "工单自动分类，标注好的有 4 万条，预算五千元。"
    assert value(replay([first, "领导又批了一万。"]), "budget_rmb") == 15_000
    u = replay([first, "领导又批了一万，现在一共一万八。"])
    assert value(u, "budget_rmb") == 18_000 and value(u, "examples") == 40_000
    assert value(replay(["We have 5,000 labelled tickets and a $500 budget.", "finance approved another 1000"]),
                 "budget_usd") == 1_500


def test_a_card_out_of_the_picture_is_not_the_card_one_has():
    u = replay(["We have 1,700 log->form pairs and one RTX 3090.",
                "head office sent a box with two A100 80GB cards, so the 3090 is out of the picture."])
    assert value(u, "gpu_memory_gb") == 80.0 and value(u, "compute") == "ample"


def test_a_card_going_back_and_hosted_tuning_only_mean_no_gpu():
    u = replay(["写好的范例有 2000 条，手上有一张 RTX 4060 Ti 16G。", "Also the 4060 Ti is going back; hosted fine-tuning only."])
    assert value(u, "compute") == "none"


def test_a_time_some_months_out_is_a_late_deadline():
    u = replay(["We have 1,700 log->form pairs and one RTX 3090.", "the demo is needed today at 5.",
                "ok relax, the director looks at it at the quarterly review, about two months out."])
    assert value(u, "deadline") == "quarter"


def test_training_on_half_then_all_again_reprices():
    turns = ["We've collected 1,500 original->rewritten pairs and have no GPU.", "what's that on gpt-4o-mini at ~320 tokens a pair?"]
    assert replay([*turns, "what if we only train on half of them?"]).cost.examples == 750
    u = replay([*turns, "what if we only train on half of them?", "ok and gpt-4o with all 1,500, 4 epochs?"])
    assert u.cost.examples == 1500 and u.cost.epochs == 4


def test_dropping_the_lookup_part_clears_the_documents():
    u = replay(["护士随访时要查管理规范，PDF 有六十多份。", "另外有 4000 条随访记录。", "规范查询那部分先拿掉吧，另有系统能查。"])
    assert value(u, "documents") is None and value(u, "examples") == 4000


def test_a_size_said_to_fall_short_is_not_the_size_kept():
    u = replay(["写好的范例有 3000 份，一张 A100 80G，打算用 Qwen2.5-14B。", "改成 Qwen2.5-72B 吧，领导觉得 14B 写不好。"])
    assert value(u, "model_size_b") == 72.0


@pytest.mark.parametrize("turns, budget", [
    (["We have 5,200 answered emails. the budget for this is $150.", "finance added another $500"], 650.0),
    (["We have 5,200 answered emails and $8k for compute.", "the grant got bumped by another $5k"], 13_000.0),
])
def test_money_added_to_a_stated_budget(turns, budget):
    assert value(replay(turns), "budget_usd") == budget


def test_a_budget_in_yuan_raised_then_halved_keeps_both_currencies():
    u = replay(["写好的报价说明有 6000 份，预算三千元。", "预算又加了一万。"])
    assert value(u, "budget_rmb") == 13_000 and value(u, "budget_usd") == 1805.56 and value(u, "examples") == 6000
    u = replay(["120万条标注数据，预算八千元人民币，自研架构。",
                "and the budget turns out to be shared with another project, we only get half of it."])
    assert value(u, "budget_rmb") == 4000 and value(u, "budget_usd") == 555.56 and value(u, "examples") == 1_200_000


def test_using_a_third_of_the_data_scales_the_estimate():
    turns = ["整理好的範例有２，４００筆，格式固定。", "換成 4o 要多少？每筆大約３００ token。"]
    u = replay(turns)
    assert u.intent == "cost" and u.cost.examples == 2400 and u.cost.avg_tokens == 300
    assert replay([*turns, "那只用三分之一的資料呢？"]).cost.examples == 800


def test_more_reports_cleared_for_training_are_examples():
    u = replay(["Analysts write change reports as strict JSON; we have 650 reports already in that JSON.",
                "plus 12,000 more reports that a customer just cleared for us to train on."])
    assert value(u, "examples") == 12_650


def test_the_real_part_of_a_count_replaces_it():
    u = replay(["我们有 240 条问答，回答要按 产品 / 答案 / 来源 的格式。", "更正一下：那 240 条里真正的问答只有 70 条，剩下的都是闲聊。"])
    assert value(u, "examples") == 70


def test_an_existing_model_adapted_instead_is_no_new_architecture():
    u = replay(["We have 12,000 labelled clips and a custom architecture.",
                "we're dropping the custom architecture, we'll adapt an existing vision-language model instead."])
    assert value(u, "novel_architecture") is False


def test_more_found_written_earlier_adds_and_no_money_at_all_is_zero():
    first = "想讓模型照我們的風格寫貼文，我們有 30 則寫好的範例貼文。"
    u = replay([first, "剛剛小編說，她的雲端硬碟裡其實還有８７０篇以前寫的。"])
    assert value(u, "examples") == 900
    assert value(replay([first, "老闆說這件事完全不給預算，一毛都沒有。"]), "budget_usd") == 0.0


def test_not_a_cent_more_keeps_the_budget():
    u = understand("标注好的评论有两万五千条。项目预算就五千块人民币，多一分都没有。")
    assert value(u, "budget_rmb") == 5000 and value(u, "budget_usd") == 694.44


def test_a_time_taken_back_in_the_same_breath_is_not_the_deadline():
    u = replay(["We have 2,500 worked checks written by the seniors.", "不过老板要求今天下班前就要看到演示。",
                "更正：是下个月的合伙人会议上演示，不是今天，我听错了。"])
    assert value(u, "examples") == 2500 and value(u, "deadline") == "quarter"


def test_a_budget_named_wrongly_then_rightly():
    u = replay(["标注好的数据有一万八千条，算力预算五千元。", "说错了，不是五千，是五万。"])
    assert value(u, "budget_rmb") == 50_000 and value(u, "examples") == 18_000


def test_a_card_number_in_a_correction_is_no_count():
    u = replay(["We have 25,000 labelled rows and 8 A800s.", "sorry 搞错了，是 2 张 RTX 4090，不是 8 张 A800。"])
    assert value(u, "examples") == 25_000 and value(u, "gpu_count") == 2 and value(u, "compute") == "consumer"


@pytest.mark.parametrize("turn", ["更正：老闆要用 72B 的模型，說 8B 寫得太死板。", "correction: we'd want the 72B, the 8B mangles the names"])
def test_a_size_said_to_do_badly_is_dropped(turn):
    u = replay(["写好的范例有 2200 条，一张 A100 80G，打算用 8B 的模型。", turn])
    assert value(u, "model_size_b") == 72.0


def test_another_card_borrowed_makes_two():
    u = replay(["写好的范例有 2200 条，一张 A100 80G。", "好消息，又借到一張一樣的 A100，現在兩張了。"])
    assert value(u, "gpu_count") == 2 and value(u, "compute") == "ample"


def test_more_given_by_a_partner_adds():
    u = replay(["按固定格式写好的回复有 1500 条。", "经销商那边还能再给我们一万条，加上去。"])
    assert value(u, "examples") == 11_500


def test_a_new_thing_after_a_retraction_starts_afresh():
    u = replay(["Ranger station: trail conditions change daily, answers from our 80-page park handbook.",
                "Forget the park, new thing: I run a tiny archery club, no data at all, I want funny event blurbs."])
    assert value(u, "documents") is None and value(u, "knowledge_changes") is None and value(u, "examples") == 0


def test_scratching_the_regulations_part_drops_the_documents():
    u = replay(["学员要查民航规章，规章文档有两百多份；讲师写好的三段式答案有 300 条。",
                "Scratch the regulations part, we only want answers in that three-part format."])
    assert value(u, "documents") is None and value(u, "examples") == 300


def test_whats_that_on_a_priced_model_is_a_cost_question_even_without_a_count():
    u = replay(["We are a translation agency with a $300 budget.", "what's that on gpt-4o-mini at ~350 tokens each?"])
    assert u.intent == "cost" and u.cost.examples is None and u.cost.avg_tokens == 350
    u = replay(["About 2,000 legal snippets translated with our house glossary applied, one RTX 4090.",
                "what's that on gpt-4o-mini at ~350 tokens each?"])
    assert u.intent == "cost" and u.cost.examples == 2000
