"""`python -m bot ask` (single and --batch JSONL) and `chat`: the JSON contract other tools read."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIELDS = {"id", "question", "language", "answer", "recommendation", "reasons", "sources", "mode", "timings_ms",
          "backend"}


def run(args, tmp, stdin=None):
    env = dict(os.environ, ADVISOR_EMBEDDER="hashing-128", ADVISOR_DATA_DIR=str(tmp / "data"), HF_HUB_OFFLINE="1",
               ADVISOR_MIN_DENSE="0.2")
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=ROOT, env=env,
                          input=stdin, timeout=300)


@pytest.fixture(scope="module")
def tmp(tmp_path_factory):
    return tmp_path_factory.mktemp("cli")


def test_batch_contract_one_object_per_line(tmp):
    lines = [
        {"id": "a", "q": "我们有3000条标注数据,需要固定的JSON格式"},
        {"id": 2, "q": "How much GPU memory does LoRA save?"},
        {"id": "c", "q": "estimate the training cost of gpt-4o-mini on 2,000 examples of 400 tokens for 3 epochs"},
    ]
    batch = tmp / "in.jsonl"
    batch.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\nnot json\n\n", encoding="utf-8")
    out = run(["ask", "--batch", str(batch), "--json"], tmp)
    assert out.returncode == 0, out.stderr
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    assert len(rows) == 4
    for row, src in zip(rows, lines, strict=False):
        assert FIELDS <= set(row)
        assert row["id"] == src["id"] and row["question"] == src["q"]
        assert set(row["timings_ms"]) == {"retrieve", "generate", "total"}
        assert row["mode"]["rag"] is True
        assert all(set(s) == {"source", "title", "text", "score"} for s in row["sources"])
    assert rows[0]["language"] == "zh" and rows[0]["recommendation"] in ("lora", "qlora", "hybrid")
    assert rows[0]["reasons"]
    assert rows[1]["language"] == "en" and rows[1]["recommendation"] is None and rows[1]["sources"]
    assert "$7.20" in rows[2]["answer"]
    assert rows[3]["id"] is None and "not JSON" in rows[3]["error"]


def test_single_question_no_rag_json(tmp):
    out = run(["ask", "We have 20 examples and need results today", "--no-rag", "--json"], tmp)
    assert out.returncode == 0, out.stderr
    row = json.loads(out.stdout)
    assert row["recommendation"] == "prompt" and row["sources"] == [] and row["mode"]["name"] == "prompt"
    assert row["backend"] == "template"  # the built-in advisor wrote the text


def test_no_question_is_a_clear_error(tmp):
    out = run(["ask"], tmp)
    assert out.returncode == 2 and out.stderr.startswith("error:") and "Traceback" not in out.stderr


def test_chat_keeps_the_conversation(tmp):
    out = run(["chat"], tmp, stdin="We have 3,000 labeled examples and need our brand voice.\n"
                                   "And if we only had 50 examples?\n\n")
    assert out.returncode == 0, out.stderr
    assert "LoRA" in out.stdout and "Prompt engineering" in out.stdout


@pytest.mark.skipif(shutil.which("advisor", path=str(Path(sys.executable).parent)) is None,
                    reason="console script not installed (pip install -e .)")
def test_console_script_matches_module(tmp):
    exe = shutil.which("advisor", path=str(Path(sys.executable).parent))
    out = subprocess.run([exe, "ask", "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "--batch" in out.stdout


def test_ask_json_carries_the_situation_read_and_set_corrects_it(tmp):
    q = "我们有 3000 条标注好的客服对话，想让模型学会公司的回复语气，预算不多"
    out = run(["ask", q, "--no-rag", "--json"], tmp)
    row = json.loads(out.stdout)
    assert row["intent"] == "situation" and row["backend"] == "template"
    assert row["situation"]["examples"]["value"] == 3000 and "3000" in row["situation"]["examples"]["from"]
    assert row["recommendation"] in ("lora", "qlora")  # a vague budget never turns 3,000 examples into prompting
    edited = json.loads(run(["ask", q, "--no-rag", "--json", "--set", "examples=40"], tmp).stdout)
    assert edited["recommendation"] == "prompt" and edited["situation"]["examples"]["value"] == 40
    assert "3,000 → 40" in edited["answer"]
    bad = run(["ask", q, "--no-rag", "--set", "examples=many"], tmp)
    assert bad.returncode == 2 and "examples must be a number" in bad.stderr
    unknown = run(["ask", q, "--no-rag", "--set", "colour=red"], tmp)
    assert unknown.returncode == 2 and "unknown slot 'colour'" in unknown.stderr


def test_batch_lines_carry_history_or_messages(tmp):
    lines = [
        {"id": "h", "history": [["We have 5,000 labeled examples and want a consistent tone.", "..."]],
         "q": "And if we only had 50?"},
        {"id": "m", "messages": [
            {"role": "user", "content": "estimate the training cost of gpt-4o-mini on 2,000 examples of 400 tokens for 3 epochs"},
            {"role": "assistant", "content": "$7.20"},
            {"role": "user", "content": "and with gpt-4o instead?"}]},
        {"id": "bad", "messages": [{"role": "assistant", "content": "hi"}]},
    ]
    out = run(["ask", "--batch", "-", "--json", "--no-rag"], tmp,
              stdin="\n".join(json.dumps(x, ensure_ascii=False) for x in lines))
    rows = {r["id"]: r for r in map(json.loads, out.stdout.splitlines())}
    assert rows["h"]["recommendation"] == "prompt" and rows["h"]["situation"]["examples"]["value"] == 50
    assert rows["m"]["intent"] == "cost" and "$60.00" in rows["m"]["answer"]
    assert "error" in rows["bad"] and "messages" in rows["bad"]["error"]


def test_a_batch_line_may_name_its_question_question():
    from bot.cli import read_batch

    rows = list(read_batch(iter(['{"question": "QLoRA 用几比特?"}', '{"q": "hi", "id": 7}', '{"text": "x"}'])))
    assert rows[0][2] == "QLoRA 用几比特?" and rows[0][3] is None
    assert rows[1][1:3] == (7, "hi")
    assert rows[2][2] is None and '"question"' in rows[2][3]
