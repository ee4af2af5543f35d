"""Language detection, normalization and tokenization: the one place that knows about zh vs en."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Literal

from knowledge.paths import DEFAULT_CACHE

Lang = Literal["zh", "en"]

# Zero-width characters, bidi controls and Unicode "tag" characters: invisible, used to smuggle text.
_INVISIBLE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\u00ad\U000e0000-\U000e007f]"
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_KANA = re.compile("[\u3040-\u30ff]")
_EN_TOKEN = re.compile(r"[a-z0-9\u03b1-\u03c9]+(?:[._\-][a-z0-9\u03b1-\u03c9]+)*")  # Greek letters too: "γ/β", "β=2.5"

EN_STOPWORDS = frozenset(
    "a an the and or of to in on for with by at from is are was were be been being it its this that these "
    "those as do does did how what which who whom why when where can could should would will shall may might "
    "i we you he she they me us my our your their there here than then so if not no yes about into over "
    "under up down out more most much many any some such only own same very just also".split()
)
ZH_STOPWORDS = frozenset("的 了 是 在 和 与 或 吗 呢 吧 啊 么 什么 怎么 怎么样 多少 如何 为什么 我 你 他 她 它 我们 你们 这 那 一个 有 就 都 也 要 会 能 可以 对 把 被 让".split())


def strip_invisible(text: str) -> str:
    """Drop zero-width, bidi-control, tag and C0 control characters (keeps \\t \\n \\r)."""
    return _CONTROL.sub("", _INVISIBLE.sub("", text))


def normalize(text: str) -> str:
    """NFKC (full-width ＡＢＣ１２３ -> ABC123, ideographic forms unified) and invisible characters removed."""
    return strip_invisible(unicodedata.normalize("NFKC", text))


def han_count(text: str) -> int:
    return len(_HAN.findall(text))


_EN_FUNCTION = re.compile(r"\b(?:the|is|are|was|what|how|which|does|do|did|of|for|in|on|to|a|an|with|and|can|should|"
                          r"i|we|my|our|you|it|this|that|there|where|when|why|who)\b")
_ZH_GRAMMAR = re.compile(r"[的了吗呢么吧嘛]|多少|什么|怎么|哪个|哪些|几个|是否|要不要|能不能|可以|需要|有没有")


def detect_language(text: str, default: Lang = "en") -> Lang:
    """zh or en by dominant script: each Han character weighs like one English word."""
    text = normalize(text)
    han = han_count(text)
    words = len(_LATIN_WORD.findall(text))
    if han == 0 and words == 0:
        return default
    if len(_KANA.findall(text)) * 4 >= han and _KANA.search(text):
        return "en"  # Japanese: English is the more widely read of the two supported languages
    if han >= words * 0.8:
        return "zh"
    # mostly English terms but written with Chinese grammar ("lmdeploy kv int4 的 RPS", "qlora 显存要多少"), or English
    # names with a Chinese word and no English sentence around them ("chatglm2-6b-32k longbench few-shot 得分"): Chinese
    if _ZH_GRAMMAR.search(text):
        return "zh"
    return "zh" if han >= 2 and not _EN_FUNCTION.search(text.lower()) else "en"


def is_mixed(text: str) -> bool:
    """Whether ``text`` holds a Chinese phrase and an English sentence ("actually we'll use the API, 不用本地 GPU 了")."""
    text = normalize(text)
    return han_count(text) >= 2 and len(_LATIN_WORD.findall(text)) >= 4 and bool(_EN_FUNCTION.search(text.lower()))


def is_foreign(text: str) -> bool:
    """True when the text is mostly letters of neither supported language (e.g. French accents, kana)."""
    text = normalize(text)
    kana = len(_KANA.findall(text))
    accented = len(re.findall(r"[À-ÖØ-öø-ÿ]", text))  # letters with accents, not × or ÷
    return kana > han_count(text) / 2 and kana > 0 or accented >= 2


_cache_dir: Path = DEFAULT_CACHE


def use_cache_dir(path: Path) -> None:
    """Keep jieba's prepared dictionary in ``path``. jieba is one per process: call before the first cut."""
    global _cache_dir
    _cache_dir = Path(path)


@lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc  # small table lookups, imported on first use
    except ImportError:
        return None
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=8192)
def simplified(text: str) -> str:
    """Traditional characters as simplified (開啟 -> 开启), so both forms are the same words to search and read."""
    converter = _t2s() if _HAN.search(text) else None
    return converter.convert(text) if converter is not None else text


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    from knowledge.jieba_dict import install

    jieba.setLogLevel(logging.WARNING)
    install(jieba.dt, jieba.__version__, _cache_dir)
    return jieba


def word_frequency(word: str) -> int:
    """How common a Chinese word is in jieba's dictionary (0 when it is not there)."""
    return _jieba().dt.FREQ.get(word) or 0


def content_words(text: str) -> list[str]:
    """Words that carry meaning (jieba words and English words, stopwords dropped; no bigrams)."""
    text = normalize(text).lower()
    words: list[str] = []
    for run in re.split(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)", text):
        if _HAN.match(run or " "):
            words.extend(w for w in _jieba().lcut(simplified(run)) if w.strip() and w not in ZH_STOPWORDS)
        elif run:
            words.extend(t for t in _EN_TOKEN.findall(run) if t not in EN_STOPWORDS)
    return words


_CAMEL = re.compile(r"(?<![A-Za-z])[A-Z]?[a-z0-9]+(?:[A-Z][a-z0-9]+)+(?:[A-Z]{2,})?(?![a-z])")  # "AdamOffloadOptimizer"
_CAMEL_PART = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]{2,}")


def tokenize(text: str) -> list[str]:
    """Search tokens: jieba words for Han runs (plus character bigrams for recall), lowercase words for Latin.

    The same function indexes documents and queries, so both sides always agree.
    """
    text = normalize(text).lower()
    tokens: list[str] = []
    for run in re.split(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)", text):
        if not run:
            continue
        if _HAN.match(run):
            run = simplified(run)
            words = [w for w in _jieba().lcut(run) if w.strip()]
            tokens.extend(w for w in words if w not in ZH_STOPWORDS)
            # bigrams catch compounds jieba splits differently in query and document
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1) if len(run) > 2)
        else:
            for t in _EN_TOKEN.findall(run):
                if t in EN_STOPWORDS:
                    continue
                tokens.append(t)
                # "qwen3-8b" also matches a query that writes "qwen3 8b"; "max_new_tokens" matches "max new tokens"
                parts = [p for p in re.split(r"[-_]", t) if p and p not in EN_STOPWORDS] if ("-" in t or "_" in t) else []
                tokens.extend(parts)
                # "4bits" (also in "yi-6b-chat-4bits") matches "4bit"
                tokens.extend(p[:-1] for p in (t, *parts) if re.fullmatch(r"\d+bits", p))
                # "qlora.yaml" -> qlora, yaml ("inference_hf.py" -> also hf, py); "4.51.3" stays whole
                for w in ((t,) if "_" not in t else parts) if "-" not in t else ():
                    if "." in w and not w.replace(".", "").isdigit():
                        tokens.extend(p for p in w.split(".") if len(p) > 1 and p not in EN_STOPWORDS and not p.isdigit())
    return tokens


def search_tokens(text: str) -> list[str]:
    """``tokenize`` plus the words inside camel-cased names, for the sparse index and its queries:
    "AdamOffloadOptimizer" is also found by "offload optimizer", "AutoModelForCausalLM" by "causal"."""
    camel = [p.lower() for w in _CAMEL.findall(normalize(text)) for p in _CAMEL_PART.findall(w)]
    return tokenize(text) + [p for p in camel if len(p) > 2 and p not in EN_STOPWORDS]
