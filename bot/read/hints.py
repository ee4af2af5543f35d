"""What a question's own words say about its answer: the document it names only to say where to look, the version
written after a library it names, and a bit width it gives itself. Pure; part of reading (``bot.read.reader``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from bot.read.candidate import Candidate
from bot.read.sentences import GENERIC
from bot.understand.text import prepare
from knowledge.lang import tokenize
from knowledge.names import document_names
from knowledge.types import Hit

# "in the minimind readme", "Anima 100K 那个…表里": the document named only to say where to look
_LOCATOR_AFTER = re.compile(r"^\s*(?:'s\s+)?(?:readme|repo|repository|docs?|documentation|page|table|benchmark|评测|的?表|表里|那个|那张|那篇|文档|"
                            r"仓库|页面|里|readme里|readme 里)")


def locators(question: str, hits: Sequence[Hit]) -> frozenset[str]:
    """Words of a document's name the question writes only to say where to look, never as the thing asked about."""
    low = prepare(question)
    names = {n for h in hits for n in document_names(h.chunk.source, h.chunk.title) if len(n) >= 3}
    out = set()
    for name in names:
        spots = [m for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", low)]
        if spots and all(_LOCATOR_AFTER.match(low[m.end():]) for m in spots):
            out.update(tokenize(name))
    return frozenset(out)


PINNED_BONUS = 0.5
STATED_BITS = re.compile(r"(?<![\w.])\d+\s*-?\s*(?:bits?|位|比特)(?![a-z0-9_])")
_NOT_A_LIBRARY = frozenset({"version", "versions", "release", "ver", "v", "tag", "build"})
_PINNED = re.compile(r"(?<![a-z0-9_.-])([a-z][a-z0-9_.-]*[a-z0-9])\s*(?:==|>=|~=|>|=|:|-|\s)\s*[`']?v?(\d+\.\d+(?:\.\d+)*(?:\.?(?:post|dev|rc)\d+)?)(?!\d|\.\w)")


# "哪个版本的 pytorch", "pytorch 是哪个版本", "which torch version", "version of vllm": the library whose version is asked
_ASKED_LIBRARY = re.compile(r"(?:哪个|什么|啥|哪一)\s*版本的\s*([a-z][a-z0-9_.+-]*)|([a-z][a-z0-9_.+-]*)(?:\s+(?:whl|wheel|package))?\s*(?:的|是|用的是|要)?\s*(?:(?:哪个|什么|啥|哪一)\s*版本|版本\s*(?:是|要|用的是)?\s*(?:哪个|什么|啥|多少))|"
                            r"\bversion of ([a-z][a-z0-9_.+-]*)|\b(?:which|what) ([a-z][a-z0-9_.+-]*) version")


@lru_cache(maxsize=64)
def asked_library(question: str) -> str:
    """The library or tool whose version ``question`` asks for, or ""."""
    m = _ASKED_LIBRARY.search(prepare(question))
    name = next((g for g in m.groups() if g), "") if m else ""
    return "" if name in GENERIC or name in _NOT_A_LIBRARY else name


def versioned(cand: Candidate, question: str) -> Candidate:
    """``cand``, scored down when its version is written after another library than the one asked for ("哪个版本的
    pytorch": not "vllm==0.8.5"), and up when after that one ("PyTorch `v2.6.0`")."""
    library = asked_library(question)
    if not library or cand.kind != "sentence":
        return cand
    pins = [(m.group(1), m.group(2)) for m in _PINNED.finditer(prepare(cand.text))
            if m.group(1) not in _NOT_A_LIBRARY and m.group(1) not in GENERIC]
    mine = next((v for name, v in pins if re.sub(r"[-_]?[cg]pu$", "", name) == library), "")  # "faiss-cpu=1.8.0" for faiss
    if mine:  # "torch==2.9.0 and vllm==0.13.0" for "what vllm version": the one written after it
        return replace(cand, value=mine if mine not in (cand.value or "") else cand.value, score=cand.score + 0.2)
    owned = cand.value and any(v in cand.value for _, v in pins)
    return replace(cand, score=cand.score - 0.4) if owned else cand


def pinned_version(sentence: str, weights: dict[str, float]) -> str:
    """The version written right after a library or tool the question names ("CUDA 12.3", "flash-attn >= 2.3.6")."""
    for m in _PINNED.finditer(prepare(sentence)):
        name = m.group(1)
        if name in _NOT_A_LIBRARY or name in GENERIC:
            continue
        if weights.get(name, 0) >= 0.9 or weights.get(name.replace("-", ""), 0) >= 0.9 or weights.get(name.replace("_", "-"), 0) >= 0.9:
            return m.group(2)
    return ""


OFFERED = re.compile(r"\bor\b|还是|或者")  # options the asker offers ("fp4还是nf4"): one of them may answer
# a name written as one ("EAGLE", "QLoRA", "vLLM"): the thing a question is about, which a passage must hold
_WRITTEN_NAME = re.compile(r"(?<![\w-])(?:[A-Z]{3,}[A-Za-z0-9]*|[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*)(?![\w-])")
_COMMON = frozenset("gpu gpus cpu api apis llm llms rag vram ram json pdf pdfs faq url http https sql ssd nvme ocr sdk cli "
                    "gui ide ai ml nlp gpt lora qlora cuda fp16 bf16 fp32 fp8 int8 int4 faq todo readme".split())


def unheld_name(question: str, hits: Sequence[Hit]) -> bool:
    """The question names something ("how much faster is EAGLE…") that none of ``hits`` mentions: whatever they
    say, it is not about that."""
    from knowledge.glossary import translations

    names = {m.group(0).lower() for m in _WRITTEN_NAME.finditer(question)} - _COMMON
    names = {n for n in names if not translations(n)}
    if not names or not hits:
        return False
    said = " ".join(f"{h.chunk.source} {h.chunk.title} {h.chunk.meta.get('section', '')} {h.chunk.text}" for h in hits).lower()
    return any(n not in said for n in names)


FOCUS_MISS = 0.4  # a candidate that holds none of the words naming the thing asked for ("Same top p 是多少")
_ASKED_ZH = re.compile(r"([^,，。;；?？、:：()（）]{2,40}?)\s*(?:的)?\s*(?:是|为|有|能|可以|会|大概|大约|约|一共|到|达到)*\s*(?:多少|几(?![乎]))|"
                       # "用的 sglang 是哪个版本": the version of what is named before it
                       r"([^,，。;；?？、:：()（）]{2,40}?)\s*(?:的)?\s*(?:是|用的是|装的是|用的|装的|用|装)?\s*(?:哪个|哪一个|什么|啥)\s*版本|"
                       r"(?:哪个|哪一个|哪一种|哪种|什么|啥)\s*([^,，。;；?？、:：()（）]{1,12})")  # "X 是多少"; "哪个参数"
_ASKED_EN = re.compile(r"\b(?:what(?:'s| is| was| are| were)?|which) (?:the |a |an )?(.{3,40}?)\s+(?:of|for|in|on|at|does|did|do|is|was|are|were|with|when|if|under|by)\b")


CHANGE_MISS = 0.3  # a candidate that states no rise or fall when the question asks how much something changed
_CHANGE_ASKED = re.compile(r"\b(?:go|went|goes) (?:up|down)\b|\bhow much (?:\w+ ){0,4}?(?:improv|increas|decreas|reduc|drop|ris|gain|boost|lower|higher|better)\w*|"
                           r"\bby how much\b|(?:提升|提高|降低|减少|增加|增长|下降|上升|涨|降|节省|加速|提速)了?(?:大概|大约|约)?(?:多少|几)")
_CHANGE = re.compile(r"\b(?:improv|increas|decreas|reduc|gain|boost|rise|rose|drop|faster|slower|saving|speed-?up|lower|higher|fewer|less|more)\w*|"
                     r"[Δ↑↓+]|提升|提高|降低|减少|增加|增长|下降|上升|节省|加速|提速|快了|慢了|少了|多了|倍")


class Focus:
    """The question's words that name the thing asked for (before "是多少": "Same top p 是多少"; after "what is the"),
    each with the other language's words for it, so "序列长度" is held by a "Seq. len" column."""

    def __init__(self, question: str, weights: dict[str, float]):
        from knowledge.glossary import translations

        low = prepare(question)
        found = [next(g for g in m.groups() if g) for m in _ASKED_ZH.finditer(low)] or [m.group(1) for m in _ASKED_EN.finditer(low)]
        words = {t for t in tokenize(found[-1]) if weights.get(t, 0.0) >= 0.9 and t not in GENERIC} if found else set()
        bridges = getattr(weights, "bridges", {})
        self.change = bool(_CHANGE_ASKED.search(low))
        self.words = frozenset(f.lower() for t in words for f in {t, *bridges.get(t, ()), *translations(t)})
        # "用的 sglang 是哪个版本": the library whose version is asked (not "version" itself)
        self.library = self.words - _NOT_A_LIBRARY - {"版本", "versions"} if re.search(r"版本|\bversion", low) else frozenset()

    def held(self, low: str) -> bool:
        """Whether the prepared text ``low`` holds one of the words (or no words name the thing asked for)."""
        return not self.words or bool(self.words & set(tokenize(low))) or any(not f.isascii() and f in low for f in self.words)

    def weigh(self, cand: Candidate) -> Candidate:
        """``cand``, scored lower when it holds none of the words, or says no change when a change is asked."""
        if not self.words and not self.change:
            return cand
        low = prepare(cand.text)
        score = cand.score - (0.0 if self.held(low) else FOCUS_MISS)
        if self.library and cand.value and any(m.group(2) == cand.value and m.group(1) not in self.library for m in _PINNED.finditer(low)):
            score -= FOCUS_MISS  # "vllm==0.6.0" when the sglang version is asked: another library's version
        if self.change and not _CHANGE.search(low):
            score -= CHANGE_MISS  # "how much did math go up": a score level in a table is no rise
        return cand if score == cand.score else replace(cand, score=score)


LISTED_BONUS = 0.5  # a list that holds an option the asker already has ("除了 fp16 还支持啥": "支持 fp16 和 int4")
_LIST = re.compile(r"[\w.+-]+(?:[`'\"\]]*\s*(?:和|、|,|，|/|\||\bor\b|\band\b|及|与|以及)\s*[`'\"\[]*[\w.+-]+)+")
_LIST_SEP = re.compile(r"[`'\"\[\]]*\s*(?:和|、|,|，|/|\||\bor\b|\band\b|及|与|以及)\s*[`'\"\[\]]*")


def listed_with(text: str, known: frozenset[str]) -> str:
    """The first item listed together with one the asker already has (``known``): "int4" of "fp16 和 int4" when
    "fp16" is known; "" when no list in ``text`` holds a known item."""
    if not known:
        return ""
    for m in _LIST.finditer(prepare(text)):
        items = [i.strip(".") for i in _LIST_SEP.split(m.group(0)) if i.strip(".")]
        if any(i in known for i in items):
            other = next((i for i in items if i not in known and i not in GENERIC and not i.isdigit()), "")
            if other:
                return other
    return ""


def listed(cand: Candidate, known: frozenset[str]) -> Candidate:
    """``cand`` scored higher when it lists an option the asker already has with others; its value then the other."""
    other = listed_with(cand.text, known)
    if not other:
        return cand
    return replace(cand, score=cand.score + LISTED_BONUS, value=other if not cand.value or cand.value.lower() in known else cand.value)


OPTION_BONUS = 0.3  # a value among the ones the asker offers ("was it the first 5M or 10M", "8k 还是 16k")
_OPTIONS = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?(?:e-?\d+)?[\w.]*)\s*(?:,?\s*or\s+|还是|或者|或是)\s*(?:the\s+(?:first\s+)?)?"
                      r"(\d+(?:\.\d+)?(?:e-?\d+)?[\w.]*)(?![\w.])")  # "2e-5 or 1e-5" too


def options_offered(question: str) -> frozenset[str]:
    """The values the asker offers to choose from, when each holds a digit: {"5m", "10m"} of "the first 5M or 10M"."""
    return frozenset(v for m in _OPTIONS.finditer(prepare(question)) for v in m.groups())


_ABOUT_BEFORE = re.compile(r"(?:~|≈|\b(?:around|about|roughly|approximately|approx\.?|like|maybe|almost|nearly)|大概|大约|约|差不多|好像是?|记得是?|应该是?)\s*$")
_ABOUT_AFTER = re.compile(r"^\s*(?:左右|上下|多|ish\b)")
_GUESSING = re.compile(r"\b(?:i (?:think|thought|remember|recall|believe|guess)|iirc|if i remember|was it|is it|it was)\b|"
                       r"我记得|记得是|好像|印象中|应该是")


def guessed(question: str) -> frozenset[float]:
    """Numbers the asker gives as a rough memory of the answer ("i remember it being ~14k", "好像是1万4左右")."""
    from bot.understand.numbers import quantities

    low = prepare(question)
    # the memory comes first ("i think it was around 7.8k"); "13b was like 5-6h iirc" says something of another row
    return frozenset(q.value for q in quantities(low) if not q.vague and q.value
                     and _GUESSING.search(low[max(0, q.start - 32) : q.start])
                     and (_ABOUT_BEFORE.search(low[max(0, q.start - 16) : q.start]) or _ABOUT_AFTER.match(low[q.end :])))


def referenced(question: str, rough: bool = False) -> frozenset[float]:
    """Numbers the asker states of another named thing, even while guessing the answer: "single attempt was 65.8",
    "zhilight was 1475 something", "DPO 版是 717 token 左右" (not "is it 70?", "it was ~14k", "好像是 1万4"); with
    ``rough``, only those given roughly ("ds v3 was ~47")."""
    from bot.understand.numbers import quantities

    low = prepare(question)
    out = set()
    spans = [(q.start, q.value) for q in quantities(low) if not q.vague and q.value]
    spans += [(m.start(), float(m.group(0))) for m in _SCI.finditer(low)]  # "the llamas were 2e-4"
    for start, number in spans:
        before = low[max(0, start - 40) : start]
        m = _STATED_OF.search(before) or _STATED_OF_ZH.search(before)
        who = _RECALLING.sub("", m.group("who")).strip() if m else ""
        if who and not _NO_SUBJECT.search(who) and (not rough or _ROUGH.search(m.group(0))
                                                              or _ROUGH_AFTER.match(low[start:].lstrip("0123456789.,"))):
            out.add(number)
    return frozenset(out)


_ROUGH_AFTER = re.compile(r"^\s*(?:[a-z]+\s*)?(?:左右|上下|多|ish\b|something\b|or so\b)|^\s*something\b")
_ROUGH = re.compile(r"(?:~|≈|\babout|\baround|\broughly|\blike|大概|大约|约|差不多)\s*$")
REFERENCE = 0.5  # what a value near a figure the asker gives for another thing loses


def apart(cand: Candidate, rough: frozenset[float]) -> Candidate:
    """``cand``, scored down when its value lies near a figure the asker roughly gives for another thing ("ds v3 0324
    was ~47": the 46.9 of that column is their reference, not the answer)."""
    if not rough or not _near_guess(cand.value, rough):
        return cand
    return replace(cand, score=cand.score - REFERENCE)


_SCI = re.compile(r"(?<![\w.])\d+(?:\.\d+)?e-?\d+(?![\w.])")


_STATED_OF = re.compile(r"(?P<who>[a-z0-9][\w.@/+-]*(?:\s+[\w.@/+-]+){0,3})(?:'s)?\s+(?:was|were|is|gets?|got|had|has|scored|hit|did|does|"
                        r"reached|reaches|at)\s*(?:~|≈|about|around|roughly|like|only|just|already)?\s*$")
_STATED_OF_ZH = re.compile(r"(?P<who>[\u4e00-\u9fffa-z0-9][\w.@/+\- ]{0,16}?)(?:版|那个|那档|那组|那边|的)?\s*(?:是|为|有|拿了|跑了|只有|才)\s*"
                           r"(?:~|大概|大约|约|差不多)?\s*$")
_RECALLING = re.compile(r"^(?:我们?|i\s+)?(?:记得|印象中?里?|好像|感觉|以为|听说|remember|recall|think)\s*")
# a guess about the answer itself: "is it 70", "it was ~14k", "好像是", "我记得是", "应该是"
_NO_SUBJECT = re.compile(r"(?:^|\s)(?:it|that|this|which|what|answer|value|number|one|there|mine|i|we|you)$|好像|记得|应该|是不|大概|可能|印象中?|感觉|也许|或许|^(?:就|都|也|还|才)$")


_LEAD_NUMBER = re.compile(r"^\s*[~≈<>]?\s*(\d[\d,]*(?:\.\d+)?)\s*([kmb](?![a-z])|万|亿)?", re.IGNORECASE)
_SCALE = {"k": 1e3, "m": 1e6, "b": 1e9, "万": 1e4, "亿": 1e8}


def _near_guess(value: str, guesses: frozenset[float]) -> bool:
    """The value lies within a tenth of a number the asker remembers roughly (14042 for "~14k")."""
    m = _LEAD_NUMBER.match(value or "")
    if not (m and guesses):
        return False
    number = float(m.group(1).replace(",", "")) * _SCALE.get((m.group(2) or "").lower(), 1.0)
    return any(abs(number - g) <= 0.1 * g for g in guesses)


def _offered(value: str, options: frozenset[str], guesses: frozenset[float] = frozenset()) -> bool:
    plain = re.sub(r"\s+", "", prepare(value))
    # "88%" is the "88" of "was it 88 or 90%"; 14042 is the "~14k" the asker remembers; a short note states it
    # ("GPU显存利用率，默认0.9" for "0.9还是0.85")
    return (plain in options or plain.rstrip("%x倍") in options or _near_guess(value, guesses)
            or (len(plain) <= 40 and any(re.search(rf"(?<![\d.a-z]){re.escape(o)}(?![\d.a-z])", plain) for o in options)))


def chosen(cand: Candidate, options: frozenset[str], guesses: frozenset[float] = frozenset()) -> Candidate:
    """``cand``, scored higher when its value is one of the asker's options or near the number they remember."""
    if (options or guesses) and cand.kind == "sentence" and not _offered(cand.value, options, guesses):
        # "composed of 14042 questions in 57 categories" for "~14k questions", "使用 8K 长度的样本" for "4k or 8k":
        # the number the asker offers or remembers answers
        near = next((m.group(0).strip() for m in _NUMBER.finditer(cand.text)
                     if _offered(m.group(0), options, guesses)), "")
        if near:
            return replace(cand, value=near, score=cand.score + OPTION_BONUS)
    if not (options or guesses) or not cand.value:
        return cand
    if not _offered(cand.value, options, guesses):
        return cand
    said = next((o for o in options if re.fullmatch(rf"(?i){re.escape(o)}", cand.value.strip())), None)
    if said is None and cand.kind == "cell":  # "推理默认最大支持上下文长度，默认2048": the option is the answer shown
        found = next((m.group(0) for m in _IN_NOTE.finditer(cand.value) if _offered(m.group(0), options)), "")
        return replace(cand, value=found or cand.value, score=cand.score + OPTION_BONUS)
    return replace(cand, score=cand.score + OPTION_BONUS)


_IN_NOTE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:[kmb](?![a-z]))?", re.IGNORECASE)  # "默认2048": glued to the words
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?:\s*[kmb](?![a-z])|万|亿)?", re.IGNORECASE)


OPTION_LEAD = 1.0  # how far ahead a value the asker did not offer must be to beat one they did


def among_offered(best: Candidate, near: Sequence[Candidate], options: frozenset[str],
                  guesses: frozenset[float] = frozenset()) -> Candidate:
    """The asker narrowed the answer to their options ("was it 88 or 90%") or to about a number ("~14k"): the
    best candidate holding one of them, unless one holding another value is clearly better."""
    if not (options or guesses) or _offered(best.value, options, guesses):
        return best
    offered = max((c for c in near if c.value and _offered(c.value, options, guesses)), key=lambda c: c.score,
                  default=None)
    return offered if offered is not None and offered.score >= best.score - OPTION_LEAD else best
