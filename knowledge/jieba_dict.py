"""jieba's prefix dictionary, prepared once as SQLite, so a process that cuts one question starts at once.

jieba builds a 500,000-entry dictionary (every word and every prefix of it) before it cuts anything: about
half a second at each start, its own marshal cache included. Cutting a question needs a few hundred of those
entries, so a process reads them from the prepared file on demand; once it has looked up ``FULL_AFTER``
distinct strings (indexing documents, not answering) it loads the whole dictionary into memory instead. Both
give jieba the same numbers, so words are cut the same way (tests/test_jieba_dict.py).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import uuid
from pathlib import Path

log = logging.getLogger(__name__)
FILE_NAME = "jieba-dict.sqlite"
FULL_AFTER = 20_000  # distinct look-ups; beyond this, one full load (0.5 s) is cheaper than more queries
_MISSING = object()


def dictionary_source(dt, version: str) -> str:
    """What the prepared file must match: jieba's version and the size of its dictionary file."""
    with dt.get_dict_file() as fh:
        size = fh.seek(0, os.SEEK_END)
    return f"jieba {version}, {dt.dictionary or 'default dictionary'}, {size} bytes"


def write_dictionary(path: Path, freq: dict[str, int], total: int, source: str) -> None:
    """Write the prefix dictionary to ``path`` (atomically: a half-written file is never read)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with sqlite3.connect(tmp) as db:
            db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID")
            db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            db.executemany("INSERT INTO words VALUES (?, ?)", freq.items())
            db.executemany("INSERT INTO meta VALUES (?, ?)", [("total", str(total)), ("source", source)])
        db.close()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class LazyFreq:
    """The part of a dict that jieba uses on ``FREQ`` (``in``, ``[]``, ``get``), read from the prepared file.

    ``on_full`` receives the complete in-memory dictionary when look-ups pass ``FULL_AFTER``, or at once when
    the file cannot be read; jieba's ``FREQ`` is then replaced by it and this object is no longer asked.
    """

    def __init__(self, db: sqlite3.Connection, load_full, on_full, full_after: int = FULL_AFTER):
        self._db = db
        self._full_after = full_after
        self._memo: dict[str, int | None] = {}
        self._lock = threading.Lock()
        self._load_full = load_full
        self._on_full = on_full
        self._full: dict[str, int] | None = None

    def get(self, word: str, default=None):
        found = self._memo.get(word, _MISSING)
        if found is _MISSING:
            found = self._lookup(word)
        return default if found is None else found

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __getitem__(self, word: str) -> int:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def _lookup(self, word: str) -> int | None:
        with self._lock:
            if self._full is not None:
                return self._full.get(word)
            try:
                row = self._db.execute("SELECT freq FROM words WHERE word = ?", (word,)).fetchone()
            except sqlite3.Error as exc:
                log.warning("jieba dictionary file unreadable (%s); loading jieba's own dictionary", exc)
                return self._switch().get(word)
            found = self._memo[word] = row[0] if row else None
            if len(self._memo) >= self._full_after:
                self._switch()
            return found

    def _switch(self) -> dict[str, int]:
        self._full = self._load_full()
        self._db.close()
        self._on_full(self._full)
        return self._full


def open_dictionary(path: Path, source: str) -> tuple[sqlite3.Connection, int] | None:
    """The prepared file's connection and word-count total, or None when it is missing, stale or unreadable."""
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("source") != source:
            db.close()
            log.info("jieba dictionary file %s is for %r, not %r: preparing it again", path, meta.get("source"), source)
            return None
        return db, int(meta["total"])
    except (sqlite3.Error, KeyError, ValueError) as exc:
        log.warning("jieba dictionary file %s is unreadable (%s): preparing it again", path, exc)
        return None


def install(dt, version: str, cache_dir: Path | None, full_after: int = FULL_AFTER) -> None:
    """Initialize the jieba tokenizer ``dt`` from the prepared file in ``cache_dir``, preparing it first when
    missing or stale. Without a cache folder (or when it cannot be written) jieba loads its own dictionary.
    """

    def load_full() -> dict[str, int]:
        freq, _ = dt.gen_pfdict(dt.get_dict_file())
        return freq

    def use_full(freq: dict[str, int]) -> None:
        dt.FREQ = freq

    with dt.lock:
        if dt.initialized:
            return
        path = Path(cache_dir) / FILE_NAME if cache_dir else None
        source = dictionary_source(dt, version)
        opened = open_dictionary(path, source) if path else None
        if opened is None:
            dt.FREQ, dt.total = dt.gen_pfdict(dt.get_dict_file())
            dt.initialized = True
            if path:
                try:
                    write_dictionary(path, dt.FREQ, dt.total, source)
                except (OSError, sqlite3.Error) as exc:
                    log.warning("cannot write the jieba dictionary file %s (%s)", path, exc)
            return
        db, dt.total = opened
        dt.FREQ = LazyFreq(db, load_full, use_full, full_after)
        dt.initialized = True
