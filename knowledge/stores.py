"""The index store interface and its factory: embedded FAISS (default) or Milvus, chosen by settings.

Both backends keep the same three things (passages, dense vectors, BM25 postings computed here in Python,
so Chinese tokenization is identical everywhere) and both swap a finished build in atomically: FAISS by
renaming a folder and replacing one pointer file, Milvus by building a new collection and moving an alias.
The index folder (``settings.index_path``) always holds the build lock, whichever backend stores the data.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

from knowledge import store
from knowledge.bm25 import BM25Index
from knowledge.types import Candidate, Chunk

log = logging.getLogger(__name__)
StoreName = Literal["faiss", "milvus"]
STORES: tuple[str, ...] = ("faiss", "milvus")


class SearchIndex(Protocol):
    """What retrieval needs from a loaded index (ids are passage numbers 0..len-1 of one build)."""

    build: str
    manifest: dict

    def __len__(self) -> int: ...

    def dense_search(self, vector: np.ndarray, n: int) -> list[tuple[int, float]]:
        """The ``n`` nearest passages by inner product, best first."""
        ...

    def sparse_search(self, query_tokens: Sequence[str], n: int) -> list[tuple[int, float]]:
        """The ``n`` best passages by BM25 (positive scores only), best first."""
        ...

    def term_idf(self, terms: Iterable[str]) -> tuple[dict[str, float], float]:
        """IDF of the terms the index knows, and the largest IDF of the index."""
        ...

    def word_family(self, word: str) -> list[str]:
        """The index's other English words sharing ``word``'s first six letters, rarest first (at most three)."""
        ...

    def fetch(self, ids: Sequence[int], vector: np.ndarray, terms: Iterable[str]) -> dict[int, Candidate]:
        """The passages ``ids`` with their cosine to ``vector`` and which of ``terms`` each contains."""
        ...


def store_name(settings) -> str:
    name = getattr(settings, "store", "faiss") or "faiss"
    if name not in STORES:
        raise ValueError(f"store must be one of {', '.join(STORES)}, got {name!r}")
    return name


def write_index(settings, index_dir: Path, chunks: list[Chunk], lexical: BM25Index, vectors: np.ndarray,
                manifest: dict) -> str:
    """Write a complete build and swap it in; the caller holds ``store.build_lock(index_dir)``."""
    if store_name(settings) == "milvus":
        from knowledge.milvus_store import MilvusStore

        return MilvusStore.from_settings(settings).write(chunks, lexical, vectors, manifest)
    tmp = store.new_build_dir(index_dir)
    try:
        store.write_build(tmp, chunks, lexical, vectors, manifest)
        return store.commit_build(index_dir, tmp).name
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def open_index(settings, index_dir: Path, embedder_name: str | None = None, dim: int | None = None) -> SearchIndex:
    """The serving build of the configured store; IndexMissing / IndexCorrupt / RebuildRequired otherwise."""
    if store_name(settings) == "milvus":
        from knowledge.milvus_store import MilvusStore

        return MilvusStore.from_settings(settings).open(embedder_name, dim)
    return store.load_index(index_dir, embedder_name, dim)


def index_exists(settings, index_dir: Path) -> bool:
    if store_name(settings) == "milvus":
        from knowledge.milvus_store import MilvusStore

        return MilvusStore.from_settings(settings).exists()
    return store.exists(index_dir)


def index_manifest(settings, index_dir: Path) -> dict | None:
    """The serving build's manifest without loading the build (None when there is none)."""
    if store_name(settings) == "milvus":
        from knowledge.milvus_store import MilvusStore

        return MilvusStore.from_settings(settings).current_manifest()
    return store.current_manifest(index_dir)
