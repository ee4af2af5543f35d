"""The rule table: every scenario, the thresholds, conflicts, clarifying questions, and traceability."""

import json
import re
import string
from collections import Counter
from pathlib import Path

import pytest

from bot.decide.rules import RULES, SUPPORTS, decide, recommend
from bot.messages import MESSAGES, t
from bot.types import LABELS
from bot.understand import Situation
from tests.situations import situation_from_history

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = [json.loads(line) for line in (ROOT / "tests/data/scenarios.jsonl").read_text("utf-8").splitlines() if line]
CORPUS = ROOT / "knowledge" / "corpus"
NOTES = {
    "approaches-overview.md", "quick-decision-guide.md", "finetuning-methods.md", "progressive-path.md",
    "costs-and-data-requirements.md", "four-way-comparison.md", "nine-questions.md", "finetuning-evidence.md",
    "ft-rag-icl-comparison.md", "prompt-vs-finetune-scenarios.md", "decision-tree.md", "when-to-finetune.md",
    "openai-finetuning-prices.md", "open-source-gpu-costs.md", "three-approaches-dimensions.md",
}
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_scenario_set_covers_every_label_in_both_languages():
    assert len(SCENARIOS) >= 40
    assert len({s["id"] for s in SCENARIOS}) == len(SCENARIOS)
    counts = Counter(s["label"] for s in SCENARIOS)
    assert all(counts[label] >= 2 for label in LABELS), counts
    assert {s["lang"] for s in SCENARIOS} == {"zh", "en"}


@pytest.mark.parametrize("case", SCENARIOS, ids=[s["id"] for s in SCENARIOS])
def test_scenario(case):
    situation = situation_from_history(case.get("history", []), case["q"])
    rec = recommend(situation, case["lang"])
    assert rec.label == case["label"], [r.text for r in rec.reasons]
    assert rec.reasons and rec.next_steps


@pytest.mark.parametrize(
    ("situation", "label"),
    [
        (Situation(examples=99), "prompt"),
        (Situation(examples=100), "lora"),
        (Situation(examples=10_000), "lora"),
        (Situation(examples=10_001, compute="ample"), "full_finetune"),
        (Situation(examples=10_001, compute="consumer"), "qlora"),
        (Situation(examples=10_001, compute="none"), "lora"),
        (Situation(examples=0), "prompt"),
        (Situation(examples=2_000_000, novel_architecture=True), "from_scratch"),
        (Situation(examples=2_000_000), "full_finetune"),
        (Situation(examples=2_000_000, novel_architecture=True, budget_usd=5000), "full_finetune"),
        (Situation(examples=3000, gpu_memory_gb=24), "qlora"),
        (Situation(examples=3000, model_size_b=70), "lora"),  # hardware unsaid: no single card to fit
        (Situation(examples=3000, model_size_b=70, gpu_count=1), "qlora"),
        (Situation(knowledge_changes=True), "rag"),
        (Situation(knowledge_changes=True, needs_format=True, examples=500), "hybrid"),
        (Situation(knowledge_changes=True, needs_format=True, examples=50), "rag"),
        (Situation(examples=3000, high_volume=True), "lora"),
        (Situation(long_prompt=True), "lora"),
        (Situation(examples=3000, multi_step=True), "lora"),
        (Situation(examples=3000, budget_usd=5), "prompt"),
        (Situation(examples=50_000, compute="ample", budget_usd=100), "lora"),
    ],
)
def test_thresholds(situation, label):
    assert recommend(situation, "en").label == label


@pytest.mark.parametrize(
    ("situation", "label", "loser"),
    [
        (Situation(examples=3000, privacy_blocked=True), "prompt", "lora"),  # privacy beats fine-tuning
        (Situation(examples=3000, privacy_blocked=True, documents=True), "rag", "lora"),
        (Situation(examples=3000, deadline="today"), "prompt", "lora"),  # "today" beats training
        (Situation(examples=50_000, compute="ample", deadline="today"), "prompt", "full_finetune"),
        (Situation(examples=3000, knowledge_changes=True), "rag", "lora"),  # changing knowledge beats fine-tuning alone
    ],
)
def test_conflicts_are_decided_and_reported(situation, label, loser):
    winner, aside = decide(situation)
    assert winner.label == label
    assert loser in {rule.label for rule in aside}
    rec = recommend(situation, "en")
    assert any(r.text.startswith("Set aside") for r in rec.reasons)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_clarifying_question_only_when_a_key_fact_is_missing(lang):
    assert recommend(Situation(), lang).clarify == t(lang, "q_examples")
    assert recommend(Situation(needs_format=True), lang).clarify == t(lang, "q_examples")
    assert recommend(Situation(examples=3000, domain_terms=True), lang).clarify == t(lang, "q_fresh")
    assert recommend(Situation(examples=50_000), lang).clarify == t(lang, "q_compute")
    assert recommend(Situation(examples=3000), lang).clarify is None
    assert recommend(Situation(examples=3000, privacy_blocked=True), lang).clarify is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_answers_in_the_requested_language(lang):
    rec = recommend(Situation(examples=3000, gpu_memory_gb=24, model_size_b=70), lang)
    texts = [r.text for r in rec.reasons] + list(rec.next_steps) + list(rec.change_if)
    if lang == "zh":
        assert all(HAN.search(x) for x in texts)
    else:
        assert not any(HAN.search(x) for x in texts)


def test_change_if_names_the_threshold():
    rec = recommend(Situation(examples=50), "en")
    assert any("100" in c and "LoRA" in c for c in rec.change_if)


def test_rules_are_data_with_known_labels_and_messages():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names)) and names[-1] == "default"
    for rule in RULES:
        assert rule.label in LABELS and rule.reasons
        for key, fact in rule.reasons:
            assert key in MESSAGES and fact in NOTES
        assert all(key in MESSAGES for key in rule.change_if)
    for sup in SUPPORTS:
        assert sup.key in MESSAGES and sup.fact in NOTES and sup.labels <= set(LABELS)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_both_languages_with_the_same_placeholders():
    for key, entry in MESSAGES.items():
        assert set(entry) == {"zh", "en"}, key
        assert _fields(entry["zh"]) == _fields(entry["en"]), key


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_reason_names_a_fact_file(lang):
    situations = [Situation(**json.loads(json.dumps(s))) for s in (
        {"examples": 5}, {"examples": 3000, "gpu_memory_gb": 24, "model_size_b": 70}, {"knowledge_changes": True},
        {"examples": 2_000_000, "novel_architecture": True}, {"privacy_blocked": True, "documents": True},
        {"budget_usd": 5}, {"budget_rmb": 10000, "budget_usd": 1388.89, "examples": 2000}, {"compute": "none"},
    )]
    for s in situations:
        for reason in recommend(s, lang).reasons:
            assert reason.fact in NOTES, reason
            if CORPUS.is_dir():
                assert (CORPUS / reason.fact).is_file(), reason.fact


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


@pytest.mark.skipif(not CORPUS.is_dir() or not any(CORPUS.glob("*.md")), reason="corpus notes not written yet")
def test_numbers_in_reason_texts_appear_in_their_note():
    """A reason's own figures (not the user's values in braces) must be in the note it cites."""
    pairs = [pair for rule in RULES for pair in rule.reasons] + [(s.key, s.fact) for s in SUPPORTS]
    missing = []
    for key, fact in set(pairs):
        note = (CORPUS / fact).read_text(encoding="utf-8").replace(",", "")
        note_numbers = _numbers(note)
        for lang in ("zh", "en"):
            static = re.sub(r"\{[^}]*\}", " ", MESSAGES[key][lang])
            missing += [(key, lang, n) for n in _numbers(static) if n not in note_numbers]
    assert missing == []


def test_a_hybrid_for_stable_documents_gives_the_documents_as_its_reason():
    docs = recommend(Situation(documents=True, needs_format=True, examples=6000), "en")
    fresh = recommend(Situation(knowledge_changes=True, needs_format=True, examples=6000), "en")
    assert docs.label == fresh.label == "hybrid"
    assert "documents" in docs.reasons[0].text and "changes often" not in docs.reasons[0].text
    assert "changes often" in fresh.reasons[0].text
