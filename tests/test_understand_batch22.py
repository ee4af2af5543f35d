"""Readings of real-user phrasing: amounts in words, prices of what a business sells, budgets without a limit,
reported questions, deadlines before an event, arrow pairs, past writing as examples, hosted fine-tuning, and
cards replaced within one message."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from bot.understand.numbers import quantities
from tests.helpers import label, value


@pytest.mark.parametrize("text, number", [
    ("one and a half million labelled segments", 1_500_000),
    ("two and a half thousand sheets", 2_500),
    ("a million and a half rows", 1_500_000),
    ("two thousand two hundred", 2_200),
])
def test_amounts_written_in_words(text, number):
    assert [q.value for q in quantities(text)] == [number]


@pytest.mark.parametrize("text, examples", [
    ("We've got two and a half thousand score sheets that already have commentary, in a fixed format.", 2_500),
    ("We have about one and a half million labelled transcription segments.", 1_500_000),
    ("we have 25,000 request->safety-plan pairs digitised", 25_000),
    ("办公室想让模型按公文格式写值班通知，范文就二十来篇。", 20),
    ("想让模型按固定格式写新闻稿，以前写的稿子有 420 篇。", 420),
    ("想讓模型用我們的口白風格寫對白，有 ３，２００ 段範例。", 3_200),
])
def test_counts_of_examples(text, examples):
    assert value(understand(text), "examples") == examples


def test_a_correction_in_words_replaces_the_count():
    turns = ["we want tank-check notes in the standard welfare log format, about 200 logged examples",
             "correction: it's two thousand two hundred, not two hundred, I misread the spreadsheet"]
    assert value(replay(turns), "examples") == 2_200


def test_only_a_third_left_after_deduplication():
    u = replay(["我们有一万二千条标注好的工单，公司有 16 张 A100 80G。", "再更正：去重以后只剩三分之一能用。"])
    assert value(u, "examples") == 4_000


@pytest.mark.parametrize("text", [
    "honest q from our planetarium's tech group: we wanna design our own transformer architecture from the ground up. "
    "our dome seats 128 and tickets are €9 if that matters lol",
    "Type foundry, a desktop licence starts at $59. We have 14,000 tagged tickets.",
    "紫砂壶工作室，一把全手工壶卖到１２０００元，写好的文案有三千条。",
    "钟表维修行，劳力士保养一次收八千多，已经有一千五百份纪录。",
])
def test_the_price_of_what_a_business_sells_is_no_budget(text):
    assert value(understand(text), "budget_usd") is None


@pytest.mark.parametrize("text", ["想让 AI 用我们的风格写对白，有 3200 段范例。沒有預算限制。", "预算没有限制，有三千条数据。"])
def test_no_budget_limit_is_no_zero_budget(text):
    u = understand(text)
    assert value(u, "budget_usd") is None and label(u) != "prompt"


@pytest.mark.parametrize("text", [
    "我们是一家剧院。观众老问今天还有没有票、哪排视野好。余票每分钟都在变。客服积累了三千条问答。",
    "花卉批發市場，花店老闆常在 LINE 上問今天玫瑰多少錢，行情天天在變，過去的問答整理了兩千四百則。",
])
def test_what_users_ask_about_today_is_no_deadline(text):
    u = understand(text)
    assert value(u, "deadline") is None and value(u, "knowledge_changes") is True


@pytest.mark.parametrize("text, deadline", [
    ("We've 640 past note->report pairs. Need it working before tonight's crew training, honestly.", "today"),
    ("以前写的稿子有 420 篇，领导说下个月底前上线就行。", "quarter"),
])
def test_deadlines(text, deadline):
    assert value(understand(text), "deadline") == deadline


def test_writing_press_releases_is_no_news_feed():
    u = understand("想让 AI 按固定格式写每场演出的新闻稿：标题/时间地点/节目亮点/购票方式，以前写的稿子有 420 篇。")
    assert value(u, "knowledge_changes") is None and label(u) == "lora"


def test_news_of_a_grant_is_no_changing_knowledge():
    u = replay(["we want daily tank-check notes turned into the standard welfare log format, 2,200 logged examples",
                "news: the regional council just gave us a grant of $3,000 for it"])
    assert value(u, "knowledge_changes") is None and value(u, "budget_usd") == 3000.0


def test_a_schedule_that_updates_every_few_hours_changes():
    u = understand("Residents ask when their street will be ploughed; the plough schedule updates every few hours.")
    assert value(u, "knowledge_changes") is True


@pytest.mark.parametrize("turns", [
    ["有三千条客服回复，格式固定。店里有一张 4090。", "那张 4090 被老板拿回家了，显卡不用考虑了，我们就用云上的微调 API。"],
    ["We have 85,000 labelled reports and four A100 40GB cards.",
     "scratch that, the geology lab is keeping those GPUs. we have nothing on site now."],
    ["有一千二百五十条范例，格式固定，一张 4090。", "那張 4090 被我兒子拿去打遊戲了，不用考慮了，只能用線上的微調服務。"],
])
def test_cards_gone_and_hosted_fine_tuning_is_no_gpu(turns):
    u = replay(turns)
    assert value(u, "compute") == "none" and value(u, "gpu_count") is None


def test_a_new_cluster_stays_when_the_old_cards_go_in_the_same_message():
    u = replay(["我们有八万条标注数据，两张 4090。", "算力刚批下来了，可以用公司的 8 卡 H100 80G 集群，那两张 4090 不用了。"])
    assert (value(u, "gpu_count"), value(u, "compute")) == (8, "ample") and label(u) == "full_finetune"


def test_a_model_size_glued_to_chinese():
    assert value(understand("试过小模型，行话老写错，所以想上７０Ｂ的模型。"), "model_size_b") == 70.0


def test_which_way_to_train_is_a_situation():
    u = understand("國家公園巡山日誌，已經人工標好分類的日誌有 １２萬 筆。經費很充裕。請問適合用哪種方式訓練模型來自動分類？")
    assert u.intent == "situation" and value(u, "examples") == 120_000


@pytest.mark.parametrize("turn, examples", [
    ("quick update, the office manager went through them and only 40% are usable, the rest are missing a bit.", 960),
    ("hmm actually only a tenth of those are real written answers, the rest just say 'see attached'.", 240),
    ("oh and only half of those are my replies, the other half are the customers' messages.", 1200),
    ("刚翻了一下，能用的也就一半，剩下的都是半成品。", 1200),
    ("刚核对了一下，能用的大概只有三成。", 720),
    ("wait no, turns out only 90 of the 2,400 are proper replies, the rest are one-liners.", 90),
])
def test_the_usable_share_of_the_examples(turn, examples):
    u = replay(["We want reports drafted in our fixed format; we have 2,400 past reports with the notes they came from.", turn])
    assert value(u, "examples") == examples


def test_a_third_of_a_count_is_exact():
    u = replay(["我们有十二万六千条标注好的工单，公司有 8 张 A100 80G。", "刚核对了一下，能用的也就三分之一，其他的字段是空的。"])
    assert value(u, "examples") == 42_000


def test_the_price_of_each_item_is_no_budget():
    u = understand("We make bespoke saddles, around 400 a year at £3-5k each. 1,300 measurement->report pairs, fixed report format.")
    assert value(u, "budget_usd") is None and label(u) == "lora"


@pytest.mark.parametrize("text", ["好消息，法務說去識別化已經處理完，可以用了。", "合规那边放行了，数据已经全部脱敏。"])
def test_de_identified_data_lifts_the_privacy_block(text):
    u = replay(["客服对话有两千二百条，里面有客户身份证号，没脱敏，不能拿去训练。", text])
    assert not value(u, "privacy_blocked")


def test_replies_in_my_voice_are_a_format_need():
    assert value(understand("I mostly want it writing replies in my voice: friendly, a bit cheeky."), "needs_format") is True


@pytest.mark.parametrize("text, deadline", [("Trustees want it live for tomorrow's open day, that's the hard deadline.", "week"),
                                            ("wait no, the open day is TODAY, I misread the calendar.", "today")])
def test_an_event_named_with_its_day_is_a_deadline(text, deadline):
    assert value(understand(text), "deadline") == deadline


def test_coded_observations_are_examples():
    u = understand("We have 1.8 million coded defect observations (frame + surveyor notes -> defect code).")
    assert value(u, "examples") == 1_800_000


def test_an_uncounted_amount_in_cantonese_is_no_question():
    u = understand("我們想自研一個全新架構的基礎模型，不是拿現成的語言模型改。標註好的樣本有幾多條還未數過。")
    assert u.intent == "situation" and label(u) == "from_scratch"


@pytest.mark.parametrize("follow_up, model, tokens, epochs", [
    ("and on the mini?", "gpt-4o-mini-2024-07-18", 900, 3),
    ("那换成 mini，跑 5 轮呢？", "gpt-4o-mini-2024-07-18", 900, 5),
    ("and if each one was twice as long?", "gpt-4o-2024-08-06", 1800, 3),
    ("每条长一倍呢？", "gpt-4o-2024-08-06", 1800, 3),
])
def test_cost_follow_ups_name_the_small_model_or_longer_examples(follow_up, model, tokens, epochs):
    state = None
    for turn in ["We have 14,000 brief->spec pairs in our JSON schema.",
                 "what would 14k pairs at ~900 tokens, 3 epochs cost on gpt-4o?", follow_up]:
        state = understand(turn, state)
    assert state.intent == "cost"
    assert (state.cost.model, state.cost.examples, state.cost.avg_tokens, state.cost.epochs) == (model, 14_000, tokens, epochs)


def test_a_mac_mini_is_no_model_to_price():
    u = understand("I only have a Mac mini and 2,000 labelled tickets.")
    assert u.intent == "situation" and u.cost is None


def test_a_need_handed_over_to_another_system_is_retracted_and_the_rest_stays():
    u = replay(["Ferry operator. Passengers ask about the live timetable and fares, which change daily. "
                "We have 3,100 agent replies and want them in our JSON.",
                "change of plan: the live timetable and fares are handled by the app's own status page now, the bot won't "
                "touch them. it only has to turn the agents' replies into that JSON."])
    assert (value(u, "knowledge_changes"), value(u, "needs_format"), value(u, "examples")) == (None, True, 3100)
    assert label(u) == "lora"


def test_questions_sent_to_another_helpdesk_take_the_documents_away():
    u = replay(["We restore accordions. Customers email about stuck keys; the answers are all in our repair manuals, "
                "~60 PDFs. We have 2,400 past replies in our template.",
                "Update: the manual-type questions go to the makers' own helpdesks now, we don't answer those anymore. "
                "So we only need replies in our template style."])
    assert value(u, "documents") is None and value(u, "examples") == 2400 and label(u) == "lora"


def test_a_topic_named_in_another_form_of_the_word_is_retracted():
    u = replay(["Farmers ask us about the current licence rules, which the regulator changes every few weeks; "
                "850 past enquiry->reply emails.",
                "Forget the licensing side entirely. What's left is drafting quotes in our template."])
    assert value(u, "knowledge_changes") is None and value(u, "examples") == 850


def test_data_found_on_a_laptop_is_no_hardware():
    u = replay(["I write heritage statements by hand, a couple of hundred so far.",
                "and my brother found another 2,000 on the old laptop, so 2,200 in total."])
    assert value(u, "examples") == 2200 and value(u, "compute") is None


def test_a_budget_without_a_cap_and_a_budget_corrected_back():
    u = replay(["我们有八百条范例，格式固定。预算只有五十块。", "算了，预算不卡了，公司说这个项目不设上限。"])
    assert value(u, "budget_usd") is None and label(u) == "lora"
    u = replay(["想自研新架构的基础模型，二百五十万条标注数据，预算八万元。", "不好意思，是六万，不是八万。"])
    assert (value(u, "budget_rmb"), value(u, "examples")) == (60_000, 2_500_000)


def test_handed_to_a_platform_is_a_retraction():
    u = replay(["賽事報名資料天天在變，會員常問；我們有五百條問答，回覆格式固定。", "賽程報名那塊以後交給協會官網了，我們不管。"])
    assert value(u, "knowledge_changes") is None


@pytest.mark.parametrize("turns, model, examples, tokens, epochs", [
    (["We have 1,250 note->summary pairs in our format.", "what would training cost on gpt-4o-mini if each pair is about "
      "320 tokens? default epochs", "and on the big model?"], "gpt-4o-2024-08-06", 1250, 320, 3),
    (["We have 1,340 listings in our style.", "gpt-4o-mini at ~240 tokens each, what's the cost?", "and on 4o?"],
     "gpt-4o-2024-08-06", 1340, 240, 3),
    (["客服回复四千条，格式固定。", "用 gpt-4o-mini 训，一条大概 150 token，默认 epoch，多少钱？", "换成 4o 呢"],
     "gpt-4o-2024-08-06", 4000, 150, 3),
    (["我们有三千五百条范例，没有显卡。", "mini 上训，一条四百 token，要多少钱？"], "gpt-4o-mini-2024-07-18", 3500, 400, 3),
])
def test_cost_follow_ups_name_models_loosely_and_per_example_tokens(turns, model, examples, tokens, epochs):
    state = None
    for turn in turns:
        state = understand(turn, state)
    assert state.intent == "cost"
    assert (state.cost.model, state.cost.examples, state.cost.avg_tokens, state.cost.epochs) == (model, examples, tokens, epochs)


def test_what_an_item_goes_for_is_no_budget_and_a_spoken_retraction_does_not_clear_twice():
    u = replay(["I restore accordions, a restored one goes for around €3,500. The answers are all in our repair manuals, "
                "~60 PDFs. We have 2,400 past replies in our template.",
                "Update: the manual-type questions go to the makers' own helpdesks now, we don't answer those anymore."])
    assert value(u, "budget_usd") is None and value(u, "documents") is None and value(u, "examples") == 2400


@pytest.mark.parametrize("turn, examples", [("分店那边的数据加进来以后，总量变成现在的四倍。", 2000),
                                            ("剛剛又翻出去年的一批，數量跟原來的一樣多。", 1000)])
def test_a_count_multiplied_in_words(turn, examples):
    assert value(replay(["我们有五百条范例，格式固定。", turn]), "examples") == examples


def test_not_a_single_pair_is_no_data():
    u = understand("答案都在我们收藏的几十本经典和画院自己的 catalog 里。整理好的 Q&A pairs 一条都没有。")
    assert value(u, "examples") == 0 and label(u) == "rag"


def test_an_unrelated_question_introduced_with_另外_starts_afresh():
    u = replay(["我们是骆驼牧场，游客数据有隐私，不能出域。答案在手册里。",
                "另外问个不相关的：骆驼奶的产品文案，要统一的品牌口吻，已经写好的文案有三百条，不涉及隐私。这个用什么方法？"])
    assert value(u, "documents") is None and value(u, "examples") == 300 and label(u) == "lora"


@pytest.mark.parametrize("text, slot, expected", [
    ("下游餐馆老板每天问今天的收购价，价格一天能变两三次。", "knowledge_changes", True),
    ("Every answer has to go out as our standard quote block: Grade / Lots / $ per lb / Valid until.", "needs_format", True),
    ("We have 620 finished safety plans from past shows we could use.", "examples", 620),
    ("The 8B models we trialled made too many mistakes so we want to adapt a 70B open model.", "model_size_b", 70.0),
])
def test_more_ways_of_stating_a_fact(text, slot, expected):
    assert value(understand(text), slot) == expected


def test_answering_in_real_time_is_latency_not_freshness():
    u = understand("自助机每个月要调三百万次接口，给排队的家长实时回答“几岁能玩”这类问题，响应必须在 200ms 以内，"
                   "现在用超长的 system prompt，每次塞好几千 token 的 few-shot 例子。")
    assert value(u, "knowledge_changes") is None and label(u) == "lora"
