"""Read a training-cost question, and fill a follow-up ("and with gpt-4o instead?") from the previous one. Pure."""

from __future__ import annotations

import re
from dataclasses import (
    replace,
)

from bot.understand.numbers import quantities
from bot.understand.text import prepare
from bot.understand.types import CostQuery

DEFAULT_EPOCHS = 3  # the usual default for OpenAI fine-tuning jobs


def _ascii(pattern: str) -> re.Pattern:
    """``\\b`` and ``\\w`` over ASCII only: "用gpt-4o-mini训练" names the mini, "换成mini呢" too."""
    return re.compile(pattern, re.ASCII)


PRICED_MODELS = {"gpt-4o-mini": "gpt-4o-mini-2024-07-18", "gpt-4o": "gpt-4o-2024-08-06"}

_OTHER_MODEL = _ascii(
    r"\b(?:gpt-?[\w.]+(?:-[\w.]+)*|claude[\w.-]*|llama[\w.-]*|qwen[\w.-]*|mistral[\w.-]*|gemini[\w.-]*|phi-?\d[\w.-]*|"
    r"deepseek[\w.-]*|glm[\w.-]*|baichuan[\w.-]*)"
)
_OPENAI_MODEL = _ascii(r"\b(?:gpt-?)?4o(?:[- ]?mini)?(?:-\d{4}-\d{2}-\d{2})?\b")
_STRONG_CUE = _ascii(
    r"\bestimat|\bwhat(?:'s| is| would be| will be) (?:that|it|this|the bill) (?:on|with|for|using|via|through) (?:gpt-?)?4o\b|"
    r"\bhow much (?:money|would|will|does|did|do|to|is)\b.*\bcost|\bhow much (?:money|to)\b|"
    r"\bwhat (?:would|will|does|did) (?:it|that|this)[\w\s-]{0,30}cost|\btraining cost|\bballpark\b|\brough (?:number|figure|estimate|idea)\b|\border of magnitude\b|"
    r"\bhow much (?:would|will|is|does) (?:that|it|this)(?: \w+)? (?:be|run|come to|set (?:us|me) back)\b|多少钱|花多少|要花|估算|估计一下|训练费用|费用是多少"
)
_WEAK_CUE = _ascii(r"要多少(?![条个张份样])|\bcosts?\b|\bprice|\bpricing\b|\bexpensive\b|\bcheaper\b|\bbill\b|\$|费用|成本|价格|收费|贵|账单|花费")
_FOLLOW = _ascii(r"^\s*(?:and|what about|how about|ok|okay|then|so)\b|\binstead\b|\bwith\b|\bsame (?:thing|setup|run|job)\b|呢|换成|改成|如果|那|要是|用")
# "其实我重新算了一下, 每条 450 token": a correction of what only the estimate uses (a new count is the situation's too)
_CORRECTION = _ascii(r"\bactually\b|\bcorrection\b|\bre-?(?:counted|calculated|checked)\b|其实|实际上|更正|重新(?:算|数|统计)")
_TOKENS_AFTER = _ascii(r"^\s*(?:个)?\s*tokens?\b|^\s*(?:个)?\s*词元")
_EPOCHS_AFTER = _ascii(r"^\s*(?:个)?\s*(?:epochs?\b|轮|遍|次迭代)")
# "2,600 example replies": a count that names examples outright, preferred to any other counted noun ("4 boats")
_NAMED_EXAMPLES = _ascii(r"^\s*(?:more\s+)?(?:[a-z-]+\s+)?(?:examples?|samples?|pairs?|training (?:rows|records|conversations))\b|"
                         r"^\s*(?:more\s+)?examples?\s+[a-z]+s\b|^\s*(?:条|个样本|个示例)")
_EXAMPLES_AFTER = _ascii(r"^\s*(?:more\s+)?(?:of (?:the|those|these|our|them)\s+)?(?:[a-z-]+\s+)?(?:examples?|samples?|rows?|records?|pairs?|conversations?|lines?)\b|"
                             # "on those 1,100 texts", "800 headlines": any other plural noun but a unit of something else
                             r"^(?:\s+(?:more\s+)?(?:[a-z-]+\s+){0,2}|\s*)(?!(?:tokens|epochs|gpus|hours|days|weeks|months|dollars|bucks|words|chars|"
                             r"characters|steps|minutes|seconds|cents|calls|requests|users|people|times|pages|documents|files)\b)[a-z]{3,}s\b|"
                             r"^\s*(?:条|笔|个样本|个示例|组|对)")
_TOKENS_BEFORE = _ascii(r"(?:tokens? (?:per|each|an?) [a-z]+|每(?:条|笔|个样本)(?:的)?\s*token(?:数)?)\s*"
                            r"(?:at|=|:|of|to|is|as|be|改成|改为|为|是)?\s*(?:about|around|~)?\s*$")
_ALL_BEFORE = _ascii(r"\ball (?:of )?(?:the |those |these )?$|(?:全部|所有|全)(?:的)?\s*$")  # "with all 1,500"
_EPOCHS_BEFORE = _ascii(r"(?:epochs?|轮数|训练)\s*(?:=|:|of|to|为|改成|改为)?\s*$")


def asks_cost(text: str) -> bool:
    """Whether ``text`` plainly asks what training costs ("那现在训练费用是多少?", "what's the training cost now?")."""
    return bool(_STRONG_CUE.search(prepare(text)))


def resolve_model(name: str) -> str | None:
    """``gpt-4o-mini`` / ``4o mini`` / the dated id -> the price-table key; None when not listed."""
    key = re.sub(r"[\s_]+", "-", name.strip().lower())
    key = re.sub(r"^(?:gpt-?)?4o-?mini", "gpt-4o-mini", key)
    key = re.sub(r"^(?:gpt-?)?4o(?!-?mini)", "gpt-4o", key)
    if key in PRICED_MODELS.values():
        return key
    return PRICED_MODELS.get(key)


_MINI = _ascii(r"(?<!mac )(?<!mac)(?<!\bmini )\b(?:the )?mini\b(?! ?pc\b)")
_BIG = _ascii(r"\b(?:the )?(?:big|bigger|larger|full|full-size|regular|normal) (?:model|one|4o)\b|大(?:的那个|模型那个|的那款)")
_LONGER = _ascii(r"\btwice as long\b|\bdouble (?:the )?(?:length|tokens|size)\b|\b(?:2x|two times) (?:as )?long(?:er)?\b|"
                     r"(?:长|多)(?:了)?一倍|长度(?:翻倍|加倍)|长度(?:是|变成|变为|改成)?(?:原来的)?(?:两|二|2)倍|token(?:数)?(?:翻倍|加倍)|"
                     r"(?P<half>\bhalf as long\b|\bhalf the (?:length|tokens)\b|短一半|长度减半|token(?:数)?减半)")
_DEFAULT_EPOCHS = _ascii(r"(?:默认|预设)(?:的)?(?:训练)?轮数|轮数(?:就|还是)?(?:用|按|改回|回到|恢复)?(?:默认|预设)|\bdefault (?:number of )?epochs\b|"
                         r"\bepochs? (?:at|on|back to) (?:the )?default\b")
_ONE_EPOCH = _ascii(r"\b(?:a single|single|just one|only one|one) epoch\b|(?<![\d一二三四五六七八九十两])(?:只|就)?(?:训练?|跑)?一轮(?!\w)")


def read_cost(text: str, examples: int | None = None, previous: CostQuery | None = None, added: int = 0,
              only_cost_facts: bool = False, scale: float | None = None) -> CostQuery | None:
    """The cost question in ``text`` (``examples`` as read by the slot reader, ``added`` for "4,000 more"); with
    ``previous``, a follow-up that changes one thing keeps the rest. None when the text is not a cost question."""
    low = prepare(text)
    model = _model(low)
    avg_tokens, epochs, counted = _numbers(low)
    if epochs is None and _DEFAULT_EPOCHS.search(low):
        epochs = DEFAULT_EPOCHS  # "用 gpt-4o、默认轮数要多少?" after "如果训练 4 轮呢": back to the default
    elif epochs is None and _ONE_EPOCH.search(low):
        epochs = 1  # "gpt-4o but a single epoch then", "只训一轮呢"
    examples = counted or examples
    if added and previous is not None and previous.examples:
        examples = previous.examples + added
    if scale and previous is not None and previous.examples:
        examples = int(round(previous.examples * scale))  # "and if it were twice as many?"
    strong, weak = bool(_STRONG_CUE.search(low)), bool(_WEAK_CUE.search(low))
    follows = strong or weak or only_cost_facts or bool(_FOLLOW.search(low)) or bool((avg_tokens or epochs) and _CORRECTION.search(low))
    longer = _LONGER.search(low)
    if longer and previous is not None and previous.avg_tokens and not avg_tokens:  # "and if each one was twice as long?"
        avg_tokens = int(round(previous.avg_tokens * (0.5 if longer.group("half") else 2)))
    if previous is not None and (model or avg_tokens or epochs or examples) and follows:
        return replace(previous, model=model or previous.model, avg_tokens=avg_tokens or previous.avg_tokens,
                       examples=examples or previous.examples, epochs=epochs or previous.epochs,
                       epochs_stated=previous.epochs_stated or epochs is not None, also=also_asked(low, model))
    if previous is not None and strong and (weak or "多少钱" in low) and not quantities(low):
        return previous  # "那现在训练费用是多少?" after the count changed: the estimate again, as the project is now
    if not strong and not weak and not (model in PRICED_MODELS.values() and avg_tokens and (examples or epochs)):
        return None  # "gpt-4o on 3,500 examples, about 420 tokens each": a cost question without the word
    if model is None and avg_tokens is None and not (strong and examples):
        return None
    return CostQuery(model, examples or None, avg_tokens or None, epochs or DEFAULT_EPOCHS, epochs is not None,
                     also_asked(low, model))


# "gpt-4o-mini… and with gpt-4o?", "4o-mini 还是 4o", "gpt-4o vs gpt-4o-mini": a second model asked about too
_ALSO_BETWEEN = _ascii(r"\band\b|\bvs\.?|\bversus\b|\bor\b|\bcompared\b|\bplus\b|\bwhat about\b|\bhow about\b|还是|和|跟|对比|以及|呢|\?|？")
_NOT_BEFORE = _ascii(r"(?:\binstead of|\brather than|\bnot|\bfrom|而不是|不是|不用|别用)\s*(?:the\s+)?$")


def also_asked(low: str, model: str | None) -> tuple[str, ...]:
    """The other priced models ``low`` asks the same estimate for, after ``model`` (in the order written)."""
    if model not in PRICED_MODELS.values():
        return ()
    found, out = [], []
    for m in _OPENAI_MODEL.finditer(low):
        key = resolve_model(m.group(0).replace(" ", "-"))
        if key:
            found.append((key, m.start(), m.end()))
    first = next((f for f in found if f[0] == model), None)
    if first is None:
        return ()
    end = first[2]
    for key, start, stop in found:
        if start < first[1] or key == model or key in out:
            continue
        if _ALSO_BETWEEN.search(low[end:start]) and not _NOT_BEFORE.search(low[max(0, start - 16) : start]):
            out.append(key)
        end = stop
    return tuple(out)


def _model(low: str) -> str | None:
    m = _OPENAI_MODEL.search(low)
    if m:
        found = resolve_model(m.group(0).replace(" ", "-"))
        if found:
            return found
    if _MINI.search(low):  # "and on the mini?", "那换成 mini"
        return PRICED_MODELS["gpt-4o-mini"]
    if _BIG.search(low):  # "and on the big model?"
        return PRICED_MODELS["gpt-4o"]
    other = _OTHER_MODEL.search(low)
    return other.group(0) if other else None


def _numbers(low: str) -> tuple[int | None, int | None, int | None]:
    avg_tokens = epochs = examples = None
    named = False  # the examples were counted by a noun that names them
    for q in quantities(low):
        after, before = low[q.end : q.end + 32], low[max(0, q.start - 12) : q.start]
        if not q.value.is_integer() or q.vague:
            continue
        if avg_tokens is None and (_TOKENS_AFTER.match(after) or _TOKENS_BEFORE.search(low[max(0, q.start - 40) : q.start])):
            avg_tokens = int(q.value)
        elif epochs is None and (_EPOCHS_AFTER.match(after) or _EPOCHS_BEFORE.search(before)) and q.value <= 100:
            epochs = int(q.value)
        elif q.raw == "一" and re.match(r"\s*条", after):
            continue  # "一条大概 150 token": per example, not one example
        elif _NAMED_EXAMPLES.match(after) and not named:
            examples, named = int(q.value), True
        elif examples is None and (_EXAMPLES_AFTER.match(after) or (_ALL_BEFORE.search(before) and q.value >= 10)):
            examples = int(q.value)
    return avg_tokens, epochs, examples
