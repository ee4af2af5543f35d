"""Turn a recommendation, a quote or a cost estimate into answer text. Pure; strings from bot.messages."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.costs import (
    INFERENCE_PER_1K,
    OPEN_SOURCE_RUNS,
    OPENAI_PRICES,
    TRAINING_COST_RANGES,
    CostQuery,
    estimate_openai,
    find_runs,
    format_estimate,
    format_price_table,
    format_run,
)
from bot.factual import Quote, ranked_quotes, term_pairs
from bot.messages import label_name, t
from bot.numbers import fmt_number
from bot.situation import Situation
from bot.types import Label, Lang, Recommendation
from knowledge.types import Hit

MAX_SUPPORT_QUOTES = 2
MIN_SUPPORT_SCORE = 2.0  # a supporting quote shares at least two specific words with the label's terms
# extra query words that find passages backing each label (search terms, never shown)
LABEL_TERMS: dict[Label, str] = {
    "prompt": "prompt engineering fewer than 100 examples 提示工程 少于 示例",
    "rag": "rag retrieval-augmented knowledge up-to-date update index 检索增强 知识 最新 更新 索引",
    "lora": "lora fine-tuning 100 10,000 examples lora 微调 条",
    "qlora": "qlora 4-bit quantization consumer gpus qlora 量化 消费级",
    "full_finetune": "full fine-tuning more than 10,000 examples every parameter 全量微调 超过 参数",
    "from_scratch": "training from scratch novel architecture millions examples 从零训练 架构 数百万",
    "hybrid": "hybrid combining fine-tuning rag best results 混合 结合 微调 rag 效果最好",
}
# a supporting quote must name the recommended approach itself
LABEL_MUST: dict[Label, re.Pattern] = {
    "prompt": re.compile(r"prompt|提示", re.I),
    "rag": re.compile(r"\brag\b|retriev|检索", re.I),
    "lora": re.compile(r"\blora\b", re.I),
    "qlora": re.compile(r"qlora", re.I),
    "full_finetune": re.compile(r"full fine-?tun|全量微调|全参数微调", re.I),
    "from_scratch": re.compile(r"from scratch|从零", re.I),
    "hybrid": re.compile(r"hybrid|combin|混合|结合", re.I),
}
_BOOL_FACTS = ("needs_format", "domain_terms", "privacy_blocked", "high_volume", "long_prompt", "low_latency",
               "multi_step", "novel_architecture", "documents", "four_bit_ok")


def describe_situation(s: Situation, lang: Lang) -> str:
    """The stated facts, echoed back in one line (empty when nothing was stated)."""
    parts: list[str] = []
    if s.examples is not None:
        parts.append(t(lang, "s_examples", n=fmt_number(s.examples)) if s.examples else t(lang, "s_no_examples"))
    if s.gpu_count and s.gpu_count > 1:
        parts.append(t(lang, "s_gpu_count", count=s.gpu_count))
    if s.gpu_memory_gb:
        parts.append(t(lang, "s_gpu", gb=f"{s.gpu_memory_gb:g}"))
    if s.model_size_b:
        parts.append(t(lang, "s_model", size=f"{s.model_size_b:g}"))
    if s.budget_rmb is not None and s.budget_usd is not None:
        parts.append(t(lang, "s_budget_rmb", rmb=fmt_number(s.budget_rmb), usd=fmt_number(s.budget_usd)))
    elif s.budget_usd is not None:
        parts.append(t(lang, "s_budget", usd=fmt_number(s.budget_usd)))
    elif s.budget_low:
        parts.append(t(lang, "s_budget_low"))
    if s.deadline:
        parts.append(t(lang, f"s_deadline_{s.deadline}"))
    if s.knowledge_changes is not None:
        parts.append(t(lang, "s_knowledge_changes" if s.knowledge_changes else "s_knowledge_stable"))
    parts.extend(t(lang, f"s_{name}") for name in _BOOL_FACTS if getattr(s, name))
    if s.compute:
        parts.append(t(lang, f"s_compute_{s.compute}"))
    return t(lang, "sep").join(parts)


def cost_hint(label: Label, s: Situation, lang: Lang) -> str:
    if label == "prompt":
        low, high = INFERENCE_PER_1K["prompt"]
        return t(lang, "hint_prompt", low=f"{low:.2f}", high=f"{high:.2f}")
    if label == "rag":
        return t(lang, "hint_rag")
    if label == "from_scratch":
        return t(lang, "hint_scratch", low=fmt_number(TRAINING_COST_RANGES["from_scratch"][0]))
    low, high = TRAINING_COST_RANGES["finetune"]
    big = (s.model_size_b or 0) >= 65
    run = None
    if label in ("lora", "hybrid"):
        run = OPEN_SOURCE_RUNS[2] if big else OPEN_SOURCE_RUNS[0]
    elif label == "qlora" and big:
        run = OPEN_SOURCE_RUNS[1]
    if run is None:
        return t(lang, "hint_finetune_plain", low=fmt_number(low), high=fmt_number(high))
    return t(lang, "hint_finetune", low=fmt_number(low), high=fmt_number(high), run=format_run(run, lang)[2:])


def _title(hit: Hit, lang: Lang) -> str:
    """The note title in the answer's language ("中文 | English" titles), or '' when it holds digits."""
    parts = [p.strip() for p in hit.chunk.title.split(" | ")]
    title = parts[0] if lang == "zh" or len(parts) == 1 else parts[1]
    return "" if re.search(r"\d", title) or not title else title


def quote_text(quote: Quote, lang: Lang) -> str:
    """«sentence» with its frame: said plainly in the answer's language, noting a passage in the other one."""
    same = quote.hit.chunk.lang == lang
    text = t(lang, "fact_same" if same else "fact_cross", quote=quote.sentence)
    title = _title(quote.hit, lang)
    if title:
        text += " " + t(lang, "fact_titled", title=title)
    if not same:
        pairs = term_pairs(quote.sentence, quote.hit.chunk.lang)
        if pairs:
            text += "\n" + t(lang, "fact_terms", pairs=", ".join(f"{a} = {b}" for a, b in pairs))
    return text


def situation_text(question: str, s: Situation, rec: Recommendation, lang: Lang, hits: Sequence[Hit],
                   rag: bool) -> tuple[str, tuple[Hit, ...]]:
    """The structured situation answer and the hits it quotes."""
    lines: list[str] = []
    if not rag:
        lines.append(t(lang, "mode_prompt_only"))
    lines.append(t(lang, "rec_title", label=label_name(lang, rec.label)))
    facts = describe_situation(s, lang)
    if facts:
        lines.append(t(lang, "understood", facts=facts))
    lines.append("")
    lines.append(t(lang, "why"))
    lines.extend(f"- {r.text} {t(lang, 'fact_tag', fact=r.fact)}" for r in rec.reasons)
    lines.append(t(lang, "cost_hint", text=cost_hint(rec.label, s, lang)))
    if rec.next_steps:
        lines.append("")
        lines.append(t(lang, "next_steps"))
        lines.extend(f"{i}. {step}" for i, step in enumerate(rec.next_steps, 1))
    if rec.change_if:
        lines.append("")
        lines.append(t(lang, "change_if"))
        lines.extend(f"- {c}" for c in rec.change_if)
    if rec.clarify:
        lines.append("")
        lines.append(t(lang, "clarify", question=rec.clarify))
    quoted: tuple[Hit, ...] = ()
    if rag and hits:
        ranked = ranked_quotes(LABEL_TERMS[rec.label], hits, lang, min_score=MIN_SUPPORT_SCORE)
        quotes = [q for q in ranked if LABEL_MUST[rec.label].search(q.sentence)]
        quotes = _distinct(quotes)[:MAX_SUPPORT_QUOTES]
        if quotes:
            lines.append("")
            lines.append(t(lang, "supporting"))
            lines.extend("- " + quote_text(q, lang).replace("\n", " ") for q in quotes)
            quoted = tuple(q.hit for q in quotes)
    return "\n".join(lines), quoted


def _distinct(quotes: list[Quote]) -> list[Quote]:
    """At most one quote per source note."""
    seen: set[str] = set()
    out = []
    for q in quotes:
        if q.hit.chunk.source not in seen:
            seen.add(q.hit.chunk.source)
            out.append(q)
    return out


def cost_text(q: CostQuery, question: str, lang: Lang) -> str:
    """A cost answer: the exact estimate when everything is known, otherwise what is missing and the prices."""
    if q.known_model and q.examples and q.avg_tokens:
        est = estimate_openai(q.model or "", q.examples, q.avg_tokens, q.epochs)
        text = format_estimate(est, lang)
        return text if q.epochs_stated else text + "\n" + t(lang, "cost_epochs_default", epochs=q.epochs)
    if q.known_model:
        missing = [t(lang, key) for key, value in (("cost_missing_examples", q.examples),
                                                    ("cost_missing_tokens", q.avg_tokens)) if not value]
        price = OPENAI_PRICES[q.model or ""]
        line = t(lang, "cost_price_line", model=price.model, training=f"${price.training:.2f}",
                 input=f"${price.input:.2f}", output=f"${price.output:.2f}")
        return "\n".join([t(lang, "cost_missing", missing=t(lang, "sep").join(missing)), t(lang, "cost_prices_head"), line])
    lines: list[str] = []
    runs = find_runs(question)
    if runs:
        lines.extend(format_run(run, lang) for run in runs)
    elif q.model:
        lines.append(t(lang, "cost_unknown_model", model=q.model))
    if q.examples and q.avg_tokens:
        lines.append(t(lang, "cost_both"))
        for key in OPENAI_PRICES:
            lines.append(format_estimate(estimate_openai(key, q.examples, q.avg_tokens, q.epochs), lang))
    if not runs:
        lines.append(format_price_table(lang))
    return "\n".join(lines)
