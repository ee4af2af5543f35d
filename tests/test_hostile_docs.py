"""Hostile and broken files: each is refused with a short reason, never crashes or hangs the loader."""

from __future__ import annotations

import io
import os
import struct
import sys
import zipfile
from pathlib import Path

import pytest
from langchain_core.documents import Document

from bot.errors import SkipFile
from knowledge.loaders import LoadLimits, iter_documents, load_file
from knowledge.parsers import pdf as pdf_parser
from knowledge.types import Skipped


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def skip_reason(path: Path, **limits) -> str:
    with pytest.raises(SkipFile) as err:
        load_file(path, LoadLimits(**limits))
    return err.value.reason


# --- PDF builders -----------------------------------------------------------------------------------

def make_pdf(objects: list[bytes]) -> bytes:
    """A PDF with a correct xref table; ``objects[i]`` is the body of object i+1 (object 1: the catalog)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def page_pdf(content: bytes | None, extra: bytes = b"") -> bytes:
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >>"
    page += b" /Contents 4 0 R >>" if content is not None else b" >>"
    stream = b"<< /Length %d %s>>\nstream\n" % (len(content or b""), extra) + (content or b"") + b"\nendstream"
    return make_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page,
        stream,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def text_pdf(*lines: str) -> bytes:
    shown = b" ".join(b"(%s) Tj T*" % line.encode("ascii") for line in lines)
    return page_pdf(b"BT /F1 18 Tf 72 720 Td 22 TL " + shown + b" ET")


def encrypted_pdf(user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf("Secret plans"))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# --- PDF ----------------------------------------------------------------------------------------------

def test_real_pdf_loads_in_child_process(tmp_path):
    doc = load_file(write(tmp_path / "paper.pdf", text_pdf("Retrieval beats fine-tuning", "for fresh facts")))[0]
    assert doc.page_content == "Retrieval beats fine-tuning\nfor fresh facts"
    assert doc.metadata["pages"] == 1 and doc.metadata["title"] == "paper" and doc.metadata["ext"] == ".pdf"


def test_encrypted_pdf(tmp_path):
    assert skip_reason(write(tmp_path / "locked.pdf", encrypted_pdf("user-secret"))) == "encrypted PDF"


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    doc = load_file(write(tmp_path / "owner.pdf", encrypted_pdf("")))[0]
    assert doc.page_content == "Secret plans"


def test_image_only_or_empty_pdf(tmp_path):
    assert skip_reason(write(tmp_path / "blank.pdf", page_pdf(None))) == "no text (image-only or empty PDF)"
    image_only = page_pdf(b"q 100 0 0 100 0 0 cm Q")
    assert skip_reason(write(tmp_path / "img.pdf", image_only)) == "no text (image-only or empty PDF)"


def test_pdf_with_corrupt_stream(tmp_path):
    corrupt = page_pdf(b"\x01\x9c not deflate data at all \xff\x00", extra=b"/Filter /FlateDecode ")
    reason = skip_reason(write(tmp_path / "corrupt.pdf", corrupt))
    assert reason in ("no text (image-only or empty PDF)", "unreadable PDF (no page could be parsed)")


def test_pdf_with_page_tree_reference_loop(tmp_path):
    loop = make_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])
    reason = skip_reason(write(tmp_path / "loop.pdf", loop), parse_timeout_s=20)
    assert reason.startswith(("unreadable PDF", "pdf parsing timed out", "no text"))


def test_truncated_pdf(tmp_path):
    data = text_pdf("Some text here")
    reason = skip_reason(write(tmp_path / "cut.pdf", data[: len(data) // 3]))
    assert reason.startswith(("unreadable PDF", "no text"))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html><body>not a pdf</body></html>", "type mismatch: looks like HTML, not PDF"),
        (b"  <!DOCTYPE html><html></html>", "type mismatch: looks like HTML, not PDF"),
        (b"PK\x03\x04" + b"\x00" * 40, "type mismatch: looks like zip, not PDF"),
        (b"just some words", "type mismatch: not a PDF file"),
    ],
)
def test_pdf_type_mismatch(tmp_path, data, reason):
    assert skip_reason(write(tmp_path / "fake.pdf", data)) == reason


def test_pdf_with_junk_before_the_header_is_read(tmp_path):
    doc = load_file(write(tmp_path / "junk.pdf", b"\x00\x01junk\n" + text_pdf("After junk")))[0]
    assert doc.page_content == "After junk"


def test_hung_pdf_parse_is_killed_at_the_timeout(tmp_path, monkeypatch):
    pid_file = tmp_path / "pid"
    hang = [sys.executable, "-c",
            "import os, sys, time; open(sys.argv[1], 'w').write(str(os.getpid())); time.sleep(600)", str(pid_file)]
    monkeypatch.setattr(pdf_parser, "worker_command", lambda max_chars, memory_mb: hang)
    path = write(tmp_path / "slow.pdf", text_pdf("never read"))
    assert skip_reason(path, parse_timeout_s=1.0) == "pdf parsing timed out after 1 s"
    if pid_file.exists() and pid_file.read_text():  # the child got far enough to say who it was
        with pytest.raises(ProcessLookupError):
            os.kill(int(pid_file.read_text()), 0)  # killed and reaped, not left running


def test_pdf_parse_over_the_memory_cap_is_refused(tmp_path):
    reason = skip_reason(write(tmp_path / "big.pdf", text_pdf("hello")), parse_memory_mb=10)
    assert "out of memory (cap 10 MB)" in reason


def test_crashing_pdf_worker(tmp_path, monkeypatch):
    crash = [sys.executable, "-c", "import os; os._exit(3)"]
    monkeypatch.setattr(pdf_parser, "worker_command", lambda max_chars, memory_mb: crash)
    reason = skip_reason(write(tmp_path / "c.pdf", text_pdf("x")))
    assert reason == "pdf parser crashed or ran out of memory (cap 1024 MB)"


# --- DOCX ---------------------------------------------------------------------------------------------

def make_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("A harmless paragraph.")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def rewrite_zip(data: bytes, change) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info)))
    return out.getvalue()


def zeros_docx(mb: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (mb * 1024 * 1024))
    return out.getvalue()


def test_docx_zip_bomb_ratio(tmp_path):
    bomb = write(tmp_path / "bomb.docx", zeros_docx(50))
    assert bomb.stat().st_size < 200_000
    reason = skip_reason(bomb, max_zip_uncompressed=1024 * 1024 * 1024)
    assert reason.startswith("suspicious zip: compression ratio ") and reason.endswith("> 200 in word/document.xml")


def test_docx_zip_bomb_total_size(tmp_path):
    bomb = write(tmp_path / "bomb.docx", zeros_docx(50))
    reason = skip_reason(bomb, max_zip_ratio=1e9, max_zip_uncompressed=10 * 1024 * 1024)
    assert reason == "suspicious zip: unpacks to 50 MB > cap 10 MB"


def test_docx_too_many_entries(tmp_path):
    crowded = rewrite_zip(make_docx(), lambda name, data: data)
    with zipfile.ZipFile(io.BytesIO(crowded)) as zf:
        entries = len(zf.infolist())
    reason = skip_reason(write(tmp_path / "crowded.docx", crowded), max_zip_entries=entries - 1)
    assert reason == f"suspicious zip: too many entries ({entries} > {entries - 1})"


def test_docx_with_sizes_that_lie_in_the_zip_header(tmp_path):
    big = rewrite_zip(make_docx(), lambda n, d: d + b" " * 3_000_000 if n == "word/document.xml" else d)
    info = zipfile.ZipFile(io.BytesIO(big)).getinfo("word/document.xml")
    lying = big.replace(struct.pack("<I", info.file_size), struct.pack("<I", 1000))
    reason = skip_reason(write(tmp_path / "liar.docx", lying), max_zip_uncompressed=1024 * 1024)
    assert reason.startswith(("corrupt zip", "suspicious zip"))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_docx_entity_bomb_refused(tmp_path, encoding):
    bomb = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'

    def inject(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        text = data.decode("utf-8").replace("<w:document", bomb + "<w:document", 1)
        return text.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"').encode(encoding)

    reason = skip_reason(write(tmp_path / "lol.docx", rewrite_zip(make_docx(), inject)))
    assert reason == "unsafe XML: DOCTYPE/ENTITY declaration in word/document.xml"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"plain text pretending", "type mismatch: not a docx (zip) file"),
        (b"%PDF-1.4 whatever", "type mismatch: looks like PDF, not docx (zip)"),
    ],
)
def test_docx_that_is_not_a_zip(tmp_path, data, reason):
    assert skip_reason(write(tmp_path / "fake.docx", data)) == reason


def test_zip_that_is_not_a_word_document(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("readme.txt", "hi")
    assert skip_reason(write(tmp_path / "x.docx", out.getvalue())) == "not a word document (word/document.xml missing)"


def test_corrupt_zip(tmp_path):
    assert skip_reason(write(tmp_path / "c.docx", b"PK\x03\x04" + b"junk" * 10)).startswith("corrupt zip")


# --- HTML ---------------------------------------------------------------------------------------------

def test_two_megabyte_single_line_html(tmp_path):
    line = "<html><body><p>" + ("检索增强生成 retrieval <b>bold</b> text " * 50_000) + "</p></body></html>"
    assert len(line.encode()) > 2 * 1024 * 1024 and "\n" not in line
    doc = load_file(write(tmp_path / "long.html", line))[0]
    assert doc.page_content.startswith("检索增强生成 retrieval bold text 检索增强生成")
    assert doc.page_content.count("retrieval") == 50_000


@pytest.mark.parametrize("tag", ["div", "span", "b"])
def test_ten_thousand_nested_tags(tmp_path, tag):
    html = f"<html><body>{f'<{tag}>' * 10_000}deep text{f'</{tag}>' * 10_000}</body></html>"
    doc = load_file(write(tmp_path / "deep.html", html))[0]
    assert doc.page_content == "deep text"


def test_unclosed_nesting_and_broken_markup(tmp_path):
    html = "<div>" * 10_000 + "<p>still here<table><tr><td>cell" + "<!-- never closed"
    assert "still here" in load_file(write(tmp_path / "broken.html", html))[0].page_content


def test_html_with_only_script_is_empty(tmp_path):
    assert skip_reason(write(tmp_path / "s.html", "<script>alert(1)</script><style>a{}</style>")) == "empty file"


# --- text, size, type, permissions --------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"   \n\t \r\n", "\ufeff  \n".encode("utf-16")])
def test_empty_or_whitespace_only(tmp_path, data):
    assert skip_reason(write(tmp_path / "e.txt", data)) == "empty file"


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 20, b"text\x00with\x00nul\x00bytes" * 10, b"\x89PNG\r\n\x1a\n" + b"\x01\x02" * 50],
)
def test_binary_junk_in_text_file(tmp_path, data):
    assert skip_reason(write(tmp_path / "junk.txt", data)).startswith("binary file, not text")


def test_binary_in_markdown_and_html(tmp_path):
    assert skip_reason(write(tmp_path / "j.md", os.urandom(4096) + b"\x00")).startswith("binary file, not text")
    assert skip_reason(write(tmp_path / "j.html", b"%PDF-1.4\n...")).startswith("binary file, not text")


def test_file_over_the_size_cap(tmp_path):
    path = write(tmp_path / "big.txt", b"a" * (3 * 1024 * 1024))
    assert skip_reason(path, max_file_bytes=1024 * 1024) == "too large (3 MB > cap 1 MB)"


def test_unknown_extension(tmp_path):
    assert skip_reason(write(tmp_path / "x.exe", b"MZ")).startswith("unsupported type .exe (supported: .txt")
    assert skip_reason(write(tmp_path / "Makefile", b"all:")).startswith("unsupported type (no extension)")


def test_unreadable_file(tmp_path):
    path = write(tmp_path / "secret.txt", "top secret")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: permissions do not stop reading")
        assert skip_reason(path) == "cannot read file (permission denied)"
    finally:
        path.chmod(0o600)


def test_missing_file_reason_carries_os_error(tmp_path):
    assert skip_reason(tmp_path / "gone.txt") == "cannot read file (no such file or directory)"


def test_fifo_is_not_opened(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert skip_reason(fifo) == "not a regular file"


# --- folders: symlinks, and one bad file never stops the walk -------------------------------------------

def test_symlinks_outside_the_folder_are_never_followed(tmp_path):
    outside = tmp_path / "outside"
    write(outside / "private.md", "PRIVATE")
    root = tmp_path / "kb"
    write(root / "ok.md", "fine")
    (root / "file_link.md").symlink_to(outside / "private.md")
    (root / "dir_link").symlink_to(outside, target_is_directory=True)
    (root / "inside_link.md").symlink_to(root / "ok.md")
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    write(root / ".git" / "secret.md", "HIDDEN")
    (root / "to_hidden.md").symlink_to(root / ".git" / "secret.md")
    out = list(iter_documents([root]))
    docs = {o.metadata["source"]: o.page_content for o in out if isinstance(o, Document)}
    skipped = {o.file: o.reason for o in out if isinstance(o, Skipped)}
    assert docs == {"kb/inside_link.md": "fine", "kb/ok.md": "fine"}
    assert skipped == {
        "kb/dir_link": "symlink outside the indexed folder",
        "kb/file_link.md": "symlink outside the indexed folder",
        "kb/dangling.md": "broken symlink",
    }


def test_bad_files_never_abort_the_walk(tmp_path):
    root = tmp_path / "kb"
    write(root / "a.txt", "first")
    write(root / "b.pdf", b"<html>fake</html>")
    write(root / "c.docx", zeros_docx(5))
    write(root / "d.txt", bytes(range(256)) * 4)
    write(root / "e.md", "")
    write(root / "f.html", "<p>" * 10_000 + "last")
    out = list(iter_documents([root], LoadLimits(max_zip_uncompressed=1024 * 1024)))
    kinds = [(type(o).__name__, o.metadata["source"] if isinstance(o, Document) else o.file) for o in out]
    assert kinds == [("Document", "kb/a.txt"), ("Skipped", "kb/b.pdf"), ("Skipped", "kb/c.docx"),
                     ("Skipped", "kb/d.txt"), ("Skipped", "kb/e.md"), ("Document", "kb/f.html")]


def test_unexpected_parser_error_becomes_a_skip(tmp_path, monkeypatch):
    from knowledge.parsers import html as html_parser

    def boom(data: bytes):
        raise RuntimeError("parser bug")

    monkeypatch.setattr(html_parser, "parse_html", boom)
    root = tmp_path / "kb"
    write(root / "a.html", "<p>x</p>")
    write(root / "b.txt", "still loaded")
    out = list(iter_documents([root]))
    assert out[0] == Skipped("kb/a.html", "html parser failed (RuntimeError)")
    assert isinstance(out[1], Document) and out[1].page_content == "still loaded"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16"])
def test_utf16_html_saved_as_pdf_is_recognised(tmp_path, encoding):
    data = "<html><body>hi</body></html>".encode(encoding)
    assert skip_reason(write(tmp_path / "u.pdf", data)) == "type mismatch: looks like HTML, not PDF"
