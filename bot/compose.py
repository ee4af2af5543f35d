"""Composing: a decision and what reading found -> the answer text. Formatting only; strings from bot.messages."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.decide import Decision
from bot.decide.costs import (
    INFERENCE_PER_1K,
    OPEN_SOURCE_RUNS,
    OPENAI_PRICES,
    TRAINING_COST_RANGES,
    estimate_openai,
    find_runs,
    format_estimate,
    format_price_table,
    format_run,
)
from bot.messages import has, label_name, t
from bot.read.reader import Evidence, named_documents
from bot.read.sentences import Quote, builtin_fact, term_pairs
from bot.read.units import in_language
from bot.types import Label, Lang, Recommendation
from bot.understand.numbers import fmt_number
from bot.understand.types import Change, Situation, Understanding
from knowledge.types import Hit

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


def changes_text(changes: Sequence[Change], lang: Lang, before: Label | None = None, after: Label | None = None) -> str:
    """"labelled examples 3,000 → 40; compute ample → unknown: LoRA → prompt engineering" (empty when nothing
    changed); facts go by their names in ``lang``."""
    parts = []
    for c in changes:
        if c.slot in ("budget_rmb", "calls_per_month", "prompt_tokens"):
            continue
        name = t(lang, f"n_{c.slot}") if has(f"n_{c.slot}") else c.slot
        parts.append(f"{name} " + t(lang, "changed_label", before=_value(c.before, lang, c.slot),
                                                   after=_value(c.after, lang, c.slot)))
    if not parts:
        return ""
    moved = ""
    if before and after and before != after:
        moved = t(lang, "changed_advice", before=label_name(lang, before), after=label_name(lang, after))
    return t(lang, "changed", changes=t(lang, "sep").join(parts)) + moved


def _value(v: object, lang: Lang, slot: str = "") -> str:
    if v is None:
        return t(lang, "unknown_value")
    if slot in ("compute", "deadline") and has(f"s_{slot}_{v}"):
        return t(lang, f"s_{slot}_{v}")  # "consumer" -> "consumer-grade compute" / "消费级算力"
    if isinstance(v, bool):
        return t(lang, "v_yes" if v else "v_no")
    if isinstance(v, (int, float)):
        return fmt_number(v)
    return str(v)


def situation_text(u: Understanding, rec: Recommendation, lang: Lang, quotes: Sequence[Quote], rag: bool,
                   previous: Recommendation | None = None) -> str:
    """The structured situation answer: label, what was read, why, cost, next steps, what would change it."""
    s = u.situation
    lines: list[str] = []
    if not rag:
        lines.append(t(lang, "mode_prompt_only"))
    lines.append(t(lang, "rec_title", label=label_name(lang, rec.label)))
    facts = describe_situation(s, lang)
    if facts:
        lines.append(t(lang, "understood", facts=facts))
    changed = changes_text(u.changes, lang, previous.label if previous else None, rec.label)
    if changed:
        lines.append(changed)
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
    if quotes:
        lines.append("")
        lines.append(t(lang, "supporting"))
        lines.extend("- " + quote_text(q, lang).replace("\n", " ") for q in quotes)
    return "\n".join(lines)


def memory_text(d: Decision, lang: Lang) -> str:
    """The GPU-memory estimate: the asked method first (when one is named), every method's bar, the rule behind it."""
    bars = {b.method: b for b in d.memory}
    size = f"{d.memory[0].model_size_b:g}"
    lines = []
    if d.memory_method:
        b = bars[d.memory_method]
        lines.append(t(lang, "mem_answer", gb=f"{b.total_gb:g}", method=label_name(lang, b.method), size=size,
                       rule=t(lang, b.rule)) + " " + t(lang, "fact_tag", fact=b.fact))
    lines.append(t(lang, "mem_all", size=size))
    lines += [t(lang, "mem_line", method=label_name(lang, b.method), gb=f"{b.total_gb:g}", per=f"{b.bytes_per_param:g}")
              for b in d.memory]
    lines.append(t(lang, "mem_headroom") + " " + t(lang, "fact_tag", fact=d.memory[0].fact))
    return "\n".join(lines)


def fact_text(ev: Evidence, lang: Lang) -> str:
    """A factual answer: the value first, in the asker's language, then the quoted sentence or table row."""
    best = ev.best
    if best is None:
        return t(lang, "fact_none") + " " + t(lang, "fact_scope")
    lines: list[str] = []
    if ev.weak:
        lines.append(t(lang, "fact_weak"))
    elif best.kind == "cell":
        title = _title(best.hit, lang) or best.hit.chunk.source
        lines.append(t(lang, "fact_cell" if best.row.strip() else "fact_cell_column", value=in_language(best.value, lang),
                       title=title, row=best.row, column=best.column))
    elif best.value:
        lines.append(t(lang, "fact_answer", value=in_language(best.value, lang)))
    lines.append(_quoted(best, lang))
    if ev.weak and ev.also is not None:  # not certain: the next closest passage is shown too, for the reader to judge
        lines.append(t(lang, "fact_also") + " " + _quoted(ev.also, lang))
    return "\n".join(lines)


def _quoted(c, lang: Lang) -> str:
    """A candidate as quoted in an answer: a table cell by its row, a sentence with its source."""
    if c.kind == "cell":
        value = c.value or c.text.rsplit(": ", 1)[-1]  # a cell shown without its value is still found by it
        return t(lang, "fact_row", quote=(_row_line(c, value) or c.text)) + _cite(c.hit, lang)
    return quote_text(Quote(c.hit, c.text, c.score), lang)


def _row_line(c, value: str) -> str:
    """The table line that holds the cell: its value with every part of its row's label, else with the parts its own
    line writes (a row whose label cell is blank continues the one above: "| | base | 0.581 |"); "" when none is found."""
    parts = [p for p in c.row.split(" / ") if p]
    lines = [ln.strip() for ln in c.hit.chunk.text.splitlines() if value in ln]
    if not parts:  # a cell named by its column alone: the first line that holds its value
        return lines[0] if lines else ""
    for wanted in (parts, parts[1:], parts[:1]):
        line = next((ln for ln in lines if wanted and all(p in ln for p in wanted)), "")
        if line:
            return line
    # the value written otherwise in the passage ("`-p`" for "-p"): the first line of the row's label
    return next((ln.strip() for ln in c.hit.chunk.text.splitlines() if parts[0] in ln), "")


def _cite(hit: Hit, lang: Lang) -> str:
    title = _title(hit, lang)
    return " " + t(lang, "fact_titled", title=title) if title else ""


# words every memory question shares: they name no particular model, tool or table
_PLAIN = frozenset("lora qlora full fine-tuning finetuning fine tune finetune tuning train training memory vram gpu gpus "
                   "显存 内存 微调 全量 全参 训练 模型 model models need needs much many how what which 需要 多少 多大 要多少".split())


def _names_in(question: str, passage: str) -> bool:
    """The question names something specific (a tool, model family or setting) that the passage names too:
    "AutoAWQ Vicuna 7B GEMV ... 显存" and a table row about AutoAWQ's Vicuna 7B GEMV run."""
    from bot.read.sentences import GENERIC
    from knowledge.lang import tokenize

    named = {t for t in tokenize(question) if len(t) >= 3 and not any(ch.isdigit() for ch in t)
             and t not in GENERIC and t not in _PLAIN}
    return bool(named & set(tokenize(passage)))


def cost_text(d: Decision, question: str, lang: Lang) -> str:
    """A cost answer: the exact estimate when everything is known, otherwise what is missing and the prices."""
    q = d.cost
    if q is None:
        return format_price_table(lang)
    if d.estimate is not None:
        text = "\n\n".join(format_estimate(e, lang) for e in (d.estimate, *d.also))
        return text if q.epochs_stated else text + "\n" + t(lang, "cost_epochs_default", epochs=q.epochs)
    if q.model in OPENAI_PRICES:
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


def compose(u: Understanding, d: Decision, evidence: Evidence | None, quotes: Sequence[Quote], lang: Lang,
            rag: bool) -> str:
    """The template answer for one turn, by intent."""
    from bot.understand import MAX_MESSAGE_CHARS
    from knowledge.lang import is_foreign

    if u.intent == "empty":
        return f"{t(lang, 'empty')} {t(lang, 'help')}"
    if len(u.question) > MAX_MESSAGE_CHARS:
        return f"{t(lang, 'too_long')} {t(lang, 'help')}"
    if is_foreign(u.question) and u.intent not in ("situation", "cost"):
        return f"{t(lang, 'foreign')} {t(lang, 'help')}"
    if u.intent == "meta":
        return f"{t(lang, 'greeting')} {t(lang, 'help')}"
    if u.intent == "off_topic":
        return f"{t(lang, 'off_topic')} {t(lang, 'help')}"
    if d.recommendation is not None:
        return situation_text(u, d.recommendation, lang, quotes, rag, d.previous)
    if d.memory:  # a document stating it for this model size comes first; the rule of thumb follows
        size = re.compile(rf"(?<![\d.]){d.memory[0].model_size_b:g}\s*b(?![a-z])", re.IGNORECASE)
        best = evidence.best if evidence is not None else None
        said = f"{best.text} {best.row} {best.column} {best.hit.chunk.title}" if best is not None else ""
        # "chatglm3-6b ...": its own README; an uncertain reading is shown too when it names the model asked about
        named = best is not None and (_names_in(u.question, said) or bool(named_documents(u.question, [best.hit])))
        found = best is not None and (named or (not evidence.weak and bool(size.search(said))))
        return fact_text(evidence, lang) + "\n\n" + memory_text(d, lang) if found else memory_text(d, lang)
    if u.intent == "cost":
        text = cost_text(d, u.question, lang)
        return text if rag else t(lang, "mode_prompt_only") + "\n" + text
    if not rag:
        found = builtin_fact(u.question)
        if found is None:
            return t(lang, "fact_needs_rag")
        key, fact = found
        return t(lang, "fact_builtin", fact=t(lang, key)) + " " + t(lang, "fact_tag", fact=fact)
    return fact_text(evidence or Evidence(None, True), lang)
