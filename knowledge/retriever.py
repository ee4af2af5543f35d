"""Hybrid retrieval: dense (FAISS inner product on normalized vectors) + BM25 over jieba/word tokens, fused."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from knowledge.embedding import Embedder
from knowledge.fusion import rrf, weighted
from knowledge.glossary import expand_query, translations
from knowledge.lang import content_words, normalize, tokenize
from knowledge.store import StoredIndex
from knowledge.types import Hit


class BM25:
    """BM25 (Okapi) from ``rank_bm25`` over pre-tokenized passages."""

    def __init__(self, tokens: tuple[tuple[str, ...], ...]):
        from rank_bm25 import BM25Okapi

        self._bm25 = BM25Okapi([list(t) or ["\u2205"] for t in tokens])
        self.idf: dict[str, float] = self._bm25.idf
        self.max_idf = max(self.idf.values(), default=1.0)

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
        content = set(content_words(query))
        weights = {t: max(self.bm25.idf.get(t, self.bm25.max_idf), 0.05) for t in content}
        mass = sum(weights.values())
        # a query word also counts as found when its glossary translation is in the passage
        alternatives = {t: {t, *self.tokenizer(" ".join(translations(t)))} for t in content}
        hits = []
        for doc, score in fused:
            found = self._token_sets[doc]
            overlap = sum(weights[t] for t in content if alternatives[t] & found) / mass if mass else 0.0
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
        """Relevant when meaning (cosine) or words (IDF-weighted overlap) match strongly, or both fairly."""
        dense, s = hit.dense_score or 0.0, self.settings
        return dense >= s.min_dense or hit.overlap >= s.min_overlap or dense + hit.overlap >= s.min_combined
