"""Document ingestion: files and folders to langchain ``Document`` objects, refusing hostile input.

Every check that can be done on bytes runs before a parser sees them (:mod:`knowledge.safety`); PDF
parsing runs in a child process with a timeout and memory cap. Anything unusable raises
:class:`knowledge.errors.SkipFile` with a short lowercase reason; :func:`iter_documents` turns that into a
:class:`knowledge.types.Skipped` record and goes on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import (
    dataclass,
)
from pathlib import Path

from langchain_core.documents import Document

from knowledge.errors import SkipFile
from knowledge.lang import strip_invisible
from knowledge.safety import is_within, os_reason, read_capped, refuse_binary, require_kind
from knowledge.types import Skipped

log = logging.getLogger(__name__)

SUPPORTED_EXTENSIONS: tuple[str, ...] = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")
_RESERVED_META = ("source", "title", "ext")


@dataclass(frozen=True)
class LoadLimits:
    """Caps applied to every file; the defaults suit a laptop indexing a few hundred documents."""

    max_file_bytes: int = 20 * 1024 * 1024
    parse_timeout_s: float = 30.0  # PDF parsing runs in a child process with this timeout
    parse_memory_mb: int = 1024  # ... and this address-space cap (RLIMIT_AS)
    max_zip_entries: int = 2000  # DOCX: a real document has a few dozen parts
    max_zip_uncompressed: int = 200 * 1024 * 1024
    max_zip_ratio: float = 200.0  # XML deflates ~10x; 200x is a bomb, not a document
    max_chars: int = 5_000_000  # text beyond this is truncated (with a logged note)

    def __post_init__(self) -> None:
        for name in ("max_file_bytes", "parse_timeout_s", "parse_memory_mb", "max_zip_entries",
                     "max_zip_uncompressed", "max_zip_ratio", "max_chars"):
            value = getattr(self, name)
            if value <= 0:
                raise ValueError(f"LoadLimits.{name} must be positive, got {value!r}")

    @classmethod
    def from_settings(cls, settings) -> LoadLimits:
        """Limits from the settings object (max_file_mb, parse_timeout_s, parse_memory_mb)."""
        return cls(
            max_file_bytes=int(float(settings.max_file_mb) * 1024 * 1024),
            parse_timeout_s=float(settings.parse_timeout_s),
            parse_memory_mb=int(settings.parse_memory_mb),
        )


def unsupported_reason(ext: str) -> str:
    shown = ext if ext else "(no extension)"
    return f"unsupported type {shown} (supported: {', '.join(SUPPORTED_EXTENSIONS)})"


def load_file(path: Path, limits: LoadLimits = LoadLimits(), source: str | None = None,
              default_title: str | None = None) -> list[Document]:
    """One ``Document`` with the file's text; raises SkipFile(reason) for anything unusable.

    The title is the document's own (HTML title, DOCX core property...) or else ``default_title``, or else
    the file's stem.
    """
    path = Path(path)
    source = source or path.name
    ext = path.suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        raise SkipFile(unsupported_reason(ext))
    data = read_capped(path, limits.max_file_bytes)
    if not data.strip():
        raise SkipFile("empty file")
    try:
        parsed = _parse(data, ext, limits)
    except SkipFile:
        raise
    except Exception as exc:  # the parser boundary: a bug or library error on one file must not escape
        log.warning("%s: %s parser failed", source, ext, exc_info=True)
        raise SkipFile(f"{ext.lstrip('.')} parser failed ({type(exc).__name__})") from exc
    text = strip_invisible(parsed.text).strip()
    if not text:
        raise SkipFile("empty file")
    meta = {k: strip_invisible(v) if isinstance(v, str) else v
            for k, v in parsed.meta.items() if k not in _RESERVED_META}
    if len(text) > limits.max_chars:
        log.info("%s: text truncated from %d to %d characters", source, len(text), limits.max_chars)
        text = text[: limits.max_chars]
        meta["truncated"] = True
    title = strip_invisible(parsed.title or "").strip() or default_title or path.stem
    meta.update(source=source, title=title, ext=ext)
    return [Document(page_content=text, metadata=meta)]


def _parse(data: bytes, ext: str, limits: LoadLimits):
    """Sniff the bytes against the extension, then hand them to that format's parser."""
    if ext in (".txt", ".md", ".markdown"):
        from knowledge.parsers.text import parse_text

        refuse_binary(data)
        return parse_text(data, ext)
    if ext in (".html", ".htm"):
        from knowledge.parsers.html import parse_html

        refuse_binary(data)
        return parse_html(data)
    if ext == ".pdf":
        from knowledge.parsers.pdf import parse_pdf

        require_kind(data, "pdf", "PDF")
        return parse_pdf(data, limits.parse_timeout_s, limits.parse_memory_mb, limits.max_chars)
    from knowledge.parsers.docx import parse_docx

    require_kind(data, "zip", "docx (zip)")
    return parse_docx(data, limits.max_zip_entries, limits.max_zip_uncompressed, limits.max_zip_ratio)


def iter_documents(roots: Sequence[Path], limits: LoadLimits = LoadLimits()) -> Iterator[Document | Skipped]:
    """Documents from folders (walked recursively in sorted order) and single files; Skipped for bad ones.

    Hidden names (starting with ".") inside a folder are ignored; a symlink leading outside its folder
    is reported and never followed. Never raises for a bad file.
    """
    for root in roots:
        root = Path(root)
        if root.is_dir():
            yield from _load_folder(root, limits)
        elif root.exists():
            yield from _load_one(root, root.name, limits)
        else:
            yield Skipped(root.name or str(root), _missing_reason(root))


def walk_files(root: Path) -> Iterator[tuple[Path, str, str | None]]:
    """(path, name, skip reason or None) for every file under the folder ``root``; names are
    ``<folder name>/<relative path>`` as indexes show them. Same rules as :func:`iter_documents`."""
    base = Path(root).resolve()
    prefix = Path(root).name or base.name
    for path, rel, reason in _walk(base):
        yield path, f"{prefix}/{rel}" if rel else prefix, reason


def _load_folder(root: Path, limits: LoadLimits) -> Iterator[Document | Skipped]:
    base = root.resolve()
    prefix = root.name or base.name
    for path, rel, reason in _walk(base):
        source = f"{prefix}/{rel}" if rel else prefix
        if reason:
            yield Skipped(source, reason)
        else:
            yield from _load_one(path, source, limits)


def _load_one(path: Path, source: str, limits: LoadLimits) -> Iterator[Document | Skipped]:
    try:
        docs = load_file(path, limits, source=source)
    except SkipFile as exc:
        log.info("skipped %s: %s", source, exc.reason)
        yield Skipped(source, exc.reason)
        return
    except Exception as exc:  # last line of defence: one file never aborts a build
        log.exception("unexpected error loading %s", source)
        yield Skipped(source, f"unexpected error ({type(exc).__name__})")
        return
    yield from docs


def _walk(base: Path) -> Iterator[tuple[Path, str, str | None]]:
    """(path, relative posix path, skip reason or None) for every file under ``base``, sorted."""
    found: list[tuple[tuple[str, ...], Path, str | None]] = []
    stack = [base]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            reason = os_reason(exc).replace("cannot read file", "cannot read folder")
            found.append((folder.relative_to(base).parts, folder, reason))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            parts = path.relative_to(base).parts
            if entry.is_symlink():
                reason, follow = _symlink_verdict(path, base)
                if follow:
                    found.append((parts, path, None))
                elif reason:
                    found.append((parts, path, reason))
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                stack.append(path)
            else:
                found.append((parts, path, None))
    for parts, path, reason in sorted(found, key=lambda item: item[0]):
        yield path, "/".join(parts), reason


def _symlink_verdict(link: Path, base: Path) -> tuple[str | None, bool]:
    """(reason, follow): outside or dangling -> reported; hidden target or folder inside -> silently
    skipped (a folder's files are indexed through their real path; following could loop); file -> loaded."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # dangling, or a loop of links
        return "broken symlink", False
    if not is_within(target, base):
        return "symlink outside the indexed folder", False
    if any(part.startswith(".") for part in target.relative_to(base).parts):
        return None, False  # a way into a hidden file or folder: ignored like the target itself
    if target.is_dir():
        log.debug("not following folder symlink %s (inside the indexed folder)", link)
        return None, False
    return None, True


def _missing_reason(path: Path) -> str:
    try:
        path.stat()
    except OSError as exc:
        if path.is_symlink():
            return "broken symlink"
        return os_reason(exc).replace("cannot read file (no such file or directory)", "no such file or folder")
    return "not a file or folder"
