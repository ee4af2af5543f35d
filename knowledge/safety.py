"""Checks run on raw bytes before any parser sees them: size caps, type sniffing, zip and XML bombs."""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from io import BytesIO
from pathlib import Path
from typing import Literal

from knowledge.errors import SkipFile

Kind = Literal["pdf", "zip", "html", "ole", "image", "gzip", "empty", "other"]

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_HTML_START = re.compile(rb"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
# Declarations that let an XML document define entities ("billion laughs") or pull external files.
_XML_DANGER = tuple(
    p.encode(enc) for p in ("<!doctype", "<!entity") for enc in ("utf-8", "utf-16-le", "utf-16-be")
)
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_READ_CHUNK = 1 << 20
_DECOMPRESS_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError, ValueError, EOFError,
)
try:  # lzma is optional in some Python builds
    import lzma

    _DECOMPRESS_ERRORS += (lzma.LZMAError,)
except ImportError:  # pragma: no cover
    pass


def mb(n_bytes: float) -> str:
    """Megabytes with up to three significant digits: 20 -> '20', 1000 bytes -> '0.000954'."""
    return f"{n_bytes / 2**20:.3g}"


def read_capped(path: Path, max_bytes: int) -> bytes:
    """Read a regular file of at most ``max_bytes``; SkipFile for anything else (size, type, OS error)."""
    try:
        st = path.stat()
    except OSError as exc:
        raise SkipFile(os_reason(exc)) from exc
    if not stat.S_ISREG(st.st_mode):
        raise SkipFile("not a regular file")  # FIFOs and devices would block or never end
    if st.st_size > max_bytes:
        raise SkipFile(f"too large ({mb(st.st_size)} MB > cap {mb(max_bytes)} MB)")
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise SkipFile(os_reason(exc)) from exc
    if len(data) > max_bytes:  # grew after stat
        raise SkipFile(f"too large (over cap {mb(max_bytes)} MB)")
    return data


def os_reason(exc: OSError) -> str:
    """'cannot read file (permission denied)' from an OSError."""
    detail = (exc.strerror or type(exc).__name__).lower()
    return f"cannot read file ({detail})"


def sniff(data: bytes) -> Kind:
    """What the first bytes say the file is, whatever its extension claims."""
    head = data[:1024]
    if not data.strip():
        return "empty"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"  # legacy .doc/.xls
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    text_head = head
    for bom in _BOMS:
        if text_head.startswith(bom):
            text_head = text_head[len(bom):]
            break
    if b"\x00" in text_head[:64]:
        text_head = text_head.replace(b"\x00", b"")  # UTF-16 HTML
    if _HTML_START.match(text_head):
        return "html"
    return "other"


_KIND_NAMES = {"pdf": "PDF", "zip": "zip", "html": "HTML", "ole": "an old Office file", "image": "an image",
               "gzip": "gzip", "other": "something else", "empty": "empty"}


def require_kind(data: bytes, wanted: Kind, label: str) -> None:
    """SkipFile('type mismatch: ...') unless the bytes sniff as ``wanted``."""
    kind = sniff(data)
    if kind == "empty":
        raise SkipFile("empty file")
    if wanted == "pdf" and kind == "other" and b"%PDF-" in data[:1024]:
        return  # readers accept a little junk before the header
    if kind != wanted:
        seen = _KIND_NAMES[kind]
        if kind == "other":
            raise SkipFile(f"type mismatch: not a {label} file")
        raise SkipFile(f"type mismatch: looks like {seen}, not {label}")


def refuse_binary(data: bytes) -> None:
    """SkipFile('binary file, not text') for PDFs, archives and images (NUL-laden junk is caught when decoding)."""
    kind = sniff(data)
    if kind in ("pdf", "zip", "ole", "image", "gzip"):
        raise SkipFile(f"binary file, not text (looks like {_KIND_NAMES[kind]})")


def check_zip(data: bytes, max_entries: int, max_uncompressed: int, max_ratio: float) -> zipfile.ZipFile:
    """Open a zip only if it is small when unpacked and holds no XML entity declarations.

    Declared sizes are checked first; then every entry is streamed (never unpacked whole), counting real
    bytes so a header that lies about its size is caught too, and XML parts are scanned for declarations.
    """
    try:
        zf = zipfile.ZipFile(BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise SkipFile(f"corrupt zip ({exc})") from exc
    if len(infos) > max_entries:
        raise SkipFile(f"suspicious zip: too many entries ({len(infos)} > {max_entries})")
    declared = sum(i.file_size for i in infos)
    if declared > max_uncompressed:
        raise SkipFile(f"suspicious zip: unpacks to {mb(declared)} MB > cap {mb(max_uncompressed)} MB")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > max_ratio:
            raise SkipFile(f"suspicious zip: compression ratio {ratio:.0f} > {max_ratio:g} in {info.filename}")
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        total = _scan_entry(zf, info, total, max_uncompressed)
    return zf


def _scan_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, total: int, cap: int) -> int:
    """Stream one entry, counting real bytes; refuse DOCTYPE/ENTITY in XML parts. Returns the new total."""
    is_xml = info.filename.lower().endswith(_XML_SUFFIXES)
    tail = b""
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_READ_CHUNK):
                total += len(chunk)
                if total > cap:
                    raise SkipFile(f"suspicious zip: unpacks to more than {mb(cap)} MB")
                if is_xml:
                    window = (tail + chunk).lower()
                    if any(p in window for p in _XML_DANGER):
                        raise SkipFile(f"unsafe XML: DOCTYPE/ENTITY declaration in {info.filename}")
                    tail = window[-32:]
    except SkipFile:
        raise
    except _DECOMPRESS_ERRORS as exc:
        # RuntimeError: encrypted entry; NotImplementedError: unknown compression method
        raise SkipFile(f"corrupt zip ({info.filename}: {exc})") from exc
    return total


def is_within(path: Path, folder: Path) -> bool:
    """True when ``path`` (already resolved) lies inside ``folder`` (already resolved)."""
    return path == folder or folder in path.parents
