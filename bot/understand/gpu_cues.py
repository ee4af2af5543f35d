"""Word cues, in both languages, for the hardware a question states: per-card memory of common cards, card counts
("8x A100", "两张 4090"), no GPU at all, ample or limited compute. Data only: compiled regexes over prepared text."""

from __future__ import annotations

import re

from bot.understand.patterns import rx as _rx

# ---- GPUs: per-card memory of common cards; counts like "8x A100" / "两张 4090"
GPU_CARDS: dict[str, float] = {
    "h200": 141, "h100": 80, "h800": 80, "a100": 80, "a800": 80, "l40s": 48, "l40": 48, "a6000": 48,
    "v100": 32, "4090": 24, "3090": 24, "a10g": 24, "a10": 24, "l4": 24, "4080": 16, "t4": 16, "4070": 12,
    "3080": 10, "3060": 12, "4060": 8, "2080": 8, "3070": 8, "rtx 8000": 48, "6000 ada": 48, "a5000": 24, "a4000": 16, "a40": 48,
    "a30": 24, "h20": 96, "l20": 48, "p100": 16, "p40": 24, "mi300x": 192, "mi250x": 128, "910b": 64,
}
GPU_CARD = re.compile(
    r"(?:(?<![a-z0-9])|(?<=\dx)|(?<=\d×))(?:rtx\s*|geforce\s*|nvidia\s*)*(" + "|".join(sorted(GPU_CARDS, key=len, reverse=True))
    + r")(?:\s*ti)?s?(?![a-z0-9])",
    re.IGNORECASE,
)
GPU_COUNT_BEFORE = re.compile(
    r"(\d+|two|three|four|six|eight|sixteen|两|二|三|四|六|八|十六)\s*(?:x|×|\*|张|块|台|个|pcs)?\s*"
    r"(?:nvidia\s*|rtx\s*)*$",
    re.IGNORECASE,
)
GPU_COUNT_AFTER = re.compile(r"^\s*(?:\d+\s*gb\s*)?(?:x|×|\*)\s*(\d+)", re.IGNORECASE)
GPU_MEMORY = re.compile(r"(\d+(?:\.\d+)?)\s*(?:gb|g|gib)(?![a-z])", re.IGNORECASE)
GPU_CONTEXT = _rx(r"显存|vram|gpu|graphics|card|显卡|卡|memory|内存|\bdcu\b|\bnpu\b|海光|昇腾|加速卡", *[rf"\b{c}\b" for c in GPU_CARDS])
DATA_SIZE_AFTER = _rx(r"^\s*(?:of\s+)?(?:data|text|corpus|logs?|documents?|files?)", r"^\s*(?:的)?(?:数据|语料|文本|日志|文档)")
NO_GPU = _rx(
    # "just the laptop we use for the till": a laptop with no card named is nothing to train on
    r"\b(?:just|only) (?:have |got |use )?(?:the |a |an |my |our |one |some |two |a few )?(?:old |office |work |cheap |basic |shop )?(?:laptops?|office (?:pcs?|computers?))\b"
    r"(?![^.;]{0,40}\b(?:rtx|gtx|gpus?|cuda|\d+\s*gb|m[1-4]|[2-5]0[6-9]0)\b)",
    r"\b(?:is|are) (?:just |only )?(?:one|a|an|our|the|two) (?:old |office |work |cheap |basic |single )?laptops?\b(?![^.;]{0,40}\b(?:rtx|gtx|gpus?|cuda|\d+\s*gb|m[1-4])\b)",
    r"\bno (?:local )?gpus?\b(?! any ?more)", r"\b(?:none|neither) of us (?:has|have|owns?) (?:a |any )?(?:gpus?|graphics cards?)\b", r"\bno (?:n|nvidia) ?cards?\b", r"\bso (?:a |the )?hosted (?:fine-?tuning|training)\b", r"\bwithout (?:a |any )?gpus?\b", r"\bcpu[- ]only\b", r"\bonly (?:a |have a )?cpu",
    r"\b(?:don'?t|do not|doesn'?t|does not) (?:have|own|run|rent) (?:a single |a |any |one |our own )?gpus?\b", r"(?<!\bnot )(?<!\bno longer )\bzero gpus\b(?! any ?more)",
    r"\bapi only\b", r"\bonly (?:via|through) (?:an? |the )?api\b", r"(?:一张|一块|一台|任何)\s*(?:gpu|显卡|卡)\s*(?:都|也)没(?:有)?",
    r"\bthere (?:isn'?t|is not|is no|'s no|are no|aren'?t any) (?:a |any |one |a single )?gpus?\b", r"\bnot (?:a single|one) gpu\b",
    r"\bhosted (?:fine-?tuning )?(?:service|api) or nothing\b", r"\bhosted (?:fine-?tuning|api|service)s? only\b",
    r"\b(?:use|using|go with|go through|rely on) (?:a |an |the )?(?:hosted|cloud|managed|openai(?:'s)?|vendor(?:'s)?) (?:fine-?tuning )?(?:api|service)\b",
    r"只能(?:走|用)(?:云厂商|云|openai|第三方|厂商)?的?(?:微调)?\s*api", r"\bonly (?:option is|way is|can use|have) (?:the |a )?"
    r"(?:cloud |openai |hosted )?(?:fine-?tuning )?api\b",
    r"(?:没有|没|无)\s*(?:任何)?\s*(?:自己的|自有的?|本地的?|可用的)?\s*(?:(?:n|a|英伟达|nvidia)\s*卡|gpu|显卡|算力|卡|独显|独立显卡)",
    r"(?:只能|打算|准备|得|要)(?:用|走)\s*(?:云上|云端|云厂商|厂商|平台)?的?\s*(?:托管|(?<=上的)|(?<=端的))(?:的)?(?:微调|训练)(?:服务)?", r"只有\s*cpu", r"不(?:再)?(?:用|需要)(?:本地|自己|自有)的?\s*(?:gpu|显卡|卡)", r"(?:用|走)\s*(?:openai|云厂商|厂商)\s*(?:的)?\s*(?:fine-?tuning|微调|训练)\s*(?:api|接口|服务)", r"(?:没有|无)独显的(?:笔记本|电脑)", r"一张(?:显卡|卡|gpu)(?:都|也)没(?:有)?", r"(?:用|走)\s*(?:云上|云端|线上|在线|网上)的?\s*(?:微调|训练)\s*(?:api|服务|平台)", r"\b(?:we have|there is|there's|we've got) nothing (?:on[- ]site|on[- ]prem\w*|in[- ]house|left)\b",
)
AMPLE_COMPUTE = _rx(
    r"\b(?:gpu )?cluster\b", r"\bplenty of (?:gpus?|compute)\b", r"\blots of (?:gpus?|compute)\b",
    r"\bample (?:gpus?|compute)\b", r"\bmany gpus\b", r"\bcompute is not (?:a|an) (?:problem|issue)\b",
    r"\bunlimited (?:gpus?|compute)\b", r"\b(?:\d{2,}|[4-9])\s*(?:x\s*)?gpus\b", r"\b(?:dozens|hundreds) of gpus\b", r"\bdgx\b",
    r"(?:\d{2,}|几十|上百)\s*张\s*(?:卡|显卡|gpu)", r"(?:\d{2,}|几十|上百)\s*(?:张)?卡的?机时", r"超算",
    r"集群|丛集", r"算力(?:很|非常)?(?:充足|充裕|不是问题|不成问题|管够)", r"(?:充足|充裕|大量)的?算力", r"多机多卡",
)
LIMITED_COMPUTE = _rx(
    r"\bconsumer(?:[- ]grade)? (?:gpu|card|hardware)", r"\bgaming (?:gpu|card)", r"\blimited (?:gpu|compute|hardware)",
    r"\bsingle consumer (?:gpu|card)\b", r"(?<!\bon the old )(?<!\bon an old )(?<!\bon my old )(?<!\bfrom the )(?<!\bfrom an old )\blaptop\b",
    r"消费级", r"算力有限", r"资源有限", r"一张消费级(?:显卡|卡)",
)

# documents (knowledge to retrieve), not training examples: the words right after a count
