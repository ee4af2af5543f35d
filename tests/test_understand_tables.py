"""Reading situation slots, as tables: negation, hedges, units and magnitudes, currencies, deadlines, privacy and
new architectures, in English, simplified and traditional Chinese, with full-width digits.

Each row is one message and how a reader takes it. Where a fact was read, the slot's ``source`` (the user's words
it came from) must hold the number or the cue.
"""

from __future__ import annotations

import unicodedata

import pytest

from bot.understand import read_situation
from bot.understand.slots import read_events
from bot.understand.state import fold
from bot.understand.text import prepare

NOT_TRUE = object()  # the message does not state the fact: None (not said) or False (said not) are both right


def slots_of(text: str):
    slots, _ = fold({}, read_events(text))
    return slots


def check(text: str, name: str, expected, cue: str | None) -> None:
    value = getattr(read_situation(text), name)
    if expected is NOT_TRUE:
        assert value is not True, (text, name, value)
    elif isinstance(expected, float) or (isinstance(expected, int) and not isinstance(expected, bool)):
        assert value == pytest.approx(expected), (text, name, value)
    else:
        assert value == expected, (text, name, value)
    if cue is not None and value is not None:
        source = slots_of(text)[name].source
        assert prepare(cue) in prepare(source), (text, name, source)


# ---------------------------------------------------------------- negation


NEGATION = [
    # English
    ("We don't need JSON output.", "needs_format", False, "json"),
    ("The replies must be valid JSON.", "needs_format", True, "json"),
    ("Output format doesn't matter to us.", "needs_format", False, "format"),
    ("Latency is not a concern for this batch job.", "low_latency", False, "latency"),
    ("We need low latency for live chat.", "low_latency", True, "low latency"),
    ("There are no latency requirements.", "low_latency", False, "latency"),
    ("Our product docs change every week.", "knowledge_changes", True, "change every week"),
    ("The knowledge rarely changes.", "knowledge_changes", False, "rarely changes"),
    ("We are not on a tight budget.", "budget_low", False, "tight budget"),
    ("We're on a tight budget.", "budget_low", True, "tight budget"),
    ("We are not building a new architecture.", "novel_architecture", False, "architecture"),
    # simplified Chinese
    ("我们不需要 JSON 格式的输出。", "needs_format", False, "json"),
    ("回复必须是固定的 JSON 格式。", "needs_format", True, "json"),
    ("对延迟没有要求。", "low_latency", False, "延迟"),
    ("响应延迟要控制在 200 毫秒以内。", "low_latency", True, "延迟"),
    ("知识不需要实时更新。", "knowledge_changes", False, "实时"),
    ("资料每周都会更新。", "knowledge_changes", True, "每周都会更新"),
    ("预算不多。", "budget_low", True, "预算不多"),
    ("预算很充足。", "budget_low", False, "预算很充足"),
    # traditional Chinese
    ("我們不需要固定的輸出格式。", "needs_format", False, "格式"),
    ("對延遲沒有要求。", "low_latency", False, "延迟"),
    ("內容每天都會更新。", "knowledge_changes", True, "每天都会更新"),
    ("預算很緊張。", "budget_low", True, "预算很紧张"),
    # full-width letters
    ("ＪＳＯＮ 格式不是必须的。", "needs_format", False, "json"),
]


@pytest.mark.parametrize(("text", "name", "expected", "cue"), NEGATION)
def test_negation(text, name, expected, cue):
    check(text, name, expected, cue)


# ---------------------------------------------------------------- hedges, and how far a negation or hedge reaches


HEDGES = [
    ("Maybe later we'll want JSON output.", "needs_format", None),
    ("We might need low latency someday.", "low_latency", None),
    ("也许以后需要固定的输出格式。", "needs_format", None),
    ("可能需要实时的数据，还没想好。", "knowledge_changes", NOT_TRUE),
    pytest.param("說不定以後需要低延遲。", "low_latency", None),
    pytest.param("We're not sure yet whether the docs change often.", "knowledge_changes", NOT_TRUE),
]


@pytest.mark.parametrize(("text", "name", "expected"), HEDGES)
def test_hedge_states_no_need(text, name, expected):
    check(text, name, expected, None)


SCOPE = [
    # a hedge or a negation ends with its clause
    ("Maybe we'll add a voice UI later, but the answers must be JSON.", {"needs_format": True}),
    ("也许以后会加语音，但是回复必须是固定格式。", {"needs_format": True}),
    ("We're not on a tight budget, but latency matters a lot.", {"budget_low": False, "low_latency": True}),
    ("预算不是问题，但是延迟必须很低。", {"budget_low": False, "low_latency": True}),
    ("We don't need JSON; the knowledge changes every day.", {"needs_format": False, "knowledge_changes": True}),
    ("不需要固定格式，不过资料每天都在更新。", {"needs_format": False, "knowledge_changes": True}),
]


@pytest.mark.parametrize(("text", "expected"), SCOPE)
def test_negation_and_hedge_scope_is_the_clause(text, expected):
    s = read_situation(text)
    assert {name: getattr(s, name) for name in expected} == expected


# ---------------------------------------------------------------- units and magnitude words


COUNTS = [
    # English
    ("We have 3k labeled examples.", 3000, "3k"),
    ("We have 2,500 labeled comments.", 2500, "2,500"),
    ("About 1.5 million labeled rows.", 1_500_000, "1.5 million"),
    ("We have two thousand annotated samples.", 2000, "two thousand"),
    ("There are 2 billion labeled windows.", 2_000_000_000, "2 billion"),
    ("We have 5,000 labeled documents for a classifier.", 5000, "5,000"),  # labelled documents are training data
    # simplified Chinese
    ("我们有三千条标注数据。", 3000, "三千"),
    ("我们有两千五百条样本。", 2500, "两千五百"),
    ("标注了 5万 条数据。", 50_000, "5万"),
    ("有 100万条标注样本。", 1_000_000, "100万"),
    ("有一百万条标注好的对话。", 1_000_000, "一百万"),
    ("有一千万条标注数据。", 10_000_000, "一千万"),
    ("有 2千万条标注数据。", 20_000_000, "2千万"),
    ("有 3亿条标注语料。", 300_000_000, "3亿"),
    # traditional Chinese, full-width digits
    ("我們有三萬條標註資料。", 30_000, "三万"),
    ("我們有兩千條樣本。", 2000, "两千"),
    ("我们有３０００条标注数据。", 3000, "3000"),
    ("We have ３，０００ labeled examples.", 3000, "3,000"),
    # more ways to write a count
    ("We have 5K labeled examples.", 5000, "5k"),
    ("We have about 12k labelled examples.", 12_000, "12k"),
    ("有1.2万条标注数据。", 12_000, "1.2万"),
    ("有两万五千条标注数据。", 25_000, "两万五千"),
    ("大概三万五条标注样本。", 35_000, "三万五"),
]


@pytest.mark.parametrize(("text", "expected", "cue"), COUNTS)
def test_example_counts(text, expected, cue):
    check(text, "examples", expected, cue)


VAGUE = [
    ("有十几条示例。", 11, 19, "十几"),
    ("有上万条标注数据。", 10_000, 99_999, "上万"),
    ("有数十亿条标注数据。", 1e9, 1e11, "数十亿"),
    ("有几千条标注数据。", 1000, 9999, "几千"),
    ("我们有几百条标注数据。", 100, 999, "几百"),
    ("We have thousands of labeled examples.", 1000, 99_999, "thousands"),
    ("We have a few hundred labeled examples.", 100, 999, "hundred"),
    ("We have millions of labeled examples.", 1e6, 999e6, "millions"),
]


@pytest.mark.parametrize(("text", "low", "high", "cue"), VAGUE)
def test_vague_magnitudes(text, low, high, cue):
    value = read_situation(text).examples
    assert value is not None and low <= value <= high, (text, value)
    assert prepare(cue) in prepare(slots_of(text)["examples"].source)


NOT_EXAMPLES = [
    # a number that counts something other than training examples
    "We run 2 GPUs with 24 GB each.",
    "Our prompt has 5 examples in it.",
    "We get 3,000 calls per day.",
    "我们打算训练 3 轮。",
    "In 2023 we started collecting data.",
    "The model has 7B parameters and our data is messy.",
    "我们团队有 5 个人，数据还没整理。",
    "提示词里放了 8 个示例。",
    pytest.param("每条数据大约 500 个 token。"),
    pytest.param("我们想做一个问答助手。"),
    pytest.param("我们有一个 7B 模型和一些标注数据。"),
]


@pytest.mark.parametrize("text", NOT_EXAMPLES)
def test_other_counts_are_not_examples(text):
    assert read_situation(text).examples is None


DOCUMENTS = [
    "我们有三万份技术文档。",
    "We have 500 PDF manuals.",
    "About 1,200 pages of internal policies.",
    "我們有兩千篇產品文章。",
    "有 800 个文件的内部手册。",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_documents_are_knowledge_not_examples(text):
    s = read_situation(text)
    assert s.examples is None, (text, s.examples)
    assert s.documents is True


# ---------------------------------------------------------------- currencies


BUDGETS = [
    # (text, budget in dollars, budget as stated in yuan or None, cue)
    ("Our budget is $500.", 500, None, "500"),
    ("We can spend about 2k USD.", 2000, None, "2k"),
    ("Budget: 300 dollars.", 300, None, "300"),
    ("预算 500 美元。", 500, None, "500"),
    ("预算 5000 元。", 5000 / 7.2, 5000, "5000"),
    ("预算三千块。", 3000 / 7.2, 3000, "三千"),
    ("预算 2 万元。", 20_000 / 7.2, 20_000, "2 万"),
    ("The budget is 10,000 RMB.", 10_000 / 7.2, 10_000, "10,000"),
    ("預算兩萬元。", 20_000 / 7.2, 20_000, "两万"),
    ("预算５０００元。", 5000 / 7.2, 5000, "5000"),
    ("We have a €800 budget.", 800 * 1.08, None, "800"),
    ("A budget of 1,000 EUR.", 1000 * 1.08, None, "1,000"),
    ("预算 1000 欧元。", 1000 * 1.08, None, "1000"),
]


@pytest.mark.parametrize(("text", "usd", "rmb", "cue"), BUDGETS)
def test_budget_currencies(text, usd, rmb, cue):
    s = read_situation(text)
    assert s.budget_usd == pytest.approx(usd, rel=0.01), (text, s.budget_usd)
    assert (s.budget_rmb is None) if rmb is None else s.budget_rmb == pytest.approx(rmb), (text, s.budget_rmb)
    assert prepare(cue) in prepare(slots_of(text)["budget_usd"].source)


@pytest.mark.parametrize("text", ["我们有两块 4090 显卡。", "We have 3 GPUs and 2,000 labeled examples.",
                                  "一张卡 24G 显存。"])
def test_counts_of_cards_are_not_money(text):
    assert read_situation(text).budget_usd is None


# ---------------------------------------------------------------- deadlines vs everyday time words


SOON = ("today", "week")
DEADLINES = [
    ("We need it working by tomorrow.", SOON, "tomorrow"),
    ("We have to ship in 48 hours.", SOON, "48 hours"),
    ("The demo is this afternoon.", ("today",), "this afternoon"),
    ("We need a prototype in 2 weeks.", ("week",), "2 weeks"),
    ("We have three months before launch.", ("quarter",), "three months"),
    ("明天就要上线。", SOON, "明天"),
    ("下周要交付给客户。", ("week",), "下周"),
    ("今天下午就要给老板演示。", ("today",), "下午"),
    ("下个季度上线就行。", ("quarter",), "季度"),
    ("兩週內要交付。", ("week",), "两周"),
    ("我们需要在３天内上线。", ("week",), "3天"),
    ("We need it before the end of next week.", ("week",), "next week"),
    ("We must launch within 10 days.", ("week",), "10 days"),
    ("客户要求十天内交付。", ("week",), "十天"),
    ("It is not urgent; we have 6 months.", ("quarter",), "6 months"),
    ("我们不着急，半年内上线就行。", ("quarter",), "半年"),
    pytest.param("The deadline is Friday.", ("week",), "friday"),
]


@pytest.mark.parametrize(("text", "classes", "cue"), DEADLINES)
def test_deadlines(text, classes, cue):
    s = read_situation(text)
    assert s.deadline in classes, (text, s.deadline)
    assert prepare(cue) in prepare(slots_of(text)["deadline"].source)


NOT_DEADLINES = [
    "We want answers about today's stock prices.",
    "回答当天最新的新闻。",
    "Right now we use GPT-4.",
    "We get about 10,000 calls every day.",
    "我们每天有很多用户咨询。",
    "Yesterday our team labeled 500 examples.",
    pytest.param("We've been working on this for two weeks."),
    "我们上周已经标注了 500 条数据。",
    "It's a bot for tomorrow's weather forecast.",
    "每天更新的价格要能查到。",
]


@pytest.mark.parametrize("text", NOT_DEADLINES)
def test_everyday_time_words_are_not_deadlines(text):
    assert read_situation(text).deadline is None


# ---------------------------------------------------------------- privacy


PRIVACY = [
    ("The tickets contain PII we haven't anonymized.", True, "anonymized"),
    ("It is PII that we cannot anonymize.", True, "anonymize"),
    ("The records can't leave our premises.", True, "leave"),
    ("The patient notes must stay on-prem.", True, "on-prem"),
    ("We can't send customer data to OpenAI.", True, "openai"),
    ("数据里有身份证号，没法脱敏。", True, "没法脱敏"),
    pytest.param("不能把客户数据发给第三方。", True, "第三方"),
    ("客户数据未脱敏。", True, "未脱敏"),
    ("数据不允许出域。", True, "不允许出域"),
    ("病历不能上传到云端。", True, "上传"),
    ("資料不允許出域。", True, "不允许出域"),
    ("數據未脫敏。", True, "未脱敏"),
    ("The data has already been anonymized.", False, "anonymized"),
    ("数据已经脱敏了。", False, "脱敏"),
    ("No privacy concerns; it is all public data.", NOT_TRUE, None),
]


@pytest.mark.parametrize(("text", "expected", "cue"), PRIVACY)
def test_privacy(text, expected, cue):
    check(text, "privacy_blocked", expected, cue)


# ---------------------------------------------------------------- a new architecture or one's own foundation model


ARCHITECTURE = [
    ("We're designing a new model architecture.", True, "architecture"),
    ("We want to build our own foundation model.", True, "foundation model"),
    ("We'd like to pretrain an LLM from scratch on our own corpus.", True, "pretrain"),
    ("我们在设计一种全新的模型架构。", True, "架构"),
    ("想训练自己的基座大模型。", True, "基座"),
    ("我們想預訓練自己的基座模型。", True, "基座"),
    ("We'll fine-tune an existing open-source model.", NOT_TRUE, None),
    ("用现有的开源模型就行。", NOT_TRUE, None),
]


@pytest.mark.parametrize(("text", "expected", "cue"), ARCHITECTURE)
def test_new_architecture(text, expected, cue):
    check(text, "novel_architecture", expected, cue)


# ---------------------------------------------------------------- the source shows the user's own words


@pytest.mark.parametrize(("text", "name"), [
    ("We have 3,000 Labeled Examples.", "examples"),
    ("我们有三千条标注数据。", "examples"),
    pytest.param("我們有三萬條標註資料。", "examples"),
    pytest.param("預算很緊張。", "budget_low"),
])
def test_source_quotes_the_users_own_words(text, name):
    source = slots_of(text)[name].source

    def loose(s: str) -> str:  # compare ignoring case and width only, not the script
        return unicodedata.normalize("NFKC", s).casefold()

    assert loose(source) in loose(text), (text, source)
