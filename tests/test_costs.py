"""Price tables and the training-cost arithmetic."""

import pytest

from bot.decide.costs import (
    INFERENCE_PER_1K,
    MONTHLY_1M_TOKENS,
    OPEN_SOURCE_RUNS,
    OPENAI_PRICES,
    TRAINING_COST_RANGES,
    estimate_openai,
    find_runs,
    format_estimate,
)
from bot.errors import BotError, InputError
from bot.understand.cost import read_cost, resolve_model
from bot.understand.slots import read_events
from tests.helpers import advise


def parse_cost_question(text):
    examples = next((e.value for e in read_events(text) if e.slot == "examples" and e.kind == "set"), None)
    return read_cost(text, examples)


def test_price_tables_hold_the_documented_figures():
    mini, big = OPENAI_PRICES["gpt-4o-mini-2024-07-18"], OPENAI_PRICES["gpt-4o-2024-08-06"]
    assert (mini.training, mini.input, mini.output) == (3.00, 0.30, 1.20)
    assert (big.training, big.input, big.output) == (25.00, 3.75, 15.00)
    runs = {(r.model, r.method): r for r in OPEN_SOURCE_RUNS}
    assert runs["Llama-3-8B", "LoRA"].cost_usd == (4, 8) and runs["Llama-3-8B", "LoRA"].hours == (2, 4)
    assert runs["Llama-3-70B", "QLoRA"].gpus == "1x A100 80GB" and runs["Llama-3-70B", "QLoRA"].cost_usd == (16, 32)
    assert runs["Qwen-72B", "LoRA"].gpus == "2x A100 80GB" and runs["Qwen-72B", "LoRA"].examples == (5000, 20000)
    assert INFERENCE_PER_1K["prompt"] == (0.01, 0.10) and INFERENCE_PER_1K["finetuned"] == (0.001, 0.01)
    assert MONTHLY_1M_TOKENS == {"prompt": (10, 100), "finetuned": (1, 10)}
    assert TRAINING_COST_RANGES["finetune"] == (10, 1000) and TRAINING_COST_RANGES["from_scratch"][0] == 10_000


@pytest.mark.parametrize(
    ("model", "examples", "tokens", "epochs", "total", "cost"),
    [
        ("gpt-4o-mini", 2000, 400, 3, 2_400_000, 7.20),
        ("gpt-4o-mini-2024-07-18", 1000, 500, 3, 1_500_000, 4.50),
        ("gpt-4o", 1000, 500, 3, 1_500_000, 37.50),
        ("gpt-4o-mini", 333, 333, 1, 110_889, 0.33),
    ],
)
def test_estimate_openai(model, examples, tokens, epochs, total, cost):
    est = estimate_openai(model, examples, tokens, epochs)
    assert est.total_tokens == total and est.cost_usd == cost
    assert len(est.steps) == 2


def test_estimate_shows_the_arithmetic():
    est = estimate_openai("gpt-4o-mini", 2000, 400)
    assert est.steps[0] == "2,000 × 400 × 3 = 2,400,000 tokens"
    assert est.steps[1] == "2.4M / 1M × $3.00 = $7.20"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_format_estimate(lang):
    text = format_estimate(estimate_openai("gpt-4o", 1000, 500), lang)
    assert "1,000 × 500 × 3 = 1,500,000" in text and "$37.50" in text and "$3.75" in text


@pytest.mark.parametrize(("bad", "error"), [({"model": "claude-3"}, "not in the price table"),
                                            ({"examples": 0}, "examples"), ({"epochs": -1}, "epochs")])
def test_estimate_rejects_bad_input(bad, error):
    args = {"model": "gpt-4o-mini", "examples": 10, "avg_tokens": 10, "epochs": 3, **bad}
    with pytest.raises(InputError, match=error):
        estimate_openai(**args)
    assert issubclass(InputError, BotError)


def test_resolve_model_aliases():
    assert resolve_model("gpt-4o-mini") == "gpt-4o-mini-2024-07-18"
    assert resolve_model("4o mini") == "gpt-4o-mini-2024-07-18"
    assert resolve_model("GPT-4o") == "gpt-4o-2024-08-06"
    assert resolve_model("llama-3") is None


@pytest.mark.parametrize(
    ("text", "model", "examples", "tokens", "epochs"),
    [
        ("estimate the training cost of gpt-4o-mini on 2,000 examples of 400 tokens for 3 epochs",
         "gpt-4o-mini-2024-07-18", 2000, 400, 3),
        ("用 gpt-4o 微调 1000 条、每条 500 token、3 轮要多少钱", "gpt-4o-2024-08-06", 1000, 500, 3),
        ("How much would it cost to fine-tune gpt-4o-mini on 5k examples of 300 tokens, 2 epochs?",
         "gpt-4o-mini-2024-07-18", 5000, 300, 2),
    ],
)
def test_parse_cost_question(text, model, examples, tokens, epochs):
    q = parse_cost_question(text)
    assert q is not None
    assert (q.model, q.examples, q.avg_tokens, q.epochs) == (model, examples, tokens, epochs)


@pytest.mark.parametrize("text", ["How much memory does LoRA save?", "我们想降低推理成本,有 5000 条数据",
                                  "How much does fine-tuning cost?", ""])
def test_not_a_cost_question(text):
    assert parse_cost_question(text) is None


def test_epochs_default_to_three():
    q = parse_cost_question("estimate gpt-4o-mini cost for 1000 examples of 500 tokens")
    assert q.epochs == 3 and not q.epochs_stated


def test_find_runs():
    assert [r.model for r in find_runs("Llama-3-70B with QLoRA")] == ["Llama-3-70B"]
    assert [r.model for r in find_runs("qwen 72b")] == ["Qwen-72B"]
    assert find_runs("mistral") == ()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cost_answers(lang):
    draft = advise("estimate the training cost of gpt-4o-mini on 2,000 examples of 400 tokens for 3 epochs", lang, [], True)
    assert draft.kind == "cost" and "$7.20" in draft.text and "2,400,000" in draft.text
    draft = advise("用 gpt-4o 微调 1000 条、每条 500 token、3 轮要多少钱", lang, [], True)
    assert "$37.50" in draft.text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_unknown_model_lists_the_priced_models(lang):
    draft = advise("Estimate the cost of fine-tuning claude-3 on 2000 examples of 400 tokens", lang, [], True)
    assert draft.kind == "cost"
    assert "claude-3" in draft.text
    assert all(model in draft.text for model in OPENAI_PRICES)
    assert "$7.20" in draft.text and "$60.00" in draft.text  # both priced models, same data


def test_missing_numbers_are_asked_for():
    draft = advise("How much would it cost to fine-tune gpt-4o-mini?", "en", [], True)
    assert draft.kind == "cost" and "number of examples" in draft.text and "$3.00" in draft.text


def test_open_source_cost_question():
    draft = advise("What is the cost of fine-tuning Llama-3-70B with QLoRA?", "en", [], True)
    assert "Llama-3-70B" in draft.text and "$16-32" in draft.text
