"""Files uploaded through the web app: checked here, then added to the library (``knowledge.library``).

The name the browser reports never becomes a path: it is cleaned into a display label (the document's
name in the library), and the library stores the bytes under their content hash. Only supported
extensions, regular files and files under the size limit are accepted; each refusal says why.

Earlier versions kept uploads in ``uploads/batch-*`` folders with a ``.labels.json`` each; those files
are added to the library when it is created, so nothing uploaded before is lost.
"""

from __future__ import annotations

import json
import logging
import re
import stat
import unicodedata
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
_EXTENSION = re.compile(r"\.[a-z0-9]{1,10}")


@dataclass(frozen=True)
class Upload:
    """One accepted file: the name to show for it and where the upload lies now."""

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


def check_uploads(
    files: Sequence[Path | str],
    max_mb: float,
    max_files: int,
    names: Sequence[str] | None = None,
) -> tuple[list[Upload], list[Skipped]]:
    """Accept or refuse each uploaded file: (accepted uploads with their labels, refusals with the reason).

    ``names`` are the names the browser reported (default: each file's own name); they only label files.
    """
    from knowledge.loaders import SUPPORTED_EXTENSIONS

    if max_files < 1 or max_mb <= 0:
        raise ValueError(f"need max_files >= 1 and max_mb > 0, got max_files={max_files}, max_mb={max_mb}")
    names = list(names) if names is not None else [Path(str(f)).name for f in files]
    if len(names) != len(files):
        raise ValueError(f"got {len(files)} files but {len(names)} names")
    max_bytes = int(max_mb * 2**20)
    accepted: list[Upload] = []
    refused: list[Skipped] = []
    for i, (src, name) in enumerate(zip(files, names, strict=True)):
        label = sanitize_label(name)
        if i >= max_files:
            refused.append(Skipped(label, f"too many files: at most {max_files} per upload"))
            continue
        if safe_extension(label, SUPPORTED_EXTENSIONS) is None:
            _, dot, raw = label.rpartition(".")
            shown = "." + raw.lower()[:10] if dot else "(no extension)"
            refused.append(Skipped(label, f"unsupported type {shown} (supported: {', '.join(SUPPORTED_EXTENSIONS)})"))
            continue
        reason = _check_source(Path(str(src)), max_bytes, max_mb)
        if reason is None:
            accepted.append(Upload(label=label, path=Path(str(src))))
        else:
            refused.append(Skipped(label, reason))
    return accepted, refused


def load_labels(uploads_dir: Path) -> dict[str, str]:
    """Generated file name -> original name, over every batch folder of earlier versions."""
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


def legacy_uploads(uploads_dir: Path) -> list[tuple[Path, str]]:
    """(file, label) of every upload an earlier version kept in a batch folder (oldest batch first)."""
    labels = load_labels(uploads_dir)
    root = Path(uploads_dir)
    found = sorted(root.glob(f"{BATCH_PREFIX}*/*")) if root.is_dir() else []
    return [(p, sanitize_label(labels[p.name])) for p in found if p.name in labels and p.is_file()
            and not p.is_symlink()]
