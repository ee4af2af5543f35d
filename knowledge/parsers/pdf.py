"""PDF: parsed by pypdf in a child process with a timeout and an address-space cap.

pypdf can loop forever or balloon on hostile files without raising; only a separate process can be
stopped reliably. The child (:mod:`knowledge.parsers.pdf_worker`) reads the bytes from stdin and answers
with one JSON line.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from knowledge.errors import SkipFile
from knowledge.parsers import Parsed

log = logging.getLogger(__name__)

_PROJECT_ROOT = Path(__file__).resolve().parents[2]


def worker_command(max_chars: int, memory_mb: int) -> list[str]:
    """The child's command line (a seam tests replace to simulate a hang)."""
    return [sys.executable, "-m", "knowledge.parsers.pdf_worker", str(max_chars), str(memory_mb)]


def parse_pdf(data: bytes, timeout_s: float, memory_mb: int, max_chars: int) -> Parsed:
    """Text of a PDF, or SkipFile: encrypted, image-only, unreadable, timed out or out of memory."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(_PROJECT_ROOT), env.get("PYTHONPATH", "")) if p)
    env["PYTHONIOENCODING"] = "utf-8"
    try:
        proc = subprocess.run(
            worker_command(max_chars, memory_mb), input=data, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, timeout=timeout_s, env=env, check=False,
        )
    except subprocess.TimeoutExpired as exc:  # run() has already killed and reaped the child
        raise SkipFile(f"pdf parsing timed out after {timeout_s:g} s") from exc
    except OSError as exc:
        raise SkipFile(f"cannot start the pdf parser ({exc.strerror or exc})") from exc
    result = _read_result(proc.stdout)
    if result is None:
        log.warning("pdf worker exited with code %s and no result", proc.returncode)
        raise SkipFile(f"pdf parser crashed or ran out of memory (cap {memory_mb} MB)")
    if "error" in result:
        raise SkipFile(str(result["error"]))
    text = str(result.get("text", ""))
    if not text.strip():
        if result.get("failed_pages") and result.get("failed_pages") == result.get("pages"):
            raise SkipFile("unreadable PDF (no page could be parsed)")
        raise SkipFile("no text (image-only or empty PDF)")
    if result.get("failed_pages"):
        log.info("pdf: %s of %s pages could not be read", result["failed_pages"], result.get("pages"))
    title = result.get("title")
    return Parsed(text=text, title=str(title) if title else None, meta={"pages": int(result.get("pages", 0))})


def _read_result(stdout: bytes) -> dict | None:
    lines = stdout.strip().splitlines()
    if not lines:
        return None
    try:
        result = json.loads(lines[-1].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return result if isinstance(result, dict) else None
