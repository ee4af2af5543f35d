"""The library's cache: each document's passages (with BM25 tokens) and each passage's embedding.

    cache/meta.json                what the cache was made with: embedder, dimension, chunk sizes, code version
    cache/passages/<key>.json      one document's passages; key = sha256(name, content hash)
    cache/vectors/<shard>.npy      float32 embeddings, one row per passage ...
    cache/vectors/<shard>.json     ... and the key of each row (written last: a shard without it is unfinished)

A passage's embedding key is sha256(embedder name, embedder input), so an unchanged passage is never
embedded twice, whichever document or build it appears in. Nothing here is pickled.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import uuid
from collections.abc import Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)
FORMAT = 1
SHARD_ROWS = 1024  # embeddings are saved every this many rows, so a killed add keeps most of its work
MAX_SHARDS = 64  # more shards than this (or mostly unused rows) and the vectors are compacted into one


def sha256_text(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def code_version() -> str:
    """A hash of the code that turns a document into passages and tokens (a change invalidates the cache)."""
    from knowledge import chunking, glossary, lang, tables
    from knowledge.parsers import docx, html

    h = hashlib.sha256()
    for module in (chunking, glossary, lang, tables, html, docx):
        h.update(Path(module.__file__).read_bytes())
    return h.hexdigest()[:16]


def write_json_atomic(path: Path, data) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class LibraryCache:
    """Passages by document and embeddings by passage, under one folder."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.passages_dir = self.folder / "passages"
        self.vectors_dir = self.folder / "vectors"
        self._rows: dict[str, tuple[str, int]] | None = None

    # ---- validity ---------------------------------------------------------------------------------------
    def check(self, wanted: dict) -> list[str]:
        """Drop what ``wanted`` (embedder, dim, chunk settings, code) makes stale; say what was dropped."""
        meta_path = self.folder / "meta.json"
        try:
            have = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            have = {}
        notes: list[str] = []
        if have and have.get("format") != FORMAT:
            have = {}
        if have:
            if (have.get("embedder"), have.get("dim")) != (wanted["embedder"], wanted["dim"]):
                notes.append(f"embedder changed from {have.get('embedder')!r} to {wanted['embedder']!r}: "
                             "cached embeddings dropped, every passage is embedded again")
                shutil.rmtree(self.vectors_dir, ignore_errors=True)
            old_chunks = {k: have.get(k) for k in ("chunk_size", "chunk_size_zh", "chunk_overlap")}
            new_chunks = {k: wanted.get(k) for k in old_chunks}
            if old_chunks != new_chunks:
                notes.append(f"chunk settings changed from {old_chunks} to {new_chunks}: cached passages dropped, "
                             "documents are split again (unchanged passages keep their embeddings)")
                shutil.rmtree(self.passages_dir, ignore_errors=True)
            elif have.get("code") != wanted.get("code"):
                notes.append("the tokenizer, glossary or chunking code changed: cached passages dropped, "
                             "documents are split again (unchanged passages keep their embeddings)")
                shutil.rmtree(self.passages_dir, ignore_errors=True)
        elif any(self.folder.glob("*/*")):
            shutil.rmtree(self.passages_dir, ignore_errors=True)
            shutil.rmtree(self.vectors_dir, ignore_errors=True)
            notes.append("cache without a readable meta.json dropped")
        self.passages_dir.mkdir(parents=True, exist_ok=True)
        self.vectors_dir.mkdir(parents=True, exist_ok=True)
        write_json_atomic(meta_path, dict(wanted, format=FORMAT))
        self._rows = None
        for note in notes:
            log.warning(note)
        return notes

    # ---- passages ---------------------------------------------------------------------------------------
    def passages_path(self, key: str) -> Path:
        return self.passages_dir / f"{key}.json"

    def read_passages(self, key: str) -> list[dict] | None:
        try:
            data = json.loads(self.passages_path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, list) else None

    def write_passages(self, key: str, passages: list[dict]) -> None:
        write_json_atomic(self.passages_path(key), passages)

    def passage_keys(self) -> set[str]:
        return {p.stem for p in self.passages_dir.glob("*.json")}

    def drop_passages(self, keep: set[str]) -> None:
        for path in self.passages_dir.glob("*.json"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)
        for tmp in self.passages_dir.glob(".*"):
            tmp.unlink(missing_ok=True)

    # ---- vectors ----------------------------------------------------------------------------------------
    def _shards(self) -> list[str]:
        return sorted(p.stem for p in self.vectors_dir.glob("*.json") if (self.vectors_dir / f"{p.stem}.npy").exists())

    def rows(self) -> dict[str, tuple[str, int]]:
        """Embedding key -> (shard, row) over every finished shard."""
        if self._rows is None:
            rows: dict[str, tuple[str, int]] = {}
            for shard in self._shards():
                try:
                    keys = json.loads((self.vectors_dir / f"{shard}.json").read_text(encoding="utf-8"))
                except (OSError, ValueError) as exc:
                    log.warning("ignoring unreadable embedding shard %s: %s", shard, exc)
                    continue
                rows.update({k: (shard, i) for i, k in enumerate(keys)})
            self._rows = rows
        return self._rows

    def missing(self, keys: Sequence[str]) -> list[str]:
        rows = self.rows()
        return list(dict.fromkeys(k for k in keys if k not in rows))

    def add_vectors(self, keys: Sequence[str], vectors: np.ndarray) -> None:
        """Save one shard: the array first, then its key list (the shard counts only once both exist)."""
        if len(keys) != len(vectors):
            raise ValueError(f"{len(keys)} keys for {len(vectors)} vectors")
        if not len(keys):
            return
        shard = uuid.uuid4().hex[:16]
        tmp = self.vectors_dir / f".{shard}.npy"
        with open(tmp, "wb") as fh:
            np.save(fh, np.ascontiguousarray(vectors, dtype="float32"), allow_pickle=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.vectors_dir / f"{shard}.npy")
        write_json_atomic(self.vectors_dir / f"{shard}.json", list(keys))
        rows = self.rows()
        rows.update({k: (shard, i) for i, k in enumerate(keys)})

    def vectors(self, keys: Sequence[str], dim: int) -> np.ndarray:
        """The embeddings of ``keys`` in order (KeyError for one that is not cached)."""
        rows = self.rows()
        out = np.empty((len(keys), dim), dtype="float32")
        by_shard: dict[str, tuple[list[int], list[int]]] = {}
        for i, key in enumerate(keys):
            shard, row = rows[key]
            dest, src = by_shard.setdefault(shard, ([], []))
            dest.append(i)
            src.append(row)
        for shard, (dest, src) in by_shard.items():
            data = np.load(self.vectors_dir / f"{shard}.npy", mmap_mode="r", allow_pickle=False)
            if data.ndim != 2 or data.shape[1] != dim:
                raise ValueError(f"embedding shard {shard} has shape {data.shape}, expected (*, {dim})")
            out[dest] = data[src]
        return out

    def compact(self, referenced: set[str], dim: int) -> None:
        """Drop embeddings no passage uses: whole shards at once, or everything rewritten into one shard."""
        rows = self.rows()
        shards = self._shards()
        used = {s: 0 for s in shards}
        for key in referenced:
            if key in rows:
                used[rows[key][0]] += 1
        for tmp in self.vectors_dir.glob(".*"):
            tmp.unlink(missing_ok=True)
        for orphan in self.vectors_dir.glob("*.npy"):  # an array whose key list was never written
            if orphan.stem not in used:
                orphan.unlink(missing_ok=True)
        unused = len(rows) - sum(used.values())
        if len(shards) > MAX_SHARDS or unused > max(len(rows) // 2, SHARD_ROWS):
            keep = sorted(k for k in referenced if k in rows)
            old = shards
            self.add_vectors(keep, self.vectors(keep, dim))
            self._remove_shards(old)
        else:
            self._remove_shards([s for s, n in used.items() if n == 0])

    def _remove_shards(self, shards: list[str]) -> None:
        for shard in shards:
            (self.vectors_dir / f"{shard}.json").unlink(missing_ok=True)  # the key list first: no half shard
            (self.vectors_dir / f"{shard}.npy").unlink(missing_ok=True)
        self._rows = None
