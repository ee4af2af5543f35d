"""The built-in notes' index: made once in the cache folder (at set-up, or on first use) and shared by every
data folder, so no start embeds the notes again. It serves until a data folder has an index of its own.

Layout, one per embedder::

    <cache_dir>/builtin/<embedder>/        an index folder (knowledge.store)
    <cache_dir>/builtin/<embedder>.json    what it was built from: the notes' bytes, embedder, chunk settings
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import json
import logging
import os
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from bot.errors import ConfigError, IndexCorrupt, IndexMissing, RebuildRequired
from bot.settings import Settings

log = logging.getLogger(__name__)


def builtin_index_dir(settings: Settings, embedder_name: str) -> Path:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", embedder_name).strip("._")[-60:]
    return Path(settings.cache_dir) / "builtin" / f"{slug}-{hashlib.sha256(embedder_name.encode()).hexdigest()[:8]}"


def source_stamp(settings: Settings, embedder) -> dict:
    """What the index is built from; any change here means building it again."""
    h = hashlib.sha256()
    corpus = Path(settings.corpus_dir)
    for f in sorted(p for p in corpus.rglob("*") if p.is_file()):
        h.update(str(f.relative_to(corpus)).encode() + b"\0" + f.read_bytes() + b"\0")
    from knowledge.library_cache import code_version

    return {"corpus_sha256": h.hexdigest(), "code": code_version(), "embedder": embedder.name, "dim": int(embedder.dim),
            "chunk_size": settings.chunk_size, "chunk_size_zh": settings.chunk_size_zh,
            "chunk_overlap": settings.chunk_overlap}


@contextlib.contextmanager
def _waiting_lock(path: Path) -> Iterator[None]:
    """One process builds; the others wait for it and then use what it built."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(path, "a+")
    except OSError as exc:  # a read-only cache folder: nothing can be built there, so nothing to wait for
        log.debug("no lock on %s (%s)", path, exc)
        yield
        return
    with fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def _read_stamp(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_stamp(path: Path, stamp: dict) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    tmp.write_text(json.dumps(stamp, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def load_builtin_index(settings: Settings, embedder, tokenizer: Callable[[str], list[str]],
                       progress: Callable[[float, str], None] | None = None):
    """The built-in notes' StoredIndex, built first when missing, stale or unreadable."""
    from knowledge import store
    from knowledge.build import build_index

    folder = builtin_index_dir(settings, embedder.name)
    stamp_path = folder.parent / f"{folder.name}.json"
    want = source_stamp(settings, embedder)
    with _waiting_lock(folder.parent / f".{folder.name}.lock"):
        if _read_stamp(stamp_path) == want:
            try:
                return store.load_index(folder, embedder.name, embedder.dim)
            except (IndexMissing, IndexCorrupt, RebuildRequired) as exc:
                log.warning("the built-in index cannot be used (%s): building it again", exc)
        log.info("building the built-in notes' index in %s", folder)
        try:
            stamp_path.unlink(missing_ok=True)
            # a local folder whatever store serves the user's documents: the notes must answer when Milvus is down
            build_index([Path(settings.corpus_dir)], folder, embedder, dataclasses.replace(settings, store="faiss"),
                        progress=progress, tokenizer=tokenizer)
            _write_stamp(stamp_path, want)
        except OSError as exc:
            raise ConfigError(f"cannot build the built-in notes' index in {str(folder)!r} ({exc}); set "
                              "ADVISOR_CACHE_DIR to a writable folder, or run scripts/prepare.py where it is") from exc
        return store.load_index(folder, embedder.name, embedder.dim)
