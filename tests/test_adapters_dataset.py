"""The advice dataset: deterministic, split, one parseable format, and no sentence of the source documents."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from tiny_models import stub_advisor

from adapters.dataset import (
    build_dataset,
    data_hash,
    format_advice,
    parse_advice,
    read_jsonl,
    texts,
    write_jsonl,
)
from adapters.situations import render_question
from bot.errors import BotError
from bot.types import LABELS, Reason, Recommendation

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


def seed_lines(min_chars: int = 24) -> set[str]:
    lines = set()
    for f in SEEDS.glob("*.txt"):
        lines |= {ln.strip() for ln in f.read_text(encoding="utf-8").splitlines() if len(ln.strip()) >= min_chars}
    return lines


def real_advisor():
    try:
        from adapters.dataset import default_advisor

        return default_advisor()
    except BotError as exc:
        pytest.skip(f"the rule-based advisor is not available: {exc}")


def test_same_seed_same_data_other_seed_other_data():
    a = build_dataset(120, seed=3, val_fraction=0.2, advisor=stub_advisor)
    b = build_dataset(120, seed=3, val_fraction=0.2, advisor=stub_advisor)
    c = build_dataset(120, seed=4, val_fraction=0.2, advisor=stub_advisor)
    assert a == b and data_hash(*a) == data_hash(*b)
    assert data_hash(*a) != data_hash(*c)


def test_split_sizes_languages_and_distinct_questions():
    train, val = build_dataset(200, seed=0, val_fraction=0.1, advisor=stub_advisor)
    assert (len(train), len(val)) == (180, 20)
    records = train + val
    assert {r["lang"] for r in records} == {"zh", "en"}
    assert sum(r["lang"] == "zh" for r in records) == 100
    assert len({r["question"] for r in records}) == 200 and len({r["id"] for r in records}) == 200
    assert len({r["label"] for r in records}) >= 3  # the templates vary the situation enough to move the label


@pytest.mark.parametrize("lang,first", [("en", "Recommendation: "), ("zh", "建议：")])
def test_every_answer_is_in_the_advice_format(lang, first):
    train, val = build_dataset(60, seed=1, advisor=stub_advisor)
    for record in (r for r in train + val if r["lang"] == lang):
        assert record["answer"].startswith(first + record["label"] + "\n")
        assert len(record["answer"].splitlines()) == 5
        parsed = parse_advice(record["answer"])
        assert parsed is not None and parsed.label == record["label"]
        assert parsed.sources == "decision-notes.md"


def test_format_keeps_two_reasons_on_one_line_and_costs_every_label():
    rec = Recommendation("qlora", tuple(Reason(f"reason {i}.", f"n{i % 2}.md") for i in range(5)), ("a。", "b"))
    text = format_advice(rec, "en")
    assert "Why: reason 0; reason 1\nNext steps: a; b\n" in text and "reason 2" not in text
    assert text.endswith("Sources: n0.md, n1.md")
    for label in LABELS:
        assert parse_advice(format_advice(Recommendation(label, ()), "zh")).label == label


@pytest.mark.parametrize("reply", [
    "Recommendation: lora\nWhy: x\nNext steps: y\nCost: z",  # a field missing
    "Recommendation: magic\nWhy: x\nNext steps: y\nCost: z\nSources: s",  # unknown label
    "I think you should use LoRA.",
    "",
])
def test_parse_advice_rejects_replies_off_the_format(reply):
    assert parse_advice(reply) is None


def test_parse_advice_tolerates_markdown_colons_and_label_spelling():
    reply = "**Recommendation:** Full fine-tune\n- Why: a\n- Next steps: b\n- Cost: c\n- Sources: d.md\nextra"
    assert parse_advice(reply).label == "full_finetune"
    assert parse_advice("建议: rag\n原因：a\n下一步：b\n成本：c\n来源：d").label == "rag"


def test_jsonl_round_trip_keeps_the_hash(tmp_path):
    train, val = build_dataset(30, seed=2, advisor=stub_advisor)
    write_jsonl(train, tmp_path / "train.jsonl")
    write_jsonl(val, tmp_path / "val.jsonl")
    assert data_hash(read_jsonl(tmp_path / "train.jsonl"), read_jsonl(tmp_path / "val.jsonl")) == data_hash(train, val)
    with pytest.raises(BotError, match="cannot read the dataset"):
        read_jsonl(tmp_path / "missing.jsonl")


def test_bad_sizes_are_refused():
    with pytest.raises(BotError, match="at least 2"):
        build_dataset(1, advisor=stub_advisor)
    with pytest.raises(BotError, match="val_fraction"):
        build_dataset(10, val_fraction=1.0, advisor=stub_advisor)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="source documents not present")
def test_no_seed_line_appears_in_questions_or_answers():
    lines = seed_lines()
    assert lines
    train, val = build_dataset(400, seed=0, advisor=stub_advisor)
    corpus = "\n".join(texts(train + val))
    rng = random.Random(0)
    corpus += "\n".join(render_question(rng, lang) for lang in ("zh", "en") * 200)
    assert [line for line in lines if line in corpus] == []


def test_real_advisor_dataset_is_deterministic_parseable_and_clean():
    advisor = real_advisor()
    train, val = build_dataset(300, seed=0, val_fraction=0.1, advisor=advisor)
    assert data_hash(train, val) == data_hash(*build_dataset(300, seed=0, val_fraction=0.1, advisor=advisor))
    for record in train + val:
        assert parse_advice(record["answer"]).label == record["label"]
    assert len({r["label"] for r in train + val}) >= 4
    if SEEDS.is_dir():
        corpus = "\n".join(texts(train + val))
        assert [line for line in seed_lines() if line in corpus] == []


def test_own_questions_come_first_and_generators_fill_the_rest(tmp_path):
    from adapters.dataset import read_questions

    path = write_jsonl([
        {"text": "we have 800 labelled tickets and want our tone", "lang": "en", "intent": "situation"},
        {"text": "how do I bake bread", "lang": "en", "intent": "off_topic"},  # not a situation: left out
        {"q": "我们有三千条客服对话，想学公司语气", "lang": "zh"},
    ], tmp_path / "own.jsonl")
    questions = read_questions(path)
    assert [q for q, _ in questions] == ["we have 800 labelled tickets and want our tone", "我们有三千条客服对话，想学公司语气"]
    train, val = build_dataset(20, seed=0, val_fraction=0.1, advisor=stub_advisor, questions=questions)
    asked = {r["question"] for r in train + val}
    assert len(asked) == 20 and {q for q, _ in questions} <= asked
    bad = write_jsonl([{"text": "no language here"}], tmp_path / "bad.jsonl")
    with pytest.raises(BotError, match="line 1"):
        read_questions(bad)
