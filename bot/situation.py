"""What a question says about the asker's situation: data, hardware, budget, deadline, needs. Pure.

``extract_situation`` reads both languages regardless of ``lang`` (people mix them); every field stays
``None`` unless the text states it, so ``merge`` can layer a follow-up question over earlier turns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import (
    dataclass,
    fields,
)
from typing import Literal

from bot import cues
from bot.numbers import Quantity, quantities
from bot.types import Lang
from knowledge.lang import normalize

RMB_PER_USD = 7.2  # rough exchange rate used to compare a budget in yuan with dollar prices
MAX_SCAN_CHARS = 20_000  # longer input is read only this far: a situation is stated near the start

Deadline = Literal["today", "week", "quarter"]
Compute = Literal["none", "consumer", "ample"]


@dataclass(frozen=True)
class Situation:
    """Facts stated by the user; ``None`` means "not said"."""

    examples: int | None = None  # labeled examples; "no data" -> 0
    knowledge_changes: bool | None = None  # knowledge changes often / must be current
    needs_format: bool | None = None  # fixed style, tone, format, JSON, brand voice
    domain_terms: bool | None = None  # medical / legal / financial / specialised terminology
    gpu_memory_gb: float | None = None  # per card
    model_size_b: float | None = None  # parameters, in billions
    budget_usd: float | None = None  # converted from yuan when given in yuan (see budget_rmb)
    deadline: Deadline | None = None
    privacy_blocked: bool | None = None  # private data that cannot be anonymized
    high_volume: bool | None = None  # e.g. millions of calls per day
    long_prompt: bool | None = None  # long few-shot prompts
    low_latency: bool | None = None
    multi_step: bool | None = None  # multi-step reasoning / chain of thought
    novel_architecture: bool | None = None  # a new architecture or a foundation model
    compute: Compute | None = None
    # beyond the core fields
    budget_rmb: float | None = None  # the budget as stated in yuan, when it was
    budget_low: bool | None = None  # "tight budget" / "预算有限" without a figure
    documents: bool | None = None  # answers should come from documents / a knowledge base
    gpu_count: int | None = None
    four_bit_ok: bool | None = None  # 4-bit quantization is acceptable

    def known(self) -> dict:
        """The fields that are set, by name."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}


def merge(earlier: Situation, later: Situation) -> Situation:
    """Layer ``later`` over ``earlier``: every field ``later`` sets wins."""
    return Situation(**{**earlier.known(), **later.known()})


def situation_from_history(user_turns: Sequence[str], question: str) -> Situation:
    """The situation built from the user's earlier turns (oldest first), then the current question."""
    situation = Situation()
    for turn in [*user_turns, question]:
        situation = merge(situation, extract_situation(turn))
    return situation


# ---------------------------------------------------------------- extraction


def extract_situation(text: str, lang: Lang | None = None) -> Situation:
    """Read the facts a question states (both languages; ``lang`` is only a hint and may be None)."""
    low = normalize(text or "")[:MAX_SCAN_CHARS].lower()
    if not low.strip():
        return Situation()
    qs = quantities(low)
    gpu_memory, gpu_count = _gpu(low)
    budget_usd, budget_rmb = _budget(low, qs)
    return Situation(
        examples=_examples(low, qs),
        knowledge_changes=_flag(low, cues.KNOWLEDGE_CHANGES),
        needs_format=_flag(low, cues.NEEDS_FORMAT),
        domain_terms=_flag(low, cues.DOMAIN_TERMS),
        gpu_memory_gb=gpu_memory,
        model_size_b=_model_size(low),
        budget_usd=budget_usd,
        deadline=_deadline(low),
        privacy_blocked=_flag(low, cues.PRIVACY_BLOCKED),
        high_volume=_flag(low, cues.HIGH_VOLUME),
        long_prompt=_flag(low, cues.LONG_PROMPT),
        low_latency=_flag(low, cues.LOW_LATENCY),
        multi_step=_flag(low, cues.MULTI_STEP),
        novel_architecture=_flag(low, cues.NOVEL_ARCHITECTURE),
        compute=_compute(low, gpu_memory, gpu_count),
        budget_rmb=budget_rmb,
        budget_low=_flag(low, cues.BUDGET_LOW),
        documents=_flag(low, cues.DOCUMENTS),
        gpu_count=gpu_count,
        four_bit_ok=True if cues.FOUR_BIT_OK.search(low) else None,
    )


def _flag(low: str, pair: tuple[re.Pattern, re.Pattern | None]) -> bool | None:
    yes, no = pair
    if no is not None and no.search(low):
        return False
    return True if yes.search(low) else None


def _deadline(low: str) -> Deadline | None:
    for name, pattern in cues.DEADLINE:
        if pattern.search(low):
            return name  # type: ignore[return-value]
    return None


_IN_PROMPT = re.compile(r"prompt|提示|few[- ]?shot|in[- ]context|上下文", re.IGNORECASE)
_GLUED_BEFORE = re.compile(r"[a-z\-_.$¥/]$", re.IGNORECASE)
_CARD_NUMBERS = {c for c in cues.GPU_CARDS if c.isdigit()}


def _examples(low: str, qs: list[Quantity]) -> int | None:
    for q in qs:
        after, before = low[q.end : q.end + 60], low[max(0, q.start - 30) : q.start]
        if cues.NOT_EXAMPLE_AFTER.match(after):
            continue
        if cues.EXAMPLE_UNIT_AFTER.match(after) or cues.EXAMPLE_UNIT_BEFORE.search(before):
            # "a prompt with 5 examples" counts prompt shots, not training data
            if _IN_PROMPT.search(low[max(0, q.start - 25) : q.end + 30]) and q.value < 100:
                continue
            return int(q.value)
    if cues.NO_DATA.search(low):
        return 0
    if cues.DATA_WORDS.search(low):  # a bare number next to data words: "我们有 3000, 数据都标注好了"
        for q in qs:
            after, before = low[q.end : q.end + 20], low[max(0, q.start - 6) : q.start]
            if (q.vague or cues.NOT_EXAMPLE_AFTER.match(after) or _GLUED_BEFORE.search(before)
                    or q.raw in _CARD_NUMBERS or 1990 <= q.value <= 2035 or q.value < 1):
                continue
            if re.match(r"^\s*(?:[,，。.;；!?！？)]|$|\s*(?:and|with|和|并且|,))", after):
                return int(q.value)
    return None


def _gpu(low: str) -> tuple[float | None, int | None]:
    memory: float | None = None
    count: int | None = None
    for m in cues.GPU_CARD.finditer(low):
        name = m.group(1).lower()
        memory = float(cues.GPU_CARDS[name])
        near = cues.GPU_MEMORY.match(low[m.end() :].lstrip(" -_/(")) if name in ("a100", "a800", "v100", "h100") else None
        if near:
            memory = float(near.group(1))
        counted = cues.GPU_COUNT_BEFORE.search(low[max(0, m.start() - 14) : m.start()])
        after = cues.GPU_COUNT_AFTER.match(low[m.end() :])
        raw = counted.group(1) if counted else after.group(1) if after else None
        count = _small_int(raw) if raw else count
        break
    if memory is None:
        for m in cues.GPU_MEMORY.finditer(low):
            window = low[max(0, m.start() - 24) : m.end() + 24]
            if cues.GPU_CONTEXT.search(window) and not cues.DATA_SIZE_AFTER.match(low[m.end() :]):
                value = float(m.group(1))
                if 1 <= value <= 1024:
                    memory = value
                    break
    return memory, count


_SMALL = {"two": 2, "three": 3, "four": 4, "six": 6, "eight": 8, "sixteen": 16, "两": 2, "二": 2, "三": 3, "四": 4,
          "六": 6, "八": 8, "十六": 16}


def _small_int(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw) if 0 < int(raw) <= 100_000 else None
    return _SMALL.get(raw)


def _compute(low: str, memory: float | None, count: int | None) -> Compute | None:
    if cues.NO_GPU.search(low):
        return "none"
    if cues.AMPLE_COMPUTE.search(low) or (count or 1) >= 4 or ((count or 1) >= 2 and (memory or 0) >= 40):
        return "ample"
    if cues.LIMITED_COMPUTE.search(low) or (memory is not None and memory <= 24):
        return "consumer"
    return None


_SIZE_B = re.compile(r"(?<![\w.$])(\d+(?:\.\d+)?)\s?b(?![a-z0-9])(?!\s*tokens)")
_SIZE_WORDS = re.compile(r"(\d+(?:\.\d+)?)\s*billion[- ](?:param|parameter)")
_SIZE_ZH = re.compile(r"(\d+(?:\.\d+)?)\s*亿(?:个)?(?:参数|规模|的模型|模型)")


def _model_size(low: str) -> float | None:
    for pattern, scale in ((_SIZE_B, 1.0), (_SIZE_WORDS, 1.0), (_SIZE_ZH, 0.1)):
        m = pattern.search(low)
        if m:
            value = float(m.group(1)) * scale
            if 0.01 <= value <= 5000:
                return value
    return None


_USD_BEFORE = re.compile(r"(?:us\$|\$|usd)\s*$")
_USD_AFTER = re.compile(r"^\s*(?:usd|dollars?|bucks|美元|美金|刀)")
_RMB_BEFORE = re.compile(r"(?:¥|rmb|cny|人民币)\s*$")
_RMB_AFTER = re.compile(r"^\s*(?:元|块钱|人民币|rmb|cny|yuan|块(?!\s*(?:gpu|显卡|卡|[a-z]*\d)))")


def _budget(low: str, qs: list[Quantity]) -> tuple[float | None, float | None]:
    for q in qs:
        if q.vague:
            continue
        before, after = low[max(0, q.start - 5) : q.start], low[q.end : q.end + 12]
        if _USD_BEFORE.search(before) or _USD_AFTER.match(after):
            return q.value, None
        if _RMB_BEFORE.search(before) or _RMB_AFTER.match(after):
            return round(q.value / RMB_PER_USD, 2), q.value
    if cues.NO_BUDGET.search(low):
        return 0.0, None
    return None, None
