"""Deadlines: a time phrase counts only with deadline context ("need it by tomorrow", "下午就要演示").

"today's stock prices", "当天最新的新闻" and "right now we use GPT-4" name a time but set no deadline. The phrase
is turned into days from now by ``dateparser`` (relative dates in both languages: "in 48 hours", "next week",
"明天", "下周"), with a small table for phrases it does not parse; the days become a class: the same day
("today"), within about two weeks ("week"), or later ("quarter").
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from bot.understand.intent import REPORTED
from bot.understand.types import Deadline

TODAY_MAX_DAYS = 0.75
WEEK_MAX_DAYS = 21

_UNIT_DAYS = {"hour": 1 / 24, "hr": 1 / 24, "h": 1 / 24, "day": 1, "week": 7, "month": 30, "quarter": 90, "year": 365,
              "小时": 1 / 24, "个小时": 1 / 24, "天": 1, "日": 1, "周": 7, "星期": 7, "个星期": 7, "礼拜": 7, "个月": 30, "月": 30,
              "个季度": 90, "季度": 90, "年": 365}
_NUM = r"(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|a few|a couple of|few|several|一|两|二|三|四|五|六|七|八|九|十|几|半)"
_WORD_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a few": 3, "few": 3,
             "a couple of": 2, "several": 4, "一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9, "十": 10, "几": 3, "半": 0.5}
# a time phrase: words with a fixed distance, or a number of units
_FIXED: tuple[tuple[str, float], ...] = (
    (r"\b(?:today|tonight|this (?:afternoon|morning|evening)|by (?:the )?end of (?:the )?day|eod|end of today)\b", 0),
    (r"\b(?:at|by|before) (?:the )?\d{1,2}(?::\d{2})?\s*(?:am|pm)\b", 0.3),
    (r"今天|今晚|今日|当天|今早|(?<!明天)(?<!明日)(?<!后天)(?<!明)(?<![周一二三四五六日天])(?:下午|晚上|中午|傍晚)", 0),
    (r"一个半月", 45), (r"一个半(?:星期|礼拜)|一周半", 10),
    (r"\bday after tomorrow\b|后天", 2), (r"\btomorrow\b|明天|明早|明晚", 1),
    (r"\b(?:this|by the end of the|end of (?:the )?|by end of) week\b|本周|这周|这个星期|这礼拜|周末", 5),
    (r"\bnext week\b|下周|下个星期|下礼拜", 10),
    (r"\bnext (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|下(?:个)?(?:周|星期|礼拜)[一二三四五六日天]", 10),
    (r"\b(?:by |on |this |until )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|(?:这|本)?(?:周|星期|礼拜)[一二三四五六日天]", 5),
    (r"\b(?:this|end of (?:the )?) month\b|本月|这个月|(?<![一二三四五六七八九十\d])(?<!下个)(?<!下)月底", 20), (r"\bnext month\b|下个月|下月", 45),
    (r"下个?月(?:底|末)|\b(?:the )?end of next month\b", 50),
    (r"\b(?:this|next|within a|within the|in a|one|(?:the )?end of (?:the |this |next )?) ?quarter\b|本季度|这个季度|下季度|下个季度|一个季度|季度末|季度底", 90),
    (r"\b(?:this|next) year\b|今年|明年", 200),
)
_DURATION = re.compile(
    rf"\b(?:in|within|under|inside|about|around|take|only|have|got|next)\s+(?:the\s+next\s+)?(?:roughly\s+|about\s+|around\s+|approximately\s+|like\s+|~\s*)?{_NUM}\s*"
    r"(hours?|hrs?|h|days?|weeks?|months?|quarters?|years?)\b"
    rf"|{_NUM}\s*(个小时|小时|天|日|个星期|星期|礼拜|周|个月|个季度|季度|年)(?:之内|以内|内|之后|后|时间|的时间)?"
)
# words that make a time phrase a deadline; a duration ("3 months") also counts after "we have"
_CONTEXT = re.compile(
    r"\b(?:need|needs|needed|due|deadline|ship|shipping|launch|launching|deliver|demo|present|presentation|go live|goes live|going live|"
    r"ready|must|have to|has to|got to|gotta|finish|done|by|before|until|within|release|deploy|delivery|due date|prototype|postpone\w*|"
    r"push(?:ed)? (?:back|out)|delay\w*|moved? to|slip\w*|"
    r"results?|pitch|timeline|timeframe|asap|urgent|expects?|wants?|as in|review|see it|show|showing|meeting|"
    r"showcase|expo|exhibition|fair|gala|keynote|conference|trade show|webinar|board meeting|premiere|inspection|audit|"
    r"pulled forward|moved up|brought forward|(?:push|pushed|move|moved|shift\w*|bump\w*|reschedul\w*)\b[^.;]{0,16}\bto)\b"
    r"|要|必须|得|上线|交付|演示|截止|之前|以前|前|完成|交|出结果|落地|搞定|就要|就能|就得|需要|期限|汇报|发布|评审|验收|推迟|延期|延后|改到|放宽"
    r"|展会|展览|开幕|年会|路演|答辩"
    r"|延到|延至|推到|挪到|改成|提前到|也行|也可以|就行|就可以|能用就|来得及|再说|还有|还剩"
    r"|\b(?:is|would be) (?:fine|ok|okay|doable)\b|\bworks (?:for|with) (?:them|us|me|everyone)\b"
    r"|(?<!不)是\s*(?=明天|明晚|明早|后天|下周|下个|本周|这周|周[一二三四五六日]|下月|月底)"
    r"|\bmisread\b|\bmeets?\b|(?<!what)(?<!what )\b(?:is|'s) (?:now |actually )?(?:next|this|on|tomorrow|tonight|today)\b"
)
_PAST = re.compile(r"\b(?:been|ago|last|already|spent|took|since)\b|过去|已经|花了|用了|以来|至今|到现在|历年|积累")
# when something else becomes available ("今年的数据要到六月底才出来", "the new rules come out in March") is no deadline
_AVAILABLE = re.compile(r"才(?:会)?(?:出来|公布|发布|出炉|上线|下来)|\b(?:comes?|came) out\b|\b(?:gets?|will be|is|are) "
                        r"(?:published|released|announced)\b")
_PER_YEAR = re.compile(r"一年(?:大概|大约|约|下来)?(?:要|能|会)?(?:递交|处理|做|接|办|写|提交|收到|发|卖|服务)")  # "一年大概递交一千五百件"
_FREQUENCY = re.compile(r"\s*(?:就|都|会|要|得|能)?(?:变|更新|换|改|调|刷新|涨|跌)(?!完|好(?!几|多))|\s*(?:[一两几]|好几)次|\s*(?:once|twice|\d+ times)\b")
_DURATION_CONTEXT = re.compile(r"\b(?:have|got|in|within|take|only)\b|有|内(?!部|网|容|存|置)|时间")
_ATTRIBUTIVE = re.compile(r"^(?:['’]s\b(?!\s+(?:[\w-]+\s+)?(?:meeting|demo|presentation|review|standup|pitch|all-hands|board meeting|launch)\b)|的(?!时候)(?![^,，。;；]{0,10}(?:会议|会上|评审|演示|汇报|发布会|验收|截止))|最新|新闻|股价|价格|行情|票价|报价|房价|油价|金价|汇率|天气|库存|余票|特价|菜单|路况|开放)")


_BEFORE = re.compile(r"\b(?:before|by|until|till|ahead of|in time for|(?:live|ready|done|working|running|finished|up) for)\s*$")  # "before tonight's crew training"


def read_deadline(clause: str) -> tuple[Deadline, tuple[int, int]] | None:
    """The deadline a clause states, with the span of its time phrase; None without deadline context."""
    clause = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", clause)  # "end-of-next-week" (same length: spans stay valid)
    # what the project's users ask ("观众老问今天还有没有票") names their time, not the asker's deadline
    clause = _QUOTED.sub(lambda m: " " * len(m.group(0)), REPORTED.sub(lambda m: " " * len(m.group(0)), clause))
    best: tuple[float, tuple[int, int]] | None = None
    for pattern, days in _compiled_fixed():
        for m in pattern.finditer(clause):
            if _ATTRIBUTIVE.match(clause[m.end() :].lstrip()) and not _BEFORE.search(clause[: m.start()]):
                continue  # "today's prices", "当天最新的新闻": freshness, not a deadline
            if _FRESH_BEFORE.search(clause[: m.start()]):
                continue  # "answer with whatever's true today", "prices as of today": freshness
            if re.search(r"(?:不是|并非|而不是|\bnot\b|\bnot by\b|\bnot (?:a|an|the|some) [\w-]+(?: [\w-]+)?(?: (?:on|by|for|until|next))?|"
                         r"不是[\u4e00-\u9fff]{0,6}(?:在|到))\s*$", clause[: m.start()]):
                continue  # "下个月演示，不是今天": the time taken back
            best = _later(best, (days, m.span()))
    if best is not None and not _CONTEXT.search(clause):
        best = None
    if _PAST.search(clause) and not re.search(r"deadline|due|截止|期限", clause):
        return None  # "we've been at this for two weeks": time spent, not time left
    if _AVAILABLE.search(clause) and not re.search(r"deadline|due|截止|期限", clause):
        return None
    for m in _DURATION.finditer(clause):
        if re.match(r"\s*(?:19|20)\d\d\s*年", m.group(0)):
            continue  # "2008年" is a calendar year, not a span of 2008 years
        if _FREQUENCY.match(clause[m.end() :]) or re.search(r"(?:每|有时|有时候)\s*$", clause[: m.start()]) \
                or _PER_YEAR.match(clause[m.start() :]) or _CHANGED_THEN.match(clause[m.end() :]) \
                or _AMOUNT_THEN.match(clause[m.end() :]):
            continue  # "有时一小时变好几次", "every 2 hours it changes": how often, not how long is left
            # ("开卖前一小时才改": when the facts change, not a deadline)
        days = _duration_days(m)
        away = re.match(r"\s*(?:out|away|from now|off)\b", clause[m.end() :])  # "about two months out"
        if days is not None and (_CONTEXT.search(clause) or _DURATION_CONTEXT.search(clause) or away):
            best = _later(best, (days, m.span()))
    if best is None:
        return None
    return _classify(best[0]), best[1]


_FRESH_BEFORE = re.compile(r"\b(?:true|current|valid|accurate|correct|in stock|the case|on offer|happening|going on)\s+(?:as of\s+|for\s+)?$|\bas of\s+$")
_QUOTED = re.compile(r"「[^」]{0,60}(?:」|$)|“[^”]{0,60}(?:”|$)|『[^』]{0,60}(?:』|$)|\"[^\"\n]{1,60}\"|\"[^\"\n]{1,60}$")  # "「某攤今天有沒有開」": a question quoted, not a deadline
# "光电费一年就要九千多万", "一年能卖两万吨": an amount per span of time, not time left
_AMOUNT_THEN = re.compile(r"\s*(?:就|都|也)?\s*(?:要|得|花|花掉|交|付|赚|卖|产|出|能卖|能产)?\s*(?:大概|大约|约|差不多)?\s*[\d一二两三四五六七八九十百千万亿]")
_CHANGED_THEN = re.compile(r"\s*(?:才|就|又)(?:会)?(?:改|变|更新|调整|公布|出来|定下来|通知)|\s*(?:before|ahead)?\s*(?:it|they|things|rules|prices)\s+(?:change|get updated)")


def _later(a, b):
    """Keep the phrase that comes last in the clause (people correct themselves as they write)."""
    return b if a is None or b[1][0] >= a[1][0] else a


@lru_cache(maxsize=1)
def _compiled_fixed():
    return tuple((re.compile(p), d) for p, d in _FIXED)


def _duration_days(m: re.Match) -> float | None:
    raw_num = m.group(1) or m.group(3)
    unit = (m.group(2) or m.group(4) or "").rstrip("s") if m.group(2) else (m.group(4) or "")
    phrase = m.group(0)
    parsed = _dateparser_days(phrase)
    if parsed is not None:
        return parsed
    value = _WORD_NUM.get(raw_num.strip()) if raw_num and not raw_num[0].isdigit() else float(raw_num or 1)
    per = _UNIT_DAYS.get(unit)
    return None if value is None or per is None else value * per


def _dateparser_days(phrase: str) -> float | None:
    """Days from now to the moment ``phrase`` names, through dateparser; None when it cannot tell."""
    import dateparser  # loads its language data on first use only

    core = re.sub(r"^(?:within|under|inside|over|for|about|around|take|only|have|got|next)\s+", "in ", phrase.strip())
    core = re.sub(r"(?:之内|以内|内|之后|后|时间|的时间)$", "后", core)
    now = datetime.now()
    try:
        when = dateparser.parse(core, languages=["en", "zh"],
                                settings={"PREFER_DATES_FROM": "future", "RELATIVE_BASE": now})
    except (ValueError, OverflowError, TypeError):
        return None
    if when is None:
        return None
    days = (when - now).total_seconds() / 86400
    return days if days >= 0 else None


def _classify(days: float) -> Deadline:
    if days <= TODAY_MAX_DAYS:
        return "today"
    return "week" if days <= WEEK_MAX_DAYS else "quarter"
