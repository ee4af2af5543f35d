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
