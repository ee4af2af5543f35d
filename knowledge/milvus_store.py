"""Milvus backend (``pymilvus``): one collection per build, served through an alias moved atomically.

A build is two collections: ``<alias>_b<stamp>`` holds each passage (text, source, title, position, lang,
meta), its dense vector (HNSW, inner product on normalized vectors) and its BM25 sparse vector, computed
here from the same jieba/bigram/word tokens as the FAISS backend: dimension = term number of the build,
value = IDF x saturated term frequency, so the inner product with a query of term counts *is* the BM25
score. ``<build>_terms`` maps each term to its dimension and IDF and holds the build's manifest. Readers
resolve the alias once and then use the concrete collections, so one answer never mixes two builds.

Works with Milvus Lite (a local ``*.db`` path, or its gRPC server) and with Milvus Standalone or
Distributed (``http://host:19530`` plus a token when authentication is on).
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import (
    dataclass,
)
from pathlib import Path

import numpy as np

from knowledge.bm25 import BM25Index
from knowledge.errors import IndexCorrupt, IndexMissing, RebuildRequired, StoreUnavailable
from knowledge.types import Candidate, Chunk

log = logging.getLogger(__name__)
FORMAT_VERSION = 1
TERMS_SUFFIX = "_terms"
META_TERM = "#manifest"  # never a token: tokens are lowercase words, numbers or Han characters
MAX_VARCHAR = 65535
INSERT_BATCH = 1000
MIN_WEIGHT = 1e-12  # Milvus keeps only positive sparse weights; a term is still "present" at this weight
_CLIENTS: dict[tuple[str, str], object] = {}
_CLIENTS_LOCK = threading.Lock()


def _client(uri: str, token: str):
    """One ``MilvusClient`` per (uri, token) and process; a local ``*.db`` path starts Milvus Lite in-process."""
    key = (uri, token)
    with _CLIENTS_LOCK:
        if key not in _CLIENTS:
            try:
                from pymilvus import MilvusClient
            except ImportError as exc:
                raise StoreUnavailable("store = \"milvus\" needs pymilvus: pip install pymilvus milvus-lite") from exc
            if uri.endswith(".db"):
                Path(uri).parent.mkdir(parents=True, exist_ok=True)
            # an in-process Milvus Lite server allows a keepalive ping every 5 minutes, not pymilvus' 10 s
            options = {"grpc_options": {"grpc.keepalive_time_ms": 300_000}} if uri.endswith(".db") else {}
            try:
                _CLIENTS[key] = MilvusClient(uri=uri, token=token, timeout=30, **options)
            except Exception as exc:  # pymilvus raises MilvusException and grpc errors of many kinds
                raise StoreUnavailable(f"cannot connect to Milvus at {uri!r} ({exc}); check ADVISOR_MILVUS_URI, "
                                   "or that no other process holds a local Milvus Lite file") from exc
        return _CLIENTS[key]


@dataclass(frozen=True)
class MilvusStore:
    uri: str
    alias: str = "advisor_passages"
    token: str = ""
    hnsw_m: int = 16
    ef_construction: int = 200

    def __post_init__(self) -> None:
        if not self.alias.replace("_", "a").isalnum() or not self.alias[0].isalpha():
            raise ValueError(f"milvus_collection must be letters, digits and '_' starting with a letter, "
                             f"got {self.alias!r}")

    @classmethod
    def from_settings(cls, settings) -> MilvusStore:
        uri = getattr(settings, "milvus_uri", "") or str(Path(settings.data_dir) / "milvus.db")
        return cls(uri=str(uri), alias=getattr(settings, "milvus_collection", "") or "advisor_passages",
                   token=getattr(settings, "milvus_token", "") or "")

    @property
    def client(self):
        return _client(self.uri, self.token)

    # ---- reading ----------------------------------------------------------------------------------------
    def current(self) -> str | None:
        """The collection the alias points at, or None when there is no build yet."""
        if self.alias not in self.client.list_aliases().get("aliases", []):
            return None
        return self.client.describe_alias(self.alias)["collection_name"]

    def exists(self) -> bool:
        return self.current() is not None

    def _manifest(self, name: str) -> tuple[dict, float]:
        rows = self.client.get(name + TERMS_SUFFIX, ids=[META_TERM], output_fields=["info", "idf"])
        if not rows:
            raise IndexCorrupt(f"Milvus build {name!r} has no manifest; rebuild the index")
        return json.loads(rows[0]["info"]), float(rows[0]["idf"])

    def current_manifest(self) -> dict | None:
        name = self.current()
        return self._manifest(name)[0] if name else None

    def open(self, embedder_name: str | None = None, dim: int | None = None) -> MilvusIndex:
        name = self.current()
        if name is None:
            raise IndexMissing(f"no index in Milvus at {self.uri!r} (alias {self.alias!r}); "
                               "build one with `advisor library reindex` or `advisor index --docs DIR`")
        manifest, max_idf = self._manifest(name)
        if manifest.get("milvus_format") != FORMAT_VERSION:
            raise RebuildRequired(f"Milvus build format {manifest.get('milvus_format')} is not {FORMAT_VERSION}: "
                                  "rebuild required")
        if embedder_name and manifest.get("embedder") != embedder_name:
            raise RebuildRequired(f"index was built with embedder {manifest.get('embedder')!r}, "
                                  f"not {embedder_name!r}: rebuild required")
        if dim and manifest.get("dim") != dim:
            raise RebuildRequired(f"index dimension {manifest.get('dim')} != embedder dimension {dim}: rebuild required")
        return MilvusIndex(self, name, manifest, max_idf)

    def builds(self) -> list[str]:
        prefix = self.alias + "_b"
        return sorted(n for n in self.client.list_collections() if n.startswith(prefix)
                      and not n.endswith(TERMS_SUFFIX))

    # ---- writing ----------------------------------------------------------------------------------------
    def write(self, chunks: Sequence[Chunk], lexical: BM25Index, vectors: np.ndarray, manifest: dict) -> str:
        """Create a new build, fill it, then move the alias to it; the old build serves until then."""
        if not (vectors.shape[0] == len(chunks) == lexical.n_docs):
            raise ValueError(f"{vectors.shape[0]} vectors and {lexical.n_docs} BM25 rows for {len(chunks)} chunks")
        current = self.current()
        for old in self.builds():  # a killed build's leftovers, and the one before the current
            if old != current:
                self._drop(old)
        name = f"{self.alias}_b{time.strftime('%Y%m%d%H%M%S')}_{uuid.uuid4().hex[:6]}"
        try:
            self._create(name, int(vectors.shape[1]))
            self._fill(name, chunks, lexical, vectors)
            self._fill_terms(name, lexical, dict(manifest, milvus_format=FORMAT_VERSION, chunks=len(chunks)))
            for collection in (name, name + TERMS_SUFFIX):  # sealed segments get their indexes built once
                self.client.flush(collection)
            self.client.load_collection(name)
            self.client.load_collection(name + TERMS_SUFFIX)
            if current is None:
                self.client.create_alias(name, self.alias)
            else:
                self.client.alter_alias(name, self.alias)
        except BaseException:
            self._drop(name)
            raise
        log.info("Milvus alias %s -> %s (%d passages)", self.alias, name, len(chunks))
        return name

    def _drop(self, name: str) -> None:
        for collection in (name, name + TERMS_SUFFIX):
            try:
                self.client.drop_collection(collection)
            except Exception as exc:  # best effort: a leftover is dropped again by the next build
                log.warning("could not drop Milvus collection %s: %s", collection, exc)

    def _create(self, name: str, dim: int) -> None:
        from pymilvus import DataType, MilvusClient

        schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dim)
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        for field in ("text", "source", "title"):
            schema.add_field(field, DataType.VARCHAR, max_length=MAX_VARCHAR)
        schema.add_field("position", DataType.INT64)
        schema.add_field("lang", DataType.VARCHAR, max_length=16)
        schema.add_field("meta", DataType.JSON)
        index = self.client.prepare_index_params()
        index.add_index(field_name="vector", index_type="HNSW", metric_type="IP",
                        params={"M": self.hnsw_m, "efConstruction": self.ef_construction})
        index.add_index(field_name="sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
        self.client.create_collection(name, schema=schema, index_params=index)
        terms = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
        terms.add_field("term", DataType.VARCHAR, is_primary=True, max_length=MAX_VARCHAR)
        terms.add_field("dim", DataType.INT64)
        terms.add_field("idf", DataType.DOUBLE)
        terms.add_field("info", DataType.VARCHAR, max_length=MAX_VARCHAR)
        terms.add_field("v", DataType.FLOAT_VECTOR, dim=2)  # Milvus requires a vector field; unused
        index = self.client.prepare_index_params()
        index.add_index(field_name="v", index_type="FLAT", metric_type="L2")
        self.client.create_collection(name + TERMS_SUFFIX, schema=terms, index_params=index)

    def _fill(self, name: str, chunks: Sequence[Chunk], lexical: BM25Index, vectors: np.ndarray) -> None:
        sparse = lexical.doc_vectors()
        for start in range(0, len(chunks), INSERT_BATCH):
            rows = []
            for i in range(start, min(start + INSERT_BATCH, len(chunks))):
                c = chunks[i]
                dims, values = sparse[i]
                rows.append({
                    "id": i, "vector": vectors[i].tolist(),
                    "sparse": {int(d): max(float(v), MIN_WEIGHT) for d, v in zip(dims, values, strict=True)},
                    "text": _fit(c.text, "passage text"), "source": _fit(c.source, "source name"),
                    "title": _fit(c.title, "title"), "position": c.position, "lang": c.lang, "meta": c.meta,
                })
            self.client.insert(name, rows)

    def _fill_terms(self, name: str, lexical: BM25Index, manifest: dict) -> None:
        info = json.dumps(manifest, ensure_ascii=False)
        if len(info.encode()) > MAX_VARCHAR:  # a long skipped-files list: keep its size, not its entries
            manifest = dict(manifest, skipped=[], skipped_count=len(manifest.get("skipped", [])))
            info = json.dumps(manifest, ensure_ascii=False)
        rows = [{"term": META_TERM, "dim": -1, "idf": lexical.max_idf, "info": info, "v": [0.0, 0.0]}]
        rows += [{"term": t, "dim": i, "idf": float(lexical.idf[i]), "info": "", "v": [0.0, 0.0]}
                 for i, t in enumerate(lexical.terms) if len(t.encode()) <= MAX_VARCHAR]
        for start in range(0, len(rows), INSERT_BATCH * 5):
            self.client.insert(name + TERMS_SUFFIX, rows[start : start + INSERT_BATCH * 5])


def _fit(text: str, what: str) -> str:
    if len(text.encode()) > MAX_VARCHAR:
        raise ValueError(f"{what} longer than Milvus' {MAX_VARCHAR}-byte limit: {text[:60]!r}...")
    return text


class MilvusIndex:
    """One Milvus build, opened for searching (a :class:`knowledge.stores.SearchIndex`)."""

    def __init__(self, store: MilvusStore, name: str, manifest: dict, max_idf: float):
        self.store = store
        self.build = name
        self.path = f"{store.uri}#{store.alias}"
        self.manifest = manifest
        self.max_idf = max_idf
        self._terms: dict[str, tuple[int, float] | None] = {}
        self._lock = threading.Lock()
        self._checked = 0.0

    def __len__(self) -> int:
        return int(self.manifest.get("chunks", 0))

    def changed(self, every_s: float = 2.0) -> bool:
        """True once the alias points at another build (checked at most every ``every_s`` seconds)."""
        now = time.monotonic()
        if now - self._checked < every_s:
            return False
        self._checked = now
        try:
            return self.store.current() != self.build
        except Exception as exc:  # an unreachable server is reported by the next search, not here
            log.warning("cannot check the Milvus alias: %s", exc)
            return False

    def _lookup(self, terms: Iterable[str]) -> dict[str, tuple[int, float]]:
        """(dimension, IDF) of each known term; unknown terms are remembered as such."""
        terms = set(terms)
        with self._lock:
            missing = [t for t in terms if t not in self._terms]
        if missing:
            rows = self.store.client.get(self.build + TERMS_SUFFIX, ids=missing, output_fields=["dim", "idf"])
            got = {r["term"]: (int(r["dim"]), float(r["idf"])) for r in rows}
            with self._lock:
                if len(self._terms) > 200_000:
                    self._terms.clear()
                self._terms.update({t: got.get(t) for t in missing})
        with self._lock:
            return {t: v for t in terms if (v := self._terms.get(t)) is not None}

    def word_family(self, word: str, most: int = 3) -> list[str]:
        """The index's other words of ``word``'s English family ("hungary" -> "hungarian"), as the FAISS store
        finds them: same first six letters, rarest first."""
        if len(word) < 6 or not (word.isascii() and word.isalpha()):
            return []
        rows = self.store.client.query(self.build + TERMS_SUFFIX, filter=f'term like "{word[:6]}%"',
                                       output_fields=["term", "idf"], limit=1000)
        found = sorted((-float(r["idf"]), r["term"]) for r in rows
                        if r["term"] != word and len(r["term"]) >= 6 and r["term"].isascii() and r["term"].isalpha())
        return [t for _, t in found[:most]]

    def dense_search(self, vector: np.ndarray, n: int) -> list[tuple[int, float]]:
        res = self.store.client.search(self.build, data=[np.asarray(vector, dtype="float32").tolist()],
                                       anns_field="vector", limit=n, output_fields=[],
                                       search_params={"metric_type": "IP", "params": {"ef": max(64, 2 * n)}})
        return _ranked(res[0])

    def sparse_search(self, query_tokens: Sequence[str], n: int) -> list[tuple[int, float]]:
        known = self._lookup(query_tokens)
        counts: dict[int, float] = {}
        for tok in query_tokens:
            if tok in known:
                counts[known[tok][0]] = counts.get(known[tok][0], 0.0) + 1.0
        if not counts:
            return []
        res = self.store.client.search(self.build, data=[counts], anns_field="sparse", limit=n, output_fields=[],
                                       search_params={"metric_type": "IP"})
        # stored weights are floored at MIN_WEIGHT (Milvus keeps positive weights only): a score at that
        # level means "no real match", which the FAISS backend reports as a score <= 0 and leaves out
        return [(i, s) for i, s in _ranked(res[0]) if s > 1e-9]

    def term_idf(self, terms: Iterable[str]) -> tuple[dict[str, float], float]:
        return {t: idf for t, (_, idf) in self._lookup(terms).items()}, self.max_idf

    def fetch(self, ids: Sequence[int], vector: np.ndarray, terms: Iterable[str]) -> dict[int, Candidate]:
        if not len(ids):
            return {}
        dims = {t: d for t, (d, _) in self._lookup(terms).items()}
        rows = self.store.client.query(self.build, ids=[int(i) for i in ids],
                                       output_fields=["text", "source", "title", "position", "lang", "meta",
                                                      "sparse", "vector"])
        vec = np.asarray(vector, dtype="float32").reshape(-1)
        out = {}
        for r in rows:
            held = {int(k) for k in r["sparse"]}
            chunk = Chunk(id=int(r["id"]), text=r["text"], source=r["source"], title=r["title"],
                          position=int(r["position"]), lang=r["lang"], meta=dict(r["meta"] or {}))
            out[int(r["id"])] = Candidate(chunk=chunk, dense_score=float(vec @ np.asarray(r["vector"], "float32")),
                                          terms=frozenset(t for t, d in dims.items() if d in held))
        if len(out) != len(set(ids)):
            raise IndexCorrupt(f"Milvus build {self.build!r} lacks passages {sorted(set(ids) - set(out))[:5]}")
        return out


def _ranked(hits) -> list[tuple[int, float]]:
    """Search hits as (id, score), best first; equal scores by id, as the FAISS backend orders them."""
    pairs = [(int(h["id"]), float(h["distance"])) for h in hits]
    return sorted(pairs, key=lambda p: (-p[1], p[0]))
