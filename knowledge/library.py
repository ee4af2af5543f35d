"""The document library: stored copies of every added file, a JSON manifest, and an index kept in step.

    data/library/manifest.json     every document: name, content hash, size, type, status (+ reason),
                                   passages, added-at; plus a generation number the index records
    data/library/files/<sha256>.<ext>   the stored copies (original names live only in the manifest)
    data/library/cache/            passages and embeddings by content hash (see knowledge.library_cache)

Every change (add, remove, reindex, reset) runs under the index's build lock and ends by writing a complete
new index (FAISS or Milvus, see knowledge.stores) and swapping it in; only then is the manifest replaced.
A change that fails or is killed leaves the old manifest and the old index serving. Nothing is ever
dropped by an add: a document leaves the library only through ``remove`` or ``reset``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from dataclasses import (
    dataclass,
    field,
    replace,
)
from pathlib import Path, PurePosixPath

from knowledge import library_cache, store, stores
from knowledge.bm25 import BM25Builder
from knowledge.build import dense_text, passage_tokens
from knowledge.errors import InputError, SkipFile
from knowledge.lang import search_tokens
from knowledge.library_records import Document, LibraryReport
from knowledge.types import Chunk, Skipped

log = logging.getLogger(__name__)
FORMAT = 1
Progress = Callable[[float, str], None]
Source = Path | str | tuple[Path | str, str]  # a file or folder, or (file, the name to show for it)


@dataclass
class _Plan:
    """A change being applied: the documents to end up with and what to report."""

    docs: dict[str, Document]
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


class Library:
    """A folder of documents and the index built from them. The embedder and settings are injected."""

    def __init__(self, root: Path, index_dir: Path, embedder, settings,
                 tokenizer: Callable[[str], list[str]] = search_tokens, builtin: Path | None = None,
                 seeds: Sequence[Source] = ()):
        self.root = Path(root)
        self.index_dir = Path(index_dir)
        self.embedder = embedder
        self.settings = settings
        self.tokenizer = tokenizer
        self.builtin = Path(builtin) if builtin else None
        self.seeds = list(seeds)  # added with the built-in notes when the library is created
        self.files_dir = self.root / "files"
        self.cache = library_cache.LibraryCache(self.root / "cache")

    # ---- reading ----------------------------------------------------------------------------------------
    def manifest(self) -> dict:
        """The manifest as stored ({"format", "generation", "updated_at", "documents"}), empty when new."""
        try:
            data = json.loads((self.root / "manifest.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"format": FORMAT, "generation": 0, "documents": []}
        except (OSError, ValueError) as exc:
            raise InputError(f"library manifest {str(self.root / 'manifest.json')!r} is unreadable ({exc}); "
                             "restore it or remove the library folder and add the documents again") from exc
        if data.get("format") != FORMAT:
            raise InputError(f"library manifest format {data.get('format')!r} is not {FORMAT}")
        return data

    def exists(self) -> bool:
        return (self.root / "manifest.json").is_file()

    def documents(self) -> list[Document]:
        return [Document.from_json(d) for d in self.manifest()["documents"]]

    def status(self) -> dict:
        """The library and whether the serving index was built from this version of it. Before its first change
        a library is the built-in notes, served from the shared built-in index: it lists them as such."""
        if not self.exists() and self.builtin is not None and Path(self.builtin).is_dir():
            notes = sorted(Path(self.builtin).glob("*.md"))
            docs = [{"name": f"corpus/{f.name}", "sha256": hashlib.sha256(f.read_bytes()).hexdigest(),
                     "size": f.stat().st_size, "type": "md", "status": "indexed", "reason": "built-in note",
                     "passages": 0, "added_at": "", "file": ""} for f in notes]
            return {"library": str(self.root), "index": "built-in notes", "generation": 0, "index_generation": 0,
                    "up_to_date": True, "files": len(docs), "indexed": len(docs), "chunks": 0, "documents": docs}
        manifest = self.manifest()
        docs = [Document.from_json(d) for d in manifest["documents"]]
        built = (stores.index_manifest(self.settings, self.index_dir) or {}).get("library_generation")
        return {"library": str(self.root), "index": self._index_label(), "generation": manifest["generation"],
                "index_generation": built, "up_to_date": built == manifest["generation"] and self.exists(),
                "files": len(docs), "indexed": sum(d.status == "indexed" for d in docs),
                "chunks": sum(d.passages for d in docs if d.status == "indexed"),
                "documents": [d.to_json() for d in docs]}

    def _index_label(self) -> str:
        if stores.store_name(self.settings) == "milvus":
            from knowledge.milvus_store import MilvusStore

            m = MilvusStore.from_settings(self.settings)
            return f"milvus:{m.uri}#{m.alias}"
        return str(self.index_dir)

    # ---- changing ---------------------------------------------------------------------------------------
    def add(self, sources: Sequence[Source], progress: Progress | None = None) -> LibraryReport:
        """Add files and folders (recursively); a name already present with new content is updated."""
        if not sources:
            raise InputError("nothing to add: give files or folders")
        with self._changing():
            plan = self._start()
            self._take(plan, sources)
            return self._apply(plan, progress)

    def remove(self, names: Sequence[str], progress: Progress | None = None) -> LibraryReport:
        """Remove documents by name; a folder name (``notes`` or ``notes/``) removes everything under it."""
        if not names:
            raise InputError("nothing to remove: give document names (see `advisor library list`)")
        with self._changing():
            plan = self._start()
            for name in names:
                prefix = name.rstrip("/") + "/"
                hits = [n for n in plan.docs if n == name or n.startswith(prefix)]
                if not hits:
                    plan.skipped.append(Skipped(name, "not in the library"))
                for n in hits:
                    del plan.docs[n]
                    plan.removed.append(n)
            if not plan.removed:
                unknown = ", ".join(s.file for s in plan.skipped)
                raise InputError(f"not in the library: {unknown} (see `advisor library list`)")
            return self._apply(plan, progress)

    def reindex(self, progress: Progress | None = None) -> LibraryReport:
        """Read every stored document again and rebuild the index; only new passages are embedded."""
        with self._changing():
            return self._apply(self._start(), progress, reread=True)

    def reset(self, progress: Progress | None = None) -> LibraryReport:
        """Remove every document, then add the built-in notes again (unchanged notes are kept as they are)."""
        if self.builtin is None:
            raise InputError("no built-in notes configured to reset to")
        with self._changing():
            plan = self._start()
            before, plan.docs = plan.docs, {}
            self._take(plan, [self.builtin])
            for name, doc in plan.docs.items():
                if name in before and before[name].sha256 == doc.sha256:
                    plan.docs[name] = before[name]
                    plan.added.remove(name)
            plan.removed = sorted(n for n in before if n not in plan.docs)
            return self._apply(plan, progress)

    def ensure(self, progress: Progress | None = None) -> LibraryReport | None:
        """Create the library and its index when either is missing (a new library starts with the seeds)."""
        if self.exists() and stores.index_exists(self.settings, self.index_dir):
            return None
        with self._changing():
            return self._apply(self._start(), progress)

    # ---- the steps --------------------------------------------------------------------------------------
    def _changing(self):
        return store.build_lock(self.index_dir)

    def _start(self) -> _Plan:
        """The plan of a change: the current documents, or the seeds when the library is new."""
        new = not self.exists()
        plan = _Plan(docs={d.name: d for d in self.documents()})  # an unreadable manifest stops here
        self.files_dir.mkdir(parents=True, exist_ok=True)
        for tmp in self.files_dir.glob(".*"):  # copies of a killed add
            tmp.unlink(missing_ok=True)
        if new:
            self._take(plan, [*([self.builtin] if self.builtin else []), *self.seeds])
        return plan

    def _take(self, plan: _Plan, sources: Sequence[Source]) -> None:
        """Copy each supported file into the library and put it in the plan (nothing is indexed yet)."""
        from knowledge.loaders import SUPPORTED_EXTENSIONS, unsupported_reason, walk_files

        max_bytes = int(float(self.settings.max_file_mb) * 2**20)
        seen: set[str] = set()
        for path, name, reason in _expand(sources, walk_files):
            ext = PurePosixPath(name).suffix.lower() if reason is None else ""
            if reason is None and ext not in SUPPORTED_EXTENSIONS:
                reason = unsupported_reason(ext)
            if reason is None and name in seen:
                reason = "the same name twice in one add"
            if reason is None:
                try:
                    sha, size = self._store_copy(path, ext, max_bytes)
                except SkipFile as exc:
                    reason = exc.reason
            if reason is not None:
                plan.skipped.append(Skipped(name, reason))
                continue
            seen.add(name)
            old = plan.docs.get(name)
            if old is not None and old.sha256 == sha:
                plan.skipped.append(Skipped(name, "already in the library (unchanged)"))
                continue
            (plan.updated if old is not None else plan.added).append(name)
            plan.docs[name] = Document(name=name, sha256=sha, size=size, type=ext.lstrip("."), status="new",
                                       passages=0, added_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"))

    def _store_copy(self, src: Path, ext: str, max_bytes: int) -> tuple[str, int]:
        """Copy ``src`` under its content hash; SkipFile when it cannot be read or is too large."""
        tmp = self.files_dir / f".{uuid.uuid4().hex}"
        h, size = hashlib.sha256(), 0
        try:
            with open(src, "rb") as fin, open(tmp, "xb") as fout:
                while block := fin.read(1 << 20):
                    size += len(block)
                    if size > max_bytes:
                        raise SkipFile(f"too large (over the {self.settings.max_file_mb:g} MB limit)")
                    h.update(block)
                    fout.write(block)
                fout.flush()
                os.fsync(fout.fileno())
            if size == 0:
                raise SkipFile("empty file")
            final = self.files_dir / f"{h.hexdigest()}{ext}"
            os.replace(tmp, final)
        except OSError as exc:
            raise SkipFile(f"cannot read file ({exc.strerror or type(exc).__name__})") from exc
        finally:
            tmp.unlink(missing_ok=True)
        return h.hexdigest(), size

    def _apply(self, plan: _Plan, progress: Progress | None, reread: bool = False) -> LibraryReport:
        """Passages for every document, embeddings for new ones, a new index, then the new manifest."""
        started = time.perf_counter()
        say = progress or (lambda frac, msg: None)
        store.clean_leftovers(self.index_dir)
        dim = int(self.embedder.dim)
        notes = self.cache.check({"embedder": self.embedder.name, "dim": dim, "code": library_cache.code_version(),
                                  "chunk_size": self.settings.chunk_size,
                                  "chunk_size_zh": self.settings.chunk_size_zh,
                                  "chunk_overlap": self.settings.chunk_overlap})
        names = sorted(plan.docs)
        say(0.02, f"reading {len(names)} documents")
        passages: dict[str, list[dict]] = {}
        for i, name in enumerate(names):
            doc = plan.docs[name]
            cached = None if reread or doc.status == "new" else self.cache.read_passages(doc.cache_key)
            if cached is None and (reread or doc.status != "skipped"):
                doc, cached = self._read(doc)
                plan.docs[name] = doc
            passages[name] = cached or []
            if i % 20 == 0:
                say(0.02 + 0.2 * i / max(len(names), 1), f"read {i}/{len(names)} documents")
        keys = [p["key"] for name in names for p in passages[name]]
        todo = self.cache.missing(keys)
        by_key = {p["key"]: p for name in names for p in passages[name]}
        say(0.25, f"embedding {len(todo)} new passages")
        for start in range(0, len(todo), library_cache.SHARD_ROWS):
            batch = todo[start : start + library_cache.SHARD_ROWS]
            texts = [dense_text(_chunk(by_key[k], name="")) for k in batch]
            self.cache.add_vectors(batch, self.embedder.encode(texts))
            say(0.25 + 0.6 * (start + len(batch)) / len(todo), f"embedded {start + len(batch)}/{len(todo)}")
        say(0.87, "writing index")
        chunks, lexical = [], BM25Builder()
        for name in names:
            for p in passages[name]:
                chunks.append(_chunk(p, name, len(chunks)))
                lexical.add(p["tokens"])
        generation = int(self.manifest()["generation"]) + 1
        docs = [plan.docs[n] for n in names]
        index_manifest = {
            "embedder": self.embedder.name, "dim": dim, "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "roots": [str(self.root)], "files_indexed": sum(d.status == "indexed" for d in docs),
            "skipped": [Skipped(d.name, d.reason).to_json() for d in docs if d.status == "skipped"],
            "chunk_size": self.settings.chunk_size, "chunk_size_zh": self.settings.chunk_size_zh,
            "chunk_overlap": self.settings.chunk_overlap, "library_generation": generation,
        }
        stores.write_index(self.settings, self.index_dir, chunks, lexical.finish(),
                           self.cache.vectors(keys, dim), index_manifest)
        library_cache.write_json_atomic(self.root / "manifest.json", {
            "format": FORMAT, "generation": generation, "updated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "documents": [d.to_json() for d in docs]})
        self._collect_garbage(docs, set(keys), dim)
        store.clean_leftovers(self.index_dir)
        say(1.0, "done")
        newly_skipped = [Skipped(d.name, d.reason) for d in docs
                         if d.status == "skipped" and d.name in (*plan.added, *plan.updated)]
        return LibraryReport(index=self._index_label(), files=len(docs), chunks=len(chunks), embedded=len(todo),
                             seconds=time.perf_counter() - started, added=tuple(plan.added),
                             updated=tuple(plan.updated), removed=tuple(plan.removed),
                             skipped=tuple(plan.skipped + newly_skipped), notes=tuple(notes))

    def _read(self, doc: Document) -> tuple[Document, list[dict]]:
        """Parse, split and tokenize one stored document; a document that cannot be read is 'skipped'."""
        from knowledge.chunking import chunk_documents
        from knowledge.loaders import LoadLimits, load_file

        try:
            loaded = load_file(self.files_dir / f"{doc.sha256}.{doc.type}", LoadLimits.from_settings(self.settings),
                               source=doc.name, default_title=PurePosixPath(doc.name).stem)
        except SkipFile as exc:
            return replace(doc, status="skipped", reason=exc.reason, passages=0), []
        except OSError as exc:
            return replace(doc, status="skipped", reason=f"stored copy unreadable ({exc.strerror})", passages=0), []
        s = self.settings
        chunks = chunk_documents(loaded, s.chunk_size, s.chunk_overlap, s.chunk_size_zh)
        passages = []
        for c in chunks:
            entry = {k: v for k, v in c.to_json().items() if k not in ("id", "source")}
            entry["tokens"] = passage_tokens(c, self.tokenizer)
            entry["key"] = library_cache.sha256_text(self.embedder.name, dense_text(c))
            passages.append(entry)
        self.cache.write_passages(doc.cache_key, passages)
        return replace(doc, status="indexed", reason="", passages=len(passages)), passages

    def _collect_garbage(self, docs: list[Document], keys: set[str], dim: int) -> None:
        """Remove stored copies, passages and embeddings that no document of the new manifest uses."""
        files = {f"{d.sha256}.{d.type}" for d in docs}
        for path in self.files_dir.iterdir():
            if path.name not in files:
                path.unlink(missing_ok=True)
        self.cache.drop_passages({d.cache_key for d in docs if d.status == "indexed"})
        self.cache.compact(keys, dim)


def _chunk(p: dict, name: str, chunk_id: int = 0) -> Chunk:
    return Chunk(id=chunk_id, text=p["text"], source=name, title=p["title"], position=int(p["position"]),
                 lang=p.get("lang", "en"), meta=dict(p.get("meta") or {}))


def clean_name(name: str) -> str:
    """A display name: NFC, no control characters, '/' separators, no empty or dot-only parts."""
    text = "".join(ch for ch in unicodedata.normalize("NFC", str(name)) if unicodedata.category(ch)[0] != "C")
    parts = [p.strip() for p in text.replace("\\", "/").split("/")]
    return "/".join(p for p in parts if p and p not in (".", "..")) or "document"


def _expand(sources: Sequence[Source], walk_files) -> list[tuple[Path, str, str | None]]:
    """(path, name, skip reason) for every file named by ``sources``; folders are walked recursively."""
    out: list[tuple[Path, str, str | None]] = []
    for source in sources:
        path, name = (Path(source[0]), clean_name(source[1])) if isinstance(source, tuple) else (Path(source), None)
        if path.is_dir():
            out.extend((p, clean_name(n), r) for p, n, r in walk_files(path))
        elif path.is_file():
            out.append((path, name or clean_name(path.name), None))
        else:
            out.append((path, name or clean_name(path.name or str(path)),
                        "no such file or folder" if not path.exists() else "not a regular file"))
    return out
