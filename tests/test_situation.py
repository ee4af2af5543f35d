"""Situation extraction from plain strings, in both languages; merging and follow-ups."""

import pytest

from bot.understand import Situation
from bot.understand.numbers import en_number, fmt_number, quantities, zh_numeral
from tests.situations import extract_situation, merge, situation_from_history


@pytest.mark.parametrize(
    ("lang", "text", "field", "expected"),
    [
        ("zh", "我们有3000条标注数据", "examples", 3000),
        ("en", "We have about 1,200 labeled support tickets", "examples", 1200),
        ("zh", "有 5万条客服对话", "examples", 50_000),
        ("zh", "我们有50万条数据", "examples", 500_000),
        ("en", "two thousand examples", "examples", 2000),
        ("en", "1.2k examples", "examples", 1200),
        ("zh", "一千二百条样本", "examples", 1200),
        ("zh", "有 5千条医疗问答对", "examples", 5000),
        ("en", "exactly 100 examples", "examples", 100),
        ("en", "We have no data at all", "examples", 0),
        ("zh", "我们完全没有标注数据", "examples", 0),
        ("en", "I've got around 600 hand-labeled emails", "examples", 600),
        ("en", "We have tens of thousands of labeled examples", "examples", 30_000),
        ("zh", "有几百万条数据", "examples", 2_000_000),
        ("zh", "我有一张 24GB 显存的卡", "gpu_memory_gb", 24.0),
        ("en", "we only have a 4090", "gpu_memory_gb", 24.0),
        ("en", "one RTX 3090", "gpu_memory_gb", 24.0),
        ("en", "A100 80GB", "gpu_memory_gb", 80.0),
        ("en", "8x A100", "gpu_count", 8),
        ("zh", "两张 4090", "gpu_count", 2),
        ("en", "fine-tune a 70B model", "model_size_b", 70.0),
        ("en", "Llama-3-8B", "model_size_b", 8.0),
        ("zh", "700亿参数的模型", "model_size_b", 70.0),
        ("en", "our budget is $100", "budget_usd", 100.0),
        ("zh", "预算只有 100 美元", "budget_usd", 100.0),
        ("zh", "预算 1万元", "budget_rmb", 10_000.0),
        ("en", "we need it today", "deadline", "today"),
        ("en", "by this afternoon", "deadline", "today"),
        ("zh", "今天就要", "deadline", "today"),
        ("zh", "本周上线", "deadline", "week"),
        ("en", "results this quarter", "deadline", "quarter"),
        ("en", "knowledge changes every week", "knowledge_changes", True),
        ("zh", "知识每周更新", "knowledge_changes", True),
        ("zh", "需要实时数据", "knowledge_changes", True),
        ("en", "our knowledge rarely changes", "knowledge_changes", False),
        ("en", "answers must be strict JSON", "needs_format", True),
        ("zh", "要保持品牌语气", "needs_format", True),
        ("en", "medical terminology", "domain_terms", True),
        ("zh", "法律合同", "domain_terms", True),
        ("en", "records that cannot be anonymized", "privacy_blocked", True),
        ("zh", "数据无法脱敏", "privacy_blocked", True),
        ("zh", "数据已经脱敏", "privacy_blocked", False),
        ("en", "millions of calls per day", "high_volume", True),
        ("zh", "每天几百万次调用", "high_volume", True),
        ("en", "our prompt has 800 tokens of few-shot examples", "long_prompt", True),
        ("en", "we need low latency", "low_latency", True),
        ("zh", "实时对话系统需要低延迟", "low_latency", True),
        ("en", "multi-step reasoning with chain of thought", "multi_step", True),
        ("zh", "需要多步骤推理", "multi_step", True),
        ("en", "a new architecture for a foundation model", "novel_architecture", True),
        ("zh", "研发基础模型", "novel_architecture", True),
        ("zh", "不打算设计新架构", "novel_architecture", False),
        ("en", "we have no GPU", "compute", "none"),
        ("en", "a GPU cluster", "compute", "ample"),
        ("zh", "只有一张消费级显卡", "compute", "consumer"),
        ("en", "4-bit quantization is acceptable", "four_bit_ok", True),
    ],
)
def test_extracts_field(lang, text, field, expected):
    assert getattr(extract_situation(text, lang), field) == expected


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("our prompt has 5 examples and 800 tokens", "examples"),  # prompt shots are not training data
        ("a 24GB card", "examples"),
        ("fine-tune a 70B model", "examples"),
        ("our budget is $100", "examples"),
        ("实时对话系统", "knowledge_changes"),  # real-time dialogue is latency, not fresh knowledge
        ("3000 documents", "examples"),
        ("100 GB of text data", "gpu_memory_gb"),
        ("24GB 显存", "budget_usd"),
    ],
)
def test_does_not_misread(text, field):
    assert getattr(extract_situation(text), field) in (None, False)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_empty_text_gives_empty_situation(lang):
    assert extract_situation("", lang) == Situation()
    assert extract_situation("   \u200b ", lang).known() == {}


def test_known_lists_only_set_fields():
    s = Situation(examples=0, needs_format=False)
    assert s.known() == {"examples": 0, "needs_format": False}


def test_merge_later_wins_and_keeps_earlier():
    earlier = Situation(examples=5000, needs_format=True)
    later = Situation(examples=50)
    merged = merge(earlier, later)
    assert merged.examples == 50 and merged.needs_format is True


@pytest.mark.parametrize(
    ("lang", "history", "question", "field", "expected"),
    [
        ("en", ["We have 5,000 labeled examples and want a consistent tone."], "And if we only had 50 examples?",
         "examples", 50),
        ("zh", ["我们有 5 万条标注数据, 8 张 A100"], "那如果预算只有 100 美元呢?", "budget_usd", 100.0),
    ],
)
def test_follow_up_updates_earlier_turns(lang, history, question, field, expected):
    s = situation_from_history(history, question)
    assert getattr(s, field) == expected
    assert s.known().keys() > {field}  # earlier facts are still there


def test_rmb_budget_is_converted():
    s = extract_situation("预算 1万元")
    assert s.budget_rmb == 10_000 and abs(s.budget_usd - 10_000 / 7.2) < 0.01


@pytest.mark.parametrize(("text", "value"), [("三千", 3000), ("五十万", 500_000), ("一千二百", 1200), ("两万", 20_000)])
def test_zh_numerals(text, value):
    assert zh_numeral(text) == value


@pytest.mark.parametrize(("text", "value"), [("two thousand", 2000), ("twelve hundred", 1200), ("a million", 1_000_000)])
def test_en_number_words(text, value):
    assert en_number(text) == value


def test_quantities_and_formatting():
    values = [q.value for q in quantities("3,000 and 1.2k and 5万 and 2M")]
    assert values == [3000, 1200, 50_000, 2_000_000]
    assert fmt_number(1388.888) == "1,389" and fmt_number(0.5) == "0.5"
    assert quantities("9" * 40) == []  # absurd digit runs are ignored, not overflowed


@pytest.mark.parametrize("text,expected", [
    ("Traffic is around 50 queries per day.", False),
    ("每天大约 50 次调用", False),
    ("We serve 2,000,000 requests per day", True),
    ("每天几百万次调用", True),
    ("We get 300 calls per second at peak", True),
])
def test_call_volume_depends_on_the_stated_count(text, expected):
    assert extract_situation(text).high_volume is expected
