"""The conversation state: later turns override, retract and add to facts; cost follow-ups reuse the estimate.

Each turn's slots fold into the previous state; the latest mention wins; ``Understanding.changes`` records what
moved; ``with_overrides`` sets facts by hand. A cost follow-up keeps the previous estimate and changes one thing.
"""

from __future__ import annotations

import pytest

from bot.decide import decide
from bot.respond import respond
from bot.understand import replay, understand, with_overrides


def state(*turns: str):
    u = replay(list(turns))
    assert u is not None
    return u


def moved(u) -> dict[str, tuple]:
    return {c.slot: (c.kind, c.before, c.after) for c in u.changes}


# ---------------------------------------------------------------- explicit updates replace


OVERRIDES = [
    # (turns, slot, value after the last turn)
    (("We have 2,000 labeled examples.", "Actually it's 20,000 labeled examples."), "examples", 20_000),
    (("Our budget is $50 and we have 1,000 labeled examples.", "Update: our budget is $300 now."), "budget_usd", 300),
    (("We have 3,000 labeled examples and one RTX 4090.", "We'll use an A100 80GB instead."), "gpu_memory_gb", 80),
    (("我们有 500 条标注数据。", "其实只有 50 条。"), "examples", 50),
    (("我们有 2000 条标注数据，预算 1000 元。", "预算改成 5000 元。"), "budget_rmb", 5000),
    (("我们有 3000 条标注数据，要求输出 JSON。", "不过格式无所谓，普通文本就行。"), "needs_format", False),
    (("We have 2,000 labeled examples and our data changes every week.", "Actually the data is stable."),
     "knowledge_changes", False),
    pytest.param(("我们有 2000 条标注数据，下周要上线。", "不过老板说可以推迟到下个季度。"), "deadline", "quarter"),
    pytest.param(("We have 5,000 labeled examples.", "Actually, 500."), "examples", 500),
]


@pytest.mark.parametrize(("turns", "name", "expected"), OVERRIDES)
def test_explicit_update_replaces_the_fact(turns, name, expected):
    before = getattr(state(*turns[:-1]).situation, name)
    u = state(*turns)
    assert getattr(u.situation, name) == expected
    assert moved(u)[name][1:] == (before, expected)
    assert u.slots[name].source  # the new value carries the words of the turn that set it


def test_an_update_keeps_everything_it_does_not_mention():
    first = "We have 3,000 labeled examples, our docs change every week, and the data can't leave our premises."
    u = state(first, "Update: the team labeled 1,000 more.")
    s = u.situation
    assert s.examples == 4000
    assert s.knowledge_changes is True and s.privacy_blocked is True
    assert set(moved(u)) == {"examples"}


def test_update_changes_the_advice():
    u1 = state("We have 2,000 labeled examples.")
    u2 = state("We have 2,000 labeled examples.", "Actually it's 20,000 labeled examples, and we have a GPU cluster.")
    assert decide(u1).recommendation.label == "lora"
    assert decide(u2).recommendation.label == "full_finetune"


@pytest.mark.parametrize("turns", [
    ("We have 3,000 labeled examples and 8 A100s.", "Actually we have no GPU at all."),
    pytest.param(("我们有 3000 条标注数据，有 8 张 A100。", "其实我们没有 GPU。")),
])
def test_no_gpu_overrides_a_cluster(turns):
    u = state(*turns)
    assert u.situation.compute == "none"
    assert moved(u)["compute"] == ("set", "ample", "none")


def test_no_gpu_drops_the_cards_stated_before():
    s = state("We have 3,000 labeled examples and 8 A100s.", "Actually we have no GPU at all.").situation
    assert s.gpu_count is None and s.gpu_memory_gb is None


# ---------------------------------------------------------------- retractions clear


RETRACTIONS = [
    (("We have 20,000 labeled examples and a GPU cluster.", "The cluster is gone."), "compute", "ample"),
    (("We have 3,000 labeled examples and need JSON output.", "Forget the JSON part."), "needs_format", True),
    (("我们有 3000 条标注数据，需要固定的输出格式。", "不用考虑格式了。"), "needs_format", True),
    (("We have 2,000 labeled examples and the data can't leave our premises.", "The privacy restriction was lifted."),
     "privacy_blocked", True),
    (("We have 2,000 labeled examples, and we need it by tomorrow.", "Never mind the deadline."), "deadline", "week"),
    (("我们有 3000 条数据，下午就要演示。", "演示取消了。"), "deadline", "today"),
]


@pytest.mark.parametrize(("turns", "name", "before"), RETRACTIONS)
def test_retraction_clears_the_fact(turns, name, before):
    assert getattr(state(*turns[:-1]).situation, name) == before
    u = state(*turns)
    assert getattr(u.situation, name) is None
    assert name not in u.situation_json()
    kind, was, now = moved(u)[name]
    assert (kind, was, now) == ("clear", before, None)
    assert u.situation.examples is not None  # the count stated earlier survives


def test_retracting_the_cluster_removes_full_fine_tuning():
    turns = ("We have 20,000 labeled examples and a GPU cluster.", "Actually the cluster is gone; we only have one RTX 4090.")
    assert decide(state(*turns[:1])).recommendation.label == "full_finetune"
    u = state(*turns)
    assert u.situation.compute != "ample"
    assert decide(u).recommendation.label in ("lora", "qlora")


def test_retracting_privacy_lets_training_back_in():
    turns = ("We have 2,000 labeled examples and the data can't leave our premises.", "The privacy restriction was lifted.")
    assert decide(state(*turns[:1])).recommendation.label in ("prompt", "rag")
    assert decide(state(*turns)).recommendation.label == "lora"


# ---------------------------------------------------------------- relative updates add


ADDS = [
    (("We have 3,000 labeled examples.", "Update: the team labeled 5,000 more."), 3000, 8000),
    (("We have 1,000 labeled examples.", "We added 1,500 more labeled examples."), 1000, 2500),
    (("我们有 3000 条标注数据。", "又标注了两千条。"), 3000, 5000),
    (("我们有 800 条标注数据。", "上周新增了 400 条标注样本。"), 800, 1200),
]


@pytest.mark.parametrize(("turns", "before", "after"), ADDS)
def test_relative_update_adds(turns, before, after):
    u = state(*turns)
    assert u.situation.examples == after
    assert moved(u)["examples"] == ("add", before, after)


def test_a_fact_question_in_between_keeps_the_state():
    u = state("We have 3,000 labeled examples.", "What is LoRA?", "Update: 2,000 more.")
    assert u.situation.examples == 5000
    assert moved(u)["examples"] == ("add", 3000, 5000)


# ---------------------------------------------------------------- the latest mention wins


def test_latest_mention_wins_across_turns_without_an_update_word():
    u = state("We have 1,000 labeled examples.", "We have 6,000 labeled examples.")
    assert u.situation.examples == 6000
    assert moved(u)["examples"] == ("set", 1000, 6000)
    assert "6,000" in u.slots["examples"].source


def test_latest_mention_wins_inside_one_message():
    s = state("Budget is $100. Sorry, I mean the budget is $400.").situation
    assert s.budget_usd == 400


def test_latest_count_inside_one_message_wins():
    assert state("We had 1,000 labeled examples last month; now we have 4,000.").situation.examples == 4000


def test_restating_the_same_value_changes_nothing():
    u = state("We have 3,000 labeled examples.", "We have 3,000 labeled examples and need JSON output.")
    assert u.situation.examples == 3000
    assert "examples" not in moved(u)
    assert moved(u)["needs_format"] == ("set", None, True)


def test_a_first_message_states_and_changes_nothing():
    u = understand("We have 3,000 labeled examples and a strict JSON format.")
    assert u.changes == ()
    assert u.situation.examples == 3000 and u.situation.needs_format is True


# ---------------------------------------------------------------- facts set by hand


def test_with_overrides_sets_and_records():
    u = understand("We have 20,000 labeled examples and a GPU cluster.")
    v = with_overrides(u, {"examples": 50})
    assert v.situation.examples == 50
    assert v.situation.compute == "ample"  # untouched
    assert moved(v) == {"examples": ("set", 20_000, 50)}
    assert v.slots["examples"].source == "set by hand"
    assert decide(v).recommendation.label == "prompt"
    assert u.situation.examples == 20_000  # the original is not mutated


def test_with_overrides_none_clears():
    u = understand("We have 3,000 labeled examples and a demo this afternoon.")
    assert u.situation.deadline == "today"
    v = with_overrides(u, {"deadline": None}, source="edited")
    assert v.situation.deadline is None
    assert moved(v) == {"deadline": ("clear", "today", None)}
    assert decide(v).recommendation.label == "lora"


def test_with_overrides_feeds_the_next_turn():
    u = with_overrides(understand("We have 3,000 labeled examples."), {"privacy_blocked": True})
    nxt = understand("Update: the team labeled 1,000 more.", u)
    assert nxt.situation.privacy_blocked is True
    assert nxt.situation.examples == 4000


# ---------------------------------------------------------------- cost follow-ups

EN_COST = "How much would it cost to fine-tune gpt-4o-mini on 2,000 examples of 500 tokens each?"
ZH_COST = "用 gpt-4o-mini 微调 2000 条数据，每条 500 个 token，要花多少钱？"
MINI, FOUR_O = "gpt-4o-mini-2024-07-18", "gpt-4o-2024-08-06"


def estimate(*turns: str):
    u = state(*turns)
    assert u.intent == "cost", (turns[-1], u.intent)
    est = decide(u).estimate
    assert est is not None
    return est


@pytest.mark.parametrize("first", [EN_COST, ZH_COST])
def test_the_first_estimate(first):
    est = estimate(first)
    assert (est.model, est.examples, est.avg_tokens, est.epochs) == (MINI, 2000, 500, 3)
    assert est.total_tokens == 3_000_000
    assert est.cost_usd == pytest.approx(9.00)


COST_FOLLOW_UPS = [
    # (first, follow-up, model, examples, tokens each, epochs, dollars)
    (EN_COST, "And with gpt-4o?", FOUR_O, 2000, 500, 3, 75.00),  # 3M tokens × $25/M
    (EN_COST, "And with gpt-4o instead?", FOUR_O, 2000, 500, 3, 75.00),
    (EN_COST, "And with 4 epochs?", MINI, 2000, 500, 4, 12.00),  # 4M × $3/M
    (EN_COST, "What about 1,000 examples?", MINI, 1000, 500, 3, 4.50),  # 1.5M × $3/M
    (EN_COST, "What if each example is 800 tokens?", MINI, 2000, 800, 3, 14.40),  # 4.8M × $3/M
    (EN_COST, "And 3,000 more examples?", MINI, 5000, 500, 3, 22.50),  # 7.5M × $3/M
    (ZH_COST, "如果训练 4 轮呢？", MINI, 2000, 500, 4, 12.00),
    (ZH_COST, "换成 gpt-4o 呢？", FOUR_O, 2000, 500, 3, 75.00),
    (ZH_COST, "如果每条 1000 个 token 呢？", MINI, 2000, 1000, 3, 18.00),  # 6M × $3/M
]


@pytest.mark.parametrize(("first", "follow_up", "model", "examples", "tokens", "epochs", "dollars"), COST_FOLLOW_UPS)
def test_cost_follow_up_changes_only_what_it_says(first, follow_up, model, examples, tokens, epochs, dollars):
    est = estimate(first, follow_up)
    assert (est.model, est.examples, est.avg_tokens, est.epochs) == (model, examples, tokens, epochs)
    assert est.total_tokens == examples * tokens * epochs
    assert est.cost_usd == pytest.approx(dollars)


def test_cost_follow_ups_chain():
    est = estimate(EN_COST, "And with gpt-4o instead?", "And with 4 epochs?")
    assert (est.model, est.examples, est.avg_tokens, est.epochs) == (FOUR_O, 2000, 500, 4)
    assert est.cost_usd == pytest.approx(100.00)  # 4M × $25/M


def test_cost_follow_up_after_a_fact_question_in_between():
    est = estimate(EN_COST, "What is LoRA?", "And with gpt-4o?")
    assert (est.model, est.examples, est.avg_tokens) == (FOUR_O, 2000, 500)
    assert est.cost_usd == pytest.approx(75.00)


def test_cost_turns_leave_the_situation_alone():
    u = state("We have 3,000 labeled examples and need JSON output.", EN_COST, "And with gpt-4o?")
    assert u.intent == "cost"
    assert u.situation.examples == 3000 and u.situation.needs_format is True


def test_redecide_changes_the_advice_without_reading_again():
    from bot.respond import redecide

    first = respond("我们有 3000 条标注好的客服对话，想让模型学会公司的回复语气，预算不多", [], rag=False)
    assert first.recommendation.label in ("lora", "qlora")
    edited = redecide(first.understanding, {"examples": 40}, rag=False)
    assert edited.recommendation.label == "prompt"
    assert edited.understanding.slots["examples"].value == 40
    assert edited.understanding.slots["needs_format"].value is True  # the rest of what was read stays
    assert "3,000 → 40" in edited.text and "→" in edited.text.split("3,000 → 40", 1)[1].splitlines()[0]
    cleared = redecide(edited.understanding, {"examples": None}, rag=False)
    assert "examples" not in cleared.understanding.situation.known()


def test_part_of_the_count_removed_and_a_corrected_amount():
    from bot.understand import replay

    u = replay(["We have 12k labeled examples.", "About 4k of those turned out to be duplicates, so we dropped them."])
    assert u.slots["examples"].value == 8000
    u = replay(["Budget is about €300 and we have 15k labeled rows.", "Correction: that's €3,000, not €300."])
    assert round(u.slots["budget_usd"].value) == 3240


def test_dropping_the_documents_also_drops_their_freshness():
    from bot.understand import replay

    u = replay(["药品说明书一万多份，回答要指出出处", "说明书每个月都有厂家更新", "算了，说明书那块先不做了。先做分类器，标注数据有三千四百条"])
    assert "documents" not in u.slots and "knowledge_changes" not in u.slots and u.slots["examples"].value == 3400
    u = replay(["Our FAQ (~250 articles) changes every sprint.", "Scratch the FAQ part entirely; we have 2,200 past macros."])
    assert "documents" not in u.slots and "knowledge_changes" not in u.slots


def test_a_retraction_naming_the_last_turns_topic_clears_what_it_stated():
    from bot.understand import replay

    u = replay(["调度员写过的带推理过程的样例有450条，要一步步推出吊装顺序", "对了船期每天都在变，模型得按最新的排",
                "船期那部分我们直接调系统接口查，不用模型管了"])
    assert "knowledge_changes" not in u.slots and u.slots["examples"].value == 450 and u.slots["multi_step"].value


def test_corrections_removals_and_lifted_blocks_in_chinese():
    from bot.understand import replay

    u = replay(["历史对话有六千条，但里面有客户账户信息，合规不让拿去训练。", "合规那边放行了，脱敏流程走完了"])
    assert u.slots["privacy_blocked"].value is False and u.slots["examples"].value == 6000
    u = replay(["样例有两万条", "我说错了，是两千不是两万"])
    assert u.slots["examples"].value == 2000
    u = replay(["标注数据有九千条", "其中三分之一是重复的"])
    assert u.slots["examples"].value == 6000


@pytest.mark.parametrize("turns, slot, value", [
    (["短视频平台的评论审核，标注好的违规评论只有六十条", "审核组又补标了两千四百条"], "examples", 2460),
    (["公司有台8卡A800服务器，题目解析有一万八千条", "4090 也被收回了，只能走云厂商的微调 API"], "compute", "none"),
    (["想在一张 H100 上微调 14B，标注样本两千六", "不过量化到 4bit 我们也能接受"], "four_bit_ok", True),
    (["We have 12k examples", "correction: that's 2,800 per language and we have five languages, so 14,000 in total"],
     "examples", 14000),
    (["标好的工单分类数据六千七百条，一共43个类别"], "examples", 6700),
    (["连锁药房，店员想直接问药品说明书（三千多份）里的用法用量"], "documents", True),
])
def test_more_turns_read_in_context(turns, slot, value):
    from bot.understand import replay

    assert replay(turns).slots[slot].value == value


@pytest.mark.parametrize("turns, slot, value", [
    (["We have 80 essays with teacher corrections.", "Teachers just finished another batch: 1,500 more corrected essays.",
      "that second batch turned out to be copies, we're throwing all 1,500 out.",
      "the teachers wrote 400 genuinely new corrected essays this week."], "examples", 480),
    (["我们打算自研一个全新架构的模型，训练数据两千万条", "算了，新架构不搞了，就拿开源模型来微调，硬件是四张 4090"], "compute", "consumer"),
    (["12k examples and one L40S", "the reports carry patient identifiers we can't strip, so nothing can be trained on them"],
     "privacy_blocked", True),
])
def test_fresh_turns_read_in_context(turns, slot, value):
    from bot.understand import replay

    assert replay(turns).slots[slot].value == value


def test_a_cost_question_about_those_examples_uses_the_stated_count():
    from bot.understand import replay

    u = replay(["4,000 labeled receipts -> JSON, no GPUs in-house.",
                "How much to fine-tune gpt-4o-mini on those 4,000 if each is ~900 tokens, 3 epochs?"])
    assert u.intent == "cost" and u.cost.examples == 4000 and u.cost.avg_tokens == 900


@pytest.mark.parametrize("turns, slot, value", [
    (["Maybe 300 scripts? I'd have to check.", "Checked: zero usable scripts, they were all lost.",
      "Never mind, IT found a backup with 1,400 of them."], "examples", 1400),
    (["时刻表每天都可能调整", "更正一下，时刻表半年才变一次，基本是固定的"], "knowledge_changes", False),
    (["有 1.5 万条标注好的商品标题翻译", "质检发现其中一万二千条有问题，得全部扔掉"], "examples", 3000),
    (["Our team wrote 450 example SQL queries — sorry, typo, 45 — against the warehouse."], "examples", 45),
    (["病历数据不能出医院，也做不了脱敏，有 1 万条标注好的出院小结"], "privacy_blocked", True),
])
def test_batch_seven_turns(turns, slot, value):
    from bot.understand import replay

    assert replay(turns).slots[slot].value == value


@pytest.mark.parametrize("turns, slot, value", [
    (["Demo for investors is tonight, 3k labeled examples", "good news: they pushed it to the end of next week"],
     "deadline", "week"),
    (["周五就要交，五千条标注好的数据", "老板说可以延到下个月"], "deadline", "quarter"),
    (["One H100 80GB and 30k labeled rows", "what if we had two of them?"], "gpu_count", 2),
    (["One H100 80GB and 30k labeled rows", "what if we had two of them?"], "compute", "ample"),
    (["Our playbooks can't leave the building.", "Legal says the playbooks are fine to train on after all."],
     "privacy_blocked", False),
    (["这些样本没脱敏，不允许出内网", "法务回复了：只要在内网机器上训练，就可以用这批数据"], "privacy_blocked", False),
    (["We want summaries in a fixed layout.", "To be clear, we have zero labeled summaries.",
      "The doctors just finished labeling 2k of them."], "examples", 2000),
])
def test_batch_eight_turns(turns, slot, value):
    from bot.understand import replay

    assert replay(turns).slots[slot].value == value


@pytest.mark.parametrize("turns, slot, value", [
    (["We have 4,000 labeled claims.", "and if it were twice as many?"], "examples", 8000),
    (["2 million sequences, seed money €5,000", "and if it were twice as much money?"], "budget_usd", 10800),
    (["内部规定汇编一千多页，不能出内网", "隐私那块其实不是问题，内容都是可以公开的"], "privacy_blocked", False),
    (["一张 H800 80G，五千条标注样本", "不对，卡是一张 4090，H800 是隔壁组的"], "gpu_memory_gb", 24.0),
    (["one 24GB card and 3k examples", "what about QLoRA instead?"], "four_bit_ok", True),
    (["2,000 vetted examples and every reply uses our template", "we'll skip the template, the UI adds it"],
     "needs_format", False),
    (["demo tonight, 1,800 labeled lines", "phew, they backed off: end of next week is fine"], "deadline", "week"),
    (["标注数据八千条", "数据组又交过来五千条"], "examples", 13000),
    (["工厂的 SOP 有三百多份，想让工人直接问"], "documents", True),
])
def test_batch_nine_turns(turns, slot, value):
    from bot.understand import replay

    assert replay(turns).slots[slot].value == value


def test_a_retraction_naming_the_topic_in_the_singular_clears_it():
    from bot.understand import replay

    state = replay(["Bot answers about current events and shop rotations, which change daily. 3,000 labeled tickets.",
                    "actually the event stuff moved to a separate system"])
    assert "knowledge_changes" not in state.slots and state.slots["examples"].value == 3000


def test_cost_follow_ups_scale_the_count_and_switch_the_model():
    from bot.understand import replay

    first = replay(["Rough bill for fine-tuning gpt-4o-mini on twelve hundred examples, ~500 tokens each?"])
    assert first.intent == "cost" and first.cost.examples == 1200
    twice = replay(["Rough bill for fine-tuning gpt-4o-mini on twelve hundred examples, ~500 tokens each?",
                    "and if it were twice as many?"])
    assert twice.cost.examples == 2400
    other = replay(["Rough bill for fine-tuning gpt-4o-mini on twelve hundred examples, ~500 tokens each?",
                    "same thing on gpt-4o?"])
    assert other.intent == "cost" and other.cost.model == "gpt-4o-2024-08-06" and other.cost.examples == 1200


def test_a_retraction_naming_one_part_clears_only_that_part_and_not_what_the_speaker_is():
    from bot.understand import replay

    state = replay(["我們的退貨規則每週都在改，回覆要按公司模板寫，歷史回覆有五千多條",
                    "法务刚说规则那部分不用模型管了"])
    assert "knowledge_changes" not in state.slots
    assert state.slots["needs_format"].value is True and state.slots["examples"].value == 5000


def test_memos_people_want_to_query_are_documents_not_examples():
    from bot.understand import understand

    u = understand("we have ~600 labelled clause->risk pairs, plus 30k precedent memos that the partners want to "
                   "query. what should we do?")
    assert u.slots["examples"].value == 600 and u.slots["documents"].value is True


@pytest.mark.parametrize("turns, slot, value", [
    (["标注好的工单四千条", "运维又从旧系统里导出来两千条"], "examples", 6000),
    (["four A100 80GB cards and 6k labeled rows", "only two of them are ours now, we can only count on two"],
     "gpu_count", 2),
    (["公司有 4 张 A100 80G，样本五千条", "不对，领导说只能给我们一张卡"], "gpu_count", 1),
    (["the data can't be used for training, it has raw account numbers",
      "Update: compliance says it's fine now, we can train on the masked version"], "privacy_blocked", False),
    (["记录里有身份证号，不能用于训练", "合规确认了，用脱敏后的数据训练没问题"], "privacy_blocked", False),
    (["产品手册三百份，客服想直接问", "又多了一千份新版产品的文档"], "examples", None),
    (["接口文档两千份，工程师想直接查", "SDK 每两周发一版，文档跟着改"], "knowledge_changes", True),
    (["内部规章两百份要能问，回答要按模板，模板样本八百条", "规章那边另有系统，这个助手不用考虑文件了"], "needs_format", True),
])
def test_batch_ten_turns(turns, slot, value):
    got = replay(turns).slots.get(slot)
    assert (got.value if got else None) == value


def test_one_card_of_those_already_named_keeps_its_memory_and_is_no_consumer_card():
    u = replay(["公司有 4 张 A100 80G，样本五千条", "不对，领导说只能给我们一张卡"])
    assert u.slots["gpu_memory_gb"].value == 80.0 and "compute" not in u.situation_json()


def test_what_a_turn_changed_is_told_with_the_facts_names_in_the_askers_language():
    from bot.compose import changes_text

    zh = replay(["我们有 3000 条标注数据，没有显卡", "其实有一张 4090"])
    text = changes_text(zh.changes, "zh")
    assert "GPU 数量" in text and "消费级算力" in text and "gpu_count" not in text and "consumer" not in text
    en = replay(["1.5k labeled emails, not anonymized yet", "update: legal signed off, we scrubbed the names"])
    assert "data cannot be used for training yes → no" in changes_text(en.changes, "en")


def test_a_whole_new_situation_in_the_same_chat_starts_its_facts_afresh():
    u = replay(["2-person startup, 1.5k annotated support emails, replies must sound like us, no GPU",
                "我们有三台服务器，每台八张 A800，想拿十年的工单（大概四百万条，都打好标签了）做内部助手，知识基本不变"])
    assert u.slots["examples"].value == 4_000_000 and "needs_format" not in u.slots and u.changes == ()
    # restating some facts while correcting or adding keeps the rest
    kept = replay(["3k labeled tickets, replies in our brand voice, one 4090",
                   "actually it's 8k tickets, two A100 80GB, and the docs change weekly"])
    assert kept.slots["needs_format"].value is True and kept.slots["examples"].value == 8000
