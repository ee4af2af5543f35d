"""Data for the cost and memory charts: plain rows (pure), turned into data frames only where gradio draws them.

Cost: monthly cost of prompt-only vs a fine-tuned model over call volumes (``bot.decide.costs.cost_curve``), on a
linear axis wide enough to show where the lines cross, with the break-even volume drawn as a vertical line.
Memory: GPU memory for full fine-tuning, LoRA and QLoRA (``bot.decide.memory.estimate_memory``), each bar with
its rule of thumb and the note it comes from.
"""

from __future__ import annotations

from dataclasses import (
    dataclass,
)

from bot.decide.costs import TRAINING_COST_RANGES, CostCurve, cost_curve
from bot.decide.memory import estimate_memory
from bot.messages import label_name, t
from bot.types import Lang
from bot.understand.types import Understanding

DEFAULT_PROMPT_TOKENS = 2000  # a long few-shot prompt
DEFAULT_CALLS = 100_000  # calls per month
DEFAULT_MODEL_B = 7.0
DEFAULT_TRAINING_USD = float(TRAINING_COST_RANGES["finetune"][0])  # the notes' low end
POINTS = 41
PROMPT_SERIES = "仅提示 / prompt-only"
TUNED_SERIES = "微调后 / fine-tuned"
BREAK_EVEN_SERIES = "盈亏平衡 / break-even"


@dataclass(frozen=True)
class ChartInputs:
    """What the charts are drawn for, and whether each came from the conversation or is a default."""

    prompt_tokens: int
    calls_per_month: int
    model_size_b: float
    stated: tuple[str, ...] = ()  # the slot names the user stated


def chart_inputs(understanding: Understanding | None) -> ChartInputs:
    """The situation's prompt length, call volume and model size when stated, else the defaults."""
    situation = understanding.situation if understanding is not None else None
    values = {"prompt_tokens": DEFAULT_PROMPT_TOKENS, "calls_per_month": DEFAULT_CALLS, "model_size_b": DEFAULT_MODEL_B}
    stated = []
    for name in values:
        value = getattr(situation, name, None) if situation is not None else None
        if value:
            values[name] = value
            stated.append(name)
    return ChartInputs(int(values["prompt_tokens"]), int(values["calls_per_month"]), float(values["model_size_b"]),
                       tuple(stated))


def cost_volumes(calls_per_month: int, break_even: int | None, points: int = POINTS) -> tuple[int, ...]:
    """Linear volumes from 0 to past both the stated volume and the break-even point."""
    top = max(int(calls_per_month * 1.5), int((break_even or 0) * 2), 1000)
    return tuple(round(top * i / (points - 1)) for i in range(points))


def cost_rows(prompt_tokens: int, calls_per_month: int, training_usd: float | None = None,
              ) -> tuple[CostCurve, list[dict]]:
    """The curve and its rows ``{"calls", "usd", "series"}``: two lines, plus the break-even as a vertical one."""
    probe = cost_curve(prompt_tokens, training_usd=training_usd, volumes=(1,))
    curve = cost_curve(prompt_tokens, training_usd=training_usd,
                       volumes=cost_volumes(calls_per_month, probe.break_even_calls))
    rows = [{"calls": v, "usd": p, "series": PROMPT_SERIES} for v, p in zip(curve.volumes, curve.prompt_usd, strict=True)]
    rows += [{"calls": v, "usd": f, "series": TUNED_SERIES}
             for v, f in zip(curve.volumes, curve.finetuned_usd, strict=True)]
    if curve.break_even_calls is not None:
        top = max(max(curve.prompt_usd), max(curve.finetuned_usd))
        rows += [{"calls": curve.break_even_calls, "usd": 0.0, "series": BREAK_EVEN_SERIES},
                 {"calls": curve.break_even_calls, "usd": top, "series": BREAK_EVEN_SERIES}]
    return curve, rows


def cost_caption(curve: CostCurve, calls_per_month: int) -> str:
    """One line under the cost chart: the break-even volume and the assumptions behind both lines."""
    even = (f"盈亏平衡 / break-even ≈ {curve.break_even_calls:,} 次每月 / calls a month"
            if curve.break_even_calls is not None else "微调不会更便宜 / fine-tuning never gets cheaper here")
    return (f"{even} · 提示 / prompt {curve.prompt_tokens:,} tokens vs 微调后 / fine-tuned "
            f"{curve.finetuned_tokens:,} tokens · 一次性训练 / one-off training ${curve.training_usd:,.0f} over "
            f"{curve.months} months · 当前 / now {calls_per_month:,} calls · 价格 / prices: "
            "open-source-gpu-costs.md, costs-and-data-requirements.md")


def memory_rows(model_size_b: float, lang: Lang = "en") -> list[dict]:
    """One row per method: ``{"method", "gb", "bytes_per_param", "rule", "source"}``."""
    return [{"method": label_name(lang, bar.method), "gb": bar.total_gb, "bytes_per_param": bar.bytes_per_param,
             "rule": t(lang, bar.rule), "source": bar.fact} for bar in estimate_memory(model_size_b)]


def memory_notes(rows: list[dict], lang: Lang = "en") -> str:
    """The rule of thumb behind each bar and where it comes from, as Markdown."""
    lines = [f"- **{r['method']}** ≈ {r['gb']} GB: {r['rule']} (`{r['source']}`)" for r in rows]
    return "\n".join(lines) + "\n\n" + t(lang, "mem_headroom")


def frame(rows: list[dict]):
    """Rows as a pandas data frame (what gradio's plots take); pandas comes with gradio."""
    import pandas as pd

    return pd.DataFrame(rows)
