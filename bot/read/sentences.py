"""Sentences of retrieved passages, and the query-term weights that score them. Pure.

A sentence scores by the query tokens it shares (the query first expanded with the bilingual glossary), plus a
bonus for holding a value when the question asks for one. Generic words count for little, so a passage that only
shares "model" with the question does not answer it. ``ranked_quotes`` finds the sentences backing a
recommendation; ``bot.read.reader`` reads factual answers.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import (
    dataclass,
)
from functools import lru_cache

from bot.read.answer_type import wanted_types
from bot.read.code_lines import CHOICE, continued, nested_keys, option_blocks
from bot.types import Lang
from bot.understand.text import prepare
from knowledge.glossary import translations
from knowledge.lang import content_words, detect_language, normalize, tokenize
from knowledge.tables import unescape
from knowledge.types import Hit

MIN_SCORE = 1.0  # at least one specific shared token
MAX_QUOTE_CHARS = 420
GENERIC = frozenset(
    "model models 模型 use using used 使用 用 data 数据 need needs 需要 get make 可以 进行 方法 method approach "
    "question 问题 answer 回答 good better 更好 一种 一个 llm llms 大模型 ai "
    "哪个 哪种 哪一种 哪些 哪几 哪几个 哪几种 哪几款 多少 几 几个 什么 怎么 如何 是否 请问 呢 吗 what which how much many does is are "
    "do did was were the a an of to in on for with by at 的 了 是 在 和 与 要 会 能 用 上 中 "
    # the asker's filler: "想确认一下……大概多少", "roughly what … exactly"
    "想 确认 一下 大概 大约 左右 差不多 时候 请教 知道 看看 问下 想问 帮我 roughly approximately approx exactly just "
    "wondering anyone tell know "
    # single characters that only tie a Chinese question together ("训练数据里", "用 firefly 训", "升到哪个版本")
    "里 到 把 给 跟 及 或 就 都 也 还 又 再 吧 啊 呀 个 些 这 那 哪 啥 么 我 你 他 她 它 们 被 让 从 向 往 以 为 于 而 得 地 着 "
    "过 其 该 此 说 有 的话 我们 他们 它们 这个 那个 这些 那些 一下".split()
)
# ";" between digits is a list ("70;75"), not the end of a sentence
_SENTENCE_END = re.compile(r"(?<=[。！？!?；])|(?<=;)(?!\d)|(?<=[.])\s+(?=[\"'«(\[A-Z0-9])|\n+")
_SKIP_LINE = re.compile(r"^\s*(?:#(?![^\n]*[:：][^\n]*\d)|```|\||\|?\s*-{3}|(?:title|source_id|source_title|source_file|lang)\s*:|flowchart|graph\s|\w+\s*-->|style\s)", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
# "- **GGML_TYPE_Q3_K**：…": a listed term and what is said of it
_LEAD = re.compile(r"^\s*(?:[-*+]|\d{1,2}[.)])\s+\*{0,2}`?([^:：*`\n]{2,40}?)`?\*{0,2}\s*[:：]")
_COMMAND = re.compile(r"^\s*(?:export |set |\$ |pip3? |python3? |git |cmake |docker |bash |sh |[A-Z][A-Z0-9_]{2,}=)")
# "可以通过配置以下环境变量生成cache模型": prose that introduces the code under it
_FOLLOWING = re.compile(r"以下|如下|下面的?(?:命令|环境变量|参数|配置|代码|脚本)|\b(?:the following|as follows|below)\b", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"\s[\w-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+)")
_BARE_TAG = re.compile(r"</?[a-z][\w-]*\s*/?\s*(?:>|$)", re.IGNORECASE)
# "# launch server", "#（可选）进一步提升性能" (not "#!/bin/sh", "#include")
_COMMENT = re.compile(r"^\s*#+(?![!])(?!(?:include|define|pragma|ifn?def|if|endif|else|elif|undef|region|endregion)\b)\s*(.*\S.*)$")


@dataclass(frozen=True)
class Quote:
    hit: Hit
    sentence: str
    score: float


def asks_quantity(question: str) -> bool:
    return bool(wanted_types(question))


def expand(text: str) -> str:
    """The text plus its glossary translations and same-language synonyms; unchanged without the glossary module."""
    try:
        from knowledge.glossary import expand_query
    except ImportError:
        return text
    return expand_query(text, synonyms=True)


# a shields.io badge says "label: message" in its address: "python-3.10%2B-blue" is "python 3.10+"
_BADGE = re.compile(r"(?:!\[[^\]]*\]\(|src=[\"']?)https?://img\.shields\.io/badge/([^)\"'\s?]+)[^)\"'\s]*(?:\)|[\"']?)")


def _badges(text: str) -> str:
    """Badge images written out as the words they show."""
    if "shields.io/badge/" not in text:
        return text

    def said(m: re.Match) -> str:
        from urllib.parse import unquote

        parts = re.split(r"(?<!-)-(?!-)", m.group(1))
        words = [unquote(p).replace("--", "-").replace("__", "\0").replace("_", " ").replace("\0", "_") for p in parts[:-1]]
        return " ".join(w for w in words if w).strip() or m.group(0)

    return _BADGE.sub(said, text)


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage, without headings, front matter, tables rules or diagram lines."""
    text = _badges(unescape(text))
    out: list[str] = []
    if "&" in text:  # "MinerU (&ge; 2.6.3)": an entity's ";" ends no sentence
        text = html.unescape(text)
    lines = nested_keys(option_blocks(continued(_unwrap(normalize(text).splitlines()))))
    fences = [line.strip() for line in lines if line.lstrip().startswith("```")]
    # a passage cut from the middle of a code block starts inside it: its first fence is a bare closing one
    fenced, comment = len(fences) % 2 == 1 and fences[0] == "```", ""
    intro = ""  # "将保存的 PTH 模型转换为 HuggingFace 模型：" above a command: the command is what it introduces
    for line in lines:
        if line.lstrip().startswith("```"):
            fenced = not fenced
            comment = _said(out, comment)
            continue
        if not fenced and line.strip():
            if intro and _COMMAND.match(line):
                out.append(f"{intro} {line.strip()}")  # "…可以增加下面环境变量：" / "export USE_TCP_DATA_CHANNEL=1" unfenced
            said = line.strip().rstrip("*` ")
            intro = said.strip(" \t-*>#") if (said.endswith((":", "：")) or _FOLLOWING.search(said)) and not _SKIP_LINE.match(line) else ""
        elif fenced and intro and line.strip() and not _COMMENT.match(line):
            out.append(f"{intro} {line.strip()}")
            intro = ""
        if fenced and _COMMENT.match(line):
            # "# 默认选用的 Embedding 名称" above "DEFAULT_EMBEDDING_MODEL: bge-large-zh-v1.5": a comment in code says
            # what the line under it sets, so the two are read as one
            comment = _said(out, comment) + _COMMENT.match(line).group(1)
            continue
        if comment and line.strip():
            out.append(f"{comment}: {line.strip()}")
            comment = ""
        if not line.strip() or _SKIP_LINE.match(line):
            continue
        if CHOICE.match(line.strip()) and len(line) <= 400 and re.match(r"\s*-\s+[\w.-]+:\s{2,}", line):
            out.append(line.strip(" \t-*>|"))  # "- eetq:     8 bit quantization ...": a value listed with what it does
            continue
        if _PARAM_LINE.match(line) and _HAS_DEFAULT.search(line) and len(line) <= 500:
            out.append(line.strip(" \t-*>|"))  # "`top_p`: Limit ... P. Default: `0.95`": the default stays with its name
            continue
        lead = _LEAD.match(line)
        for n, part in enumerate(_SENTENCE_END.split(line)):
            if n and lead and len(part.strip()) >= 8:
                part = f"{lead.group(1).strip()}: {part.strip()}"  # "- **Q3_K**：… 。每个权重平均使用 3.4375 bits。": whose bits
            flag = bool(_FLAG.match(part))  # "--lora_alpha 32", "-p, --port" keep their dashes: they name a flag
            part = (part.strip() if flag else part.strip(" \t-*>|#")).rstrip(";；,，:：")
            if len(part) >= 8 and not _markup_only(part):  # '<img src="x.png" width="380">' says nothing
                out.append(part)
    return out


def _markup_only(part: str) -> bool:
    """HTML tags and their attributes only, no words between or inside them (a badge's words stay: "<img python 3.8+>")."""
    return part.lstrip().startswith("<") and not _BARE_TAG.sub("", _ATTRIBUTE.sub("", part)).strip()


def _said(out: list[str], comment: str) -> str:
    """A code comment no line follows is a sentence of its own; returns "" for the next one."""
    if len(comment) >= 8:
        out.append(comment)
    return ""


_WRAPPED = re.compile(r"^\s*(?:[a-z(\[`'\"]|\d+(?:\.\d+)?\s*(?:[a-z%]|gb|gib)\b)")
_NOT_PROSE = re.compile(r"^\s*(?:#|\||>|```|--|-\w,|\[(?:env|default|possible)|\$ |pip |python |git |\w+=)")
# a Chinese sentence broken mid-way ("…采用更紧凑的设计，拥有" / " **1060** 亿总参数量"): no ending mark, text goes on
_CJK_OPEN = re.compile(r"[\u4e00-\u9fff，、（(]\s*$")
_CJK_ON = re.compile(r"^\s*(?:[\u4e00-\u9fff]|\*\*\s*[\w\u4e00-\u9fff]|\d)")
_ENDED = re.compile(r"(?:[.!?。！？:：;；\\{}]|\*\*|```)\s*$")


def _unwrap(lines: list[str]) -> list[str]:
    """Paragraphs hard-wrapped in the source ("... backend server for ExLlamaV2 is TabbyAPI," / "which provides an
    OpenAI-compatible API") as one line each, so a sentence is read whole; code blocks and option lists stay as
    they are."""
    out: list[str] = []
    fenced = False
    joinable = False
    for line in lines:
        if line.lstrip().startswith("```"):
            fenced, joinable = not fenced, False
            out.append(line)
            continue
        prose = not fenced and bool(line.strip()) and not _NOT_PROSE.match(line)
        wrapped = _WRAPPED.match(line) or (_CJK_OPEN.search(out[-1]) and _CJK_ON.match(line)) if out else False
        if joinable and prose and wrapped and not re.match(r"^\s*[-*+]\s", line):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
        joinable = prose and len(out[-1].strip()) >= 30 and not _ENDED.search(out[-1]) and not line.startswith("    ")
    return out


_PARAM_LINE = re.compile(r"^\s*[-*]?\s*`[\w.\-/]+`\s*[:：]")
_HAS_DEFAULT = re.compile(r"\bdefaults?\b|默认", re.IGNORECASE)
_FLAG = re.compile(r"\s*(?:--|-\w,\s*--)\w")


def _weights(question: str) -> dict[str, float]:
    """Token weights: the question's own words 1.0, glossary translations 0.6, generic words a quarter."""
    own = set(tokenize(question))
    words = set(content_words(expand(question)))
    weights: dict[str, float] = {}
    for tok in tokenize(expand(question)):
        if tok.strip():
            # a character bigram across two words ("调需" in "微调需要") is search noise, not a term
            stray = (len(tok) == 2 and tok not in words and not any(tok in w for w in words) and "\u4e00" <= tok[0] <= "\u9fff"
                     and not translations(tok))  # "占比" cut into 占 / 比 is still a term the glossary knows
            # the "s" of "tok/s" and the "x" of "8 x a100" name nothing
            weak = tok in GENERIC or tok in ("s", "x")
            weights[tok] = (1.0 if tok in own else 0.6) * (0.25 if weak else 1.0) * (0.2 if stray else 1.0)
    for tok in list(weights):  # the characters of such a term ("占", "比") are no terms of their own
        if len(tok) == 2 and weights[tok] >= 0.9 and tok not in words and all(ch in weights for ch in tok):
            for ch in tok:
                weights[ch] = min(weights[ch], 0.25)
    for tok in list(weights):  # "5.0bpw", "16gb": a number glued to its unit also meets "5.0 bpw" written apart
        glued = _GLUED_UNIT.match(tok)
        if glued:
            for part in glued.groups():
                weights.setdefault(part, 0.8 * weights[tok])
    for n in _CARDS.findall(prepare(question)):  # "8卡", "8 gpus": a table row says "8x A100"
        weights.setdefault(f"{n}x", weights.get(n, 1.0))
    return weights


_GLUED_UNIT = re.compile(r"^(\d+(?:\.\d+)?)([a-z]{2,})$")
_CARDS = re.compile(r"(?<![\d.])(\d{1,3})\s*(?:张|块)?\s*(?:卡|显卡|gpus?\b|cards?\b|×|\*\s*(?=[a-z]))")


def score_sentence(weights: dict[str, float], sentence: str, wants_number: bool) -> float:
    words = set(tokenize(sentence))
    score = sum(w for tok, w in weights.items() if tok in words)
    if score <= 0:
        return 0.0
    if wants_number and _DIGIT.search(sentence):
        score += 1.0
    return score - 0.002 * max(0, len(sentence) - 200)


def best_quote(question: str, hits: Sequence[Hit], lang: Lang, extra: str = "") -> Quote | None:
    """The best-scoring sentence over all hits; None when nothing clears ``MIN_SCORE``."""
    quotes = ranked_quotes(question, hits, lang, extra)
    return quotes[0] if quotes else None


def ranked_quotes(question: str, hits: Sequence[Hit], lang: Lang, extra: str = "",
                  min_score: float = MIN_SCORE) -> list[Quote]:
    """One best sentence per hit, best first, only those that clear ``min_score``."""
    weights = _weights(f"{question} {extra}".strip())
    if not weights:
        return []
    wants_number = asks_quantity(question)
    asked_in = detect_language(question, default=lang)
    found: list[Quote] = []
    for rank, hit in enumerate(hits):
        best: Quote | None = None
        for sentence in split_sentences(hit.chunk.text):
            score = score_sentence(weights, sentence, wants_number)
            if score < min_score:
                continue
            score += (0.8 if hit.chunk.lang == asked_in else 0.0) - 0.01 * rank
            if best is None or score > best.score:
                best = Quote(hit, _clip(sentence), score)
        if best is not None:
            found.append(best)
    return sorted(found, key=lambda q: -q.score)


def _clip(sentence: str, value: str = "") -> str:
    """A long sentence cut to quoting length, around ``value`` when it stands further in (a long command's
    "--learning_rate 4e-4")."""
    if len(sentence) <= MAX_QUOTE_CHARS:
        return sentence
    at = sentence.find(value) if value else -1
    if at + len(value) < MAX_QUOTE_CHARS - 1:
        return sentence[: MAX_QUOTE_CHARS - 1].rstrip() + "…"
    start = max(0, min(at - MAX_QUOTE_CHARS // 2, len(sentence) - MAX_QUOTE_CHARS + 2))
    end = start + MAX_QUOTE_CHARS - 2
    return "…" + sentence[start:end].strip() + ("…" if end < len(sentence) else "")


@lru_cache(maxsize=1)
def _glossary() -> tuple:
    try:
        from knowledge.glossary import GLOSSARY
    except ImportError:
        return ()
    return GLOSSARY


def term_pairs(quote: str, quote_lang: str, limit: int = 4) -> list[tuple[str, str]]:
    """Glossary terms found in a quote, each with its translation: helps read a passage in the other language."""
    low = normalize(quote).lower()
    pairs: list[tuple[str, str]] = []
    for zh_terms, en_terms in _glossary():
        if quote_lang == "zh":
            term = next((z for z in sorted(zh_terms, key=len, reverse=True) if z in low), None)
            pair = (term, en_terms[0]) if term else None
        else:
            term = next((e for e in en_terms if re.search(rf"(?<![\w-]){re.escape(e)}(?![\w-])", low)), None)
            pair = (term, zh_terms[0]) if term else None
        if pair and not any(pair[0] in p[0] or p[0] in pair[0] for p in pairs):
            if all(d in low for d in _DIGIT.findall(pair[0] + pair[1])):
                pairs.append(pair)
        if len(pairs) >= limit:
            break
    return pairs


# built-in facts for prompt-only mode: (question pattern, message key, corpus note)
BUILTIN_FACTS: tuple[tuple[re.Pattern, str, str], ...] = (
    (re.compile(r"phi-?2", re.I), "bf_phi2", "finetuning-evidence.md"),
    (re.compile(r"qlora|quantiz|量化|几位|bits?\b", re.I), "bf_qlora_bits", "finetuning-methods.md"),
    (re.compile(r"lora.*(?:memory|vram|save|显存|内存|节省)|(?:memory|vram|显存|内存|节省).*lora", re.I),
     "bf_lora_memory", "finetuning-methods.md"),
    (re.compile(r"(?:from scratch|从零|从头).*(?:examples?|data|示例|样本|数据)", re.I), "bf_scratch_data",
     "costs-and-data-requirements.md"),
    (re.compile(r"(?:how many|minimum|at least|多少|几|最少|至少).*(?:examples?|samples?|data|示例|样本|数据)|"
                r"(?:examples?|samples?|示例|样本|数据).*(?:how many|多少|几|最少|至少)", re.I),
     "bf_min_examples", "costs-and-data-requirements.md"),
    (re.compile(r"\bcost|\bprice|费用|成本|多少钱|价格", re.I), "bf_costs", "costs-and-data-requirements.md"),
    (re.compile(r"how long|how fast|多久|多长时间|时间", re.I), "bf_time", "approaches-overview.md"),
)


def builtin_fact(question: str) -> tuple[str, str] | None:
    """(message key, note) of the built-in fact that answers ``question``, if one does."""
    low = normalize(question).lower()
    for pattern, key, fact in BUILTIN_FACTS:
        if pattern.search(low):
            return key, fact
    return None
