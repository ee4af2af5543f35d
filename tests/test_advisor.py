"""The composed answers: factual quotes, no invented numbers, prompt-only mode, follow-ups, odd input."""

import re

import pytest

from bot.read.sentences import best_quote, builtin_fact, split_sentences
from bot.respond import Draft
from bot.understand import understand
from knowledge.types import Chunk, Hit
from tests.helpers import advise

ZH_LORA = Chunk(1, "## LoRA 低秩适配\nLoRA 是一种比全量微调更省资源的方法。LoRA 可把显存需求降低约 90%;训练也更快。",
                "finetuning-methods.md", "微调的几种方法 | Fine-tuning methods", 0, "zh")
EN_QLORA = Chunk(2, "QLoRA stands for Quantized LoRA. QLoRA uses 4-bit quantization, so it can run on consumer GPUs; "
                 "the price is slightly lower accuracy.", "finetuning-methods.md", "微调的几种方法 | Fine-tuning methods", 1, "en")
EN_PHI = Chunk(3, "Two published results show the effect of fine-tuning. After fine-tuning, Phi-2's accuracy on financial "
               "data analysis rose from 34% to 85%. ChatGPT improved by 25 percentage points on sentiment analysis.",
               "finetuning-evidence.md", "微调的收益 | What fine-tuning delivers", 2, "en")
ZH_DATA = Chunk(4, "微调的数据要求分三档:微调最少需要 50-100 个示例,有 500-1,000 个示例更好,有 5,000 个以上示例最好。"
                "从零训练最少需要 1M+ 个示例。", "costs-and-data-requirements.md", "成本与数据要求 | Costs and data", 3, "zh")
EN_TREE = Chunk(5, "When the need is domain expertise, the decision tree picks the method by the amount of data: fewer than "
                "100 examples, fall back to prompt engineering; between 100 and 10,000 examples, use LoRA fine-tuning.",
                "decision-tree.md", "决策树 | The decision tree", 4, "en")
DISTRACTOR = Chunk(6, "Prompt engineering is fairly simple to implement, with low complexity. RAG needs more effort.",
                   "four-way-comparison.md", "四种方法 | Four approaches", 5, "en")


def hits(*chunks: Chunk) -> list[Hit]:
    return [Hit(chunk=c, score=0.5 - 0.01 * i) for i, c in enumerate(chunks)]


def numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in re.findall(r"\d+(?:[.,]\d+)*", text)}


def assert_numbers_quoted(draft: Draft) -> None:
    quoted = " ".join(h.chunk.text for h in draft.quoted)
    assert draft.quoted
    assert numbers(draft.text) <= numbers(quoted), (draft.text, quoted)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("question", "chunks", "expected"),
    [
        ("how much memory does LoRA save?", (DISTRACTOR, ZH_LORA), "90"),
        ("LoRA 能节省多少显存?", (DISTRACTOR, ZH_LORA), "90"),
        ("QLoRA 用几位量化?", (DISTRACTOR, EN_QLORA), "4"),
        ("How many bits does QLoRA quantize to?", (EN_QLORA, DISTRACTOR), "4"),
        ("微调需要多少示例?", (DISTRACTOR, ZH_DATA, EN_TREE), "50"),
        ("what did Phi-2 reach on financial analysis?", (DISTRACTOR, EN_PHI), "85"),
    ],
)
def test_factual_answer_quotes_the_passage(lang, question, chunks, expected):
    draft = advise(question, lang, hits(*chunks), rag=True)
    assert draft.kind == "factual" and draft.recommendation is None
    assert expected in numbers(draft.text)
    assert_numbers_quoted(draft)
    assert DISTRACTOR not in [h.chunk for h in draft.quoted]


def test_cross_language_quote_is_explained_in_the_question_language():
    en = advise("how much memory does LoRA save?", "en", hits(ZH_LORA), rag=True)
    assert "(in Chinese)" in en.text and "«" in en.text and "memory" in en.text
    zh = advise("QLoRA 用几位量化?", "zh", hits(EN_QLORA), rag=True)
    assert "英文" in zh.text and "量化" in zh.text


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("question", ["What is the capital of France?", "how tall is the Eiffel tower in 1889?",
                                      "法国的首都是哪里?", "明朝有几位皇帝?"])
def test_unknown_topic_invents_no_numbers(lang, question):
    for given in ([], hits(ZH_LORA, EN_PHI)):
        draft = advise(question, lang, given, rag=True)
        assert draft.quoted == ()
        assert numbers(draft.text) <= numbers(question), draft.text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_factual_with_no_hits_says_so(lang):
    draft = advise("how much memory does LoRA save?", lang, [], rag=True)
    assert draft.quoted == () and not numbers(draft.text)
    assert ("nothing" in draft.text) if lang == "en" else ("没有" in draft.text)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_prompt_only_mode(lang):
    fact = advise("how much memory does LoRA save?", lang, hits(ZH_LORA), rag=False)
    assert fact.quoted == () and "90" in fact.text and "finetuning-methods.md" in fact.text
    assert ("prompt-only" in fact.text) if lang == "en" else ("仅提示" in fact.text)
    none = advise("What is ICL good for?", lang, [], rag=False)
    assert ("switch RAG on" in none.text) if lang == "en" else ("打开 RAG" in none.text)
    situation = advise("We have 3000 labeled examples; what should we do?", lang, hits(EN_TREE), rag=False)
    assert situation.kind == "situation" and situation.recommendation.label == "lora" and situation.quoted == ()


def test_builtin_facts():
    assert builtin_fact("QLoRA 用几位量化?")[0] == "bf_qlora_bits"
    assert builtin_fact("微调需要多少示例?")[0] == "bf_min_examples"
    assert builtin_fact("what did Phi-2 reach?")[0] == "bf_phi2"
    assert builtin_fact("what is the weather?") is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_situation_answer_structure(lang):
    draft = advise("We have 3000 labeled examples and need a consistent brand voice. What should we do?", lang,
                   hits(EN_TREE, DISTRACTOR, ZH_LORA), rag=True)
    assert draft.kind == "situation" and draft.recommendation.label == "lora"
    assert "decision-tree.md" in draft.text and "3,000" in draft.text
    assert draft.recommendation.next_steps[0] in draft.text
    assert draft.quoted and set(h.chunk for h in draft.quoted) <= {EN_TREE, DISTRACTOR, ZH_LORA}
    if lang == "zh":
        assert "建议" in draft.text
    else:
        assert "Recommendation: LoRA fine-tuning" in draft.text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_clarifying_question_is_asked(lang):
    draft = advise("Should I fine-tune or use prompts?", lang, [], rag=True)
    assert draft.recommendation.label == "prompt" and draft.recommendation.clarify
    assert draft.recommendation.clarify in draft.text


@pytest.mark.parametrize(
    ("lang", "first", "follow_up", "before", "after"),
    [
        ("en", "We have 5,000 labeled examples and want a consistent tone in replies.", "And if we only had 50 examples?",
         "lora", "prompt"),
        ("zh", "我们有 5 万条标注数据, 8 张 A100, 想做领域模型", "那如果预算只有 100 美元呢?", "full_finetune", "lora"),
        ("zh", "我们有 3000 条标注数据,想统一回复格式", "那如果知识每周都会更新呢?", "lora", "hybrid"),
    ],
)
def test_two_turn_follow_up(lang, first, follow_up, before, after):
    assert advise(first, lang, [], rag=True).recommendation.label == before
    draft = advise(follow_up, lang, [], rag=True, history=[first])
    assert draft.kind == "situation" and draft.recommendation.label == after
    assert draft.understanding.situation.examples is not None  # carried over from the first turn


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("text", "kind"),
    [("", "empty"), ("   ", "empty"), ("😀🎉", "empty"), ("\u200b\u200b\u2060", "empty"), ("hi", "meta"),
     ("你好", "meta"), ("x" * 100_000, "off_topic"), ("Bonjour, pourriez-vous m'aider à choisir une méthode ?", "off_topic"),
     ("ファインチューニングとプロンプト、どちらがいいですか?", "off_topic")],
)
def test_odd_input_gets_a_short_helpful_reply(lang, text, kind):
    draft = advise(text, lang, [], rag=True)
    assert draft.kind == kind and draft.text.strip() and draft.recommendation is None
    assert len(draft.text) < 1500
    if lang == "zh":
        assert re.search(r"[\u4e00-\u9fff]", draft.text)


def test_bad_language_falls_back_to_english():
    draft = advise("hello", "fr", [], rag=True)  # type: ignore[arg-type]
    assert draft.kind == "meta" and "Hello" in draft.text


def test_intent_classes():
    assert understand("How much memory does LoRA save?").intent == "factual"
    assert understand("We have 3000 examples, which approach?").intent == "situation"
    assert understand("estimate gpt-4o-mini cost for 1000 examples of 500 tokens").intent == "cost"
    assert understand("hello!").intent == "meta"
    assert understand("🙂").intent == "empty"
    assert understand("what's the weather like?", relevant=False).intent == "off_topic"


def test_sentence_splitting_skips_headings_and_diagrams():
    text = "## Heading\n```mermaid\nflowchart TD\n  a --> b\n```\nFirst sentence here. Second one follows!\n| --- | --- |"
    assert split_sentences(text) == ["First sentence here.", "Second one follows!"]


def test_best_quote_prefers_numbers_for_quantity_questions():
    q = best_quote("how much memory does LoRA save?", hits(ZH_LORA), "en")
    assert q is not None and "90" in q.sentence
