"""Child process that parses one PDF read from stdin and writes one JSON object to stdout.

Run as ``python -m knowledge.parsers.pdf_worker MAX_CHARS MEMORY_MB``. It caps its own address space
(after importing pypdf and reading the file, before parsing), so a hostile file can only exhaust the child. Output, always a single line:
``{"text": ..., "title": ..., "pages": N}`` or ``{"error": "short reason"}``.
"""

from __future__ import annotations

import io
import json
import logging
import sys
import warnings

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError


def _cap_memory(memory_mb: int) -> None:
    try:
        import resource
    except ImportError:  # not POSIX: the timeout still applies
        return

    limit = memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def extract(data: bytes, max_chars: int) -> dict:
    """Text of every page (pages joined by blank lines), stopping once ``max_chars`` is reached."""
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")  # many PDFs only have an owner password
        except (DependencyError, NotImplementedError, PdfReadError, FileNotDecryptedError, ValueError):
            opened = 0
        if not opened:
            return {"error": "encrypted PDF"}
    parts: list[str] = []
    total = 0
    failed = 0
    n_pages = len(reader.pages)
    for page in reader.pages:
        try:
            text = page.extract_text() or ""
        except FileNotDecryptedError:
            return {"error": "encrypted PDF"}
        except (MemoryError, RecursionError):
            raise
        except Exception:  # a corrupt stream on one page should not lose the others
            failed += 1
            continue
        if text.strip():
            parts.append(text)
            total += len(text)
        if total >= max_chars:
            break
    return {"text": "\n\n".join(parts)[:max_chars], "title": _title(reader), "pages": n_pages,
            "failed_pages": failed}


def _title(reader) -> str | None:
    try:
        meta = reader.metadata
        title = meta.title if meta else None
    except Exception:  # broken /Info dictionary: the title is optional
        return None
    if not title:
        return None
    return str(title).strip()[:300] or None


def main(argv: list[str]) -> int:
    max_chars, memory_mb = int(argv[0]), int(argv[1])
    out = sys.stdout
    sys.stdout = sys.stderr  # nothing but the JSON line may reach the parent's pipe
    data = sys.stdin.buffer.read()
    _cap_memory(memory_mb)
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    try:
        result = extract(data, max_chars)
    except MemoryError:
        result = {"error": f"pdf parser ran out of memory (cap {memory_mb} MB)"}
    except ImportError as exc:  # a lazy import that cannot map its library under the cap
        memory = "failed to map" in str(exc)
        result = {"error": f"pdf parser ran out of memory (cap {memory_mb} MB)" if memory
                  else f"pdf parser is missing a module ({exc.name})"}
    except RecursionError:
        result = {"error": "unreadable PDF (structure nested too deeply)"}
    except Exception as exc:  # any parser failure becomes a reason the parent can show
        result = {"error": f"unreadable PDF ({type(exc).__name__}: {str(exc)[:200]})"}
    out.write(json.dumps(result, ensure_ascii=False))
    out.write("\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
