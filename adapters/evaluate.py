"""Score a base model and base + adapter on the validation split: advice format, agreement, latency.

Every reply is parsed back with ``parse_advice``: *format adherence* is the share of replies with all five
fields and a known label; *agreement* is the share whose label equals the advisor's. With a ``retrieve``
callable the same runs repeat with retrieved passages quoted in the prompt (RAG on).
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

from adapters.dataset import parse_advice
from bot.backends.base import GenerationRequest
from knowledge.types import Hit

log = logging.getLogger(__name__)

Retrieve = Callable[[str], Sequence[Hit]]


@dataclass(frozen=True)
class ModeScore:
    mode: str  # "base", "adapter", "base+rag", "adapter+rag"
    n: int
    format_adherence: float  # share of replies in the advice format
    agreement: float  # share of replies whose label equals the advisor's
    ms_per_answer: float  # mean generation time per reply (batched runs: batch time / batch size)
    examples: tuple[str, ...] = ()  # the first few replies, for a look by eye
    by_lang: dict = field(default_factory=dict, compare=False)  # {"zh": {"n", "format_adherence", "agreement"}}


def _requests(records: Sequence[dict], adapter: str | None, passages: Sequence[Sequence[Hit]] | None):
    return [GenerationRequest(question=r["question"], lang=r["lang"], draft="", recommendation=None,
                              passages=tuple(passages[i]) if passages else (), adapter=adapter)
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


def score(mode: str, records: Sequence[dict], replies: Sequence[str], seconds: Sequence[float],
          keep: int = 3) -> ModeScore:
    """Format adherence and agreement of ``replies`` against the records' advisor labels."""
    parsed = [parse_advice(reply) for reply in replies]
    formatted = [p is not None for p in parsed]
    agreed = [p is not None and p.label == r["label"] for p, r in zip(parsed, records, strict=True)]

    def rates(rows: list[int]) -> dict:
        n = max(len(rows), 1)
        return {"n": len(rows), "format_adherence": round(sum(formatted[i] for i in rows) / n, 4),
                "agreement": round(sum(agreed[i] for i in rows) / n, 4)}

    overall = rates(list(range(len(records))))
    langs = sorted({r.get("lang", "") for r in records} - {""})
    by_lang = {lang: rates([i for i, r in enumerate(records) if r.get("lang") == lang]) for lang in langs}
    return ModeScore(mode=mode, n=overall["n"], format_adherence=overall["format_adherence"],
                     agreement=overall["agreement"],
                     ms_per_answer=round(1000 * statistics.fmean(seconds), 1) if seconds else 0.0,
                     examples=tuple(replies[:keep]), by_lang=by_lang)


def evaluate(backend: Any, records: Sequence[dict], adapter: str | None, retrieve: Retrieve | None = None,
             limit: int | None = None, batch_size: int = 8, progress: bool = False) -> list[ModeScore]:
    """Scores for base and base + ``adapter`` (if given), each without and (with ``retrieve``) with RAG."""
    from tqdm.auto import tqdm

    records = list(records[:limit] if limit else records)
    passages = [list(retrieve(r["question"])) for r in records] if retrieve else None
    modes: list[tuple[str, str | None, bool]] = [("base", None, False)]
    if adapter:
        modes.append(("adapter", adapter, False))
    if retrieve:
        modes += [(name + "+rag", ad, True) for name, ad, _ in list(modes)]
    results = []
    with tqdm(total=len(records) * len(modes), desc="evaluate", unit="reply", disable=not progress) as bar:
        for name, ad, rag in modes:
            requests = _requests(records, ad, passages if rag else None)
            replies, seconds = _generate(backend, requests, batch_size, bar.update)
            results.append(score(name, records, replies, seconds))
            log.info("%s: format %.2f, agreement %.2f", name, results[-1].format_adherence, results[-1].agreement)
    return results


def format_table(results: Sequence[ModeScore]) -> str:
    """A plain-text table: one row per mode."""
    head = f"{'mode':<12} {'n':>5} {'format':>8} {'agreement':>10} {'ms/answer':>10}"
    rows = [f"{r.mode:<12} {r.n:>5} {r.format_adherence:>8.1%} {r.agreement:>10.1%} {r.ms_per_answer:>10.1f}"
            for r in results]
    return "\n".join([head, "-" * len(head), *rows])


def to_json(results: Sequence[ModeScore], **extra: Any) -> dict:
    return {**extra, "results": [asdict(r) | {"examples": list(r.examples)} for r in results]}


def save_json(results: Sequence[ModeScore], path: str | Path, **extra: Any) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(to_json(results, **extra), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
