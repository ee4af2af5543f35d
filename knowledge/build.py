"""Build an index from folders: load -> chunk -> tokenize -> embed -> write to a temp folder -> swap in."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from knowledge import store, stores
from knowledge.bm25 import build_bm25
from knowledge.chunking import chunk_documents, embedding_text
from knowledge.embedding import Embedder
from knowledge.errors import NothingIndexed
from knowledge.glossary import translations
from knowledge.lang import search_tokens
from knowledge.names import document_names
from knowledge.types import Chunk, Skipped

log = logging.getLogger(__name__)
Progress = Callable[[float, str], None]


def passage_tokens(chunk: Chunk, tokenizer: Callable[[str], list[str]] = search_tokens) -> list[str]:
    """BM25 tokens of a passage: its title, its text, the glossary terms of the other language and the names
    of its document ("tei" for every passage of text-embeddings-inference)."""
    text = embedding_text(chunk)
    names = " ".join(sorted(document_names(chunk.source, chunk.title)))
    return tokenizer(text + " " + " ".join(translations(text)) + " " + names)


def dense_text(chunk: Chunk) -> str:
    """Embedder input: title + text + English glossary terms, so an English-only model sees Chinese topics."""
    text = embedding_text(chunk)
    return text + "\n" + " ".join(translations(text))


def load_documents(roots: Sequence[Path], limits) -> tuple[list, list[Skipped], int]:
    from knowledge.loaders import iter_documents

    docs, skipped, files = [], [], set()
    for item in iter_documents([Path(r) for r in roots], limits):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            docs.append(item)
            files.add(item.metadata.get("source"))
    return docs, skipped, len(files)


def corpus_hash(docs: Sequence) -> str:
    h = hashlib.sha256()
    for d in sorted(docs, key=lambda d: (str(d.metadata.get("source")), d.page_content)):
        h.update(str(d.metadata.get("source")).encode())
        h.update(d.page_content.encode("utf-8", "replace"))
    return h.hexdigest()


def build_index(
    roots: Sequence[Path],
    index_dir: Path,
    embedder: Embedder,
    settings,
    progress: Progress | None = None,
    tokenizer: Callable[[str], list[str]] = search_tokens,
) -> store.BuildReport:
    """Index every readable file under ``roots`` into ``index_dir``. The old index serves until the swap."""
    from knowledge.loaders import LoadLimits

    started = time.perf_counter()
    index_dir = Path(index_dir)
    say = progress or (lambda frac, msg: None)
    for root in roots:
        if not Path(root).exists():
            raise NothingIndexed(f"folder {str(root)!r} does not exist")
    with store.build_lock(index_dir):
        store.clean_leftovers(index_dir)
        say(0.02, "reading files")
        docs, skipped, n_files = load_documents(roots, LoadLimits.from_settings(settings))
        if not docs:
            reasons = "; ".join(f"{s.file}: {s.reason}" for s in skipped[:5]) or "no supported files found"
            raise NothingIndexed(f"nothing to index in {', '.join(map(str, roots))} ({reasons})")
        say(0.15, f"chunking {n_files} files")
        chunks = chunk_documents(docs, settings.chunk_size, settings.chunk_overlap, settings.chunk_size_zh)
        tokens = [passage_tokens(c, tokenizer) for c in chunks]
        say(0.25, f"embedding {len(chunks)} passages")
        vectors = embedder.encode(
            [dense_text(c) for c in chunks],
            progress=lambda done, total: say(0.25 + 0.65 * done / max(total, 1), f"embedded {done}/{total}"),
        )
        manifest = {
            "embedder": embedder.name, "dim": int(vectors.shape[1]), "corpus_hash": corpus_hash(docs),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "roots": [str(r) for r in roots],
            "files_indexed": n_files, "skipped": [s.to_json() for s in skipped],
            "chunk_size": settings.chunk_size, "chunk_size_zh": settings.chunk_size_zh,
            "chunk_overlap": settings.chunk_overlap,
        }
        say(0.92, "writing index")
        stores.write_index(settings, index_dir, chunks, build_bm25(tokens), vectors, manifest)
        store.clean_leftovers(index_dir)
    say(1.0, "done")
    return store.BuildReport(index=index_dir, files_indexed=n_files, chunks=len(chunks), skipped=tuple(skipped),
                             seconds=time.perf_counter() - started)
