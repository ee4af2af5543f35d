"""Bilingual instruction pairs distilled from the advisor: situation questions -> answers in one advice format.

Questions come from two generators, the templates in ``adapters.situations`` and the casual voices of
``adapters.phrasings``; each answer is what the advisor decides for that question, written in the fixed
format parsed back by ``parse_advice``, so a model trained on it can be scored on format and on agreement
with the advisor. With a ``retrieve`` callable some records also carry retrieved passages (RAG prompts).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import (
    dataclass,
)
from pathlib import Path

from adapters.phrasings import render_casual
from adapters.situations import render_question
from bot.backends.stated import normalize_label as _label
from bot.errors import BotError
from bot.messages import FIELDS
from bot.types import LABELS, Lang, Recommendation
from knowledge.types import Hit

Advisor = Callable[[str, Lang], Recommendation | None]  # None: the question states no situation to decide
Retrieve = Callable[[str], Sequence[Hit]]
GENERATORS = (render_question, render_casual)

_SEP = {"en": ": ", "zh": "："}
_JOIN = {"en": "; ", "zh": "；"}
MAX_ITEMS = 2  # reasons / next steps kept per answer: the format stays short enough for small models

COSTS: dict[str, dict[Lang, str]] = {
    "prompt": {"en": "lowest: no training, you pay only for inference calls",
               "zh": "最低:不用训练,只付推理调用的费用"},
    "rag": {"en": "low to medium: build an index and run one retrieval per question; no training",
            "zh": "低到中:建一次索引,每个问题多一次检索,不用训练"},
    "lora": {"en": "medium: a few GPU hours, and the adapter file is tiny",
             "zh": "中等:单卡训练几个小时,适配器文件很小"},
    "qlora": {"en": "low to medium: the base is held in 4-bit, so a single consumer GPU is enough",
              "zh": "较低:底座以4比特存放,一张消费级显卡就够"},
    "full_finetune": {"en": "high: several large GPUs and a full copy of the weights for every version",
                      "zh": "高:要多张大显存GPU,每个版本都存一份完整权重"},
    "from_scratch": {"en": "very high: a GPU cluster for weeks plus a very large corpus",
                     "zh": "极高:GPU集群跑上数周,还要极大的语料"},
    "hybrid": {"en": "medium: a retrieval index plus a small adapter to maintain",
               "zh": "中等:要同时维护检索索引和一个小适配器"},
}


@dataclass(frozen=True)
class Advice:
    """The fields of a reply written in the advice format."""

    label: str
    why: str
    next_steps: str
    cost: str
    sources: str


def _item(text: str) -> str:
    """One reason or step on one line, without its closing punctuation (the joiner separates items)."""
    return " ".join(text.split()).rstrip("。.;；")


def format_advice(rec: Recommendation, lang: Lang) -> str:
    """The advisor's recommendation in the one fixed advice format of ``lang``."""
    join = _JOIN[lang]
    reasons = [_item(r.text) for r in rec.reasons[:MAX_ITEMS] if _item(r.text)]
    steps = [_item(s) for s in rec.next_steps[:MAX_ITEMS] if _item(s)]
    facts = list(dict.fromkeys(r.fact for r in rec.reasons if r.fact))
    values = (rec.label, join.join(reasons) or "-", join.join(steps) or "-", COSTS[rec.label][lang],
              ", ".join(facts) or "-")
    return "\n".join(f"{name}{_SEP[lang]}{value}" for name, value in zip(FIELDS[lang], values, strict=True))


def parse_advice(text: str) -> Advice | None:
    """The five fields of an advice-format reply (either language, ``:`` or ``：``), or None if any is missing
    or the label is not one of ``LABELS``. The first occurrence of each field counts."""
    found: dict[int, str] = {}
    for line in text.splitlines():
        line = line.strip().lstrip("*-# ").replace("**", "")
        for names in FIELDS.values():
            for i, name in enumerate(names):
                if i not in found and re.match(rf"{re.escape(name)}\s*[:：]", line, re.IGNORECASE):
                    found[i] = re.split(r"[:：]", line, maxsplit=1)[1].strip()
    if len(found) < 5:
        return None
    label = _label(found[0])
    if label not in LABELS:
        return None
    return Advice(label, found[1], found[2], found[3], found[4])


def default_advisor(settings=None) -> Advisor:
    """The product's own advisor, through its public path: ``Pipeline.ask`` with retrieval off."""
    from bot.pipeline import Pipeline
    from bot.settings import load_settings
    from bot.types import Mode

    pipeline = Pipeline((settings or load_settings()).replace(backend="template"))

    def advise(question: str, lang: Lang) -> Recommendation | None:
        answer = pipeline.ask(question, mode=Mode(rag=False))
        return answer.recommendation if answer.language == lang else None  # reasons in the record's language

    return advise


def passage_json(hits: Sequence[Hit], max_chars: int) -> list[dict]:
    """Retrieved passages as plain JSON (source, title, text cut to ``max_chars``)."""
    return [{"source": h.chunk.source, "title": h.chunk.title, "text": h.chunk.text[:max_chars]} for h in hits]


def make_record(index: int, question: str, lang: Lang, advisor: Advisor) -> dict | None:
    rec = advisor(question, lang)
    if rec is None:
        return None
    return {"id": f"{lang}-{index:05d}", "lang": lang, "question": question, "label": rec.label,
            "answer": format_advice(rec, lang), "sources": sorted({r.fact for r in rec.reasons if r.fact}),
            "reading": reading_of(question)}


def reading_of(question: str) -> str:
    """The facts the advisor reads from ``question`` on its own, as the one-line text adapters are shown."""
    from bot.backends.prompting import reading_text
    from bot.understand import understand
    from knowledge.lang import normalize

    return reading_text(understand(normalize(question)).situation.known())


def read_questions(path: str | Path) -> list[tuple[str, Lang]]:
    """(question, language) rows of a JSONL file: ``q``, ``question`` or ``text``, and ``lang`` (zh/en).
    Rows labelled with another ``intent`` than ``situation`` are left out (an intent-training file fits as is)."""
    rows = read_jsonl(path)
    out: list[tuple[str, Lang]] = []
    for n, row in enumerate(rows, 1):
        text = next((row[k] for k in ("q", "question", "text") if isinstance(row.get(k), str)), None)
        if text is None or row.get("lang") not in ("zh", "en"):
            raise BotError(f"{str(path)!r} line {n}: expected a question (q, question or text) and lang zh or en")
        if row.get("intent", "situation") == "situation" and text.strip():
            out.append((text.strip(), row["lang"]))
    return out


def build_dataset(n: int = 2000, seed: int = 0, val_fraction: float = 0.1, advisor: Advisor | None = None,
                  retrieve: Retrieve | None = None, rag_fraction: float = 0.0, passages: int = 2,
                  passage_chars: int = 200, questions: Sequence[tuple[str, Lang]] = ()) -> tuple[list[dict], list[dict]]:
    """``n`` distinct question/answer records, shuffled, split into (train, validation): first the given
    ``questions`` the advisor can decide (people's own phrasing), then both generators (half zh, half en) fill
    up to ``n``. With ``retrieve``, a ``rag_fraction`` share carries its top ``passages`` passages."""
    if n < 2:
        raise BotError(f"a dataset needs at least 2 examples, got n={n}")
    if not 0 < val_fraction < 1:
        raise BotError(f"val_fraction must be in (0, 1), got {val_fraction}")
    if not 0 <= rag_fraction <= 1:
        raise BotError(f"rag_fraction must be in [0, 1], got {rag_fraction}")
    advisor = advisor or default_advisor()
    rng = random.Random(seed)
    seen: set[str] = set()
    records: list[dict] = []
    attempts = 0

    def add(question: str, lang: Lang) -> None:
        seen.add(question)
        record = make_record(len(records), question, lang, advisor)
        if record is None:
            return
        if retrieve is not None and rng.random() < rag_fraction:
            record["passages"] = passage_json(list(retrieve(question))[:passages], passage_chars)
        records.append(record)

    for question, lang in questions:
        if len(records) >= n:
            break
        if question not in seen:
            add(question, lang)
    while len(records) < n:
        attempts += 1
        if attempts > n * 50:
            raise BotError(f"the generators yield only {len(records)} distinct questions; ask for fewer than {n}")
        lang: Lang = "zh" if len(records) % 2 == 0 else "en"
        question = GENERATORS[attempts % len(GENERATORS)](rng, lang)
        if question not in seen:
            add(question, lang)
    rng.shuffle(records)
    n_val = min(n - 1, max(1, round(n * val_fraction)))
    return records[n_val:], records[:n_val]


def write_jsonl(records: Iterable[dict], path: str | Path) -> Path:
    """One JSON object a line, UTF-8, keys sorted (stable bytes for hashing)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    return path


def read_jsonl(path: str | Path) -> list[dict]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    except (OSError, ValueError) as exc:
        raise BotError(f"cannot read the dataset {str(path)!r}: {exc}") from exc


def data_hash(*splits: Sequence[dict]) -> str:
    """sha256 (first 16 hex digits) over the records of every split, in order."""
    digest = hashlib.sha256()
    for i, split in enumerate(splits):
        digest.update(f"#split{i}\n".encode())
        for record in split:
            digest.update((json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
    return digest.hexdigest()[:16]


def texts(records: Iterable[dict]) -> list[str]:
    """Every question and answer as plain text (for tokenizer training and pretraining)."""
    out: list[str] = []
    for record in records:
        out += [record["question"], record["answer"]]
    return out
