"""Understanding: a message and the conversation so far -> an ``Understanding`` (language, intent, slots, cost).

``understand`` is the first stage of every answer and is entered once per turn. The earlier turns arrive as the
previous turn's ``Understanding`` (the conversation state), so nothing is re-read; ``replay`` rebuilds that state
from a plain transcript (the CLI's ``history``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from bot.understand import cues
from bot.understand.bare import (
    MONEY_TURN,
    bare_budget,
    bare_count,
    same_unit_count,
    states_usable_part,
    unitless,
)
from bot.understand.cost import PRICED_MODELS, asks_cost, read_cost
from bot.understand.hardware import more_of_the_same
from bot.understand.intent import DECISION_ASK, decide_intent, scores
from bot.understand.slots import read_events
from bot.understand.state import FRESH, GENERIC_WORDS, akin, fold, overrides
from bot.understand.text import prepare
from bot.understand.types import Event, Situation, Slot, Understanding
from knowledge.lang import detect_language, is_foreign, is_mixed, normalize

MAX_MESSAGE_CHARS = 10_000  # longer messages get a short "please ask in a few sentences" reply

__all__ = ["Situation", "Slot", "Understanding", "read_situation", "replay", "understand", "with_overrides"]


def is_empty(text: str) -> bool:
    """True when nothing readable is left: whitespace, punctuation, emoji or invisible characters only."""
    return not any(ch.isalnum() for ch in normalize(text or ""))


_NEEDS = ("knowledge_changes", "documents", "needs_format", "low_latency", "multi_step", "domain_terms", "privacy_blocked",
          "deadline", "high_volume", "long_prompt", "novel_architecture")


def _topic_of_last_turn(events: list, previous: Understanding | None) -> list:
    """A retraction that names the last turn's topic ("船期那部分不用模型管了" after "船期每天都在变") clears the
    needs that turn stated."""
    from knowledge.lang import tokenize

    topic = [e for e in events if e.kind == "clear_topic"]
    if not topic or previous is None or not previous.asked:
        return events
    said = {_stem(t) for e in topic for t in tokenize(e.source) if len(t) >= 2 and not t.isdigit()}
    asked = {_stem(t) for t in tokenize(prepare(previous.question))} - _COMMON
    if not said & asked and not any(akin(a, b) for a in said - _COMMON for b in asked):  # "the event stuff" names "current events"
        return events
    needs = [name for name in previous.asked if name in _NEEDS]
    # the slots whose own words the retraction names ("规则那部分" clears the changing rules, not the template)
    named = [name for name in previous.asked
             if said & {_stem(t) for t in tokenize(prepare(previous.asked[name].source))} - _COMMON]
    if named and not set(named) & set(needs):
        return events  # "那一千条标注先不算了": the examples go, not every need of that turn
    named = [name for name in named if name in needs]
    if not named and "knowledge_changes" in needs and FRESH.search(" ".join(prepare(e.source) for e in topic)):
        named = ["knowledge_changes"]  # "ignore the price part": the changing prices go, the reply layout stays
    at = events.index(topic[0]) + 1  # cleared where the retraction is said: a need stated after it stays
    return events[:at] + [Event(name, "clear", None, topic[0].source) for name in (named or needs)] + events[at:]


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 and word.isascii() else word


_COMMON = GENERIC_WORDS | {"model"}


def understand(question: str, previous: Understanding | None = None, relevant: bool = True) -> Understanding:
    """Read ``question`` in the context of ``previous``; ``relevant`` says whether the built-in notes or the user's
    index hold anything about it (a message is off topic only when they don't)."""
    question = question if isinstance(question, str) else ""
    prev_slots = dict(previous.slots) if previous else {}
    lang = detect_language(question, default=previous.lang if previous else "en")
    if previous is not None and is_mixed(question):
        lang = previous.lang  # a message half in each language is answered in the language of the chat so far
    if is_empty(question):
        return Understanding(question, lang, "empty", prev_slots)
    if len(question) > MAX_MESSAGE_CHARS or is_foreign(question):
        return Understanding(question, lang, "off_topic", prev_slots)  # answered with a short "please ask..." reply
    events = read_events(question)
    if any(e.slot == "budget_usd" and e.kind in ("set", "add") for e in events):
        events = [e for e in events if not (e.kind == "add" and e in unitless(events))]  # "老板又追加了十万，现在一共十五万元"
    if "budget_usd" in prev_slots and not any(e.slot == "budget_usd" for e in events):
        # "财务刚说只能给六万", "领导又批了两万，现在一共两万三": bare amounts in a talk about the budget are money
        money_talk = bool(MONEY_TURN.search(prepare(question)))
        if money_talk or not any(e.slot == "examples" for e in events):
            in_rmb = "budget_rmb" in prev_slots
            before = prev_slots["budget_rmb" if in_rmb else "budget_usd"].value
            money = bare_budget(question, in_rmb, float(before) if before is not None else None)  # type: ignore[arg-type]
            if money:
                events = [e for e in events if e not in unitless(events)] + money
    if "examples" in prev_slots and not any(e.slot in ("examples", "budget_usd") for e in events):
        # "and if we only had 50?" continues the count under discussion; "that's 1.6 million events total" counts
        # the very things the examples were counted in
        bare = bare_count(question)
        if bare is None and not any(e.kind in ("clear", "clear_topic") for e in events):
            bare = same_unit_count(question, prev_slots["examples"].source or "")
        events += [bare] if bare is not None else []
    memory = next((e.value for e in events if e.slot == "gpu_memory_gb" and e.kind == "set"),
                  prev_slots["gpu_memory_gb"].value if "gpu_memory_gb" in prev_slots else None)
    if memory is not None and not any(e.slot == "gpu_count" for e in events):
        events += more_of_the_same(prepare(question), float(memory))  # "two of them?", "we can only count on one"
    events = _topic_of_last_turn(events, previous)
    stated = len({e.slot for e in events if e.slot not in ("budget_rmb", "calls_per_month", "prompt_tokens", "*")})
    facts = len({e.slot for e in events} - {"*", "budget_rmb", "calls_per_month", "prompt_tokens", "gpu_memory_gb", "gpu_count",
                                            "compute", "model_size_b"})
    examples = next((e.value for e in events if e.slot == "examples" and e.kind == "set"), None)
    prev_cost = previous.cost if previous is not None else None
    added = sum(int(e.value) for e in events if e.slot == "examples" and e.kind == "add")  # type: ignore[arg-type]
    scale = next((float(e.value) for e in events if e.slot == "examples" and e.kind == "scale"), None)  # type: ignore[arg-type]
    # "correction: it's 80 headlines, not 800" after an estimate corrects the project; "another 1,500, same length,
    # still mini" reprices the estimate
    corrects = bool(prev_slots) and bool(cues.UPDATE.search(prepare(question))) and not _COST_FACT.search(prepare(question))
    # after an estimate, "and if we had 5,000?" or "another 1,500, same length" reprices it; "又多了两千条，运营刚整理完"
    # tells the project something new
    # (a chat about costs alone has no project to tell: there a new count always reprices)
    reprices = not prev_slots or bool(_COST_FACT.search(prepare(question)) or _SUPPOSES.search(prepare(question)))
    if examples is None and prev_cost is None and "examples" in prev_slots:
        # "and with gpt-4o-mini instead, ~200 tokens per caption?" prices the examples the situation stated
        examples = int(prev_slots["examples"].value)  # type: ignore[arg-type]
    cost = read_cost(question, examples, prev_cost, added,
                     only_cost_facts=all(e.slot == "examples" for e in events) and not corrects and reprices,
                     scale=scale)
    if cost is not None and cost.examples is None and "examples" in prev_slots and prev_cost is None:
        # "how much to fine-tune on those 4,000?" after the situation stated them
        cost = dataclasses.replace(cost, examples=int(prev_slots["examples"].value))  # type: ignore[arg-type]
    probs = scores(question)
    complete = cost is not None and cost.model in PRICED_MODELS.values() and bool(cost.avg_tokens and cost.examples)
    # "what's gpt-4o-mini at ~600 tokens each?" after a situation stated the count: a whole cost question
    # "那现在训练费用是多少?" after the count changed: the estimate again, on the project as it is now
    follow_up = ((complete or (prev_cost is not None and cost is not None and (cost != prev_cost or asks_cost(question))))
                 and not (DECISION_ASK.search(prepare(question)) and probs.get("situation", 0) > 0.5))
    # "what did the megatron-llama run cost in RMB?" with the documents holding it: a figure to look up, not a job to price
    looked_up = (cost is not None and prev_cost is None and relevant and cost.model not in (None, *PRICED_MODELS.values())
                 and not cost.avg_tokens and not cost.examples)
    intent = decide_intent(question, probs, stated, bool(prev_slots), cost is not None and not looked_up, follow_up, relevant, facts)
    if intent == "off_topic" and relevant:
        intent = "factual"
    asked, _ = fold({}, events)
    if intent == "situation" and prev_slots and _another_situation(question, events, prev_slots):
        prev_slots = {}  # a whole new situation typed into the same chat: its facts start afresh
    if intent == "situation":
        slots, changes = fold(prev_slots, events)
        changes = changes if prev_slots else ()  # a first message changes nothing: it states
        kept = prev_cost  # the last estimate stays for a later "and with gpt-4o?", on the count as it is now
        if kept is not None and "examples" in slots and slots["examples"].value != kept.examples:
            kept = dataclasses.replace(kept, examples=int(slots["examples"].value))  # type: ignore[arg-type]
        return Understanding(question, lang, intent, slots, kept, changes, asked=asked, intent_scores=probs)
    if intent != "cost":
        cost = prev_cost  # a fact question in between keeps the last estimate for a later follow-up
    elif prev_slots and states_usable_part(question):  # "only 700 of those are any good, redo it for the 700"
        prev_slots, _ = fold(prev_slots, [e for e in events if e.slot == "examples"])
    return Understanding(question, lang, intent, prev_slots, cost, (), asked=asked, intent_scores=probs)


_SUPPOSES = re.compile(r"[?？]|\b(?:if|what about|how about|suppose)\b|如果|要是|假如|假设|呢|再算|重算|重新算|再估|重新估|"
                       r"\b(?:recalc\w*|recompute|redo (?:it|that|the (?:math|estimate|numbers|calculation))|re-?run the (?:numbers|math))\b")
_COST_FACT = re.compile(r"\b(?:gpt-?[\w.-]*|4o|mini|tokens?|epochs?|same length|cost|price|\$)\b|轮|token|费用|多少钱|价格", re.ASCII)
_NEW_FACTS = ("examples", "documents", "knowledge_changes", "needs_format", "privacy_blocked", "novel_architecture",
              "domain_terms", "multi_step", "deadline")


def _another_situation(question: str, events: list, prev_slots: dict) -> bool:
    """A turn that states a different situation whole ("我们有三台服务器……四百万条工单……") rather than amending the last
    one: a new count of examples, hardware or needs, four facts or more, and no word of correcting or adding."""
    low = prepare(question)
    if any(_NEW_TOPIC.search(part) for part in re.split(r"[,;:.，；：。]", low)) and any(e.kind == "set" for e in events):
        return True  # "Separate thing, for the athletics department: ...", "另外一个事：设计部想…"
    if cues.UPDATE.search(low) or cues.RETRACT.search(low) or cues.RELATIVE_ADD.search(low) or _FOLLOW_UP.search(low):
        return False
    sets = {e.slot for e in events if e.kind == "set" and e.slot in _NEW_FACTS + ("compute", "gpu_count", "gpu_memory_gb")}
    count = next((e.value for e in events if e.slot == "examples" and e.kind == "set"), None)
    before = prev_slots["examples"].value if "examples" in prev_slots else None
    return len(sets) >= 4 and count is not None and before is not None and count != before \
        and bool(sets & set(_NEW_FACTS) - {"examples"})


_NEW_TOPIC = re.compile(r"^\W*(?:(?:a |one )?(?:totally |completely |entirely )?(?:separate|different|unrelated|other|another|new|second) (?:thing|topic|project|question|matter|"
                        r"use case|idea|team|client|problem)\b|(?:totally |completely |somewhat )?unrelated\b|on a different note\b|"
                        r"(?:my |our )?side project\b|switching (?:topics|gears)\b|changing (?:the )?subject\b|"
                        r"(?:my|our) (?:cousin|friend|brother|sister|neighbou?r|wife|husband|dad|mom|uncle|aunt|roommate|"
                        r"former colleague)(?:'s(?: [\w-]+){0,3})? (?:has|runs|owns|is|wants|needs|just)\b)|"
                        r"^\W*我(?:的)?(?:朋友|表哥|表姐|表弟|表妹|同学|邻居|亲戚|老婆|老公|舅舅|姐姐|哥哥|弟弟|妹妹)(?:开了|有|在|想|做)|"
                        r"^\W*(?:换(?:成|用)?(?:中文|英文)(?:说|讲|问)?)?(?:另外|另)一?(?:个|件)(?:(?:完全|毫不)?(?:不相关|不相干|无关|不关事)的|别的)?(?:事|嘢|项目|问题|场景|需求|团队|部门)|^\W*(?:换个|换一个)(?:(?:完全|毫不)?(?:不相干|不相关|无关)的)?(?:话题|问题|场景|事)|^\W*题外话|"
                        r"^\W*(?:另外|再)?(?:问|说)(?:一?个|另一个|件)(?:别的|不相关的|无关的)|^\W*(?:完全)?不相关的")
_FOLLOW_UP = re.compile(r"\b(?:also|and|plus|what if|if we|now|still|then|btw|oh)\b|另外|还有|而且|如果|要是|那|也|又|再|现在|其实|不过|对了")


def replay(turns: Sequence[str], relevant: bool = False) -> Understanding | None:
    """The conversation state after the user's earlier ``turns`` (oldest first); whether passages were found for
    them is not known again, so only the words decide (``relevant``)."""
    state: Understanding | None = None
    for turn in turns:
        if isinstance(turn, str) and turn.strip():
            state = understand(turn, state, relevant)
    return state


def with_overrides(u: Understanding, values: dict[str, object], source: str = "set by hand") -> Understanding:
    """``u`` with slots set (or cleared with None) by hand; the changes say what moved."""
    slots, changes = overrides(u.slots, values, source)
    from dataclasses import replace

    return replace(u, slots=slots, changes=changes, intent="situation" if u.intent in ("situation", "empty") else u.intent)


def read_situation(text: str) -> Situation:
    """The situation one message states on its own (no conversation, no intent)."""
    slots, _ = fold({}, read_events(text))
    return Understanding(text, "en", "situation", slots).situation
