"""Rank fusion on plain arrays: reciprocal-rank fusion and weighted min-max score fusion."""

from __future__ import annotations

from collections.abc import Sequence


def rrf(rankings: Sequence[Sequence[int]], weights: Sequence[float] | None = None, k: int = 60) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion: score(d) = sum_i w_i / (k + rank_i(d)), rank starting at 1. Best first."""
    weights = weights or [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError(f"got {len(weights)} weights for {len(rankings)} rankings")
    scores: dict[int, float] = {}
    for ranking, w in zip(rankings, weights, strict=True):
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + w / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def weighted(
    scored: Sequence[Sequence[tuple[int, float]]], weights: Sequence[float] | None = None
) -> list[tuple[int, float]]:
    """Min-max normalize each retriever's scores to [0, 1], then sum with weights. Best first."""
    weights = weights or [1.0] * len(scored)
    if len(weights) != len(scored):
        raise ValueError(f"got {len(weights)} weights for {len(scored)} score lists")
    total: dict[int, float] = {}
    for pairs, w in zip(scored, weights, strict=True):
        if not pairs:
            continue
        values = [s for _, s in pairs]
        lo, hi = min(values), max(values)
        span = hi - lo
        for doc, s in pairs:
            norm = (s - lo) / span if span > 0 else 1.0
            total[doc] = total.get(doc, 0.0) + w * norm
    return sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))
