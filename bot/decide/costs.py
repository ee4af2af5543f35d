"""Price tables (data) and the training-cost arithmetic, shown step by step. Pure.

Figures come from the notes ``openai-finetuning-prices.md``, ``open-source-gpu-costs.md`` and
``costs-and-data-requirements.md``; Decimal keeps the cents exact (2,000 x 400 x 3 on gpt-4o-mini = $7.20).
"""

from __future__ import annotations

import re
from dataclasses import (
    dataclass,
)
from decimal import ROUND_HALF_UP, Decimal

from bot.errors import InputError
from bot.messages import t
from bot.types import Lang
from bot.understand.cost import DEFAULT_EPOCHS, resolve_model
from bot.understand.numbers import fmt_number
from knowledge.lang import normalize

_MILLION = Decimal(1_000_000)


@dataclass(frozen=True)
class ModelPrice:
    """OpenAI fine-tuning prices in dollars per million tokens."""

    model: str
    training: float
    input: float
    output: float


OPENAI_PRICES: dict[str, ModelPrice] = {
    "gpt-4o-mini-2024-07-18": ModelPrice("gpt-4o-mini-2024-07-18", 3.00, 0.30, 1.20),
    "gpt-4o-2024-08-06": ModelPrice("gpt-4o-2024-08-06", 25.00, 3.75, 15.00),
}
MODEL_ALIASES = {"gpt-4o-mini": "gpt-4o-mini-2024-07-18", "gpt-4o": "gpt-4o-2024-08-06"}


@dataclass(frozen=True)
class GpuRun:
    """A reference run fine-tuning an open-source model on rented A100 80GB cards."""

    model: str
    method: str
    gpus: str
    hours: tuple[int, int]
    cost_usd: tuple[int, int]
    examples: tuple[int, int]


OPEN_SOURCE_RUNS: tuple[GpuRun, ...] = (
    GpuRun("Llama-3-8B", "LoRA", "1x A100 80GB", (2, 4), (4, 8), (1000, 5000)),
    GpuRun("Llama-3-70B", "QLoRA", "1x A100 80GB", (8, 16), (16, 32), (1000, 5000)),
    GpuRun("Qwen-72B", "LoRA", "2x A100 80GB", (12, 24), (48, 96), (5000, 20000)),
)

# dollars per 1K tokens at inference, and per month at 1M tokens (fine-tuned: plus hosting)
INFERENCE_PER_1K: dict[str, tuple[float, float]] = {"prompt": (0.01, 0.10), "finetuned": (0.001, 0.01)}
MONTHLY_1M_TOKENS: dict[str, tuple[int, int]] = {"prompt": (10, 100), "finetuned": (1, 10)}
# one-off training cost in dollars; None as the top means "millions"
TRAINING_COST_RANGES: dict[str, tuple[int, int | None]] = {
    "prompt": (0, 0), "finetune": (10, 1000), "from_scratch": (10_000, None),
}


@dataclass(frozen=True)
class CostEstimate:
    model: str
    examples: int
    avg_tokens: int
    epochs: int
    total_tokens: int
    cost_usd: float  # rounded to cents
    steps: tuple[str, ...]  # the arithmetic, one line per step


def _money(value: Decimal | float) -> str:
    return f"${Decimal(str(value)).quantize(Decimal('0.01'), ROUND_HALF_UP):,}"


def _millions(tokens: int) -> str:
    text = f"{Decimal(tokens) / _MILLION:f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "M"


def estimate_openai(model: str, examples: int, avg_tokens: int, epochs: int = DEFAULT_EPOCHS) -> CostEstimate:
    """Training cost on an OpenAI model: examples x tokens x epochs tokens, at the model's training price."""
    key = resolve_model(model)
    if key is None:
        raise InputError(f"model {model!r} is not in the price table; use one of: {', '.join(OPENAI_PRICES)}")
    for name, value in (("examples", examples), ("avg_tokens", avg_tokens), ("epochs", epochs)):
        if not isinstance(value, int) or value <= 0:
            raise InputError(f"{name} must be a positive whole number, got {value!r}")
    price = Decimal(str(OPENAI_PRICES[key].training))
    total = examples * avg_tokens * epochs
    cost = (Decimal(total) / _MILLION * price).quantize(Decimal("0.01"), ROUND_HALF_UP)
    steps = (
        f"{examples:,} × {avg_tokens:,} × {epochs} = {total:,} tokens",
        f"{_millions(total)} / 1M × {_money(price)} = {_money(cost)}",
    )
    return CostEstimate(key, examples, avg_tokens, epochs, total, float(cost), steps)


def format_estimate(est: CostEstimate, lang: Lang) -> str:
    """The estimate as text: the two arithmetic steps, the total, and what it leaves out."""
    price = OPENAI_PRICES[est.model]
    lines = [
        t(lang, "cost_title", model=est.model),
        t(lang, "cost_step_tokens", step=est.steps[0]),
        t(lang, "cost_step_price", step=est.steps[1]),
        t(lang, "cost_total", cost=_money(est.cost_usd)),
        t(lang, "cost_note", input=_money(price.input), output=_money(price.output)),
    ]
    return "\n".join(lines)


def format_price_table(lang: Lang) -> str:
    """Every model with its prices, and the open-source reference runs."""
    lines = [t(lang, "cost_prices_head")]
    for p in OPENAI_PRICES.values():
        lines.append(t(lang, "cost_price_line", model=p.model, training=_money(p.training), input=_money(p.input),
                       output=_money(p.output)))
    lines.append(t(lang, "cost_runs_head"))
    lines.extend(format_run(run, lang) for run in OPEN_SOURCE_RUNS)
    return "\n".join(lines)


def format_run(run: GpuRun, lang: Lang) -> str:
    return t(lang, "cost_run_line", model=run.model, method=run.method, gpus=run.gpus,
             hours=f"{run.hours[0]}-{run.hours[1]}", cost=f"${run.cost_usd[0]}-{run.cost_usd[1]}",
             examples=f"{fmt_number(run.examples[0])}-{fmt_number(run.examples[1])}")


def find_runs(text: str) -> tuple[GpuRun, ...]:
    """The reference runs whose model the text names ("llama-3-70b", "qwen 72b", "8B")."""
    low = normalize(text or "").lower().replace(" ", "-")
    found = []
    for run in OPEN_SOURCE_RUNS:
        family, size = run.model.lower().rsplit("-", 1)
        if (family.split("-")[0] in low and re.search(rf"(?<![\d.]){size}", low)) or run.model.lower() in low:
            found.append(run)
    return tuple(found)


@dataclass(frozen=True)
class CostCurve:
    """Monthly cost of prompt-only vs a fine-tuned model over call volumes, and where they cross."""

    volumes: tuple[int, ...]  # calls per month
    prompt_usd: tuple[float, ...]
    finetuned_usd: tuple[float, ...]  # inference plus the one-off training cost, spread over ``months``
    break_even_calls: int | None  # calls per month above which the fine-tuned model is cheaper
    prompt_tokens: int
    finetuned_tokens: int
    training_usd: float
    months: int


def _mid(pair: tuple[float, float]) -> float:
    return (pair[0] * pair[1]) ** 0.5  # geometric middle of a range that spans a factor of ten


def cost_curve(prompt_tokens: int, finetuned_tokens: int | None = None, training_usd: float | None = None,
               months: int = 12, volumes: tuple[int, ...] | None = None) -> CostCurve:
    """Prompt-only pays for its long prompt on every call; a fine-tuned model needs a shorter prompt, a cheaper
    per-token price (the notes' per-1K ranges, geometric middles) and a one-off training run (default: the low end
    of the notes' fine-tuning range, spread over ``months``)."""
    if prompt_tokens <= 0:
        raise InputError(f"prompt length must be a positive number of tokens, got {prompt_tokens!r}")
    finetuned_tokens = finetuned_tokens if finetuned_tokens is not None else max(1, prompt_tokens // 4)
    training = float(TRAINING_COST_RANGES["finetune"][0] if training_usd is None else training_usd)
    p_prompt, p_ft = _mid(INFERENCE_PER_1K["prompt"]), _mid(INFERENCE_PER_1K["finetuned"])
    per_call_prompt = prompt_tokens / 1000 * p_prompt
    per_call_ft = finetuned_tokens / 1000 * p_ft
    monthly_training = training / max(1, months)
    saving = per_call_prompt - per_call_ft
    break_even = int(monthly_training / saving) + 1 if saving > 0 else None
    volumes = volumes or tuple(int(10 ** (e / 4)) for e in range(8, 29))  # 100 .. 10M calls a month
    return CostCurve(
        volumes=tuple(volumes),
        prompt_usd=tuple(round(v * per_call_prompt, 2) for v in volumes),
        finetuned_usd=tuple(round(monthly_training + v * per_call_ft, 2) for v in volumes),
        break_even_calls=break_even, prompt_tokens=prompt_tokens, finetuned_tokens=finetuned_tokens,
        training_usd=training, months=months,
    )
