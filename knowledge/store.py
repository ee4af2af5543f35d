"""The index on disk: FAISS' own format plus JSON, verified by hashes, swapped in atomically.

Layout of an index folder::

    CURRENT             {"build": "<name>", "manifest_sha256": "..."}  (replaced atomically with os.replace)
    .lock               held (flock) by the one build allowed at a time
    builds/<name>/      dense.faiss, chunks.json, bm25.* (see knowledge.bm25), manifest.json
    builds/.tmp-*       a build in progress; leftovers of a killed build are removed by the next one

Format 1 stored ``tokens.json`` instead of the BM25 arrays; such an index still loads (BM25 is rebuilt in memory).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import (
    dataclass,
)
from pathlib import Path

import numpy as np

from knowledge import bm25
from knowledge.errors import IndexCorrupt, IndexMissing, RebuildInProgress, RebuildRequired
from knowledge.types import Candidate, Chunk, Skipped

log = logging.getLogger(__name__)
FORMAT_VERSION = 2
FILES = ("dense.faiss", "chunks.json", *bm25.FILES)
FILES_V1 = ("dense.faiss", "chunks.json", "tokens.json")
KEEP_BUILDS = 2  # the serving build and the one before it


@dataclass(frozen=True)
class BuildReport:
    index: Path
    files_indexed: int
    chunks: int
    skipped: tuple[Skipped, ...]
    seconds: float

    def to_json(self) -> dict:
        return {"index": str(self.index), "files_indexed": self.files_indexed, "chunks": self.chunks,
                "skipped": [s.to_json() for s in self.skipped], "seconds": round(self.seconds, 3)}


@dataclass(frozen=True)
class StoredIndex:
    """A loaded, verified index: vectors in FAISS, chunks and their BM25 postings (a :class:`SearchIndex`)."""

    path: Path
    build: str
    manifest: dict
    chunks: tuple[Chunk, ...]
    bm25: bm25.BM25Index
    faiss_index: object

    def __len__(self) -> int:
        return len(self.chunks)

    def changed(self) -> bool:
        """True once another build was swapped in (by this process or another one)."""
        return read_pointer(self.path).get("build") != self.build

    def dense_search(self, vector: np.ndarray, n: int) -> list[tuple[int, float]]:
        sims, ids = self.faiss_index.search(np.ascontiguousarray(vector, dtype="float32").reshape(1, -1), n)
        pairs = [(int(i), float(s)) for i, s in zip(ids[0], sims[0], strict=True) if i >= 0]
        return sorted(pairs, key=lambda p: (-p[1], p[0]))  # equal scores by id, on every backend

    def sparse_search(self, query_tokens: Sequence[str], n: int) -> list[tuple[int, float]]:
        return self.bm25.top(query_tokens, n)

    def word_family(self, word: str) -> list[str]:
        """The index's other words of ``word``'s English family ("hungary" -> "hungarian")."""
        return self.bm25.family(word)

    def term_idf(self, terms: Iterable[str]) -> tuple[dict[str, float], float]:
        found = {t: self.bm25.idf_of(t) for t in set(terms)}
        return {t: v for t, v in found.items() if v is not None}, self.bm25.max_idf

    def fetch(self, ids: Sequence[int], vector: np.ndarray, terms: Iterable[str]) -> dict[int, Candidate]:
        terms = set(terms)
        present = {t: self.bm25.contains(ids, t) for t in terms}
        vec = np.asarray(vector, dtype="float32").reshape(-1)
        return {doc: Candidate(chunk=self.chunks[doc],
                               dense_score=float(vec @ self.faiss_index.reconstruct(int(doc))),
                               terms=frozenset(t for t in terms if present[t][row]))
                for row, doc in enumerate(ids)}


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _write_json(path: Path, data) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())


@contextlib.contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """One build at a time per index folder; a second one is refused, not queued."""
    index_dir.mkdir(parents=True, exist_ok=True)
    fh = open(index_dir / ".lock", "a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise RebuildInProgress(
                f"another rebuild of {str(index_dir)!r} is running; wait for it to finish and try again"
            ) from exc
        yield
    finally:
        fh.close()  # closing releases the lock, also when the process is killed


def clean_leftovers(index_dir: Path) -> None:
    """Remove unfinished builds and all but the newest finished ones (call with the lock held)."""
    builds = index_dir / "builds"
    if not builds.is_dir():
        return
    current = read_pointer(index_dir).get("build")
    for tmp in builds.glob(".tmp-*"):
        shutil.rmtree(tmp, ignore_errors=True)
    done = sorted((p for p in builds.iterdir() if p.is_dir() and not p.name.startswith(".")),
                  key=lambda p: p.stat().st_mtime, reverse=True)
    for old in done[KEEP_BUILDS:]:
        if old.name != current:
            shutil.rmtree(old, ignore_errors=True)


def new_build_dir(index_dir: Path) -> Path:
    tmp = index_dir / "builds" / f".tmp-{uuid.uuid4().hex[:12]}"
    tmp.mkdir(parents=True)
    return tmp


def write_build(tmp: Path, chunks: list[Chunk], index: bm25.BM25Index, vectors: np.ndarray, manifest: dict) -> None:
    """Write every file of a build into ``tmp`` and record their hashes in the manifest."""
    import faiss

    if not (vectors.shape[0] == len(chunks) == index.n_docs):
        raise ValueError(f"{vectors.shape[0]} vectors and {index.n_docs} BM25 rows for {len(chunks)} chunks")
    dense = faiss.IndexFlatIP(int(vectors.shape[1]))
    dense.add(np.ascontiguousarray(vectors, dtype="float32"))
    faiss.write_index(dense, str(tmp / "dense.faiss"))
    _write_json(tmp / "chunks.json", [c.to_json() for c in chunks])
    index.save(tmp)
    manifest = dict(manifest, format_version=FORMAT_VERSION, chunks=len(chunks),
                    files={name: sha256_file(tmp / name) for name in FILES})
    _write_json(tmp / "manifest.json", manifest)


def commit_build(index_dir: Path, tmp: Path) -> Path:
    """Rename the finished build into place, then point CURRENT at it in one atomic replace."""
    name = time.strftime("%Y%m%d-%H%M%S") + "-" + uuid.uuid4().hex[:6]
    final = index_dir / "builds" / name
    os.replace(tmp, final)
    pointer = {"build": name, "manifest_sha256": sha256_file(final / "manifest.json")}
    staging = index_dir / f".CURRENT.{uuid.uuid4().hex[:8]}"
    _write_json(staging, pointer)
    os.replace(staging, index_dir / "CURRENT")
    _fsync_dir(index_dir)
    return final


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_pointer(index_dir: Path) -> dict:
    try:
        return json.loads((Path(index_dir) / "CURRENT").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def current_manifest(index_dir: Path) -> dict | None:
    """The serving build's manifest (unverified: for display), or None."""
    build = read_pointer(index_dir).get("build")
    if not build or "/" in build or build.startswith("."):
        return None
    try:
        return json.loads((Path(index_dir) / "builds" / build / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def exists(index_dir: Path) -> bool:
    return bool(read_pointer(index_dir).get("build"))


def load_index(index_dir: Path, embedder_name: str | None = None, dim: int | None = None) -> StoredIndex:
    """Load the current build after checking every file's hash. Never unpickles anything."""
    import faiss

    index_dir = Path(index_dir)
    pointer = read_pointer(index_dir)
    build = pointer.get("build")
    if not build or "/" in build or build.startswith("."):
        raise IndexMissing(f"no index at {str(index_dir)!r}; build one with `python -m bot index --docs DIR`")
    folder = index_dir / "builds" / build
    manifest_path = folder / "manifest.json"
    try:
        if sha256_file(manifest_path) != pointer.get("manifest_sha256"):
            raise IndexCorrupt(f"index manifest in {str(folder)!r} was changed or truncated; rebuild the index")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        version = manifest.get("format_version")
        if version not in (1, FORMAT_VERSION):
            raise RebuildRequired(f"index format {version} is not {FORMAT_VERSION}: rebuild required")
        for name in FILES if version == FORMAT_VERSION else FILES_V1:
            if sha256_file(folder / name) != manifest.get("files", {}).get(name):
                raise IndexCorrupt(f"index file {name} in {str(folder)!r} fails its hash check; rebuild the index")
    except OSError as exc:
        raise IndexCorrupt(f"index in {str(folder)!r} is incomplete ({exc}); rebuild the index") from exc
    if embedder_name and manifest.get("embedder") != embedder_name:
        raise RebuildRequired(
            f"index was built with embedder {manifest.get('embedder')!r}, not {embedder_name!r}: rebuild required"
        )
    if dim and manifest.get("dim") != dim:
        raise RebuildRequired(f"index dimension {manifest.get('dim')} != embedder dimension {dim}: rebuild required")
    try:
        chunks = tuple(Chunk.from_json(c) for c in json.loads((folder / "chunks.json").read_text(encoding="utf-8")))
        if version == 1:  # tokens.json: build the postings in memory
            lexical = bm25.build_bm25(json.loads((folder / "tokens.json").read_text(encoding="utf-8")))
        else:
            lexical = bm25.BM25Index.load(folder)
        index = faiss.read_index(str(folder / "dense.faiss"))
    except (ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise IndexCorrupt(f"index in {str(folder)!r} does not parse ({exc}); rebuild the index") from exc
    if not (len(chunks) == lexical.n_docs == index.ntotal):
        raise IndexCorrupt(f"index in {str(folder)!r} has mismatched parts; rebuild the index")
    return StoredIndex(path=index_dir, build=build, manifest=manifest, chunks=chunks, bm25=lexical,
                       faiss_index=index)
