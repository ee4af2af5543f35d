"""Score the four Compare columns on held-out questions: base, base + RAG, LoRA, LoRA + RAG.

Every reply is parsed back with ``parse_advice``: *format adherence* is the share of replies with all five
fields and a known label; *agreement* is the share (over questions the advisor decides) whose stated label
equals the advisor's; *figures grounded* is the share of the numbers replies state that appear in a source
(the question, the passages shown, or the advisor's own answer). Base columns see the question (and
passages) only, never the advisor's decision.
"""

from __future__ import annotations

import json
import logging
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from adapters.dataset import Advisor, format_advice, parse_advice, reading_of
from bot.backends.base import GenerationRequest
from bot.backends.grounding import stated_numbers, unsupported_numbers
from knowledge.types import Hit

log = logging.getLogger(__name__)

Retrieve = Callable[[str], Sequence[Hit]]
TITLES = {"base": "base (prompt only)", "base+rag": "base + RAG", "adapter": "LoRA", "adapter+rag": "LoRA + RAG"}


@dataclass(frozen=True)
class ModeScore:
    mode: str  # "base", "adapter", "base+rag", "adapter+rag"
    n: int
    format_adherence: float  # share of replies in the advice format
    agreement: float  # share of decided questions whose stated label equals the advisor's
    ms_per_answer: float  # mean generation time per reply (batched runs: batch time / batch size)
    n_labelled: int = 0  # questions the advisor decided (the agreement's denominator)
    figures_stated: int = 0  # distinct numbers per reply, summed
    figures_grounded: float = 1.0  # share of them found in a source (1.0 when none is stated)
    examples: tuple[str, ...] = ()  # the first few replies, for a look by eye
    by_lang: dict = field(default_factory=dict, compare=False)  # {"zh": {"n", "format_adherence", "agreement"}}


def label_questions(rows: Sequence[dict], advisor: Advisor) -> list[dict]:
    """Held-out rows ``{"id", "lang", "q"}`` -> records with the advisor's label and answer (None: undecided)."""
    records = []
    for row in rows:
        rec = advisor(row["q"], row["lang"])
        records.append({"id": row.get("id"), "lang": row["lang"], "question": row["q"],
                        "label": rec.label if rec else None,
                        "answer": format_advice(rec, row["lang"]) if rec else "",
                        "reading": reading_of(row["q"])})
    return records


def _requests(records: Sequence[dict], adapter: str | None, passages: Sequence[Sequence[Hit]] | None):
    return [GenerationRequest(question=r["question"], lang=r["lang"], draft="", recommendation=None,
                              passages=tuple(passages[i]) if passages else (), adapter=adapter,
                              reading=r.get("reading") or reading_of(r["question"]))
            for i, r in enumerate(records)]


def _generate(backend: Any, requests: list[GenerationRequest], batch_size: int,
              progress: Callable[[int], None] | None) -> tuple[list[str], list[float]]:
    """Replies and per-reply seconds; uses ``generate_many`` when the backend has it."""
    replies: list[str] = []
    seconds: list[float] = []
    many = getattr(backend, "generate_many", None)
    step = batch_size if many else 1
    for start in range(0, len(requests), step):
        chunk = requests[start : start + step]
        t0 = time.perf_counter()
        out = many(chunk, batch_size=batch_size) if many else [backend.generate(chunk[0])]
        elapsed = time.perf_counter() - t0
        replies += out
        seconds += [elapsed / len(chunk)] * len(chunk)
        if progress:
            progress(len(chunk))
    return replies, seconds


def figures(replies: Sequence[str], records: Sequence[dict], passages: Sequence[Sequence[Hit]] | None
            ) -> tuple[int, int]:
    """(numbers stated, numbers found in a source) over all replies."""
    stated = grounded = 0
    for i, (reply, record) in enumerate(zip(replies, records, strict=True)):
        sources = [h.chunk.text for h in (passages[i] if passages else ())] + [record.get("answer", "")]
        numbers = stated_numbers(reply)
        stated += len(numbers)
        grounded += len(numbers) - len(unsupported_numbers(reply, sources, record.get("question", "")))
    return stated, grounded


def score(mode: str, records: Sequence[dict], replies: Sequence[str], seconds: Sequence[float],
          keep: int = 3, passages: Sequence[Sequence[Hit]] | None = None) -> ModeScore:
    """Format adherence, agreement and grounded figures of ``replies`` against the records."""
    parsed = [parse_advice(reply) for reply in replies]
    formatted = [p is not None for p in parsed]
    agreed = [p is not None and p.label == r["label"] for p, r in zip(parsed, records, strict=True)]
    decided = [r.get("label") is not None for r in records]

    def rates(rows: list[int]) -> dict:
        labelled = [i for i in rows if decided[i]]
        return {"n": len(rows), "format_adherence": round(sum(formatted[i] for i in rows) / max(len(rows), 1), 4),
                "agreement": round(sum(agreed[i] for i in labelled) / max(len(labelled), 1), 4),
                "n_labelled": len(labelled)}

    overall = rates(list(range(len(records))))
    langs = sorted({r.get("lang", "") for r in records} - {""})
    by_lang = {lang: rates([i for i, r in enumerate(records) if r.get("lang") == lang]) for lang in langs}
    stated, grounded = figures(replies, records, passages)
    return ModeScore(mode=mode, n=overall["n"], format_adherence=overall["format_adherence"],
                     agreement=overall["agreement"], n_labelled=overall["n_labelled"],
                     ms_per_answer=round(1000 * statistics.fmean(seconds), 1) if seconds else 0.0,
                     figures_stated=stated, figures_grounded=round(grounded / stated, 4) if stated else 1.0,
                     examples=tuple(replies[:keep]), by_lang=by_lang)


def _modes(adapter: str | None, rag: bool) -> list[tuple[str, str | None, bool]]:
    """(name, adapter, rag on) of every column to score."""
    modes: list[tuple[str, str | None, bool]] = [("base", None, False)]
    if adapter:
        modes.append(("adapter", adapter, False))
    if rag:
        modes += [(name + "+rag", ad, True) for name, ad, _ in list(modes)]
    return modes


def evaluate(backend: Any, records: Sequence[dict], adapter: str | None, retrieve: Retrieve | None = None,
             limit: int | None = None, batch_size: int = 8, progress: bool = False,
             columns: Sequence[str] | None = None) -> list[ModeScore]:
    """Scores for base and base + ``adapter`` (if given), each without and (with ``retrieve``) with RAG; ``columns``
    keeps only the named ones ("adapter", "adapter+rag", ...)."""
    from tqdm.auto import tqdm

    records = list(records[:limit] if limit else records)
    passages = [list(retrieve(r["question"])) for r in records] if retrieve else None
    modes = [m for m in _modes(adapter, retrieve is not None) if not columns or m[0] in columns]
    results = []
    with tqdm(total=len(records) * len(modes), desc="evaluate", unit="reply", disable=not progress) as bar:
        for name, ad, rag in modes:
            requests = _requests(records, ad, passages if rag else None)
            replies, seconds = _generate(backend, requests, batch_size, bar.update)
            results.append(score(name, records, replies, seconds, passages=passages if rag else None))
            log.info("%s: format %.2f, agreement %.2f, figures grounded %.2f, %.1f s/answer", name,
                     results[-1].format_adherence, results[-1].agreement, results[-1].figures_grounded,
                     results[-1].ms_per_answer / 1000)
    return results


def latency(backend: Any, records: Sequence[dict], adapter: str | None, retrieve: Retrieve | None,
            n: int) -> dict[str, float]:
    """Seconds per answer one question at a time (as in the app), over the first ``n`` records, by mode."""
    sample = list(records[:n])
    passages = [list(retrieve(r["question"])) for r in sample] if retrieve else None
    out = {}
    for name, ad, rag in _modes(adapter, retrieve is not None):
        _, seconds = _generate(backend, _requests(sample, ad, passages if rag else None), 1, None)
        out[name] = round(statistics.fmean(seconds), 2) if seconds else 0.0
    return out


def format_table(results: Sequence[ModeScore], single: dict[str, float] | None = None) -> str:
    """A plain-text table: one row per column."""
    head = (f"{'column':<20} {'n':>4} {'format':>7} {'agree':>7} {'figures':>8} {'s/answer':>9}"
            + (f" {'s (one)':>8}" if single else ""))
    rows = [f"{TITLES.get(r.mode, r.mode):<20} {r.n:>4} {r.format_adherence:>7.1%} {r.agreement:>7.1%} "
            f"{r.figures_grounded:>8.1%} {r.ms_per_answer / 1000:>9.2f}"
            + (f" {single.get(r.mode, float('nan')):>8.2f}" if single else "") for r in results]
    return "\n".join([head, "-" * len(head), *rows])


def to_json(results: Sequence[ModeScore], **extra: Any) -> dict:
    return {**extra, "results": [asdict(r) | {"examples": list(r.examples)} for r in results]}


def save_json(results: Sequence[ModeScore], path: str | Path, **extra: Any) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(to_json(results, **extra), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
