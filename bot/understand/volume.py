"""Call volume and prompt length a message states: "about 1.5 million reports a month", "a 2,000-token prompt". Pure."""

from __future__ import annotations

import re

from bot.understand.numbers import Quantity
from bot.understand.text import Clause, snippet
from bot.understand.types import Event

IN_PROMPT = re.compile(r"prompt|提示|few[- ]?shot|in[- ]context|上下文", re.IGNORECASE)
# "a system prompt with the rules and 20 worked examples": what the prompt holds, said before the count
PROMPT_HOLDS = re.compile(r"\bprompt\b[^.;]{0,80}\b(?:with|containing|including|includes|holding|plus)\b[^.;]{0,60}$|"
                           r"(?:提示词?|prompt)[^。;；]{0,30}(?:里|中)(?:塞|放|写|加)?了?[^。;；]{0,30}$")

# "every call stuffs ~7,000 tokens of tariff rules": what each call carries is prompt, not a corpus
PER_CALL = re.compile(r"\b(?:every|each|per|a)\s+(?:single\s+)?(?:call|request|query|message|prompt)\b[^.;]{0,20}$|每(?:次|个)(?:调用|请求)[^。;；]{0,10}$")
_PER = re.compile(r"^\s*(?:\+\s*)?(?:api\s+)?(?:calls?|requests?|queries|messages|次(?:调用|请求|查询)?)?\s*(?:per|a|each|/|every)?\s*"
                  r"(second|sec|minute|min|hour|day|week|month|秒|分钟|小时|天|日|周|月)")
_PER_BEFORE = re.compile(r"(?:每|一)(?:个)?(秒|分钟|小时|天|日|周|月)(?:都|要|会|也就|就|才|只|也)?(?:调用|请求|查询|处理)?(?:大模型|模型|接口|api|llm|gpt)?(?:有|大约|约|大概|只有|也就|就)?\s*$")
_PER_MONTH = {"second": 2_592_000, "sec": 2_592_000, "秒": 2_592_000, "minute": 43_200, "min": 43_200, "分钟": 43_200,
              "hour": 720, "小时": 720, "day": 30, "天": 30, "日": 30, "week": 4.3, "周": 4.3, "month": 1, "月": 1}
_RATE_VERB = re.compile(r"\b(?:process|processes|processing|processed|handle|handles|handling|classify|classifies|route|routes|score|"
                        r"scores|serve|serves|receive|receives|get|gets|answer|answers|doing|do|does|file|files|issue|issues|send|sends)\s+(?:about |around |roughly |some |over |~\s*)?$|"
                        r"(?:处理|分类|接到|收到|回复|审核)(?:大约|约|大概)?\s*$")
# "1.5 million reports a month": a rate of things coming in, not a collection to search
RATE_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?(?:a|per|each|every)\s+(second|minute|hour|day|week|month)\b")
_CALL_WORD = re.compile(r"calls?|requests?|queries|messages|调用|请求|查询|次")
HIGH_VOLUME_PER_MONTH = 50_000  # about 1,700 calls a day: "3,000 calls a day" is high volume, "200 a day" is not
LONG_PROMPT_TOKENS = 500  # few-shot prompts this long cost more per call than a fine-tuned model's


def volume_events(c: Clause, qs: list[Quantity]) -> list[Event]:
    """Calls per month (and whether that is high volume) and prompt length, from one clause's numbers."""
    text = c.text
    out: list[Event] = []
    for q in qs:
        after = text[q.end : q.end + 40]
        m = _PER.match(after)
        unit = m.group(1) if m and _CALL_WORD.search(after[: m.end()]) else None
        if unit is None:
            b = _PER_BEFORE.search(text[max(0, q.start - 12) : q.start])
            unit = b.group(1) if b and _CALL_WORD.search(after[:8]) else None
        if unit is None and _RATE_VERB.search(text[max(0, q.start - 30) : q.start]) and (r := RATE_AFTER.match(after)):
            unit = r.group(1)  # "our lab processes about 1.5 million reports a month": that many calls
        if unit is not None:
            monthly = int(q.value * _PER_MONTH[unit])
            src = snippet(c, q.start, q.end + 24)
            out.append(Event("calls_per_month", "set", monthly, src))
            out.append(Event("high_volume", "set", monthly >= HIGH_VOLUME_PER_MONTH, src))
            break
    for q in qs:
        if re.match(r"^\s*-?\s*(?:个)?\s*tokens?\b", text[q.end : q.end + 10]) and (
                IN_PROMPT.search(text) or PER_CALL.search(text[max(0, q.start - 40) : q.start])):
            out.append(Event("prompt_tokens", "set", int(q.value), snippet(c, q.start, q.end + 16)))
            # "a 3,000-token prompt" is long; "提示词两百 token 左右" says it is not
            out.append(Event("long_prompt", "set", q.value >= LONG_PROMPT_TOKENS, snippet(c, q.start, q.end + 16)))
            break
    return out
