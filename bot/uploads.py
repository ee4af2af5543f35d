"""Store files uploaded through the web app under generated names, one batch folder per upload.

The original file name never becomes a path: it is kept only as a display label in the batch's
``.labels.json`` (a hidden file, so the index build neither reads nor reports it). Stored names are a
random hex id plus the lowercased extension, and only supported extensions are kept.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import stat
import time
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import (
    dataclass,
)
from pathlib import Path

from knowledge.types import Skipped

log = logging.getLogger(__name__)

LABELS_FILE = ".labels.json"
BATCH_PREFIX = "batch-"
MAX_LABEL_CHARS = 120
_COPY_CHUNK = 1 << 20
_EXTENSION = re.compile(r"\.[a-z0-9]{1,10}")


@dataclass(frozen=True)
class StoredUpload:
    """One accepted file: its original name (display only) and the generated path it was copied to."""

    label: str
    path: Path


def sanitize_label(name: str) -> str:
    """The last path component of an uploaded name, without control characters, at most 120 characters."""
    text = unicodedata.normalize("NFC", str(name))
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")  # NUL, newlines, bidi marks
    base = re.split(r"[\\/]", text)[-1].strip().strip(".").strip()
    if len(base) > MAX_LABEL_CHARS:
        stem, dot, ext = base.rpartition(".")
        keep = ("." + ext) if dot and len(ext) <= 10 else ""
        base = base[: MAX_LABEL_CHARS - len(keep) - 1] + "…" + keep
    return base or "upload"


def safe_extension(label: str, allowed: Sequence[str]) -> str | None:
    """The label's lowercased extension when it is one of ``allowed``, else None."""
    _, dot, ext = label.rpartition(".")
    ext = "." + ext.lower() if dot else ""
    return ext if _EXTENSION.fullmatch(ext) and ext in allowed else None


def _size_mb(n_bytes: int) -> str:
    return f"{n_bytes / 2**20:.3g}"


def _copy_capped(src: Path, dest: Path, max_bytes: int) -> None:
    """Copy ``src`` into a new file ``dest``; ValueError if it turns out larger than ``max_bytes``."""
    written = 0
    with open(src, "rb") as fin, open(dest, "xb") as fout:
        while chunk := fin.read(_COPY_CHUNK):
            written += len(chunk)
            if written > max_bytes:
                raise ValueError("grew past the size limit while being copied")
            fout.write(chunk)


def _check_source(src: Path, max_bytes: int, max_mb: float) -> str | None:
    """A reason to refuse the uploaded temp file, or None."""
    try:
        st = src.stat()
    except OSError as exc:
        return f"cannot read the uploaded file ({exc.strerror or type(exc).__name__})"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file"
    if st.st_size > max_bytes:
        return f"too large ({_size_mb(st.st_size)} MB > limit {max_mb:g} MB)"
    return None


def store_uploads(
    files: Sequence[Path | str],
    uploads_dir: Path,
    max_mb: float,
    max_files: int,
    names: Sequence[str] | None = None,
) -> tuple[Path | None, list[StoredUpload], list[Skipped]]:
    """Copy uploaded files into a new batch folder under ``uploads_dir`` with generated names.

    ``names`` are the names the browser reported (default: each file's own name); they only label the
    files. Returns (batch folder or None when nothing was accepted, accepted files, refused files with
    the reason for each).
    """
    from knowledge.loaders import SUPPORTED_EXTENSIONS

    if max_files < 1 or max_mb <= 0:
        raise ValueError(f"need max_files >= 1 and max_mb > 0, got max_files={max_files}, max_mb={max_mb}")
    names = list(names) if names is not None else [Path(str(f)).name for f in files]
    if len(names) != len(files):
        raise ValueError(f"got {len(files)} files but {len(names)} names")
    max_bytes = int(max_mb * 2**20)
    batch = Path(uploads_dir) / f"{BATCH_PREFIX}{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
    batch.mkdir(parents=True, mode=0o700)
    stored: list[StoredUpload] = []
    rejected: list[Skipped] = []
    for i, (src, name) in enumerate(zip(files, names, strict=True)):
        label = sanitize_label(name)
        if i >= max_files:
            rejected.append(Skipped(label, f"too many files: at most {max_files} per upload"))
            continue
        ext = safe_extension(label, SUPPORTED_EXTENSIONS)
        if ext is None:
            _, dot, raw = label.rpartition(".")
            shown = "." + raw.lower()[:10] if dot else "(no extension)"
            rejected.append(Skipped(label, f"unsupported type {shown} (supported: {', '.join(SUPPORTED_EXTENSIONS)})"))
            continue
        src = Path(str(src))
        reason = _check_source(src, max_bytes, max_mb)
        if reason is None:
            dest = batch / f"{uuid.uuid4().hex}{ext}"
            try:
                _copy_capped(src, dest, max_bytes)
            except ValueError as exc:
                dest.unlink(missing_ok=True)
                reason = f"could not store the file ({exc})"
            except OSError as exc:
                dest.unlink(missing_ok=True)
                reason = f"could not store the file ({exc.strerror or type(exc).__name__})"
            else:
                stored.append(StoredUpload(label=label, path=dest))
                continue
        rejected.append(Skipped(label, reason))
    if not stored:
        shutil.rmtree(batch, ignore_errors=True)
        return None, stored, rejected
    labels = {s.path.name: s.label for s in stored}
    (batch / LABELS_FILE).write_text(json.dumps(labels, ensure_ascii=False, indent=1), encoding="utf-8")
    log.info("stored %d uploaded files in %s (%d refused)", len(stored), batch, len(rejected))
    return batch, stored, rejected


def load_labels(uploads_dir: Path) -> dict[str, str]:
    """Generated file name -> original name, over every batch folder under ``uploads_dir``."""
    labels: dict[str, str] = {}
    root = Path(uploads_dir)
    if not root.is_dir():
        return labels
    for path in sorted(root.glob(f"{BATCH_PREFIX}*/{LABELS_FILE}")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable %s: %s", path, exc)
            continue
        if isinstance(data, dict):
            labels.update({str(k): str(v) for k, v in data.items()})
    return labels


def prune_batches(uploads_dir: Path, keep: Path | None = None) -> int:
    """Delete every batch folder except ``keep``; returns how many were removed."""
    root = Path(uploads_dir)
    if not root.is_dir():
        return 0
    keep_name = Path(keep).name if keep else None
    removed = 0
    for entry in root.iterdir():
        if entry.name.startswith(BATCH_PREFIX) and entry.name != keep_name and entry.is_dir() \
                and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
            removed += 1
    if removed:
        log.info("removed %d old upload batches from %s", removed, root)
    return removed

