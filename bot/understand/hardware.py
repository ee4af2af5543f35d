"""Read the hardware a clause states: GPU model and memory, how many cards, and whether compute is none, consumer
or ample (a cluster). Pure; part of reading a message's slots (``bot.understand.slots``)."""

from __future__ import annotations

import re

from bot.understand import cues, gpu_cues
from bot.understand.numbers import zh_numeral
from bot.understand.text import Clause, negated, snippet
from bot.understand.types import Event

_ZH_COUNT = r"[一二两三四五六七八九十百]{1,4}"  # "三十二张", "十二块": a card count in Chinese numerals (zh_numeral)
_SMALL = {"one": 1, "a": 1, "an": 1, "显卡是": 1, "显卡用的是": 1, "a single": 1, "single": 1, "a pair of": 2, "pair of": 2, "a couple of": 2, "couple of": 2, "two": 2, "three": 3, "four": 4, "six": 6, "eight": 8,
          "sixteen": 16, "一": 1, "单": 1, "两": 2, "二": 2, "三": 3, "四": 4, "六": 6, "八": 8, "十六": 16}
_COUNT_BEFORE = re.compile(r"(\d+|one|a single|single|a pair of|pair of|a couple of|couple of|an|a|two|three|four|six|eight|sixteen|"
                           r"单|显卡是|显卡用的是|(?<![一二两三四五六七八九十百])" + _ZH_COUNT + r")\s*"
                           r"(?:x|×|\*|张|块|台|个|pcs|卡|张卡|块卡|-?\s*(?:card|gpu)s?)?(?:带|装了?|配了?|插了?)?的?\s*(?:nvidia\s*|rtx\s*|geforce\s*|昇腾\s*|升腾\s*|ascend\s*|华为\s*)*$")


_NOT_OURS = re.compile(r"^[^,，。;；]{0,10}?(?:是|归|属于)(?:隔壁|别的|其他|另一个|兄弟|别人)(?:的)?(?:组|部门|团队|课题组|实验室|人|项目)?的?"
                       r"|^[^,.;]{0,12}?\b(?:belongs to|is for|is owned by|is reserved for) (?:another|the other|a different|"
                       r"the neighbou?ring|someone else'?s?) ?(?:team|group|lab|project)?|^\s*(?:is|was) (?:not ours|someone else'?s)"
                       r"|^\s*(?:go|goes|will go|are going|is going) back\b|^\s*(?:is|are|was|were) (?:now )?(?:out of the picture|gone|going back|being returned|retired|dead|broken|sold|off the table|no longer (?:ours|available|an option))"
                       r"|^\s*(?:已经)?(?:不用了|退役了|坏了|卖了|没了|被收回了?)")


# "不接受量化", "no quantization, accuracy can't drop", "4-bit is not acceptable"
FOUR_BIT_NO = cues.rx(r"(?:不|不能|无法|没法)(?:接受|要|想要|用|考虑)\s*(?:4\s*(?:位|bit|比特)\s*)?量化", r"不能(?:做)?量化",
                  r"\bno (?:4[- ]?bit|quanti[sz]\w*)\b", r"\b4[- ]?bit (?:\w+ ){0,2}?(?:mangles|hurts|ruins|breaks|kills|destroys|wrecks)\b", r"\b(?:4[- ]?bit|quanti[sz]\w*)\b[^.;]{0,20}\b(?:is|are)n'?t (?:ok|okay|fine|acceptable|an option)\b",
                  r"\b(?:can'?t|cannot|won'?t|don'?t) (?:accept|use|do|tolerate) (?:any )?(?:4[- ]?bit|quanti[sz]\w*)")
FOUR_BIT_MOOT = cues.rx(r"(?:不用|不需要|不必|用不着|无需)\s*(?:再)?(?:用|做|上)?\s*4\s*-?\s*(?:bit|位|比特)(?!\s*量化)",
                        r"\b(?:no need for|don'?t need|doesn'?t need|won'?t need|no longer need) (?:the )?4[- ]?bit\b")
FOUR_BIT_OK = cues.rx(
    r"\b4[- ]?bit\b.{0,30}\b(?:ok|okay|fine|acceptable|is fine|works?)\b",
    r"\b(?:ok|okay|fine|accept|acceptable|happy) (?:with )?(?:4[- ]?bit|quanti[sz])",
    r"\bquanti[sz]\w*.{0,20}\b(?:ok|okay|fine|acceptable)\b",
    r"(?:可以|能|愿意)接受.{0,8}(?:4\s*-?\s*(?:位|bit|比特)|量化)", r"(?:4\s*-?\s*(?:位|bit|比特)|量化).{0,12}(?:可以接受|能接受|没问题|也行|可以|没关系|无所谓|不要紧|也无妨)",
    r"(?:不在乎|不介意|不在意|无所谓|不怕)[^,，。;；]{0,6}(?:4\s*(?:位|bit|比特)|量化)", r"\b(?:don'?t|do not|doesn'?t) (?:really )?(?:care|mind)\b[^.;]{0,30}\b(?:4[- ]?bit|quanti[sz])",
    r"(?:换成|改成|改用|换用|用)\s*qlora\s*(?:呢|的话|行吗|可以吗|怎么样)", r"\b(?:what about|how about|with|switch(?:ing)? to|go with) qlora\b(?: instead)?\s*\??$",
)
_REQUIRED = re.compile(r"(?:需要|要|得|听说|据说)\s*(?:好几|几|多|[\d两二三四五六八]+)?\s*(?:张|块)?\s*$|"
                       r"\b(?:requires?|required|needs?|needed|would need|takes?)\s+(?:several |multiple |a few |many |\d+\s*x?\s*)?$")
_SINGLE = re.compile(r"\b(?:one|a single|single|only one|just one)\b|一张|单卡|一块")
_ONE_CARD = re.compile(r"\b(?:one|a single|single|only one|just one)\s+(?:gpu|card|graphics card)\b(?!\s*(?:cluster|node|server)s?\b)"
                       r"|(?:一张|一块|单张|单块)\s*(?:gpu|卡|显卡)|单卡|单\s*gpu", re.IGNORECASE)
_N_GPUS = re.compile(r"\b(\d{1,4})\s*(?:-|x\s*)?gpus?\b(?!\s*(?:hours?|days?|months?|weeks?|-?hrs?)\b)")
_REPLACED = re.compile(r"\b(?:instead of|rather than|in place of|replacing)\s+(?:the |our |my |that |this |a |an )?(?:rtx |nvidia |geforce )?$|"
                       r"(?:代替|取代|替换掉?|换掉)(?:那张|这张|原来的|我们的)?\s*$")
_CARDS_COUNTED = re.compile(r"(\d+|单|" + _ZH_COUNT + r")\s*(?:张|块)(?!\s*(?:数据|样本))")


def compute_events(c: Clause) -> list[Event]:
    text = c.text
    out: list[Event] = []
    memory: float | None = None
    count: int | None = None
    src = ""
    card = gpu_cues.GPU_CARD.search(text)
    if card and (_NOT_OURS.match(text[card.end() :]) or _REPLACED.search(text[: card.start()])):
        card = None  # "H800 是隔壁组的", "the A100 belongs to another team", "instead of the 4090": not this project's card
    if card and not negated(text, *card.span()):
        name = card.group(1).lower()
        memory = float(gpu_cues.GPU_CARDS[name])
        # a size written after the card ("A100 40GB", "4060 Ti 16GB", "RTX 4070 with 8 GB") names its variant
        rest = re.sub(r"^[\s/(_,-]*(?:(?:(?:ti|super|laptop|pcie|sxm\d?|gpu|with|of|that has)\b|w/)[\s/(_-]*)*", "", text[card.end() :])
        near = gpu_cues.GPU_MEMORY.match(rest)
        if near:
            memory = float(near.group(1))
        counted = _COUNT_BEFORE.search(text[max(0, card.start() - 14) : card.start()])
        after = gpu_cues.GPU_COUNT_AFTER.match(text[card.end() :])
        raw = counted.group(1) if counted else after.group(1) if after else None
        count = _small_int(raw) if raw else None
        src = snippet(c, *card.span())
    if memory is None:
        for m in gpu_cues.GPU_MEMORY.finditer(text):
            window = text[max(0, m.start() - 24) : m.end() + 24]
            if _REQUIRED.search(text[max(0, m.start() - 16) : m.start()]):
                continue  # "听说 32B 全参要好几张 80G 的卡", "it would need 80GB cards": what a run needs, not what one has
            if gpu_cues.GPU_CONTEXT.search(window) and not gpu_cues.DATA_SIZE_AFTER.match(text[m.end() :]) and 1 <= float(m.group(1)) <= 1024:
                memory, src = float(m.group(1)), snippet(c, *m.span())
                break
    if memory is not None and count is None and not card:
        many = _CARDS_COUNTED.search(text)  # "四张海光 K100(每张 64G)": the cards are counted, not named
        count = _small_int(many.group(1)) if many else None
    if count is None and not card and (many := _N_GPUS.search(text)) and not negated(text, *many.span()):
        count, src = _small_int(many.group(1)), src or snippet(c, *many.span())  # "a 32-GPU cluster", "16 gpus"
    single = False
    if memory is None and count is None and not card and (one := _ONE_CARD.search(text)) \
            and not negated(text, *one.span()) and not gpu_cues.NO_GPU.search(text):
        count, src, single = 1, snippet(c, *one.span()), True  # "只有一张卡", "on a single GPU": one card, size unsaid
    if memory is not None:
        out.append(Event("gpu_memory_gb", "set", memory, src))
    if count is not None:
        out.append(Event("gpu_count", "set", count, src))
    compute = None
    m = gpu_cues.NO_GPU.search(text)
    if m:
        compute, src = "none", snippet(c, *m.span())
    elif (m := gpu_cues.AMPLE_COMPUTE.search(text)) and not negated(text, *m.span()):
        compute, src = "ample", snippet(c, *m.span())
    elif (count or 1) >= 8 or ((count or 1) >= 4 and (memory is None or memory > 24)) or ((count or 1) >= 2 and (memory or 0) >= 40):
        compute = "ample"  # four 4090s are still consumer cards; four A100s or eight of anything are a cluster
    elif (m := gpu_cues.LIMITED_COMPUTE.search(text)) or (memory is not None and memory <= 24):
        compute = "consumer"
        src = snippet(c, *m.span()) if m else src
    elif memory is not None:
        compute = None  # one big card: neither consumer nor a cluster
    if compute is not None:
        out.append(Event("compute", "set", compute, src))
        if compute == "none":  # "no GPU at all": earlier cards are gone too
            out += [Event("gpu_memory_gb", "clear", None, src), Event("gpu_count", "clear", None, src)]
    elif single or (memory is not None and (count or 1) == 1 and (card or _SINGLE.search(text))):
        out.append(Event("compute", "clear", None, src))  # a new single big card replaces an earlier cluster
    if FOUR_BIT_NO.search(text):
        out.append(Event("four_bit_ok", "set", False, snippet(c, *FOUR_BIT_NO.search(text).span())))
    elif FOUR_BIT_MOOT.search(text):  # "唔使 4-bit 啦", "no need for 4-bit any more": the question of 4-bit is gone
        out.append(Event("four_bit_ok", "clear", None, snippet(c, *FOUR_BIT_MOOT.search(text).span())))
    elif FOUR_BIT_OK.search(text):
        out.append(Event("four_bit_ok", "set", True, snippet(c)))
    return out


_OF_THEM = re.compile(r"\b(?:had|have|get|got|use|used|using|with|add|added|buy|bought|rent|rented)\s+(\d+|two|three|four|six|eight|"
                      r"sixteen|a pair|a couple)\s+of (?:them|those|these|that card|those cards)\b"
                      r"|(?:有|用|加到|换成|上|租)\s*(\d+|两|二|三|四|六|八|十六)\s*(?:张|块|台)\s*(?:这样的|这种|同样的|一样的)(?:卡)?"
                      # "只能给我们一张卡", "we only get one card now": fewer of the cards already named
                      r"|(?:只能|只有|只|就|仅)(?:给|用|剩|分|拿到|分到)?(?:我们|我|咱们)?\s*(\d+|一|两|二|三|四|单)\s*(?:张|块)(?:卡|显卡)?"
                      r"|\b(?:only|just)\s+(?:get|have|use|keep|got)?\s*(one|two|three|four|a single|\d+)\s+(?:card|gpu)s?\b"
                      r"|\bcan only (?:count on|use|rely on|get|keep) (one|two|three|four|a single|\d+)\b"
                      r"|现在(?:有|一共|总共)?\s*(\d+|两|二|三|四|六|八|十六)\s*(?:张|块)(?:卡|显卡)?了"
                      r"|\bnow (?:we have |we've got )?(two|three|four|\d+) (?:of them|cards|gpus)\b")


def more_of_the_same(text: str, memory: float) -> list[Event]:
    """"what if we had two of them?" / "有两张这样的卡呢" / "只能给我们一张卡": a count of the cards the conversation
    already named."""
    m = _OF_THEM.search(text)
    raw = next((g for g in m.groups() if g), "") if m else ""
    count = _small_int(raw.replace("a pair", "a pair of").replace("a couple", "a couple of")) if m else None
    if not count:
        return []
    src = m.group(0)
    ample = count >= 8 or (count >= 4 and memory > 24) or (count >= 2 and memory >= 40)
    compute = "ample" if ample else "consumer" if memory <= 24 else None
    return [Event("gpu_count", "set", count, src)] + ([Event("compute", "set", compute, src)] if compute else
                                                      [Event("compute", "clear", None, src)])


def _small_int(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw) if 0 < int(raw) <= 100_000 else None
    return _SMALL.get(raw.strip()) or zh_numeral(raw.strip())  # "三十二张 A100": 32


_HARDWARE_SLOTS = frozenset({"compute", "gpu_memory_gb", "gpu_count"})


def kept_new_cards(events: list[Event]) -> list[Event]:
    """One message's events without the clears of a retraction that names other cards than the ones the same
    message just stated ("可以用 8 卡 H100 集群，那两张 4090 不用了": the 4090s go, the H100s stay)."""
    named: set[str] = set()
    out = []
    for e in events:
        if e.slot == "compute" and e.kind == "set" and e.value != "none":
            named |= {m.group(1).lower() for m in gpu_cues.GPU_CARD.finditer(e.source)} or {"*"}
        if e.kind == "clear" and e.slot in _HARDWARE_SLOTS and named:
            cards = {m.group(1).lower() for m in gpu_cues.GPU_CARD.finditer(e.source)}
            if cards and not cards & named:
                continue
        out.append(e)
    return out
