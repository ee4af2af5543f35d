"""Read a model size from one clause: "7B", "70 billion parameters", "百亿参数". Pure; part of reading a message's
slots."""

from __future__ import annotations

import re

from bot.understand import gpu_cues

_SIZE_DROPPED = re.compile(r"^\s*(?:model\s+)?(?:was|is|were|would be|'s)\s+(?:\w+\s+)?(?:overkill|too (?:big|large|slow|expensive|much)|"
                           r"out|dropped|off the table)\b|^\s*(?:mangles|butchers|garbles|fails|struggles|sucks|chokes|can'?t|cannot|won'?t|is (?:bad|weak|worse))\b|"
                           r"^\s*models? (?:we|i) (?:trialled|trialed|tried|tested)\b[^.;]{0,20}\b(?:mistakes|errors|wrong|badly|poorly)\b|"
                           r"^\s*(?:的)?(?:模型)?(?:太大|太慢|太贵|太小|用不上|不用了|不要了|写不好|做不好|不够用|不够好|效果不好|效果太差|搞不定|不行)|"
                           r"^\s*(?:的)?(?:模型)?(?:写得|做得|答得|效果|表现)[^,，。]{0,3}(?:太|不|差|烂)|"
                           r"^\s*(?:的)?(?:模型)?[^,，。;；\d]{0,5}?(?:太(?:生硬|笨|差|烂|弱|傻|呆板|水|蠢)|不够(?:好|聪明|用|强))|"
                           r"^\s*(?:models? )?(?:\w+ ){0,3}(?:too (?:dumb|stiff|weak|stupid|robotic)|not (?:smart|good) enough)\b|"
                           r"^\s*,?\s*(?:and|but)\s+(?:it|that|the results?|the output)\s+(?:was|were|is)\s+(?:\w+\s+)?(?:meh|bad|weak|poor|useless|"
                           r"disappointing|terrible|awful|not (?:good|great) enough)\b")  # "we tried 8B and it was meh"
_SIZE_B = re.compile(r"(?<![a-z0-9_.$])(\d+(?:\.\d+)?)\s?b(?![a-z0-9])(?!\s*(?:tokens|labell?ed|examples|rows|records|words))")
_SIZE_WORDS = re.compile(r"(\d+(?:\.\d+)?)\s*billion[- ](?:param|parameter)")
_SIZE_ZH = re.compile(r"(\d+(?:\.\d+)?)\s*(亿|千亿|百亿)(?:个)?(?:参数|规模|的模型|模型)")
_ZH_SCALE = {"亿": 0.1, "百亿": 10.0, "千亿": 100.0}


def model_size(text: str) -> tuple[float, tuple[int, int]] | None:
    """The model size the text asks for, in billions of parameters, with its span: "7B", "70 billion parameters",
    "百亿参数"; not a card's name ("910B"), a size taken back ("not the 8B") or one that failed ("70B was overkill")."""
    for pattern in (_SIZE_B, _SIZE_WORDS, _SIZE_ZH):
        m = next((m for m in pattern.finditer(text)
                  if not (pattern is _SIZE_B and m.group(0).replace(" ", "") in gpu_cues.GPU_CARDS)  # "910B" is an Ascend chip
                  and not re.search(r"(?:\bnot (?:the |a )?|\binstead of (?:the |a )?|\bfrom (?:the |a )?(?=[\d.]+\s?b\s+to\b)|不是|而不是)\s*$", text[: m.start()])
                  and not _SIZE_DROPPED.match(text[m.end() :])), None)  # "not the 8B", "70B was overkill"
        if m:
            scale = _ZH_SCALE[m.group(2)] if pattern is _SIZE_ZH else 1.0
            value = float(m.group(1)) * scale
            if 0.01 <= value <= 5000:
                return value, m.span()
    return None
