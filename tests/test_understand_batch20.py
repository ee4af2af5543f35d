"""Readings of real-user phrasing: customers' questions reported, cards and their absence, headcounts, past
outputs, layouts, anonymised data, corrections inside a conversation and the usable part of a count."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from tests.helpers import label, value


@pytest.mark.parametrize("text", [
    "我们开了家客栈，住客常问今晚还有几间空房、价格多少，价格天天都在变。",
    "我们是社区食堂，家属老问今天的菜单是什么，菜单每天都换。",
])
def test_what_customers_keep_asking_describes_the_project(text):
    u = understand(text)
    assert u.intent == "situation"
    assert value(u, "knowledge_changes") is True


def test_a_vague_count_of_files_is_no_question():
    u = understand("同事们常查公司的报销制度（30几份文件），想做个问答。")
    assert u.intent == "situation" and value(u, "documents") is True


@pytest.mark.parametrize("text, count", [("it runs on my desktop with an RTX 3070 8GB", 1),
                                         ("we use a 4060 Ti 16GB", 1)])
def test_an_article_before_a_card_counts_one(text, count):
    assert value(understand(text), "gpu_count") == count


@pytest.mark.parametrize("text", ["我们只有笔记本，没有 N 卡。", "没有英伟达卡，只能用云上的托管微调。"])
def test_no_nvidia_card_or_hosted_tuning_means_no_gpu(text):
    assert value(understand(text), "compute") == "none"


def test_legal_agreeing_is_no_legal_domain_and_lifts_privacy():
    u = understand("更新一下：法务也同意拿这些记录训练了。")
    assert value(u, "domain_terms") is None
    assert value(u, "privacy_blocked") is False


def test_guides_counted_as_staff_are_no_documents():
    u = understand("Mountain hut operator, 18 guides. We want the daily route report drafted in our fixed layout.")
    assert value(u, "documents") is None
    assert value(u, "needs_format") is True


@pytest.mark.parametrize("text, count", [("We keep 1,800 previous shift handovers.", 1800),
                                         ("I have maybe 70 old posts that are actually good examples.", 70)])
def test_earlier_outputs_are_examples(text, count):
    assert value(understand(text), "examples") == count


@pytest.mark.parametrize("text", ["we still run 3 old servers", "we have 12 past employees to thank"])
def test_old_machines_and_people_are_no_examples(text):
    assert value(understand(text), "examples") is None


@pytest.mark.parametrize("text, fmt", [
    ("Weekly summaries written in our playful style, please.", True),
    ("每次课后要写反馈（开场／要点／作业），想让模型代写。", True),
    ("我们支持中文/英文/日文三种语言。", None),
])
def test_a_style_or_a_list_of_headings_is_a_format(text, fmt):
    assert value(understand(text), "needs_format") is fmt


def test_a_retraction_before_a_colon_leaves_the_new_facts():
    u = understand("New plan, drop the chatbot: we want incident reports in our fixed format (What / Where / Next).")
    assert value(u, "needs_format") is True


def test_still_no_money_is_a_zero_budget():
    assert value(understand("Still no money though."), "budget_usd") == 0.0


@pytest.mark.parametrize("first, second, gone", [
    ("We have 2,000 labeled emails, answers must follow our JSON schema.",
     "Completely different question now: my friend's shop wants answers from 300 product manuals.", "needs_format"),
    ("我们有 2000 条标注好的对话，回复要按固定格式。",
     "换英文说另一个项目：合作方想让模型回答两百份说明书里的问题。", "needs_format"),
])
def test_a_new_project_starts_afresh(first, second, gone):
    u = replay([first, second])
    assert value(u, gone) is None
    assert value(u, "documents") is True


def test_removing_names_is_anonymising_not_retracting():
    u = replay(["病历回访记录有三千条，要按固定格式写，都带姓名和手机号没脱敏，不能拿去训练。",
                "更新：姓名和手机号都删掉了。"])
    assert value(u, "privacy_blocked") is False
    assert value(u, "needs_format") is True


def test_cards_going_back_are_no_longer_ours():
    u = replay(["We have 1,500 labeled tickets and two RTX 3090s.",
                "Update: we got 4x A100 80GB for the quarter, the 3090s go back to the lab."])
    assert value(u, "gpu_memory_gb") == 80.0
    assert value(u, "compute") == "ample"


@pytest.mark.parametrize("text", ["是后天", "搞错了，是明天晚上，不是今天。"])
def test_a_corrected_day_is_a_deadline(text):
    u = replay(["我们有一万条标注数据，今天下午就要演示。", text])
    assert value(u, "deadline") == "week"


def test_the_usable_part_of_a_count_replaces_it():
    u = replay(["We collected 5,000 support pairs for fine-tuning.",
                "sorry: of those 5,000 pairs only 800 are usable"])
    assert value(u, "examples") == 800


def test_the_usable_part_said_inside_a_cost_question_updates_the_project():
    u = replay(["1,200 product blurbs in our house style; hosted fine-tuning only.",
                "gpt-4o-mini, about 300 tokens each, default epochs: cost?",
                "honestly only 500 of those blurbs are any good. price it for the 500 on gpt-4o",
                "and your recommendation now?"])
    assert value(u, "examples") == 500


def test_a_list_of_what_is_not_needed_negates_each_item():
    assert value(understand("我们不需要查什么规章或者手册，只想写得快一点。"), "documents") is False


@pytest.mark.parametrize("text, slot", [
    ("Supervisors want answers grounded in our SOPs.", "documents"),
    ("Grocery bot with 5,000 past substitution messages; it has to know what's in stock right now.", "knowledge_changes"),
])
def test_grounding_and_live_stock(text, slot):
    assert value(understand(text), slot) is True


def test_labels_of_two_cases():
    assert label(understand("我们是一家诊所，回访通知要按固定格式写（情况／下一步／注意），改写好的有一千六百份，"
                            "都没脱敏，伦理委员会说不能拿去训练。我们不需要查什么文献或者手册。"))== "prompt"
    assert label(understand("Answers from our 90 SOPs, written in our radio format: Location / Action / Escalate. "
                            "We have exactly 100 worked examples.")) == "hybrid"


@pytest.mark.parametrize("text", [
    "the bge readme's retrieval table - what ndcg@10 does bge-base get?? deciding between it and ada-002",
    "which vllm release dropped the old sampler api? upgraded and my script died",
    "avg accuracy for e5 in their benchmark table? currently on text2vec, wondering if switching is worth it",
])
def test_a_value_looked_up_in_a_document_is_factual(text):
    assert understand(text, None, relevant=True).intent == "factual"


def test_outputs_never_saved_are_no_examples():
    u = understand("I'd like grant proposals in our house style, but we never saved our old proposals anywhere.")
    assert value(u, "examples") == 0


@pytest.mark.parametrize("text", ["we have an old laptop, no N card, so hosted fine-tuning I guess",
                                  "no nvidia card here"])
def test_no_nvidia_card_in_english_means_no_gpu(text):
    assert value(understand(text), "compute") == "none"


def test_a_kept_fraction_scales_the_count_and_the_other_half_is_not_taken_twice():
    assert value(replay(["We have 3,000 labeled replies.", "only a third of them are clean enough to use"]), "examples") == 1000
    assert value(replay(["我们有六百条标注好的问答。", "对了，六百条里只有一半能用，另一半是重复的。"]), "examples") == 300


def test_a_server_given_back_takes_the_cards_not_the_format():
    u = replay(["我们有八百条按固定格式写好的评语，实验室有一张 4090。",
                "那台机器要还给物理组，我们用不上了。只能用云上的微调服务。"])
    assert value(u, "compute") == "none" and value(u, "gpu_count") is None
    assert value(u, "needs_format") is True


@pytest.mark.parametrize("text, slot, expected", [
    ("the owners want to see it at tonight's staff meeting", "deadline", "today"),
    ("领导说月底前要上线，还有一个半月。", "deadline", "quarter"),
    ("Correction: the managers don't care how replies look.", "needs_format", False),
    ("算了，架构不自研了，就在 Qwen 上做。", "novel_architecture", False),
    ("NPC lines written in each faction's voice, 30,000 of them tagged by faction.", "needs_format", True),
    ("店里电脑的显卡是 RTX 4070 Super 12G。", "gpu_count", 1),
    ("No training data at all for this one.", "examples", 0),
    ("We have 80 ticket -> reply pairs.", "examples", 80),
    ("We have 2,600 past reports we could use.", "examples", 2600),
])
def test_more_everyday_phrasings(text, slot, expected):
    assert value(understand(text), slot) == expected


def test_not_one_yuan_more_is_no_budget_of_one():
    u = understand("主任说最多只能出50元人民币，多一块都不行。")
    assert value(u, "budget_rmb") == 50.0


def test_money_added_while_the_total_is_stated_is_no_data():
    u = replay(["我们要做全新架构，两百万条语料，预算五万元。", "老板又追加了十万，现在一共十五万元。"])
    assert value(u, "examples") == 2_000_000 and value(u, "budget_rmb") == 150_000.0


def test_questions_the_bot_must_answer_describe_the_project():
    u = understand("今天哪些景点限流、索道开不开、演出几点，这些每天都在变，也要能答。")
    assert u.intent == "situation" and value(u, "knowledge_changes") is True


@pytest.mark.parametrize("text, slot, expected", [
    ("we rekeyed 3 euro cylinders today", "budget_usd", None),
    ("we can spend 300 euro max", "budget_usd", 324.0),
    ("我们不打算自己设计什么新架构，就用现成的开源模型。", "novel_architecture", False),
    ("我们一年大概递交一千五百件申请，想让模型写初稿。", "deadline", None),
])
def test_amounts_plans_and_yearly_volumes(text, slot, expected):
    assert value(understand(text), slot) == expected
