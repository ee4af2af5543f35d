"""Hybrid retrieval: dense (FAISS inner product on normalized vectors) + BM25 over jieba/word tokens, fused."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from knowledge.embedding import Embedder
from knowledge.fusion import rrf, weighted
from knowledge.glossary import expand_query
from knowledge.lang import normalize, tokenize
from knowledge.store import StoredIndex
from knowledge.types import Hit


class BM25:
    """BM25 (Okapi) from ``rank_bm25`` over pre-tokenized passages."""

    def __init__(self, tokens: tuple[tuple[str, ...], ...]):
        from rank_bm25 import BM25Okapi

        self._bm25 = BM25Okapi([list(t) or ["\u2205"] for t in tokens])

    def top(self, query_tokens: list[str], n: int) -> list[tuple[int, float]]:
        if not query_tokens:
            return []
        scores = self._bm25.get_scores(query_tokens)
        order = np.argsort(-scores)[:n]
        return [(int(i), float(scores[i])) for i in order if scores[i] > 0]


class HybridRetriever:
    """Search one loaded index. The embedder and tokenizer are injected, so tests pass tiny fakes."""

    def __init__(self, index: StoredIndex, embedder: Embedder, settings,
                 tokenizer: Callable[[str], list[str]] = tokenize):
        self.index = index
        self.embedder = embedder
        self.settings = settings
        self.tokenizer = tokenizer
        self.bm25 = BM25(index.tokens)
        self._token_sets = [frozenset(t) for t in index.tokens]

    def __len__(self) -> int:
        return len(self.index.chunks)

    def search(self, query: str, k: int | None = None, relevant_only: bool = False) -> list[Hit]:
        k = k or self.settings.top_k
        query = normalize(query).strip()
        if not query or not self.index.chunks:
            return []
        expanded = expand_query(query)
        n = min(self.settings.candidates, len(self.index.chunks))
        vec = self.embedder.encode([expanded])
        sims, ids = self.index.faiss_index.search(np.ascontiguousarray(vec, dtype="float32"), n)
        dense = [(int(i), float(s)) for i, s in zip(ids[0], sims[0], strict=True) if i >= 0]
        q_tokens = self.tokenizer(expanded)
        sparse = self.bm25.top(q_tokens, n)
        w = (self.settings.dense_weight, self.settings.sparse_weight)
        if self.settings.fusion == "weighted":
            fused = weighted([dense, sparse], w)
        else:
            fused = rrf([[i for i, _ in dense], [i for i, _ in sparse]], w, k=self.settings.rrf_k)
        dense_rank = {i: r for r, (i, _) in enumerate(dense, 1)}
        dense_sim = dict(dense)
        sparse_rank = {i: r for r, (i, _) in enumerate(sparse, 1)}
        content = set(self.tokenizer(query))
        hits = []
        for doc, score in fused:
            overlap = len(content & self._token_sets[doc]) / len(content) if content else 0.0
            sim = dense_sim.get(doc)
            if sim is None:
                sim = float(vec[0] @ self.index.faiss_index.reconstruct(doc))
            hit = Hit(chunk=self.index.chunks[doc], score=float(score), dense_rank=dense_rank.get(doc),
                      sparse_rank=sparse_rank.get(doc), dense_score=sim, overlap=overlap)
            if relevant_only and not self.is_relevant(hit):
                continue
            hits.append(hit)
            if len(hits) >= k:
                break
        return hits

    def is_relevant(self, hit: Hit) -> bool:
        return (hit.dense_score or 0.0) >= self.settings.min_dense or hit.overlap >= self.settings.min_overlap
