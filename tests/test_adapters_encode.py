"""Answer-only loss, BOS handling, users' own training files and the second question generator."""

from __future__ import annotations

import json
import random

import pytest

torch = pytest.importorskip("torch")

from adapters.encode import IGNORE, answer_loss, batches, encode_chat, mean_loss, prompt_text  # noqa: E402
from adapters.examples import ChatExample, from_advice, read_train_file, split  # noqa: E402
from bot.backends.prompting import bos_prefix  # noqa: E402
from bot.errors import InputError  # noqa: E402
from tests.tiny_models import tiny_model, tiny_tokenizer  # noqa: E402

RECORDS = [
    {"question": "We have 5,000 labelled examples and one 24GB GPU. Should we fine-tune?", "lang": "en",
     "answer": "Recommendation: qlora\nWhy: one GPU\nNext steps: train\nCost: low\nSources: notes.md"},
    {"question": "我们有五千条标注数据和一张显卡,应该微调吗?", "lang": "zh",
     "answer": "建议：lora\n原因：数据够\n下一步：训练\n成本：中\n来源：notes.md",
     "passages": [{"source": "notes.md", "title": "Notes", "text": "LoRA trains a small adapter."}]},
]


@pytest.mark.parametrize("kind", ["gemma3", "qwen2"])
def test_answer_loss_equals_the_models_own_loss(kind):
    tokenizer = tiny_tokenizer(chat=False, bos=kind == "gemma3")
    model = tiny_model(tokenizer, kind)
    examples = [encode_chat(from_advice(r), tokenizer, 256) for r in RECORDS]
    batch = next(batches(examples, 2, tokenizer.pad_token_id))
    loss, n = answer_loss(model, batch)
    assert n == int((batch["labels"][:, 1:] != IGNORE).sum()) > 0
    assert loss.item() == pytest.approx(model(**batch).loss.item(), rel=1e-4)
    loss.backward()  # gradients flow through the answer positions
    assert model.get_input_embeddings().weight.grad.abs().sum() > 0


def test_mean_loss_weights_by_answer_tokens():
    tokenizer = tiny_tokenizer(chat=False)
    model = tiny_model(tokenizer)
    examples = [encode_chat(from_advice(r), tokenizer, 256) for r in RECORDS]
    each = [mean_loss(model, [e], 1, tokenizer.pad_token_id, "cpu") for e in examples]
    counts = [sum(1 for y in e[1][1:] if y != IGNORE) for e in examples]
    both = mean_loss(model, examples, 2, tokenizer.pad_token_id, "cpu")
    assert both == pytest.approx(sum(x * c for x, c in zip(each, counts, strict=True)) / sum(counts), rel=1e-4)


def test_plain_prompts_start_with_bos_when_the_tokenizer_uses_one():
    with_bos, without = tiny_tokenizer(chat=False, bos=True), tiny_tokenizer(chat=False)
    assert bos_prefix(with_bos) == "<bos>" and bos_prefix(without) == ""
    example = from_advice(RECORDS[0])
    ids, labels = encode_chat(example, with_bos, 256)
    assert ids[0] == with_bos.bos_token_id and ids.count(with_bos.bos_token_id) == 1
    assert prompt_text(example, without).startswith("System:")


def test_prompt_style_bare_leaves_the_system_prompt_out():
    tokenizer = tiny_tokenizer(chat=False)
    full, bare = from_advice(RECORDS[1]), from_advice(RECORDS[1], 10, include_system=False)
    assert full.messages[0][0] == "system" and [r for r, _ in bare.messages] == ["user"]
    assert "LoRA train…" in bare.messages[0][1]  # passages cut to max_passage_chars
    assert len(encode_chat(bare, tokenizer, 512)[0]) < len(encode_chat(full, tokenizer, 512)[0])


def test_long_prompts_lose_their_start_never_the_answer():
    tokenizer = tiny_tokenizer(chat=False)
    example = ChatExample((("user", "words " * 400),), "Recommendation: lora")
    ids, labels = encode_chat(example, tokenizer, 64)
    answer = [y for y in labels if y != IGNORE]
    assert len(ids) == 64 and tokenizer.decode(answer).startswith(" Recommendation: lora")


def test_train_file_reads_chat_and_prompt_response_lines(tmp_path):
    path = tmp_path / "mine.jsonl"
    rows = [{"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi?"},
                          {"role": "assistant", "content": "Hello."}]},
            {"prompt": "2+2?", "response": "4"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    examples = read_train_file(path)
    assert examples[0] == ChatExample((("system", "Be brief."), ("user", "Hi?")), "Hello.")
    assert examples[1] == ChatExample((("user", "2+2?"),), "4")
    train, val = split(examples, 0.5, seed=0)
    assert len(train) == len(val) == 1 and set(train + val) == set(examples)


@pytest.mark.parametrize("line, message", [
    ("not json", "line 1: Expecting value"),
    ('{"messages": [{"role": "user", "content": "x"}]}', "line 1: \"messages\" must be a list of at least"),
    ('{"messages": [{"role": "user", "content": "x"}, {"role": "user", "content": "y"}]}',
     "line 1: the last message must be a non-empty assistant answer"),
    ('{"messages": [{"role": "bot", "content": "x"}, {"role": "assistant", "content": "y"}]}',
     "line 1: every message needs \"role\""),
    ('{"prompt": "x"}', 'line 1: expected {"messages": [...]} or non-empty string "prompt" and "response"'),
    ("[1, 2]", "line 1: expected a JSON object"),
])
def test_bad_train_file_lines_are_named(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(line + '\n{"prompt": "a", "response": "b"}\n{"prompt": "c", "response": "d"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="bad lines") as err:
        read_train_file(path)
    assert message in str(err.value)


def test_train_file_needs_two_examples_and_must_exist(tmp_path):
    with pytest.raises(InputError, match="cannot read the training file"):
        read_train_file(tmp_path / "missing.jsonl")
    one = tmp_path / "one.jsonl"
    one.write_text('{"prompt": "a", "response": "b"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="needs at least 2 examples"):
        read_train_file(one)


def test_casual_generator_is_seeded_bilingual_and_unlike_the_templates():
    from adapters.phrasings import render_casual
    from adapters.situations import CLOSERS, OPENERS

    def batch(seed):
        rng = random.Random(seed)
        return [render_casual(rng, lang) for lang in ("en", "zh") * 50]

    questions = batch(3)
    assert questions == batch(3) and questions != batch(4)
    assert len(set(questions)) > 90
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in q) for q in questions[1::2])
    stock = [s.split("{")[0] for lang in ("en", "zh") for s in OPENERS[lang] if s.split("{")[0]]
    stock += [c for lang in ("en", "zh") for c in CLOSERS[lang]]
    assert not any(s in q for q in questions for s in stock)


def test_prompt_style_reading_shows_the_facts_read_before_the_question():
    from adapters.dataset import reading_of

    record = {**RECORDS[0], "reading": reading_of(RECORDS[0]["question"])}
    assert "examples=5000" in record["reading"] and "gpu_memory_gb=24" in record["reading"]
    shown = from_advice(record, include_system=False, include_reading=True)
    assert [r for r, _ in shown.messages] == ["user"]
    assert shown.messages[0][1].startswith("Read: examples=5000") and shown.messages[0][1].endswith(record["question"])
    assert "Read:" not in from_advice(record, include_system=False).messages[0][1]
