"""Read a budget from one clause: an amount, its currency (USD, RMB, EUR and a few others, converted to US
dollars), "no budget at all" or "money is no object". Pure; part of reading a message's slots."""

from __future__ import annotations

import re

from bot.understand import cues
from bot.understand.numbers import Quantity
from bot.understand.text import Clause, snippet
from bot.understand.types import RMB_PER_USD, USD_PER_EUR, Event

_UNLIMITED = re.compile(r"预算不限|不限预算|预算不卡了?|不设(?:预算)?上限|预算(?:没有|无)上限|(?:没有|没|无)(?:预算|经费)(?:上的)?(?:限制|上限)|(?:预算|经费)(?:没有|没|无|不)(?:设)?(?:限制|设限)|(?:钱|预算)随便(?:花|用)|\bbudget (?:is )?(?:unlimited|no object|open[- ]ended)\b|"
                        r"\bno budget (?:limit|cap|ceiling)s?\b|\bmoney (?:is )?no object\b|\bunlimited budget\b|"
                        r"(?:预算|钱|经费)(?:已经|其实)?(?:不是|不成)问题|不差钱|\b(?:budget|money) (?:is|isn'?t) (?:not )?(?:really )?(?:an? )?"
                        r"(?:issue|problem|concern|constraint) any ?more\b|\b(?:budget|money) is no (?:longer )?(?:an? )?(?:issue|problem)\b")
_USD_BEFORE = re.compile(r"(?:us\$|\$|usd)\s*$")
USD_AFTER = re.compile(r"^\s*,?\s*(?:usd|dollars?|bucks|美元|美金|刀)")
_EUR_BEFORE = re.compile(r"(?:€|eur)\s*$")
_EUR_AFTER = re.compile(r"^\s*(?:euros?|eur\b|€|欧元)(?!\s+(?!(?:budget|total|max|tops|per|for|in|to|and|or|is|was|only|at|on|from|of|a|each|now|but)\b)[a-z]{3,})")  # not "3 euro cylinders"
# other currencies people budget in, with a rough rate (US dollars per unit): before the amount, after it, rate
_OTHER_CURRENCIES = (
    (re.compile(r"(?:hk\$|hkd)\s*$"), re.compile(r"^\s*(?:hkd|hong kong dollars?|港币|港元|港幣)"), round(1 / 7.8, 6)),
    (re.compile(r"(?:£|gbp)\s*$"), re.compile(r"^\s*(?:gbp|pounds?\b(?: sterling)?(?!\s+(?:a|per|of|each)\b)|英镑)"), 1.27),  # not "1.4 million pounds a year" of hops
    (re.compile(r"(?:nt\$|twd)\s*$"), re.compile(r"^\s*(?:twd|新台币|新台幣|台币)"), round(1 / 32, 6)),
    (re.compile(r"(?:s\$|sgd)\s*$"), re.compile(r"^\s*(?:sgd|singapore dollars?|新加坡元|新币)"), round(1 / 1.35, 6)),
    (re.compile(r"(?:jpy)\s*$"), re.compile(r"^\s*(?:jpy|yen|日元|円)"), round(1 / 150, 6)),
)
_RMB_BEFORE = re.compile(r"(?:¥|￥|rmb|cny|人民币)\s*$")
RMB_AFTER = re.compile(r"^\s*(?:元|块钱|人民币|rmb|cny|yuan|块(?![^,，。;；]{0,8}(?:gpu|显卡|卡|[a-z]*\d{3,}|魔改|\d+\s*g\b)))")
_UNIT_PRICE = re.compile(r"(?:每|per|/)\s*(?:百万|千|万|1m|1k|million|thousand|m|k)?\s*(?:个)?\s*(?:输入|输出|input|output)?\s*"
                         r"(?:tokens?|次|calls?|requests?|小时|hours?|hr|h)[^,，。;；]{0,6}$")
_UNIT_PRICE_AFTER = re.compile(r"^\s*(?:美元|元|usd|dollars?|rmb|eur|€)?\s*(?:/|per|每)\s*(?:百万|千|万|1m|1k|million|thousand|m|k)?"
                               r"\s*(?:个)?\s*(?:输入|输出|input|output)?\s*(?:tokens?|次|calls?|requests?|小时|hours?|hr|h)\b")
# "这些简历都没做过标注", "none of them are labeled": a later sentence says the counted items have no labels

DENIED = re.compile(r"(?:\b(?:not|isn'?t|instead of|rather than)|不是|而不是)\s*(?:about\s+|~)?[$€¥￥]?\s*$")
_SPENT = re.compile(r"\b(?:bought|paid|spent|purchased|costs? us|costed|invoiced|billed|sold|earned|charged)\b[^,.;]{0,16}$|\b(?!budget|cap|limit|grant|total)[a-z-]+\s+alone\s+(?:was|cost|ran)\s*(?:us\s*)?(?:about|around|~)?\s*(?:us\$|\$|€|£|¥)?\s*$|(?:买|花了|花掉|付了|当时花)[^,，。;；]{0,6}$")
_BUDGET_WORD = re.compile(r"budget|预算|经费|spend|afford|花|投入")


_ADDED = re.compile(r"\b(?:added|adds|add|bumped (?:it |us )?(?:up )?by|raised (?:it )?by|topped (?:it )?up (?:with|by)|plus)\s+"
                    r"(?:another|an extra|an additional|additional|extra)?\s*[$€¥￥]?\s*$|\b(?:another|an extra|an additional)\s+[$€¥￥]?\s*$|"
                    r"(?:又|再|追加|另外)(?:加|批|拨|给)了?\s*$|(?:又|再|另外)?(?:追加|追拨|增拨|补)了?\s*$")


_CUT_BY = re.compile(r"\b(?:cut|cuts|reduced|slashed|lowered|trimmed|shaved|knocked)\s+(?:the |our |my )?(?:budget\s+)?"
                     r"(?:down\s+)?by\s+[$€¥￥]?\s*$|(?:预算)?(?:砍了|削减了?|减少了?|少了|扣了)\s*[$€¥￥]?\s*$")


NO_BUDGET = cues.rx(r"\b(?:no|zero) budget(?! (?:constraints?|limits?|caps?|issues?|problems?|concerns?|restrictions?))\b", r"\b(?:still |have |got |there'?s )no money\b",
                   r"\bbudget(?: is|'s| of)? (?:literally |now |actually |officially |just )?(?:zero|\$?0)\b", r"\bbudget (?:is )?(?:basically|pretty much|practically|essentially|about|roughly|like) (?:zero|nil|nothing|\$?0)\b", r"没(?:有)?(?:任何)?预算", r"零预算", r"预算(?:为|是)?\s*(?:0(?!\.)|零)", r"(?<!多)一(?:分|毛)(?:钱)?(?:都|也)?没有", r"(?:完全|根本)?不给(?:任何)?预算", r"(?:经费|预算|资金)(?:是|为)\s*(?:零|0(?!\.))(?![\d.])", r"没有一分钱", r"一分钱(?:的)?预算(?:都|也)?没有")


def _to_usd(value: float, before: str, after: str) -> tuple[float, bool] | None:
    """An amount in US dollars, and whether it was in yuan; None when no currency is written."""
    if _USD_BEFORE.search(before) or USD_AFTER.match(after):
        return value, False
    if _EUR_BEFORE.search(before) or _EUR_AFTER.match(after):
        return round(value * USD_PER_EUR, 2), False
    if _RMB_BEFORE.search(before) or RMB_AFTER.match(after):
        return round(value / RMB_PER_USD, 2), True
    return None


# what the business charges for its own goods ("tickets are €9", "a desktop licence starts at $59", "一瓶八十八块",
# "一把壶卖到一万二"): a price, not a budget
_PRICE_OF_GOODS = re.compile(r"\b(?:tickets?|licen[cs]es?|fares?|admission|entry|subscriptions?|memberships?|mounts?|bottles?|rents?|fees?|subs|dues|packages?|"
                             r"rooms?|nights?|seats?|boxes|box|lessons?|classes|sessions?|rentals?)\b[^,.;$€¥]{0,24}?\b(?:is|are|cost|costs|start|starts|"
                             r"run|runs|go|goes|sell|sells|at|from)\b[^,.;$€¥]{0,12}$|\b(?:starts? at|sells? for|sold for|retails? (?:at|for)|"
                             r"priced at|we charge|we bill|charges?|(?:cover|list|sticker|shelf|retail|menu|door|unit) prices?(?: (?:is|of|at))?|(?:top|stud|service|covering|booking|tuition|entry|joining|membership|listing|club) fees?(?: (?:of|is|at|was))?|goes for|go for|went for|going for|retails?|retailing at|"
                             r"prices? (?:are |run |range |ranging )?(?:from|at|between|of|start at)|price range(?: is| of)?)\s*(?:about |around |roughly |~)?$|"
                             # "~4,000 hammocks a year at $129": what each of the goods counted sells for
                             r"\b\d[\d,.]*k?\s+[a-z-]+s\b[^,.;$€¥]{0,20}?\bat\s*$|"
                             # "a wash is $4.50", "one shoulder mount runs about $600": what one of something costs
                             r"\b(?:a|an|one|each|every|(?<!\bfor )(?<!\bon )the)\s+(?![^,.;$€£¥]{0,40}\b(?:budget|cap|limit|grant|total|ceiling|max|spend|allowance|funding|project|pilot|poc|prototype|training|compute|gpu|cloud|api|whole thing|corpus|dataset|data|examples|tokens)\b)"
                             r"(?:(?:\d+\s*(?:kg|g|lb|oz|ml|l|cm|m|mm|inch|in)|[a-z0-9][a-z0-9-]*)\s+){0,3}[a-z-]+\s+"
                             r"(?:is|costs?(?:\s+(?:the|our|their|its|a)\s+(?:owner|client|customer|buyer|company|operator|insurer|shipowner)s?)?|"
                             r"runs?|sells? for|goes for|goes out (?:at|for)|ships? (?:out )?(?:to [a-z ]{1,24}?)?(?:at|for)|lists? (?:at|for)|bills? (?:out )?at|starts? at)\s*(?:about |around |roughly |~|only |just |usually )?$|"
                             # "ticket sales around $9k a year", "revenue of €2M": what the business takes in
                             r"\b(?:(?:day|daily|hourly|nightly|weekly|day-rate|charter|hire|call-out) rates?|rates? (?:of|from))\s*(?:is|are|of|from|around|about|at|~|=|:|run|runs)?\s*(?:about |around |roughly |~)?$|"
                             r"\b(?:sales|revenue|turnover|takings|income|gross|bills|billings|invoices)\s*(?:is|are|of|around|about|at|~|=|:|run|runs|come to)?\s*(?:about |around |roughly |~)?$|"
                             # "average sale around $4,800": what the business earns per sale
                             r"\b(?:average|avg|typical|mean|median)\s+(?:[a-z-]+\s+)?(?:sale|order|ticket|basket|deal|invoice|selling price|price|check|contract|premium|fee|rate|bill)s?"
                             r"(?:\s+(?:size|value|price))?\s*(?:is|of|around|about|at|~|=|:)?\s*(?:about |around |roughly |~)?$|"
                             r"\band (?:a|an|one) (?!budget|cap|limit|grant|total|ceiling|max)[a-z-]+\s*$|"  # "a can is $1.75 and a sandwich $4.50"
                             r"(?:卖到?|售价|票价|门票|定价|单价|零售价|出厂价|批发价|报价|均价|收费|一(?:台|辆|单|间)[\u4e00-\u9fff]{0,4}?费|一(?:瓶|把|张|只|次|件|盒|晚|位|份|套|支|斤|吨|公斤|碗|杯|场|节课)[^,，。;；\d]{0,6}?"
                             r"(?:收|卖|要|是)?)\s*(?:从|在)?\s*(?:约|大概|大约|将近)?\s*(?:新?台币|港币|人民币|美元|日元)?\s*$")
_GRAND_THINGS = re.compile(r"\s*(?!(?:total|for|of|in|on|per|each|and|or|is|was|to|that|left|remaining|only|just|from|budget|max|tops|worth|plus|"
                           r"usd|dollars|bucks|cap|ceiling|limit|a|us|this|the|at|but|so|which)\b)[a-z]{3,}s\b")  # "45 grand pianos": no money
_EACH_AFTER = re.compile(r"^\s*(?:/|per\s)\s*(?:tonne|ton|t|kg|kwh|mwh|km|mi|mile|lb|barrel|bbl|gallon|litre|liter|sq ?ft|ft2|sqm|m2|unit|item|piece|head|night|seat|bottle|"
                         r"week|wk|day|hour|hr|h|lesson|class|session|person|student|pupil|guest|kid|child|adult)\b|"
                         r"^\s*(?:/|per)\s*(?:gb|tb|mb|gib|tib|page|word|seat|user|licen[cs]e)\b|"
                         r"^\s*(?:a|per) (?:tonne|ton|kg|kwh|mwh|litre|liter|gallon|barrel|metre|meter|yard|foot|sq ?m|square (?:metre|meter|foot)|plot|head|person|adult|child|kid|couple|family|guest|pupil|student|seat|room|night|bed|unit|item|piece|ticket|lesson|class|"
                         r"session|visit|week|can|bottle|portion|meal|wash|load|match|game|round|pitch|go)\b|"
                         r"^\s*(?:to|for) (?:the |a |an |our |each |every )?(?:end )?(?:customer|client|buyer|shopper|consumer|user|guest|patient)s?\b|"  # "$780 for the customer"
                         r"^\s*(?:(?:-|–|~|to)\s*(?:£|\$|€|¥)?\s*[\d.,]+\s*[km]?\s*)?(?:each|apiece|a piece|a pop|for (?:a|an|one|each) (?!budget|project|run|model|pilot|poc|prototype|team)|per (?:unit|item|piece|head|"
                         r"night|person|seat|ticket|bottle|box|kg|saddle|job|visit|guest|bed|room|lesson|class|session))\b|"
                         r"^\s*(?:元|块|美元|欧元)?\s*[一二两三四五六七八九\d]?\s*(?:毛|角)?\s*(?:钱)?\s*(?:一|每)(?:个|件|只|台|套|份|晚|位|张|瓶|斤|碗|杯|笼|串|盒)")
_NEXT_PRICE = re.compile(r"^[^;$€£¥]{0,30}?(?:,|\band\b)\s*(?:the\s+)?(?!budget|cap|limit|grant|total)[a-z-]+s?\s+(?:are\s+|is\s+|go\s+for\s+|at\s+)?"
                         r"(?:about|around|roughly|~)?\s*(?:us\$|\$|€|£|¥)?\s*$")
# "…, mussels about $3": goods named with their price and nothing else in the clause
_LISTED_PRICE = re.compile(r"^\s*(?:and\s+)?(?:the\s+)?(?!funds|savings|grants|costs)[a-z-]+s\s+(?:about|around|roughly|~|at)?\s*(?:us\$|\$|€|£|¥)\s*$")
_RANGE_START = re.compile(r"(?:us\$|\$|€|¥|￥|£)?\s*[\d,.]+\s*[km]?\s*(?:-|–|to|~|到|至)\s*$")
_NOT_THE_BUDGET = re.compile(r"^[^.;]{0,12}?\b(?:which|that|and that|but that)\s+(?:is|was|'s)(?:n'?t|\s+not)\s+(?:our|the|my|an?)\s+(?:[\w-]+\s+)?budget\b|"
                             r"^[^。;；]{0,6}?(?:这|那)?(?:不是|并非)(?:我们的?)?(?:[\u4e00-\u9fff]{0,4})?预算")
_NOT_A_CENT_MORE = re.compile(r"\s*(?:块|元|分|毛|美元|刀)(?:钱)?(?:都|也)(?:不行|没有|不给|不能|不可以)")


def budget_set(amount: float, src: str, in_rmb: bool = False) -> list[Event]:
    """Events that set the budget to ``amount`` (in yuan when ``in_rmb``; dollars follow at the fixed rate)."""
    if in_rmb:
        return [Event("budget_usd", "set", round(amount / RMB_PER_USD, 2), src), Event("budget_rmb", "set", amount, src)]
    return [Event("budget_usd", "set", amount, src), Event("budget_rmb", "clear", None, src)]


def budget_events(c: Clause, qs: list[Quantity]) -> list[Event]:
    text = c.text
    unlimited = _UNLIMITED.search(text)
    if unlimited:  # "预算不限", "money is no object": no figure bounds the run any more
        src = snippet(c, *unlimited.span())
        return [Event("budget_usd", "clear", None, src), Event("budget_rmb", "clear", None, src)]
    priced = 0  # where the last price of goods ends
    for q in qs:
        if q.vague or _UNIT_PRICE.search(text[max(0, q.start - 24) : q.start]) or _UNIT_PRICE_AFTER.match(text[q.end :]):
            priced = q.end
            continue  # "每百万输入token 2.5美元", "$2.50 per 1M tokens": a price, not a budget
        if DENIED.search(text[max(0, q.start - 16) : q.start]):
            continue  # "€3,000, not €300": the amount taken back
        if text[max(0, q.start - 1) : q.start] == "多" and _NOT_A_CENT_MORE.match(text[q.end :]):
            continue  # "多一块都不行": not one yuan more, no budget of one
        if _EACH_AFTER.match(text[q.end :]):
            priced = q.end
            continue  # "saddles at £3-5k each": what one item sells for
        # "rugs go for $900-$14k": the second end of a price range is a price too
        before_price = _RANGE_START.sub("", re.sub(r"(?:us\$|\$|€|¥|￥|£|eur|usd|gbp)\s*$", "", text[max(0, q.start - 50) : q.start]))
        if _PRICE_OF_GOODS.search(before_price) and not _BUDGET_WORD.search(text[max(0, q.start - 24) : q.start]):
            priced = q.end
            continue
        if (priced and _NEXT_PRICE.match(text[priced : q.start])) or _LISTED_PRICE.match(text[: q.start]):
            continue  # "kelp goes for $1.20/lb, mussels about $3": the next of the goods, priced the same way
        if _NOT_THE_BUDGET.match(text[q.end :]):
            continue  # "€310,000, which is NOT our AI budget"
        if _SPENT.search(text[max(0, q.start - 24) : q.start]):
            continue  # "bought used for $700", "当时花了五千": money already spent, not a budget
        before, after = text[max(0, q.start - 5) : q.start], text[q.end : q.end + 12]
        src = snippet(c, max(0, q.start - 12), q.end + 8)
        added = _ADDED.search(text[max(0, q.start - 24) : q.start])  # "finance added another $500", "bumped by another $5k"
        cut = _CUT_BY.search(text[max(0, q.start - 32) : q.start])  # "the agency cut the budget by $18,000"
        if added or cut:
            usd = _to_usd(q.value, before, after)
            if usd is not None:
                sign = -1 if cut else 1
                return ([Event("budget_rmb", "add", sign * q.value, src)] if usd[1] else []) + \
                    [Event("budget_usd", "add", sign * usd[0], src)]
        other = next((rate for b, a, rate in _OTHER_CURRENCIES if b.search(before) or a.match(after)), None)
        if other is not None:  # "HK$50,000", "£2k": converted at a rough rate
            return [Event("budget_usd", "set", round(q.value * other, 2), src), Event("budget_rmb", "clear", None, src)]
        if _USD_BEFORE.search(before) or USD_AFTER.match(after) or (re.search(r"\bgrand\b", q.raw) and not cues.EXAMPLE_UNIT_AFTER.match(after) and not _GRAND_THINGS.match(after)):  # "6 grand": dollars
            return budget_set(q.value, src)
        if _EUR_BEFORE.search(before) or _EUR_AFTER.match(after):
            return [Event("budget_usd", "set", round(q.value * USD_PER_EUR, 2), src), Event("budget_rmb", "clear", None, src)]
        if _RMB_BEFORE.search(before) or RMB_AFTER.match(after):
            return budget_set(q.value, src, in_rmb=True)
        if _BUDGET_WORD.search(text[max(0, q.start - 16) : q.start]) and not cues.NOT_EXAMPLE_AFTER.match(after) and q.value >= 10:
            if _ADDED.search(text[max(0, q.start - 24) : q.start]) and re.search(r"[\u4e00-\u9fff]", text):  # "预算又加了一万"
                return [Event("budget_rmb", "add", q.value, src), Event("budget_usd", "add", round(q.value / RMB_PER_USD, 2), src)]
            if re.search(r"[\u4e00-\u9fff]", text):  # "预算 3000" in Chinese: yuan
                return budget_set(q.value, src, in_rmb=True)
            return budget_set(q.value, src)
    m = NO_BUDGET.search(text)
    if m and not re.search(r"(?:不是|并非|倒也不是|也不是|\bnot\b|\bisn'?t\b)\s*$", text[max(0, m.start() - 8) : m.start()]):
        return [Event("budget_usd", "set", 0.0, snippet(c, *m.span()))]  # "也不是一分钱没有": some money
    return []
