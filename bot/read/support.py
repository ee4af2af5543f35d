"""Reading for a situation answer: the sentences of the knowledge base that back the recommended approach. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.read.sentences import Quote, ranked_quotes
from bot.types import Label, Lang
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


def support(label: Label, hits: Sequence[Hit], lang: Lang) -> tuple[Quote, ...]:
    """At most two quotes (one per note) naming ``label`` and backing it."""
    ranked = ranked_quotes(LABEL_TERMS[label], hits, lang, min_score=MIN_SUPPORT_SCORE)
    quotes = [q for q in ranked if LABEL_MUST[label].search(q.sentence)]
    seen: set[str] = set()
    out: list[Quote] = []
    for q in quotes:
        if q.hit.chunk.source not in seen:
            seen.add(q.hit.chunk.source)
            out.append(q)
    return tuple(out[:MAX_SUPPORT_QUOTES])
