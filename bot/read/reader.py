"""Reading: pick the sentence or table cell that answers a factual question from the retrieved passages. Pure.

Candidates are the sentences of the top passages and the table cells stored with them at indexing time
(``chunk.meta["cells"]``: row, column, value). Each scores on query-term coverage (jieba and English words plus
glossary translations), the passage's dense similarity, the answer type (a question asking for a percent, a
version, a bit width... needs a candidate holding one) and the distance between the matched terms and the value.
A best candidate below ``STRONG`` is reported as weak, never passed off as the answer.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from bot.read.answer_type import ValueType, has_type, soft, values, wanted_types
from bot.read.candidate import (
    ASSIGNED_BONUS,
    Candidate,
    bridged,
    coverage,
    given_penalty,
    names_parameter,
    restates,
    sci_numbers,
    type_score,
)
from bot.read.cells import (
    SLASHED,
    cell_candidates,
    in_order,
    model_sizes,
    superlative_candidates,
    table_context,
)
from bot.read.counted import COUNTS, asked_unit, counted_before
from bot.read.direction import directions, oriented
from bot.read.hints import (
    OFFERED,
    PINNED_BONUS,
    STATED_BITS,
    Focus,
    among_offered,
    apart,
    chosen,
    guessed,
    listed,
    locators,
    options_offered,
    pinned_version,
    referenced,
    unheld_name,
    versioned,
)
from bot.read.keys import number_pairs
from bot.read.saving import asks_saving, weighed
from bot.read.sentences import GENERIC, _clip, _weights, split_sentences
from bot.read.terms import specific, typos
from bot.understand.numbers import quantities
from bot.understand.text import prepare
from knowledge.lang import detect_language, tokenize
from knowledge.names import document_names
from knowledge.types import Hit

MAX_PASSAGES = 12
STRONG = 1.0  # a best candidate scoring below this is shown as "closest, not certain"
UNHELD = 0.5  # the bar is higher when the question writes a name ("EAGLE") that no read passage holds
STRONG_UNRELATED = 1.4  # the same bar for passages the retriever judged not relevant
STRAY = 0.9  # with no relevant passage, a candidate of another scoring this much is shown, as uncertain
MIN_SCORE = 0.35
RUNNER_UP = 0.5  # how far below the closest candidate the next one may score and still be shown
OTHER_DOCUMENT = 0.9
FOCUS = 0.8


@dataclasses.dataclass(frozen=True)
class Evidence:
    """What reading found: the best candidate (or None), whether it is weak, and the passages it came from."""

    best: Candidate | None
    weak: bool
    wanted: tuple[ValueType, ...] = ()
    also: Candidate | None = None  # when weak: the next closest sentence or cell, shown too

    @property
    def quoted(self) -> tuple[Hit, ...]:
        hits = [c.hit for c in (self.best, self.also) if c is not None]
        return tuple(dict.fromkeys(hits))


def read(question: str, hits: Sequence[Hit], relevant: set[int] | None = None) -> Evidence:
    """The candidate that best answers ``question`` among ``hits`` (best first); passages the retriever did not
    judge relevant (``relevant``: ids of the relevant hits' chunks; None = all) can still hold the answer, but only
    a candidate clearing the higher bar ``STRONG_UNRELATED`` counts from them."""
    wanted = wanted_types(question)
    low = prepare(question)
    if "dtype" in wanted and STATED_BITS.search(low):
        wanted = tuple(w for w in wanted if w != "bits")  # "哪一种 4 比特数据类型": the width is given, the type is asked
    weights = _weights(question)
    if not weights or not hits:
        return Evidence(None, True, wanted)
    excluded = _ruled_out(question)  # "the base model (not the chat one)": rows named "chat" are not it
    weights = {t: w for t, w in weights.items() if t not in excluded} or weights
    named = _named_documents(weights, hits[:MAX_PASSAGES])  # by the question's words, however often passages hold them
    weights = bridged(specific(typos(weights, hits[:MAX_PASSAGES]), hits[:MAX_PASSAGES]), weights)
    pairs = number_pairs(question)
    total = sum(w for tok, w in weights.items() if tok not in GENERIC) or sum(weights.values())
    asked_in = detect_language(question)
    unit = asked_unit(question)
    counts = bool(unit) and bool(COUNTS.search(low))  # "多少个汉字", "how many tokens": a noun counted
    # numbers the asker states; not those inside a name ("bf16", "a100", "llama-3.1")
    given = frozenset(q.value for q in quantities(low) if not q.vague and not _IN_NAME.search(low[: q.start])) | sci_numbers(low)
    offered = bool(_GUESSES.search(low) or OFFERED.search(low))  # "fp4还是nf4": one of the asker's options answers
    # "is it 8080?", "我记得是 6 还是 7": a guess may answer; "single attempt was 65.8" still says another row's figure
    given = given & referenced(question) if _GUESSES.search(low) else given
    flags = frozenset(re.findall(r"(?<![\w-])--([a-z0-9][\w-]*)", question.lower()))  # "--kv-cache-dtype", spelt out
    # names the asker already has ("max_new_tokens", "LoRA(2M)"): not the one asked for, nor the numbers inside them
    known = frozenset(_NAME.findall(low) + _QUALIFIED.findall(low))
    sizes = frozenset(model_sizes(low))  # "deepseek llm 7b": a table about the 67B model is not it
    rows, labelled = table_context(hits[:MAX_PASSAGES], weights, total)
    best: Candidate | None = None
    closest: Candidate | None = None  # the best candidate of a passage the retriever judged relevant
    stray: Candidate | None = None  # the best candidate of the other passages, below the bar for them
    near: list[Candidate] = []  # candidates that could be shown when none is certain
    focus = _document_focus(weights, total, hits[:MAX_PASSAGES])
    where = locators(question, hits[:MAX_PASSAGES])
    asked = Focus(question, weights)  # the words naming the thing asked for
    slashed = frozenset(SLASHED.findall(low))  # "128/2048": a number pair a row names in that order
    options = options_offered(question)  # "5M or 10M": one of the asker's options answers
    remembered = guessed(question)  # "i remember it being ~14k": the answer lies near it
    turned = directions(question)  # "en→ja": the other direction's table is not it
    saving = asks_saving(question)  # "how many hours does it save": a saving, not a total
    rough = referenced(question, rough=True) - remembered  # "ds v3 0324 was ~47": another column's figure
    priors = []
    for rank, hit in enumerate(hits[:MAX_PASSAGES]):
        prior = (0.35 * (hit.dense_score or 0.0) - 0.04 * rank + (0.1 if hit.chunk.lang == asked_in else 0.0)
                 + FOCUS * focus[hit.chunk.source])
        # the question names the document it is about ("bitsandbytes", "Yi"); this is another
        priors.append(prior - (OTHER_DOCUMENT if named and hit.chunk.source not in named else 0.0))
    most = superlative_candidates(question, hits[:MAX_PASSAGES], weights, total, priors)
    for hit, prior in zip(hits[:MAX_PASSAGES], priors, strict=True):
        related = relevant is None or id(hit.chunk) in relevant
        mine = [c for c in most if c.hit is hit]
        for cand in (_sentences(hit, weights, total, wanted, prior, unit, counts, given, flags, known, offered)
                     + cell_candidates(hit, weights, total, wanted, prior, pairs, rows, excluded, unit if counts else "",
                                       where, given, sizes, labelled.get(hit.chunk.source, set()), low, offered)
                     + mine):
            cand = listed(in_order(asked.weigh(cand), slashed), excluded)  # "除了 fp16 还支持啥": "fp16 和 int4"
            cand = versioned(apart(weighed(oriented(chosen(cand, options, remembered), turned), saving), rough), question)
            if cand.value and cand.value.strip("`'\" ").lower() in excluded:
                continue  # "device_map 要设成啥 不能用 auto 吧": the value the asker rules out is not the answer
            if related and (closest is None or cand.score > closest.score):
                closest = cand
            if related or cand.score >= STRONG_UNRELATED:
                near.append(cand)
            if not related and cand.score < STRONG_UNRELATED:
                stray = cand if stray is None or cand.score > stray.score else stray
                continue
            if best is None or cand.score > best.score:
                best = cand
    if best is None or best.score < MIN_SCORE:
        # relevant passages but no convincing sentence: show the closest one as such, not "nothing found"
        if closest is None and stray is not None and stray.score >= STRAY and relevant is not None:
            return Evidence(stray, True, wanted)  # no passage judged relevant, yet one says much of it: shown as unsure
        if closest is None or relevant is None:
            return Evidence(None, True, wanted)
        return Evidence(closest, True, wanted, _runner_up(closest, near))
    best = among_offered(best, near, options, remembered)
    weak = best.score < STRONG + (UNHELD if unheld_name(question, hits[:MAX_PASSAGES]) else 0.0) or (bool(wanted) and not best.value)
    return Evidence(best, weak, wanted, _runner_up(best, near) if weak else None)


def _runner_up(first: Candidate, near: list[Candidate]) -> Candidate | None:
    """The next closest candidate that says something else (another sentence or row), for an uncertain answer."""
    others = [c for c in near if c.text != first.text and first.score - c.score <= RUNNER_UP]
    return max(others, key=lambda c: c.score, default=None)


def _document_focus(weights: dict[str, float], total: float, hits: Sequence[Hit]) -> dict[str, float]:
    """How much less of the question each document's read passages cover than the best-covering document's
    (0 for the best, negative for others): "13B in 8 GB with EXL2" is about the document that says EXL2 too."""
    texts: dict[str, list[str]] = {}
    for hit in hits:
        texts.setdefault(hit.chunk.source, [hit.chunk.title]).append(f"{hit.chunk.meta.get('section', '')} {hit.chunk.text}")
    covered = {source: coverage(weights, total, " ".join(parts))[0] for source, parts in texts.items()}
    best = max(covered.values(), default=0.0)
    return {source: c - best for source, c in covered.items()}


def named_documents(question: str, hits: Sequence[Hit]) -> set[str]:
    """Sources of ``hits`` the question names by a part of the file name or an acronym ("bitsandbytes", "tei")."""
    weights = _weights(question)
    return _name_matches(weights, hits) if weights and hits else set()


def _named_documents(weights: dict[str, float], hits: Sequence[Hit]) -> set[str]:
    """Sources whose file name names a word of the question ("bitsandbytes_benchmarking.md" for "...bitsandbytes
    benchmark?"); empty when the question names none, or names every retrieved document."""
    named = _name_matches(weights, hits)
    return named if named != {h.chunk.source for h in hits} else set()


def _name_matches(weights: dict[str, float], hits: Sequence[Hit]) -> set[str]:
    own = {t for t, w in weights.items() if w >= 0.9 and len(t) >= 2 and t not in GENERIC and not t.isdigit()}
    titles = {h.chunk.source: h.chunk.title for h in hits}
    return {source for source, title in titles.items() if own & document_names(source, title)}


_RULED_OUT = re.compile(r"(?:\b(?:not|except|excluding|other than|rather than|instead of|without|w/o)|\(no|,\s*no)\s+(?:the\s+|a\s+|an\s+)?([a-z][\w.+-]*)"
                        r"(?=\s*(?:one|version|variant|model|\)|,|;|\?|$))|(?:不是|而非|除了|而不是|不能用|不能设|不用|别用|不想用|不带|不含|不加|不开|没开)\s*([a-z][\w.+-]*|[\u4e00-\u9fff]{1,4}?)"
                        r"(?=\s*(?:版|的|那个|那行|那一行|那列|那条|那组|模型|吧|吗|了|,|，|）|\)|\?|？|$))|"
                        # "除了 pretrain 和 transformed 还能填哪个", "besides minmax which other…": the ones the asker already has
                        r"(?:除了|除去)\s*([a-z0-9_.+-]+(?:\s*(?:和|、|与|及|,|，)\s*[a-z0-9_.+-]+)*)(?=\s*(?:之外|以外|外)?\s*(?:还|也|,|，|（|\())|"
                        r"\b(?:besides|apart from|aside from|other than|except(?: for)?)\s+([a-z0-9_.+-]+(?:\s*(?:and|,)\s*[a-z0-9_.+-]+)*)"
                        r"(?=\s*(?:,|\?|which|what|how|is|are|do|does|can|there|and what|and which))")


def _ruled_out(question: str) -> frozenset[str]:
    """Words the question says the answer is not about ("not the chat one", "不是 chat 版"), as tokens."""
    low = prepare(question)
    found = {next(g for g in m.groups() if g) for m in _RULED_OUT.finditer(low)}
    return frozenset(t for word in found for t in tokenize(word) if t not in GENERIC)


def _sentences(hit: Hit, weights, total, wanted, prior, unit: str = "", counts: bool = False,
               given: frozenset[float] = frozenset(), flags: frozenset[str] = frozenset(),
               known: frozenset[str] = frozenset(), offered: bool = False) -> list[Candidate]:
    out = []
    section = hit.chunk.meta.get("section", "") or ""
    context, _ = coverage(weights, total, f"{section} {hit.chunk.title}")
    # a heading that holds a value ("运行时长: 8小时", "Training time: 3.5 h") is a candidate of its own
    headings = [h.strip() for h in section.split("›") if _DIGIT.search(h) and re.search(r"[:：]", h)]
    before: set[str] = set()  # "AQLM is ... . This allows it to compress models down to 2-bit": the subject is one back
    asks_default = any(w in weights for w in ("default", "默认", "defaults"))
    spelled = frozenset(k.replace("-", "_") for k in known)
    if wanted == ("support",):
        wanted = ()  # a sentence says "supported" in too many ways to read a verdict from; matrix cells do it
    lead = hit.chunk.meta.get("lead", "")  # the command this passage continues: its options are read with it
    for sentence in [*headings, *split_sentences(f"{lead}\n{hit.chunk.text}" if lead else hit.chunk.text)]:
        own, matched = coverage(weights, total, sentence)
        carried = sum(weights[t] for t in before - matched) / total  # only terms this sentence lacks
        cov, before = own + 0.4 * context + 0.4 * carried, matched
        if own <= 0 and not matched:
            continue
        value, near, rank = _nearest_value(sentence, matched, wanted, known, given, offered)
        parts = [p for p in re.split(r"[-_=\s]+", value.lower().lstrip("-")) if p] if soft(wanted) and value else []
        spelt = 0.4 if len(parts) >= 2 and all(p in weights for p in parts) else 0.0  # "base model" -> --base-model
        score = (2.0 * cov + prior + spelt + type_score(wanted, bool(value)) - 0.25 * rank + 0.4 * near
                 - 0.001 * max(0, len(sentence) - 240) - (0.8 if _ASKS.search(sentence) else 0.0))
        counted = counted_before(sentence, unit, value) if unit else ""
        if counted:  # "多少个汉字" and "约 40 万汉字": the number that counts the asked thing
            value, score = counted, score + 0.3 + (0.0 if value else -type_score(wanted, False))
        elif counts and value and unit not in prepare(sentence):
            score -= 0.3  # "200K" counts something, but not the 汉字 the question counts
        assigned = _assigned(sentence, weights, flags, spelled)
        if assigned and wanted and not has_type(assigned, wanted):
            assigned = ""  # "--num-gpus 2" sets a count; "how much VRAM" asks for memory
        if asks_default:  # "ollama keep alive default?": "By default models are kept ... for 5 minutes"
            # "max_token_in_packing: 32768" alone in a config listing (no request around it): the value shipped
            says_default = bool(_SAYS_DEFAULT.search(sentence) or _CONFIG_LISTING.match(sentence))
            score += 0.3 if says_default else 0.0
            if assigned and not says_default:
                assigned = ""  # '"keep_alive": 0' in an example request sets a value; it is not the default
        if assigned:  # "learning_rate=2e-2", "--lora_alpha 32": the value set for the parameter the question names
            value, score = assigned, score + ASSIGNED_BONUS + (0.0 if value else -type_score(wanted, False))
            score += 0.001 * max(0, len(sentence) - 240)  # a long command is no rambling sentence
        pinned = pinned_version(sentence, weights) if "version" in wanted and not assigned else ""
        if pinned:  # "transformers 4.37.2 and above", "vLLM==0.3.3": the version of the library the question names
            value, score = pinned, score + PINNED_BONUS + (0.0 if value else -type_score(wanted, False))
        worked = _EQUATION.search(sentence)
        if worked and given and {float(x) for x in re.findall(r"\d+(?:\.\d+)?", worked.group(1))} <= given:
            # "micro batch 3, accumulation 2, three GPUs": the worked example with the question's own numbers
            value, score = worked.group(2), score + ASSIGNED_BONUS
        score -= given_penalty(value, given)
        out.append(Candidate("sentence", _clip(sentence, value), value, hit, score))
    return out


_IN_NAME = re.compile(r"[a-z][a-z-]*-?$")
_GUESSES = re.compile(r"\b(?:is it|isn'?t it|was it|right\?|i (?:think|guess|believe|recall|remember|assumed|thought)|or (?:was|is) it|"
                      r"(?:someone|somebody|people|a colleague|my colleague|they) (?:said|says|told me)|i(?:'ve| have)? heard|iirc)\b|"
                      r"是不是|对吗|对不对|吗[?？]?\s*$|我记得|好像是|应该是")
_CONFIG_LISTING = re.compile(r"^\s*(?:[a-z_][\w.]*:\s*[^\s:{}\"',]+\s*){1,12}$", re.IGNORECASE)
_SAYS_DEFAULT = re.compile(r"\bdefaul(?:t|\b)|默认|缺省", re.IGNORECASE)
_EQUATION = re.compile(r"=\s*((?:\d+(?:\.\d+)?\s*[*×x+/-]\s*)+\d+(?:\.\d+)?)\s*=\s*(\d+(?:\.\d+)?)")


_ASKS = re.compile(r"[?？]\s*(?:</\w+>|\*+)?\s*$")  # a sentence that asks (an FAQ heading) answers nothing
_DIGIT = re.compile(r"\d")
# "name = value", "name: value", "--name value", "Batch size: 4", "cmake -DSM=86" (config files, shell scripts, yaml, prose lists)
_ASSIGNMENT = re.compile(r"(?:^|(?<=[\s`'\"(,{.;*])|(?<=\s-D))(--)?([a-z][a-z0-9]*(?:[_.-][a-z0-9]+)*(?: [a-z][a-z0-9]*){0,2})[\"'`*]*"
                         r"((?(1)(?:\s*[=:]\s*|\s+)|(?:\s*[=:]\s*|\s+of\s+(?=\d))))[\"'`*]*([0-9][\w.+-]*(?:\s*(?:hours?|hrs?|minutes?|mins?|"
                         r"seconds?|secs?|days?|weeks?|gb|gib|mb|tb|ms|x|%|小时|分钟|秒|天|周|倍)(?![a-z]))?|[a-z][\w.+-]*(?:/[\w.+-]+)*)", re.IGNORECASE)


def _assigned(sentence: str, weights: dict[str, float], flags: frozenset[str] = frozenset(),
              spelled: frozenset[str] = frozenset()) -> str:
    """The value assigned to a parameter whose name the question spells out (every part of "learning_rate",
    "lora_alpha" or "LoRA rank" among its terms, counting glossary translations; "batch size of 1" too), or "".
    ``flags``: options the question writes out (``--model-id``); then only those options count. ``spelled``: names
    the question writes whole ("base_model 填的是哪个"): an option of that name is named whatever its parts weigh."""

    def named(option: str) -> bool:
        option = option.lower()
        if option.replace("-", "_") in spelled:
            return True
        return option in flags if flags else names_parameter(re.split(r"[-_]", option), weights, flag=True)

    choices = _OPTION_VALUES.match(sentence)
    if choices and _ASKS_VALUES.search(" ".join(weights)) and named(choices.group(1)):
        return choices.group(2).strip()  # "what values does --kv-cache-dtype accept?"
    # an env line ("[env: PORT=] [default: 3000]") never matches an option written out as --port: only words name it
    option = _OPTION_DEFAULT.match(sentence) or _ENV_DEFAULT.match(sentence) or _PARAM_DEFAULT.match(sentence)
    if option and named(option.group(1)):
        value = next(g for g in option.groups()[1:] if g)
        return value.strip().rstrip(".,;")  # "--port <PORT>: The port to listen on [default: 3000]"
    if _OPTION_HEAD.match(sentence):
        return ""  # an option described without its default: "<PORT>" is no value
    for m in _ASSIGNMENT.finditer(sentence):
        flag, name, value = m.group(1), m.group(2).lower(), m.group(4)
        flag = flag or ("-D" if sentence[max(0, m.start(2) - 2) : m.start(2)] == "-D" else None)  # a cmake option
        if not flag and value[:1].isupper() and value.isalpha() and _TITLE_GOES_ON.match(sentence[m.end() :]):
            continue  # "S-LoRA: Serving Thousands of Concurrent LoRA Adapters": a title, no parameter set
        words = name.split(" ")
        for start in range(len(words)):  # "The LoRA rank: 8" names "lora rank"
            parts = [p for p in re.split(r"[ _.-]", " ".join(words[start:])) if p]
            if names_parameter(parts, weights, bool(flag)) or (start == 0 and name.replace("-", "_") in spelled):
                return value.rstrip(".,;")
    line = _KEY_LINE.match(sentence)  # '"hallucination": 4.2', "generator_metrics hallucination: 4.2": a key of a
    key = line.group(1).lower() if line else ""  # JSON or YAML snippet the question names, even a one-word one
    if line and len(key) >= 4 and key not in GENERIC and weights.get(key, 0.0) >= 0.9:
        return line.group(2)
    return ""


_KEY_LINE = re.compile(r"""^(?:[\w.-]+ ){0,4}["']?([A-Za-z][\w-]*)["']?\s*:\s*["']?(\d[\w.+-]*)["']?,?$""")


_TITLE_GOES_ON = re.compile(r"\s+[A-Z][a-z]+\b")
# "`top_p`: Limit the next token selection ... Default: `0.95`" (API parameter lists)
_PARAM_DEFAULT = re.compile(r"^`([\w.\-]+)`\s*[:：].*?(?:\bdefault(?:s to|\s*[:=]|\s+is)|默认(?:值)?(?:为|是|[:：]))\s*`?([^`\s,;，。]+)`?",
                            re.IGNORECASE)
_ENV_DEFAULT = re.compile(r"^\[env:\s*([A-Z0-9_]+)=?[^\]]*\]\s*\[default:\s*([^\]]+)\]")
_OPTION_HEAD = re.compile(r"^(?:-\w,\s*)?--[a-z0-9][\w-]*(?:[ =]<[^>]+>|\s+[A-Z_]{2,})?:", re.IGNORECASE)
_OPTION_DEFAULT = re.compile(r"^(?:-\w,\s*)?--([a-z0-9][\w-]*)\b.*?(?:[\[(]default:?\s*([^\])]+)[\])]|"
                             r"\bdefaul?t(?:s)?(?: to| is| =|:)\s*(?:[`\"']([^`\"']+)[`\"']|([^\s.,;`\"']+)))", re.IGNORECASE)
# "--kv-cache-dtype <KV_CACHE_DTYPE>: ... [possible values: fp8_e4m3fn, fp8_e5m2]": the values an option accepts
_OPTION_VALUES = re.compile(r"^(?:-\w,\s*)?--([a-z0-9][\w-]*)\b.*?\[possible values:\s*([^\]]+)\]", re.IGNORECASE)
_ASKS_VALUES = re.compile(r"\b(?:what|which) values?\b|\baccepts?\b|\bpossible values\b|\boptions? (?:are|for)\b|"
                          r"可选值|取值|哪些值|可以(?:设|填|选)(?:成)?(?:哪些|什么)|支持(?:哪些|什么)(?:值|类型|取值)")


def _nearest_value(sentence: str, matched: set[str], wanted: tuple[ValueType, ...],
                   known: frozenset[str] = frozenset(), given: frozenset[float] = frozenset(),
                   offered: bool = False) -> tuple[str, float, int]:
    """The wanted value nearest the matched terms, a 0..1 nearness and which wanted type (0 = most specific)."""
    if not wanted:
        return "", 0.0, 0
    low = prepare(sentence)
    # a number inside a name the question writes ("130B" of "GLM-130B", "200" of "Yi-34B-200K") is no answer
    inside = [(m.start(), m.end()) for name in known if any(c.isdigit() for c in name)
              for m in re.finditer(re.escape(name), low)]

    asked = {m.replace("-", "") for m in matched}

    def usable(found: list) -> list:
        found = [v for v in found if not any(a <= v[1] < b for a, b in inside)]
        # the asker's own names: "NF4 是几比特?" asks about NF4, the answer is another value of the sentence
        found = [v for v in found if not ((v[0] == "name" or (v[3][:1].isalpha() and not offered))
                                          and v[3].lower().replace("-", "") in asked)]
        if soft(wanted) and known:  # "I set --max_new_tokens 5000, which parameter should I change?": another one
            found = [v for v in found if not set(_NAME.findall(v[3].lower())) & known]
        # "吞吐都是 1.2 rps 的时候延迟多少秒": the number the question gives is not the one it asks for
        return [v for v in found if not restates(v[3], given)] or found

    # the most specific wanted type that the sentence holds
    rank, found = next(((i, v) for i, k in enumerate(wanted) if (v := usable(values(sentence, (k,))))), (0, []))
    if not found:
        return "", 0.0, 0
    spots = [low.find(tok) for tok in matched if len(tok) > 1 and low.find(tok) >= 0] or [0]
    best, best_d, best_named = found[0], 10**9, 0
    for v in found:
        d = min(abs(v[1] - s) for s in spots)
        # "base model 用哪个参数": of "--model" and "--base-model", the option the question's words name whole
        named = len(set(re.split(r"[-_=\s./]+", v[3].lower().lstrip("-"))) & matched) if v[0] in _SOFT_KINDS else 0
        if (named, -d) > (best_named, -best_d):
            best, best_d, best_named = v, d, named
    changed = _CHANGED.search(low)
    was = 1 if changed and changed.group(1) is not None else 3
    if changed and changed.start(was) <= best[1] < changed.end(was):
        # "默认值由原来的 32 改成 64", "raised from 4 to 8": the value it is now, not the one it was
        best = next((v for v in found if v[1] >= changed.start(was + 1)), best)
    return best[3].strip(), max(0.0, 1.0 - min(best_d, 120) / 120), rank


_SOFT_KINDS = frozenset({"flag", "key", "envvar", "file"})
_QUALIFIED = re.compile(r"[a-z][a-z0-9.]*\s?\([a-z0-9.]+\)")  # "lora(2m)", "ft (2m)": a method and its data
_NAME = re.compile(r"[a-z][a-z0-9]*(?:[_-][a-z0-9]+)+")  # a snake- or kebab-case name: max_new_tokens, kv-cache-dtype
_CHANGED = re.compile(r"(?:由|从)\s*(?:原来的|之前的|以前的)?\s*(\S{1,16}?)\s*(?:改成|改为|变成|变为|调整为|调整到|提高到|提升到|增加到|增大到|降到|降低到|减少到|减小到)了?\s*(\S)|"
                      r"\bfrom\s+(\S{1,16}?)\s+to\s+(\S)")
