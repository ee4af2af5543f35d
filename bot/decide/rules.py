"""Situation -> Recommendation through an ordered rule table. Pure.

A vague low budget ("预算不多", "limited budget") is only a soft signal: it adds a reason pointing to the cheapest
run, but never on its own turns 100-10,000 examples into prompt engineering (a LoRA run costs about $4-8).

Every rule is data: a condition, the label it gives, the reasons (message key + the corpus note the reason
rests on) and what would change the advice. The first decisive rule that matches wins, and its order in
``RULES`` is the conflict policy: privacy beats anything that trains on the data, a same-day deadline beats
any training, changing knowledge beats fine-tuning alone, and so on. Supporting rules add reasons that agree
with the chosen label; decisive rules that also matched but lost are reported as set aside.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import (
    dataclass,
)

from bot.messages import has, label_name, t
from bot.types import Label, Lang, Reason, Recommendation
from bot.understand.numbers import fmt_number
from bot.understand.types import RMB_PER_USD, Situation

# thresholds (examples) from the decision tree and the data-requirement tables
FEW_EXAMPLES = 100  # fewer -> prompt engineering; 100..10,000 -> LoRA
LORA_MAX = 10_000  # more, with ample compute -> full fine-tuning
MILLIONS = 1_000_000  # training from scratch becomes possible (with a new architecture)
TINY_BUDGET_USD = 10  # the low end of a one-off fine-tuning run
SCRATCH_MIN_USD = 10_000  # where training from scratch starts
FULL_MIN_USD = 1_000  # the top of the fine-tuning cost range; below it keep to LoRA
CONSUMER_GPU_GB = 24  # the largest consumer cards (RTX 3090/4090)
HUGE_MODEL_B = 65  # 65-72B models need 4-bit quantization to fit one GPU

# corpus notes the reasons rest on
DECISION, QUICK, COSTS = "decision-tree.md", "quick-decision-guide.md", "costs-and-data-requirements.md"
METHODS, GPU, OPENAI = "finetuning-methods.md", "open-source-gpu-costs.md", "openai-finetuning-prices.md"
WHEN, SCEN, DIMS = "when-to-finetune.md", "prompt-vs-finetune-scenarios.md", "three-approaches-dimensions.md"
EVIDENCE, PROGRESSIVE, OVERVIEW = "finetuning-evidence.md", "progressive-path.md", "approaches-overview.md"

FINE_TUNES: frozenset[Label] = frozenset({"lora", "qlora", "full_finetune"})
Pred = Callable[[Situation], bool]


@dataclass(frozen=True)
class Rule:
    name: str
    when: Pred
    label: Label
    reasons: tuple[tuple[str, str], ...]  # (message key, corpus note)
    change_if: tuple[str, ...] = ()
    final: bool = False  # no clarifying question: the decision does not hinge on a missing fact


@dataclass(frozen=True)
class Support:
    name: str
    when: Pred
    key: str
    fact: str
    labels: frozenset[Label]


def _n(s: Situation) -> int:
    return -1 if s.examples is None else s.examples


def _budget_tiny(s: Situation) -> bool:
    return s.budget_usd is not None and s.budget_usd < TINY_BUDGET_USD


def _consumer(s: Situation) -> bool:
    return bool((s.gpu_memory_gb is not None and s.gpu_memory_gb <= CONSUMER_GPU_GB) or s.compute == "consumer"
                or s.four_bit_ok or ((s.model_size_b or 0) >= HUGE_MODEL_B and _one_card(s)
                                     and s.compute != "ample"))


def _one_card(s: Situation) -> bool:
    """One GPU is stated ("一张 A100 80G", "a single 48GB card"); unknown hardware is not one card."""
    return s.gpu_count == 1 or (s.gpu_count is None and s.gpu_memory_gb is not None)


def _compute_unknown(s: Situation) -> bool:
    return s.compute is None and s.gpu_memory_gb is None and s.gpu_count is None


def _needs_knowledge(s: Situation) -> bool:
    return bool(s.knowledge_changes or s.documents)


RULES: tuple[Rule, ...] = (
    Rule("privacy_knowledge", lambda s: bool(s.privacy_blocked and _needs_knowledge(s)), "rag",
         (("r_privacy", WHEN), ("r_privacy_rag", DIMS)), ("c_privacy_ok",), final=True),
    Rule("privacy", lambda s: bool(s.privacy_blocked), "prompt",
         (("r_privacy", WHEN), ("r_privacy_prompt", OVERVIEW)), ("c_privacy_ok", "c_privacy_docs"), final=True),
    Rule("today", lambda s: s.deadline == "today", "prompt", (("r_today", QUICK),), ("c_today",), final=True),
    Rule("hybrid", lambda s: bool(s.knowledge_changes and s.needs_format and _n(s) >= FEW_EXAMPLES), "hybrid",
         (("r_hybrid_fresh", DIMS), ("r_hybrid_format", WHEN), ("r_hybrid_best", EVIDENCE)),
         ("c_hybrid_stable", "c_hybrid_noformat")),
    # the same choice when the answers come from documents that do not change: the reason names the documents
    Rule("hybrid_documents", lambda s: bool(s.documents and s.needs_format and _n(s) >= FEW_EXAMPLES), "hybrid",
         (("r_hybrid_documents", DIMS), ("r_hybrid_format", WHEN), ("r_hybrid_best", EVIDENCE)),
         ("c_hybrid_noformat",)),
    Rule("changing", lambda s: bool(s.knowledge_changes), "rag", (("r_changing", WHEN), ("r_rag_update", DIMS)),
         ("c_rag_format", "c_rag_stable")),
    Rule("documents", lambda s: bool(s.documents) and _n(s) < FEW_EXAMPLES, "rag", (("r_documents", DIMS),),
         ("c_rag_format", "c_rag_stable")),
    Rule("budget", _budget_tiny, "prompt", (("r_budget", QUICK), ("r_budget_tiny", COSTS)), ("c_budget",)),
    Rule("no_data", lambda s: s.examples == 0, "prompt", (("r_no_data", QUICK), ("r_prompt_zero", COSTS)),
         ("c_more_examples", "c_changing")),
    Rule("few", lambda s: 0 < _n(s) < FEW_EXAMPLES, "prompt", (("r_few", DECISION), ("r_min_examples", COSTS)),
         ("c_more_examples", "c_changing")),
    Rule("scratch_budget", lambda s: bool(_n(s) >= MILLIONS and s.novel_architecture and s.budget_usd is not None
                                          and s.budget_usd < SCRATCH_MIN_USD), "full_finetune",
         (("r_scratch_budget", COSTS), ("r_full_memory", METHODS)), ("c_scratch",)),
    Rule("scratch", lambda s: bool(_n(s) >= MILLIONS and s.novel_architecture), "from_scratch",
         (("r_scratch", OVERVIEW), ("r_scratch_cost", COSTS)), ("c_scratch_existing",)),
    Rule("novel", lambda s: bool(s.novel_architecture) and s.examples is None, "from_scratch",
         (("r_novel", QUICK), ("r_scratch_cost", COSTS)), ("c_scratch_existing",)),
    Rule("big_budget", lambda s: _n(s) > LORA_MAX and s.budget_usd is not None and s.budget_usd < FULL_MIN_USD,
         "lora", (("r_big_budget", GPU), ("r_lora_memory", METHODS)), ("c_budget_more",)),
    Rule("millions", lambda s: _n(s) >= MILLIONS and s.compute not in ("none", "consumer"), "full_finetune",
         (("r_millions", QUICK), ("r_scratch_cost", COSTS), ("r_full_memory", METHODS)), ("c_scratch",)),
    Rule("full", lambda s: _n(s) > LORA_MAX and s.compute == "ample", "full_finetune",
         (("r_full", DECISION), ("r_full_memory", METHODS)), ("c_compute_limited",)),
    Rule("full_unknown", lambda s: _n(s) > LORA_MAX and _compute_unknown(s), "full_finetune",
         (("r_full", DECISION), ("r_full_memory", METHODS)), ("c_compute_limited",)),
    Rule("qlora", _consumer, "qlora", (("r_qlora", METHODS),), ("c_bigger_gpu", "c_lora_fewer")),
    Rule("no_gpu", lambda s: s.compute == "none", "lora", (("r_no_gpu", GPU), ("r_no_gpu_api", OPENAI)),
         ("c_gpu", "c_lora_fewer")),
    Rule("big_limited", lambda s: _n(s) > LORA_MAX and s.compute != "ample" and not _compute_unknown(s), "lora", (("r_big_limited", METHODS),), ("c_full",)),
    Rule("lora", lambda s: FEW_EXAMPLES <= _n(s) <= LORA_MAX, "lora", (("r_lora_range", DECISION),),
         ("c_full", "c_qlora", "c_lora_fewer", "c_docs")),
    Rule("volume", lambda s: bool(s.high_volume or s.long_prompt or s.low_latency), "lora",
         (("r_volume", SCEN), ("r_latency", DIMS)), ("c_lora_fewer", "c_qlora")),
    Rule("cot", lambda s: bool(s.multi_step), "lora", (("r_cot", SCEN),), ("c_lora_fewer",)),
    Rule("format", lambda s: bool(s.needs_format), "lora", (("r_format", WHEN),), ("c_lora_fewer", "c_changing")),
    Rule("domain", lambda s: bool(s.domain_terms), "lora", (("r_domain", WHEN),), ("c_lora_fewer", "c_changing")),
    Rule("default", lambda s: True, "prompt", (("r_default", PROGRESSIVE),), ("c_more_examples", "c_changing")),
)

_ALL: frozenset[Label] = frozenset({"prompt", "rag", "lora", "qlora", "full_finetune", "from_scratch", "hybrid"})
SUPPORTS: tuple[Support, ...] = (
    Support("range", lambda s: FEW_EXAMPLES <= _n(s) <= LORA_MAX, "r_lora_range", DECISION, frozenset({"qlora"})),
    Support("big_limited", lambda s: _n(s) > LORA_MAX and s.compute != "ample", "r_big_limited", METHODS,
            frozenset({"qlora"})),
    Support("under_50", lambda s: 0 < _n(s) < 50, "r_under_50", WHEN, frozenset({"prompt", "rag"})),
    Support("huge_model", lambda s: (s.model_size_b or 0) >= HUGE_MODEL_B, "r_qlora_70b", GPU, frozenset({"qlora"})),
    Support("too_big", lambda s: bool(s.model_size_b and s.gpu_memory_gb and s.model_size_b / 2 > s.gpu_memory_gb),
            "r_qlora_fit", METHODS, frozenset({"qlora"})),
    Support("volume", lambda s: bool(s.high_volume or s.long_prompt or s.low_latency), "r_volume", SCEN,
            FINE_TUNES | {"hybrid"}),
    Support("cot", lambda s: bool(s.multi_step), "r_cot", SCEN, FINE_TUNES),
    Support("format", lambda s: bool(s.needs_format), "r_format", WHEN, FINE_TUNES),
    Support("domain", lambda s: bool(s.domain_terms), "r_domain", WHEN, FINE_TUNES),
    Support("novel_small", lambda s: bool(s.novel_architecture) and 0 <= _n(s) < MILLIONS, "r_scratch_data", COSTS,
            _ALL - {"from_scratch"}),
    Support("week", lambda s: s.deadline == "week", "r_week", QUICK, FINE_TUNES | {"hybrid"}),
    Support("quarter", lambda s: s.deadline == "quarter", "r_quarter", QUICK, _ALL),
    Support("budget_ok", lambda s: s.budget_usd is not None and TINY_BUDGET_USD <= s.budget_usd < SCRATCH_MIN_USD,
            "r_budget_ft", GPU, frozenset({"lora", "qlora", "hybrid"})),
    Support("budget_soft", lambda s: bool(s.budget_low) and s.budget_usd is None, "r_budget_soft", GPU,
            frozenset({"lora", "qlora", "hybrid", "full_finetune"})),
    Support("rmb", lambda s: s.budget_rmb is not None and s.budget_usd is not None, "r_rmb", COSTS, _ALL),
)

MAX_SET_ASIDE = 2


def _values(s: Situation) -> dict[str, str]:
    """Placeholders the reason texts may use."""
    need = (s.model_size_b or 0) / 2  # 4-bit weights: half a byte per parameter
    return {
        "n": fmt_number(s.examples) if s.examples is not None else "?",
        "budget": fmt_number(s.budget_usd) if s.budget_usd is not None else "?",
        "rmb": fmt_number(s.budget_rmb) if s.budget_rmb is not None else "?",
        "rate": f"{RMB_PER_USD:g}",
        "size": f"{s.model_size_b:g}" if s.model_size_b else "?",
        "gpu": f"{s.gpu_memory_gb:g}" if s.gpu_memory_gb else "?",
        "need": f"{need:g}",
    }


def _reason(lang: Lang, key: str, fact: str, values: dict[str, str]) -> Reason:
    return Reason(text=t(lang, key, **values), fact=fact)


# labels whose advice already contains another label's (a hybrid is RAG plus LoRA): not "set aside"
_CONTAINS: dict[Label, frozenset[Label]] = {"hybrid": frozenset({"rag", "lora", "qlora"}), "qlora": frozenset({"lora"})}


def decide(s: Situation) -> tuple[Rule, tuple[Rule, ...]]:
    """The winning rule, and the other decisive rules that matched with a different label (set aside)."""
    matched = [rule for rule in RULES if rule.when(s)]
    winner = matched[0]  # "default" always matches
    seen: set[Label] = {winner.label, *_CONTAINS.get(winner.label, ())}
    used = {key for key, _ in winner.reasons}
    aside: list[Rule] = []
    for rule in matched[1:]:
        if rule.name != "default" and rule.label not in seen and rule.reasons[0][0] not in used:
            seen.add(rule.label)
            aside.append(rule)
    return winner, tuple(aside[:MAX_SET_ASIDE])


def _clarify(s: Situation, rule: Rule, lang: Lang) -> str | None:
    if rule.final:
        return None
    label = rule.label
    if s.examples is None and (label in FINE_TUNES | {"from_scratch", "hybrid"} or rule.name == "default"):
        return t(lang, "q_examples")
    if label == "rag" and s.examples is None and s.needs_format:
        return t(lang, "q_examples_format")
    if label == "full_finetune" and _compute_unknown(s):
        return t(lang, "q_compute")
    if label in FINE_TUNES and s.knowledge_changes is None and (s.domain_terms or s.documents):
        return t(lang, "q_fresh")
    return None


def recommend(s: Situation, lang: Lang) -> Recommendation:
    """The rule-based recommendation for a situation, in ``lang``."""
    winner, aside = decide(s)
    values = _values(s)
    reasons = [_reason(lang, key, fact, values) for key, fact in winner.reasons]
    keys = {key for key, _ in winner.reasons}
    for sup in SUPPORTS:
        if winner.label in sup.labels and sup.key not in keys and sup.when(s):
            reasons.append(_reason(lang, sup.key, sup.fact, values))
            keys.add(sup.key)
    for rule in aside:
        key, fact = rule.reasons[0]
        text = t(lang, "set_aside", label=label_name(lang, rule.label), text=t(lang, key, **values))
        reasons.append(Reason(text=text, fact=fact))
    return Recommendation(
        label=winner.label,
        reasons=tuple(reasons),
        next_steps=tuple(t(lang, f"step_{winner.label}_{i}") for i in range(1, 6) if has(f"step_{winner.label}_{i}")),
        change_if=tuple(t(lang, key) for key in winner.change_if),
        clarify=_clarify(s, winner, lang),
    )

