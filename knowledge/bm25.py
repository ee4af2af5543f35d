"""BM25 (Okapi, as ``rank_bm25.BM25Okapi``) as an inverted index of precomputed term weights, in plain numpy.

Scoring a query adds, for each of its tokens, that term's posting list (document ids and the saturated
term-frequency part of BM25) times the term's IDF: the cost grows with the postings of the query's terms,
not with the corpus. The index is stored as ``.npy`` arrays plus a JSON term list, loaded memory-mapped
without re-tokenizing anything. Same formula as ``rank_bm25`` (k1=1.5, b=0.75, IDF floored at
``epsilon * mean IDF`` for terms in more than half the passages), so scores agree within float32 rounding.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import (
    dataclass,
)
from pathlib import Path

import numpy as np

EMPTY_TOKEN = "\u2205"  # stands in for a passage without tokens, as the index always did
ARRAYS = ("indptr", "docs", "weights", "idf", "doc_len")
FILES = ("bm25.json", *(f"bm25.{name}.npy" for name in ARRAYS))


@dataclass(frozen=True)
class BM25Index:
    """Postings in CSC layout: term ``t`` occurs in ``docs[indptr[t]:indptr[t+1]]`` (ascending ids)."""

    terms: tuple[str, ...]
    indptr: np.ndarray  # int64 [V + 1]
    docs: np.ndarray  # int32 [P] document ids, ascending within each term
    weights: np.ndarray  # float32 [P] tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avglen))
    idf: np.ndarray  # float64 [V] (floored as in rank_bm25)
    doc_len: np.ndarray  # int32 [N] tokens per passage
    k1: float = 1.5
    b: float = 0.75
    epsilon: float = 0.25

    def __post_init__(self) -> None:
        if len(self.indptr) != len(self.terms) + 1 or len(self.idf) != len(self.terms):
            raise ValueError(f"{len(self.terms)} terms but {len(self.indptr)} offsets and {len(self.idf)} IDFs")
        if len(self.docs) != len(self.weights) or int(self.indptr[-1]) != len(self.docs):
            raise ValueError(f"{len(self.docs)} postings, {len(self.weights)} weights, last offset {self.indptr[-1]}")
        object.__setattr__(self, "_ids", {t: i for i, t in enumerate(self.terms)})
        object.__setattr__(self, "max_idf", float(self.idf.max()) if len(self.idf) else 1.0)

    @property
    def n_docs(self) -> int:
        return len(self.doc_len)

    def term_id(self, term: str) -> int | None:
        return self._ids.get(term)  # type: ignore[attr-defined]

    def family(self, word: str, most: int = 3) -> list[str]:
        """Other English words of the index that share ``word``'s first six letters ("hungary" -> "hungarian"),
        rarest first; [] for short or non-Latin words."""
        if len(word) < 6 or not (word.isascii() and word.isalpha()):
            return []
        groups = getattr(self, "_families", None)
        if groups is None:
            groups = {}
            for i, t in enumerate(self.terms):
                if len(t) >= 6 and t.isascii() and t.isalpha():
                    groups.setdefault(t[:6], []).append(i)
            object.__setattr__(self, "_families", groups)
        ids = sorted(groups.get(word[:6], ()), key=lambda i: (-self.idf[i], self.terms[i]))
        return [self.terms[i] for i in ids if self.terms[i] != word][:most]

    def idf_of(self, term: str) -> float | None:
        """The term's IDF, or None for a term no passage contains."""
        i = self.term_id(term)
        return None if i is None else float(self.idf[i])

    def postings(self, term_id: int) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = int(self.indptr[term_id]), int(self.indptr[term_id + 1])
        return self.docs[lo:hi], self.weights[lo:hi]

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every passage (float64 [N]); a repeated query token counts each time."""
        counts: dict[int, int] = {}
        for tok in query_tokens:
            i = self.term_id(tok)
            if i is not None:
                counts[i] = counts.get(i, 0) + 1
        if not counts:
            return np.zeros(self.n_docs)
        ids = np.fromiter(counts, dtype=np.int64, count=len(counts))
        starts, ends = self.indptr[ids], self.indptr[ids + 1]
        scale = self.idf[ids] * np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        lengths = ends - starts
        # gather every posting of the query's terms at once, then sum per document
        take = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))
        contrib = self.weights[take].astype(np.float64) * np.repeat(scale, lengths)
        return np.bincount(self.docs[take], weights=contrib, minlength=self.n_docs)

    def top(self, query_tokens: Sequence[str], n: int) -> list[tuple[int, float]]:
        """The ``n`` best passages with a positive score, best first (ties: lower id first)."""
        if not query_tokens or n <= 0 or not self.n_docs:
            return []
        scores = self.scores(query_tokens)
        positive = np.flatnonzero(scores > 0)
        if len(positive) > n:
            cut = np.argpartition(-scores[positive], n - 1)[:n]
            positive = positive[cut]
        order = positive[np.lexsort((positive, -scores[positive]))]
        return [(int(i), float(scores[i])) for i in order]

    def contains(self, docs: Sequence[int], term: str) -> np.ndarray:
        """For each passage id in ``docs``: does it contain ``term``?"""
        docs = np.asarray(docs, dtype=np.int64)
        i = self.term_id(term)
        if i is None:
            return np.zeros(len(docs), dtype=bool)
        plist, _ = self.postings(i)
        pos = np.minimum(np.searchsorted(plist, docs), len(plist) - 1)
        return plist[pos] == docs

    def doc_vectors(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per passage: (term ids, IDF x term weight), so a query of term counts scores by inner product."""
        term_of = np.repeat(np.arange(len(self.terms), dtype=np.int64), np.diff(self.indptr))
        order = np.argsort(self.docs, kind="stable")  # doc-major; term ids stay ascending within a doc
        term_of = term_of[order]
        values = self.weights[order].astype(np.float64) * self.idf[term_of]
        bounds = np.searchsorted(self.docs[order], np.arange(self.n_docs + 1))
        return [(term_of[bounds[d]:bounds[d + 1]], values[bounds[d]:bounds[d + 1]]) for d in range(self.n_docs)]

    # ---- disk ------------------------------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        folder = Path(folder)
        for name in ARRAYS:
            np.save(folder / f"bm25.{name}.npy", np.ascontiguousarray(getattr(self, name)), allow_pickle=False)
        header = {"k1": self.k1, "b": self.b, "epsilon": self.epsilon, "terms": list(self.terms)}
        (folder / "bm25.json").write_text(json.dumps(header, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, mmap: bool = True) -> BM25Index:
        """Load a saved index (arrays memory-mapped by default); never unpickles."""
        folder = Path(folder)
        header = json.loads((folder / "bm25.json").read_text(encoding="utf-8"))
        arrays = {name: np.load(folder / f"bm25.{name}.npy", mmap_mode="r" if mmap else None, allow_pickle=False)
                  for name in ARRAYS}
        return cls(terms=tuple(header["terms"]), k1=float(header["k1"]), b=float(header["b"]),
                   epsilon=float(header["epsilon"]), **arrays)


class BM25Builder:
    """Collects passages one at a time (token ids kept as compact arrays), then builds the index."""

    def __init__(self, k1: float = 1.5, b: float = 0.75, epsilon: float = 0.25):
        self.k1, self.b, self.epsilon = k1, b, epsilon
        self._ids: dict[str, int] = {}
        self._docs: list[np.ndarray] = []

    def add(self, tokens: Sequence[str]) -> None:
        """Add one passage (an empty one counts as one placeholder token, as rank_bm25 was given)."""
        tokens = tokens or [EMPTY_TOKEN]
        ids = self._ids
        self._docs.append(np.fromiter((ids.setdefault(t, len(ids)) for t in tokens), dtype=np.int64,
                                      count=len(tokens)))

    def finish(self) -> BM25Index:
        k1, b, epsilon = self.k1, self.b, self.epsilon
        n_docs, n_terms = len(self._docs), len(self._ids)
        lengths = np.fromiter((len(d) for d in self._docs), dtype=np.int32, count=n_docs)
        if not n_docs:
            return BM25Index(terms=(), indptr=np.zeros(1, np.int64), docs=np.zeros(0, np.int32),
                             weights=np.zeros(0, np.float32), idf=np.zeros(0), doc_len=lengths,
                             k1=k1, b=b, epsilon=epsilon)
        term_col = np.concatenate(self._docs)
        doc_col = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
        # term-major keys: one (term, doc) pair per distinct occurrence, with its count
        keys, tf = np.unique(term_col * n_docs + doc_col, return_counts=True)
        term_of, docs = keys // n_docs, (keys % n_docs).astype(np.int32)
        df = np.bincount(term_of, minlength=n_terms)
        indptr = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)
        avgdl = float(lengths.sum()) / n_docs
        norm = k1 * (1 - b + b * lengths[docs] / avgdl)
        weights = (tf * (k1 + 1) / (tf + norm)).astype(np.float32)
        idf = np.log(n_docs - df + 0.5) - np.log(df + 0.5)
        idf = np.where(idf < 0, epsilon * (math.fsum(idf) / n_terms), idf)
        terms = tuple(sorted(self._ids, key=self._ids.__getitem__))
        return BM25Index(terms=terms, indptr=indptr, docs=docs, weights=weights, idf=idf, doc_len=lengths,
                         k1=k1, b=b, epsilon=epsilon)


def build_bm25(token_lists: Iterable[Sequence[str]], k1: float = 1.5, b: float = 0.75,
               epsilon: float = 0.25) -> BM25Index:
    """Index pre-tokenized passages."""
    builder = BM25Builder(k1, b, epsilon)
    for tokens in token_lists:
        builder.add(tokens)
    return builder.finish()
