"""Read a situation's slots from one message, clause by clause, with negation, hedges and units. Pure.

``read_events(text)`` returns what the message says about each slot, in reading order, as events: set a value,
add to a count ("5,000 more"), or clear a fact ("the cluster is gone"). ``bot.understand.state`` folds them into
the conversation state. Each event keeps the user's words it came from.
"""

from __future__ import annotations

import re

from bot.understand import count_cues, cues, gpu_cues, written
from bot.understand.bare import bare_count, kept_fraction, part_dropped, usable_part
from bot.understand.deadline import read_deadline
from bot.understand.hardware import compute_events, kept_new_cards
from bot.understand.model_size import model_size
from bot.understand.money import DENIED, RMB_AFTER, USD_AFTER, budget_events
from bot.understand.numbers import Quantity, quantities, zh_numeral
from bot.understand.outputs import counted_outputs
from bot.understand.text import (
    Clause,
    clauses,
    dropped_thought,
    hedged,
    inline_asides,
    negated,
    prepare,
    snippet,
)
from bot.understand.types import Event
from bot.understand.volume import IN_PROMPT, PER_CALL, PROMPT_HOLDS, RATE_AFTER, volume_events
from knowledge.lang import normalize

# slots a retraction can clear, by the words that name them
_RETRACTABLE: dict[str, re.Pattern] = {
    "compute": re.compile(r"cluster|gpus?|cards?|nodes?|\b(?:a|h|l|v|t|p)\d{2,3}s?\b|\b(?:rtx|gtx)\b|\b[2-5]0[5-9]0(?:\s*ti)?s?\b|"
                          r"集群|显卡|算力|卡|服务器"),
    "needs_format": cues.BOOL["needs_format"][0],
    "knowledge_changes": re.compile(cues.BOOL["knowledge_changes"][0].pattern + r"|\blive\b|real[- ]?time|实时", re.IGNORECASE),
    "deadline": re.compile(r"deadline|demo|launch|rush|hurry|urgent|期限|演示|上线|截止|急|赶"),
    "budget_usd": re.compile(r"budget|\b(?:spending |cost |\$[\d,.]+k? )?cap\b|预算|钱|经费"),
    "privacy_blocked": re.compile(r"privacy|pii|anonymi|private|compliance|隐私|脱敏|敏感|合规|保密|内网|出域"),
    "low_latency": cues.BOOL["low_latency"][0],
    "high_volume": cues.BOOL["high_volume"][0],
    "documents": re.compile(cues.BOOL["documents"][0].pattern + r"|文件|资料|pdf|检索|搜索|查询|\blook-?ups?\b|\bretrieval\b|\brag\b",
                            re.IGNORECASE),
    "domain_terms": cues.BOOL["domain_terms"][0],
    "novel_architecture": cues.BOOL["novel_architecture"][0],
    "multi_step": cues.BOOL["multi_step"][0],
}
_GIVEN_BACK = re.compile(r"还给|归还|搬走|收回|借走|拿走|要回|退回|\b(?:returned|going back|taken back|given back)\b")
_SLOT_ALIASES = {"budget_usd": ("budget_usd", "budget_rmb", "budget_low"), "compute": ("compute", "gpu_memory_gb", "gpu_count")}


# "Half of those are from the old exhibition, drop them": the removal in the next clause is the share's
_DROP_THEM = re.compile(r"^\s*(?:so |just |please )?(?:drop|remove|toss|discard|bin|delete|exclude|throw out) (?:them|those|these)(?: ones)?\s*[.!]?\s*$")
_EACH_LABELLED = re.compile(r"^\s*(?:each|every one|all)(?: one)?(?: of them)?(?: is| are| was| were)? (?:labell?ed|annotated|tagged|graded|"
                            r"scored|marked|rated|with)\b|^\s*(?:每|各)(?:一)?(?:条|份|个|篇|张)?都(?:有|标|打|带)(?:了|好)?(?:标注|标签|结果|评分|答案)")
_LEADING_TOKENS = re.compile(r"^\s*(?:大约|约|大概|将近|差不多|about|around|roughly|~)?\s*\d[\d,.]*\s*[k千万]?\s*(?:个)?\s*tokens?\b")
_LEADING_COUNT = re.compile(r"^\s*(?:加起来|总共|一共|合计)?(?:约|大约|大概|共|一共|有)?\s*[\d一二两三四五六七八九十百千万]+\s*(?:多|余)?[万亿]?(?:多|余)?\s*(?:份|篇|个|页|本)")


def read_events(text: str) -> list[Event]:
    """Every slot event in ``text``, in reading order (later events win when folded)."""
    low = prepare(text)
    if not low.strip():
        return []
    events: list[Event] = []
    parts = clauses(low)
    for i, clause in enumerate(parts):
        if clause.start > 0 and low[clause.start - 1] == "(" and re.search(r"[\d一二两三四五六七八九十百千万]", clause.text):
            # a number in an aside is read with the words it qualifies ("说明书（三千多份）", "RTX 6000 Ada (48GB)")
            lead = re.sub(r"[\d.,]", " ", inline_asides(low)[max(0, clause.start - 13) : clause.start - 1])
            clause = Clause(f"{lead} {clause.text}", clause.start - len(lead) - 1)
        elif i and _LEADING_COUNT.match(clause.text) and cues.DOC_NOUN_BEFORE.search(parts[i - 1].text.rstrip()):
            # "依据都在政策文件，三百多份": the count after the comma counts the documents named before it
            start = max(parts[i - 1].start, clause.start - 12)
            clause = Clause(low[start : clause.start] + clause.text, start)
        elif i and cues.DATA_ASKED.match(parts[i - 1].text) and cues.HAVE.match(clause.text):  # "Examples? I have eight."
            clause = Clause(low[parts[i - 1].start : clause.start] + clause.text, parts[i - 1].start)
        elif i and _LEADING_TOKENS.match(clause.text) and IN_PROMPT.search(parts[i - 1].text):
            # "prompt 里塞了一大堆 few-shot 示例，大约 3,500 token": the tokens after the comma are the prompt's
            clause = Clause(low[parts[i - 1].start : clause.start] + clause.text, parts[i - 1].start)
        if i + 1 < len(parts) and (_EACH_LABELLED.match(parts[i + 1].text) or _DROP_THEM.match(parts[i + 1].text)):
            # "9k loan files, every one tagged with the outcome": the count's items carry labels
            nxt = parts[i + 1]
            clause = Clause(low[clause.start : nxt.start + len(nxt.text)], clause.start)
        if dropped_thought(parts, i):
            continue  # "I was going to say it should use the handbook, but no, scratch that": a thought dropped
        found = _clause_events(clause)
        if i and cues.MONEY_WORDS.search(parts[i - 1].text) and any(e.kind == "scale" for e in found):
            # "the budget is shared with another project, we only get half of it": the budget is halved
            found = [e2 for e in found for e2 in ((Event("budget_rmb", "scale", e.value, e.source),
                                                   Event("budget_usd", "scale", e.value, e.source))
                                                  if e.kind == "scale" and e.slot == "examples" else (e,))]
        if i and any(e.kind == "clear_topic" for e in found):
            # "船期那部分…查，不用模型管了", "we'll care about the memo format later, but not now, drop it": the topic is
            # named earlier in the message
            said = " ".join(p.text for p in parts[:i])
            near = " ".join(p.text for p in parts[max(0, i - 2) : i])
            share = Clause(f"{parts[i - 1].text} {clause.text}", parts[i - 1].start)
            if cues.FRACTION_GONE.search(parts[i - 1].text):  # "三分之一是重复的，去掉": the share is already gone
                found = [e for e in found if e.kind != "clear_topic"]
            elif cues.FRACTION_GONE.search(share.text):  # "其中百分之二十五是旧菜单的，不要了": a share goes, not a topic
                found = [e for e in _number_events(share) if e.slot == "examples"]
            elif _RETRACTABLE["compute"].search(near) and _GIVEN_BACK.search(near):  # "那台服务器要还给物理组…我们用不上了"
                found = [e for e in found if e.kind != "clear_topic"] + [Event(n, "clear", None, snippet(clause))
                                                                         for n in _SLOT_ALIASES.get("compute", ("compute",))]
            else:
                found = [Event(e.slot, e.kind, e.value, f"{said} {e.source}") if e.kind == "clear_topic" else e for e in found]
        following = parts[i + 1].text if i + 1 < len(parts) else ""
        later = " ".join(p.text for p in parts[i + 1 :])
        if (cues.UNLABELLED.search(following) and re.match(r"\s*(?:but|however|though|但|不过|可是|只是)", following)) or \
                _THOSE_UNLABELLED.search(later):
            # "5k old chat logs, but nobody has labeled them": logs, not training examples yet
            found = [e for e in found if not (e.slot == "examples" and e.kind == "set")]
        if any(e.slot == "examples" for e in events) and not any(e.slot == "examples" for e in found):
            end = clause.start + len(clause.text)
            listed = re.fullmatch(r"\s*[^\d]{0,6}\d{1,2}\s*", clause.text) and low[end : end + 1] in (")", "）", "、")
            bare = None if listed else bare_count(clause.text)
            # "... last month; now we have 4,000": the count moved on ("2)", "4）" number a list instead)
            found += [bare] if bare is not None else []
        events.extend(found)
    if _ADD_THOSE.search(low):  # "we found another 2,700 chats in the old system, so add those"
        events = [Event(e.slot, "add", e.value, e.source) if e.slot == "examples" and e.kind == "set" else e for e in events]
    return [_in_user_words(e, low, text) for e in counted_outputs(low, kept_new_cards(events))]


_ADD_THOSE = re.compile(r"\b(?:so |and |please )?add (?:those|them|these|it)(?: (?:in|on|too|as well))?\s*(?:[.!]|$)|"
                        r"\b(?:on top of|in addition to) (?:the |our |those |what we had)|加上(?:这些|它们|去)")  # "也算上，一共五千五百条" states the total


def _in_user_words(e: Event, low: str, text: str) -> Event:
    """The event's source in the user's own characters (traditional, full-width, capitals) where they align."""
    original = normalize(text or "")[: len(low)]
    at = inline_asides(low).find(e.source)  # asides are blanked out of the clause around them (same offsets)
    at = at if at >= 0 else low.find(e.source)
    if at < 0 or len(original) != len(low) or not e.source:
        return e
    return Event(e.slot, e.kind, e.value, original[at : at + len(e.source)])


_SPEAKER = re.compile(r"(?:法务|合规|安全|领导|老板)(?:部门|那边)?(?:刚|刚刚|已经)?(?:说|回复|表示|确认)了?[:：]?"
                      r"|\b(?:legal|compliance|security|my boss|the boss)\b (?:just )?(?:says?|said|confirmed|replied)\b:?")


_LATER = re.compile(r"以后|将来|之后再|\blater\b|down the road|\beventually\b|\bsome ?day\b|in the future")

# "rather than start from an existing model", "而不是用现成的模型": the alternative turned down states no fact
_TURNED_DOWN = re.compile(r"^\s*(?:rather than|而不是|而非)")

_DROP_REST = re.compile(r"^\W*(?:so |and |then |just )?(?:drop|discard|toss|ditch|remove|throw out|bin|delete) "
                        r"(?:the rest|the others|the remainder|everything else)\b|^\W*(?:其余|剩下|其他)的?(?:都|全)?(?:删掉|不要了|去掉)")


def _clause_events(c: Clause) -> list[Event]:
    out: list[Event] = []
    text = c.text
    if _TURNED_DOWN.match(text):
        return out
    if _DROP_REST.match(text):
        return out  # "only two thirds are usable; drop the rest": the share kept already says it
    # "drop the quarter of them that are junk" takes a share of the count away, not a whole fact
    retract = None if cues.PII_REMOVED.search(text) or cues.FRACTION_GONE.search(text) else cues.RETRACT.search(text)
    colon = text.find(":", retract.end()) if retract else -1
    if colon > 0 and text[colon + 1 :].strip():  # "forget the wind bot: I want a model that ...": a new fact follows
        return _clause_events(Clause(text[:colon], c.start)) + _clause_events(Clause(text[colon + 1 :], c.start + colon + 1))
    if retract:
        said = _SPEAKER.sub(" ", text)  # "法务刚说…", "legal says…": who speaks is not what is retracted
        for slot, pattern in _RETRACTABLE.items():
            if pattern is not None and pattern.search(said):
                for name in _SLOT_ALIASES.get(slot, (slot,)):
                    out.append(Event(name, "clear", None, snippet(c)))
        if any(e.slot == "documents" for e in out) and not any(e.slot == "knowledge_changes" for e in out):
            out.append(Event("knowledge_changes", "clear", None, snippet(c)))  # no documents, nothing to keep fresh
        if not out:  # "船期那部分…不用模型管了": the topic is named, not the slot; the state resolves it
            out.append(Event("*", "clear_topic", None, said))
        return out  # "forget the JSON part": nothing else in this clause is a new fact
    is_hedged = hedged(text)
    for slot, (flip, fixed_yes, fixed_no) in cues.BOOL.items():
        value: bool | None = None
        where: tuple[int, int] | None = None
        for pattern, polarity in ((fixed_no, False), (fixed_yes, True), (flip, True)):
            if pattern is None:
                continue
            m = pattern.search(text)
            if not m:
                continue
            if pattern is fixed_no and negated(text, *m.span()):
                continue  # "adapting an existing model isn't an option": the "no" is itself denied
            if pattern is fixed_no and is_hedged and _LATER.search(text):
                continue  # "maybe later we'd fine-tune an existing model, but not now": no fact about now
            value, where = polarity, m.span()
            if pattern is flip and negated(text, *m.span()):
                value = False
            break
        if value is None or where is None:
            continue
        if slot == "documents" and (value is False and cues.STAYS_IN.search(text) or value and cues.INTO_PROMPT.search(text)):
            continue  # "none of our documents may leave the site": kept in; "policies … into the prompt": what the prompt holds
        steady = slot == "knowledge_changes" and re.search(r"每|daily|weekly|hourly|monthly|every|经常|常常|频繁|随时|天天", text[where[0] : where[1]])
        if is_hedged and value is True and not steady and (slot not in ("privacy_blocked", "documents", "domain_terms")
                                                            or _LATER.search(text)) \
                and hedged(_HEDGE_SCOPE.split(text[: where[0]])[-1] + text[where[0] :]):
            continue  # "maybe later a fixed format": not a stated need
        out.append(Event(slot, "set", value, snippet(c, *where)))
    out.extend(_number_events(c))
    deadline = read_deadline(text)
    if deadline is not None:
        out.append(Event("deadline", "set", deadline[0], snippet(c, *deadline[1])))
    out.extend(compute_events(c))
    return out


_PRICED, _PRICE_WORD = re.compile(r"(?:能卖|卖到?|售价|出厂价|批发价|零售价|单价|价格)(?:才|只有|大概|大约|约)?\s*$|(?:年|月)(?:产|生产|产量|出货|销量|卖出)[\u4e00-\u9fff]{0,4}?\s*$"), re.compile(r"能卖|售价|出厂价|批发价|零售价|单价|价格")  # "一只鹅能卖四百多", "一年产拉链十二亿条": sold or made
# a hedge qualifies the phrase it sits in: "maybe ~2k tickets and need our brand voice" hedges the count, not the need
_HEDGE_SCOPE = re.compile(r"\band\b|\bbut\b|\bplus\b|并且|而且|另外|同时")


def _number_events(c: Clause) -> list[Event]:
    text = c.text
    out: list[Event] = []
    part = part_dropped(text)  # "加盟店那三千条里有一半是重复的": a share of one part
    if part:
        return [Event("examples", "add", -part[0], snippet(c, *part[1]))]
    gone = cues.FRACTION_GONE.search(text)
    if gone:
        share = gone.group("f") or gone.group("t") or gone.group("h") or gone.group("z") or gone.group("z4")
        part = (float(share.rstrip("% ")) / 100 if share.rstrip().endswith("%")
                else (zh_numeral(share[3:]) or 0) / 100 if share.startswith("百分之") else cues.FRACTIONS[share])
        out.append(Event("examples", "scale", round(1 - part, 4), snippet(c, *gone.span())))
        return out
    kept = kept_fraction(text)
    if kept:
        return [Event("examples", "scale", kept[0], snippet(c, *kept[1]))]
    times = cues.TIMES.search(text)
    if times and not quantities(text) and not _LENGTH.search(text):  # "twice as many?", "预算翻倍呢": the count or budget
        factor = next(f for words, f in cues.TIMES_FACTORS if re.fullmatch(words, times.group(0)))
        src = snippet(c, *times.span())
        if cues.MONEY_WORDS.search(text):  # "预算翻倍呢", "we only get half of it": the budget, in both currencies
            return [Event("budget_rmb", "scale", factor, src), Event("budget_usd", "scale", factor, src)]
        return [Event("examples", "scale", factor, src)]
    qs = quantities(text)
    examples = _examples(c, qs)
    if examples:
        out.append(examples)
    elif cues.NO_DATA.search(text) and not negated(text, *cues.NO_DATA.search(text).span()):
        out.append(Event("examples", "set", 0, snippet(c, *cues.NO_DATA.search(text).span())))
    if any((cues.DOC_UNIT_AFTER.match(text[q.end :]) or cues.DOC_NOUN_BEFORE.search(text[max(0, q.start - 30) : q.start]))
           and not _PROMPT_PAGES.search(text[max(0, q.start - 12) : q.start]) and not _GLUED.search(text[: q.start]) and not _labelled(text, q) and not written.CALLED_EXAMPLES.match(text[q.end :]) and not written.PAST_WRITTEN.match(text[q.end :]) and not _AS_EXAMPLES.search(text[q.end : q.end + 60]) and not RATE_AFTER.match(text[q.end :])
           and not cues.MADE_BEFORE.search(text[max(0, q.start - 40) : q.start]) and not (q.value < 10 and text[q.end : q.end + 1] == "-") for q in qs):
        out.append(Event("documents", "set", True, snippet(c)))
    elif any(_queried(text, q) for q in qs):
        out.append(Event("documents", "set", True, snippet(c)))  # "40k memos that partners want to query"
    out.extend(budget_events(c, qs))
    size = model_size(text)
    if size is not None:
        out.append(Event("model_size_b", "set", size[0], snippet(c, *size[1])))
    out.extend(volume_events(c, qs))
    return out


_QUERIED = re.compile(r"\b(?:query|search|search through|look up|look through|browse|ask questions (?:over|about|against))\s+"
                      r"(?:over |about |around |roughly |~\s*|some |all )?(?:(?:our|their|the|those)\s+)?$|(?:检索|查询|搜索)\s*$")


_QUERIED_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,3}(?:that|which)\s+(?:[\w-]+\s+){0,3}(?:want|wants|need|needs|would like)"
                            r"\s+to\s+(?:query|search|look up|ask about|browse)\b")


def _queried(text: str, q: Quantity) -> bool:
    """A count of things people want to search: "query ~40k memos", "40k memos that partners want to query"."""
    return bool(_QUERIED.search(text[max(0, q.start - 30) : q.start]) or _QUERIED_AFTER.match(text[q.end : q.end + 60]))


def _labelled(text: str, q: Quantity) -> bool:
    """A count of documents that are labelled ("5,000 labeled documents", "240k clauses, each labeled with a risk",
    "4,200 labels paired with their records", "已经标好一万八千张") is training data."""
    return bool(re.match(r"^[^.;,]{0,50}?\b(?:labell?ed|annotated|tagged|graded|scored|rated|coded|classified)\b|^\s*(?:份|篇|个|条|笔)?(?:已)?(?:标注|打标)|^\s*(?:份|篇|个|条)?\s*[,，]\s*(?:每|各)(?:一)?(?:条|份|个|篇|张)?都(?:有|标|打|带)(?:了|好)?(?:标注|标签)",
                         text[q.end :])
                or _paired(text, q))


# "35 past bulletins I'd call good examples", "200 replies we use as examples"
_LABELLED_NEAR = re.compile(r"^\s*(?:[a-z][\w-]*\s+){1,4}(?:labell?ed|annotated|tagged|graded|scored|rated|coded|classified|categori[sz]ed|"
                            r"(?:written|prepared|authored|done) by|translated|rewritten|corrected)\b")


def _paired(text: str, q: Quantity) -> bool:
    """A count whose items each carry a label or a paired answer: training examples, whatever the items are."""
    return bool(re.match(r"^\s*(?:[\w-]+\s+){0,4}?[\w-]+,?\s+(?:each|every one|all)(?: one)?(?: of them)?(?: is| are)? (?:labell?ed|annotated|tagged|graded|scored|marked|with)\b|"
                         r"^\s*(?:[\w-]+\s+){0,4}?[\w-]+\s+(?:paired|matched|aligned) with\b", text[q.end :])
                or re.search(r"(?:标好|标完|标注好|标注完|标了|标注了|已标注)(?:了)?\s*$", text[max(0, q.start - 8) : q.start])
                # "两万七千盘带讲评的棋谱": items that come with their commentary or answers
                or re.match(r"^\s*[\u4e00-\u9fff]?\s*(?:带|附|配|含)(?:有|着)?[\u4e00-\u9fff]{0,4}?(?:讲评|点评|评语|批注|标注|答案|解析|标签)", text[q.end :])
                # "一共整理出两万七千盘": what was compiled (a collection of documents is told by its unit before this)
                or re.search(r"(?:整理出|攒下|攒了)(?:了)?(?:大概|大约|约|将近)?\s*$", text[max(0, q.start - 8) : q.start])
                or written.WRITTEN_BEFORE.search(text[max(0, q.start - 50) : q.start])
                or written.PAST_OUTPUT_BEFORE.search(text[max(0, q.start - 20) : q.start])
                or re.match(r"^\s*(?:篇|份|条|个|则)?\s*(?:以前|之前|过去|往年|去年)(?:写|做|整理|发)(?:过|好)?的", text[q.end :]))


_PROMPT_PAGES = re.compile(r"(?:提示词?|prompt)[^,，。;；]{0,6}$", re.IGNORECASE)  # "系统提示词有 12 页": a prompt's pages
_GLUED = re.compile(r"[a-z]-$")  # "grade-2 braille-ready files", "gpt-4 docs": a number in a name counts nothing
_DOC_SOON = re.compile(r"^\s*(?:份|篇|个)?[^。;；]{0,14}(?:文档|文件|pdf|资料|手册|报告|说明书|白皮书)")


_CARD_BRAND = re.compile(r"(?:rtx|gtx|tesla|titan|quadro|radeon|rx|geforce)\s*-?\s*$", re.IGNORECASE)
_GLUED_BEFORE = re.compile(r"[a-z\-_.$¥/]$", re.IGNORECASE)
_CARD_NUMBERS = {card for card in gpu_cues.GPU_CARDS if card.isdigit()}


# "2,500 past briefings", "40 old recaps": what was written before is the examples (not people, places or machines)
def _examples(c: Clause, qs: list[Quantity]) -> Event | None:
    text = c.text
    qs = [q for q in qs if not (q.raw == "one" and re.search(r"\b(?:this|that|the|which|each)\s*$", text[: q.start]))]  # "this one"
    # "那一百五十条里能用的只有四十条": the usable part is the count that holds
    usable = [q for q in qs if usable_part(text, q)]
    qs = usable[:1] + [q for q in qs if q not in usable[:1]] if usable else qs
    for q in qs:
        after, before = text[q.end : q.end + 60], text[max(0, q.start - 30) : q.start]
        if q.raw == "一一" or q.raw == "一" and (after.lstrip().startswith("个") or re.match(r"\s*([\u4e00-\u9fff])一\1", after)
                              or re.search(r"一" + re.escape(after.lstrip()[:1]) + r"$", before)):
            continue  # "一个问答助手": an article; "一笔一笔标出来": one at a time; not a count
        if re.search(r"\b(?:must|should|has to|have to|needs? to) be (?:exactly |at most |about |only )?$|(?:必须|要|得)是\s*$", before):
            continue  # "answers must be three short sentences": a length, not a count of examples
        if q.value == 1 and re.search(r"\b(?:every|each|any|no)\s*$", before):
            continue  # "every one tagged": every item, not a count of one
        if q.value == 1 and count_cues.NOT_ONE.match(after) or _PRICED.search(before) or q.value == 1 and _PRICE_WORD.search(after[:16]):
            continue  # "一条整理好的样例都没有": not a single one; "一只鹅能卖四百多", "一条拉链出厂价几毛": a price
        if q.value == 1 and after.lstrip().startswith("笔") or count_cues.PEOPLE_BEFORE.search(before) or count_cues.SPAN_AFTER.match(after):
            continue  # "一笔政府补助": one sum of money; "工人两百多": people; "over 6 years our growers labelled": a span
        if q.raw in _CARD_NUMBERS and _CARD_BRAND.search(before) or re.search(r"(?<![a-z])[a-z]$", before) or re.match(r"[a-z](?![a-z])", after):
            continue  # "one RTX 4090 left", "8张H800": a card's name, not a count
        if PER_CALL.search(text[max(0, q.start - 40) : q.start]) and re.match(r"\s*tokens?\b", after):
            continue  # "every call stuffs ~7,000 tokens of tariff rules": the prompt's length, not a corpus
        corpus = _CORPUS_BEFORE.search(before)  # "训练语料约５亿 tokens", "a corpus of 40 million tokens": the corpus's size
        if cues.NOT_EXAMPLE_AFTER.match(after) and not _labelled(text, q) and not written.LABELLED_BEFORE.search(before) \
                and not (corpus and re.match(r"\s*(?:个)?\s*(?:tokens?|词元|句|条)", after)):
            continue
        if cues.DOC_UNIT_AFTER.match(after) and not _labelled(text, q) and not _AS_EXAMPLES.search(text[q.end : q.end + 90]) \
                and not written.PAST_WRITTEN.match(after) and not written.CALLED_EXAMPLES.match(after):
            continue
        if cues.UNLABELLED.search(after):
            continue  # "5k old chat logs but nobody has labeled them" are no training examples yet
        if count_cues.MONEY_ADDED.search(before):
            continue  # "预算又加了一万": money, not examples
        if DENIED.search(before) or re.search(r"[$€¥￥£]\s*$", before) or USD_AFTER.match(after) or RMB_AFTER.match(after):
            continue  # "3,000, not 300"; money is no count of examples
        if cues.DOC_NOUN_BEFORE.search(before) and not _labelled(text, q) and not _AS_EXAMPLES.search(after):
            continue  # "药品说明书一万多份": documents to retrieve from
        if written.REQUESTED_BEFORE.search(before) and not _AS_EXAMPLES.search(after[:40]) and not written.NAMED_EXAMPLES.match(after):
            continue  # "they asked for 20 short tour blurbs": to be written, not examples at hand
        if _queried(text, q) and not _labelled(text, q):
            continue  # "associates want to query ~40k precedent memos": a collection to search, not examples
        if cues.REMOVED_PART.match(after) or _DROP_BEFORE.search(before):
            return Event("examples", "add", -int(q.value), snippet(c, q.start, q.end + 24))
        more = bool(cues.RELATIVE_ADD.search(before[-12:]) or cues.RELATIVE_ADD.match(after)
                    or cues.THROWN_IN.search(before[-30:]))  # "the other rinks are throwing in their 9,000 logs"
        unit = (cues.EXAMPLE_UNIT_AFTER.match(after) or cues.EXAMPLE_UNIT_BEFORE.search(before) or _paired(text, q) or re.match(r"\s*笔(?:已)?标注", after)
                or (q.value >= 10 and _LABELLED_NEAR.match(after)) or written.CALLED_EXAMPLES.match(after)
                or re.match(r"^\s*(?:[\w-]+\s+){0,3}like (?:that|those|this|these)\b", after) or written.PAST_OUTPUTS.match(after) or written.PAST_WRITTEN.match(after) or q in usable
                or written.LABELLED_BEFORE.search(before) or corpus or written.written_of_them(text, q.start, q.end))  # "500 past announcements like that"  # "25,000 student essays graded against a rubric"
        trained = bool(_AS_EXAMPLES.search(text[q.end : q.end + 90]))  # "12,000 more reports cleared for us to train on"
        bare_more = (more and not cues.NOT_EXAMPLE_AFTER.match(after) and (trained or not cues.DOC_UNIT_AFTER.match(after))
                     and (trained or not _DOC_SOON.match(after)) and q.value >= 10)  # "one more requirement" adds no example
        if unit or bare_more:
            if (IN_PROMPT.search(text[max(0, q.start - 25) : q.end + 30]) or PROMPT_HOLDS.search(text[max(0, q.start - 120) : q.start])) \
                    and q.value < 100:
                continue  # "a prompt with 5 examples", "a system prompt with the rules and 20 worked examples": shots, not data
            value = q.value * (0.9 if _BELOW.search(before) else 1.1 if _ABOVE.search(before) else 1.0)
            return Event("examples", "add" if more else "set", int(value), snippet(c, q.start, q.end + 24))
    if cues.DATA_WORDS.search(text):  # a bare number next to data words: "我们有 3000, 数据都标注好了"
        for q in qs:
            after, before = text[q.end : q.end + 20], text[max(0, q.start - 6) : q.start]
            if (q.vague or cues.NOT_EXAMPLE_AFTER.match(after) or cues.DOC_UNIT_AFTER.match(after)
                    or (q.value < 20 and re.match(r"\s*[)）、.]", after))  # "4）数据都来自…": a list number
                    or _GLUED_BEFORE.search(before) or q.raw in _CARD_NUMBERS or 1990 <= q.value <= 2035 or q.value < 1):
                continue
            if re.match(r"^\s*(?:[,，。.;；!?！？)]|$|\s*(?:and|with|和|并且|,))", after):
                return Event("examples", "set", int(q.value), snippet(c, q.start, q.end + 24))
    return None


_LENGTH = re.compile(r"长度|篇幅|token|\b(?:length|long|longer)\b")  # "每条长度翻倍": the examples' length, not their number
_THOSE_UNLABELLED = re.compile(r"(?:这些|那些|都|\bthose\b|\bthese\b|\bthey\b|\bnone of them\b)[^,，。.;；]{0,12}?"
                               r"(?:没做过标注|没有做过标注|没(?:有)?标注|没标过|未标注|unlabell?ed|not labell?ed)|"
                               r"\bnone of (?:the|them|these|those|our)\b(?: [\w-]+){0,2}(?: (?:is|are|was|were|has been|have been))? "
                               r"(?:labell?ed|annotated|tagged)")  # "None of the transcripts are labeled"
_CORPUS_BEFORE = re.compile(r"(?:语料|\bcorpus)(?:库)?\s*(?:[:：=]|of|is|was|has|约|大约|大概|有|共|是|为|总共|一共)?\s*(?:about|around|roughly|~|约|大约|大概)?\s*$")
_BELOW = re.compile(r"(?:不到|少于|不足|不超过|less than|fewer than|under|below|not even)\s*(?:about\s+)?$")  # "不到一百条" < 100
_ABOVE = re.compile(r"(?:超过|多于|(?<!\bhanded )(?<!\bhand )(?<!\bhands )(?<!\bturned )(?<!\bpassed )(?<!\bsent )(?<!\bhanding )\bover|more than|above|upwards of)\s*$")  # not "handed over 5,000"
_DROP_BEFORE = re.compile(r"\b(?:drop|remove|exclude|discard|scrap|delete|lose|lost|minus)\s+(?:those|the|these|another)?\s*$|"
                          r"\bthrow(?:ing|n)?\s+(?:away\s+|out\s+)?(?:all|those|the|these)?\s*(?:of (?:the|those)\s*)?$|"
                          r"(?:去掉|删掉|扣掉|减掉|剔除)(?:那|这)?\s*$")
_AS_EXAMPLES = re.compile(r"当(?:样本|范例|示例|例子|训练)|做(?:样本|范例|示例)|训练数据|\bas (?:training )?examples\b|\btrain on\b|"
                          r"\b(?:follow|follows|following|written in|filled in|in) (?:that|the|this|our|an?)(?: strict| fixed| standard| set)? (?:template|format|layout|style|json|schema)\b|\blike (?:that|those)\b|"
                          r"\bby hand\b|\bmanually (?:converted|written|labell?ed|annotated|corrected)\b|\bto (?:learn|train) (?:from|on)\b|"
                          r"^\s*(?:[\w-]+\s+){0,2}examples?\b")
