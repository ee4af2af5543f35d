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
from bot.numbers import fmt_number, quantities
from bot.types import Lang
from knowledge.lang import normalize

DEFAULT_EPOCHS = 3  # the usual default for OpenAI fine-tuning jobs
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


@dataclass(frozen=True)
class CostQuery:
    """A cost question: what it names (None = not said)."""

    model: str | None  # a key of OPENAI_PRICES when known; otherwise the name as written
    examples: int | None
    avg_tokens: int | None
    epochs: int = DEFAULT_EPOCHS
    epochs_stated: bool = False

    @property
    def known_model(self) -> bool:
        return self.model in OPENAI_PRICES


def resolve_model(name: str) -> str | None:
    """``gpt-4o-mini`` / ``4o mini`` / the dated id -> the price-table key; None when not listed."""
    key = re.sub(r"[\s_]+", "-", name.strip().lower())
    key = re.sub(r"^(?:gpt-?)?4o-?mini", "gpt-4o-mini", key)
    key = re.sub(r"^gpt-?4o(?!-mini)", "gpt-4o", key)
    if key in OPENAI_PRICES:
        return key
    return MODEL_ALIASES.get(key)


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


_OTHER_MODEL = re.compile(
    r"\b(?:gpt-?[\w.]+(?:-[\w.]+)*|claude[\w.-]*|llama[\w.-]*|qwen[\w.-]*|mistral[\w.-]*|gemini[\w.-]*|phi-?\d[\w.-]*|"
    r"deepseek[\w.-]*|glm[\w.-]*|baichuan[\w.-]*)",
    re.IGNORECASE,
)
_OPENAI_MODEL = re.compile(r"\b(?:gpt-?)?4o(?:[- ]?mini)?(?:-\d{4}-\d{2}-\d{2})?\b", re.IGNORECASE)
_STRONG_CUE = re.compile(
    r"\bestimat|\bhow much (?:money|would|will|does|did|do|to|is)\b.*\bcost|\bhow much (?:money|to)\b|"
    r"\bwhat (?:would|will|does|did) (?:it|that|this)[\w\s-]{0,30}cost|\btraining cost|多少钱|花多少|要花|估算|训练费用",
    re.IGNORECASE,
)
_WEAK_CUE = re.compile(r"\bcosts?\b|\bprice|\bpricing\b|\bexpensive\b|费用|成本|价格|收费", re.IGNORECASE)
_TOKENS_AFTER = re.compile(r"^\s*(?:个)?\s*tokens?\b", re.IGNORECASE)
_EPOCHS_AFTER = re.compile(r"^\s*(?:个)?\s*(?:epochs?\b|轮|遍)", re.IGNORECASE)


def parse_cost_question(text: str) -> CostQuery | None:
    """Read a training-cost question; None when it is not one (no cost word, or nothing to price)."""
    from bot.situation import extract_situation  # local: situation imports nothing from here

    low = normalize(text or "")[:5000].lower()
    strong = bool(_STRONG_CUE.search(low))
    if not strong and not _WEAK_CUE.search(low):
        return None
    model: str | None = None
    m = _OPENAI_MODEL.search(low)
    if m:
        model = resolve_model(m.group(0).replace(" ", "-"))
    if model is None:
        other = _OTHER_MODEL.search(low)
        model = other.group(0) if other else None
    avg_tokens = epochs = None
    for q in quantities(low):
        after = low[q.end : q.end + 12]
        if avg_tokens is None and _TOKENS_AFTER.match(after) and q.value.is_integer():
            avg_tokens = int(q.value)
        elif epochs is None and _EPOCHS_AFTER.match(after) and q.value.is_integer():
            epochs = int(q.value)
    examples = extract_situation(low).examples
    if model is None and avg_tokens is None and not (strong and examples):
        return None
    return CostQuery(model, examples or None, avg_tokens or None, epochs or DEFAULT_EPOCHS, epochs is not None)


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
