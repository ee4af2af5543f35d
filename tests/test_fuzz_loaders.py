"""Property tests: any bytes under any supported extension give Documents or SkipFile, nothing else."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from langchain_core.documents import Document

from bot.errors import SkipFile
from knowledge.loaders import SUPPORTED_EXTENSIONS, LoadLimits, load_file

LIMITS = LoadLimits(parse_timeout_s=20.0, max_zip_uncompressed=8 * 1024 * 1024)
FUZZ = settings(max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SLOW_FUZZ = settings(FUZZ, max_examples=20)  # each PDF example starts a child process


def outcome(path, data: bytes) -> str:
    """Load ``data`` from ``path``; fail the test on anything but Documents or SkipFile."""
    path.write_bytes(data)
    try:
        docs = load_file(path, LIMITS)
    except SkipFile as exc:
        assert isinstance(exc.reason, str) and exc.reason
        assert exc.reason == exc.reason.strip() and "\n" not in exc.reason
        return "skip"
    assert docs and all(isinstance(d, Document) for d in docs)
    for doc in docs:
        assert doc.page_content.strip()
        assert "\x00" not in doc.page_content
        assert doc.metadata["source"] == path.name and doc.metadata["ext"] == path.suffix
        assert isinstance(doc.metadata["title"], str) and doc.metadata["title"]
    return "docs"


def seed_pdf() -> bytes:
    content = b"BT /F1 18 Tf 72 720 Td (Fuzzed text) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def seed_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("模糊测试 fuzzing paragraph")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def mutate(seed: bytes, edits: list[tuple[int, int]]) -> bytes:
    data = bytearray(seed)
    for position, value in edits:
        data[position % len(data)] = value
    return bytes(data)


EDITS = st.lists(st.tuples(st.integers(0, 1 << 30), st.integers(0, 255)), min_size=1, max_size=8)
TEXTY = st.one_of(
    st.binary(max_size=4096),
    st.text(max_size=2000).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.text(alphabet=st.characters(codec="gb18030"), max_size=500).map(lambda s: s.encode("gb18030")),
    st.text(max_size=500).map(lambda s: s.encode("utf-16", "surrogatepass")),
)


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@pytest.mark.parametrize("ext", [e for e in SUPPORTED_EXTENSIONS if e != ".pdf"])
def test_random_bytes_never_escape(fuzz_dir, ext):
    @FUZZ
    @given(data=TEXTY)
    def check(data):
        outcome(fuzz_dir / f"random{ext}", data)

    check()


def test_random_bytes_as_pdf(fuzz_dir):
    @SLOW_FUZZ
    @given(data=st.one_of(st.binary(max_size=2048), st.binary(max_size=2048).map(lambda b: b"%PDF-1.4\n" + b)))
    def check(data):
        outcome(fuzz_dir / "random.pdf", data)

    check()


def test_mutated_pdf(fuzz_dir):
    seed = seed_pdf()
    assert outcome(fuzz_dir / "seed.pdf", seed) == "docs"

    @SLOW_FUZZ
    @given(edits=EDITS)
    def check(edits):
        outcome(fuzz_dir / "mutated.pdf", mutate(seed, edits))

    check()


def test_mutated_docx(fuzz_dir):
    seed = seed_docx()
    assert outcome(fuzz_dir / "seed.docx", seed) == "docs"
    names = zipfile.ZipFile(io.BytesIO(seed)).namelist()

    @FUZZ
    @given(edits=EDITS, drop=st.sampled_from([None, *names]))
    def check(edits, drop):
        data = mutate(seed, edits)
        if drop is not None:  # also a well-formed zip that lacks one part
            src = zipfile.ZipFile(io.BytesIO(seed))
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
                for name in names:
                    if name != drop:
                        dst.writestr(name, src.read(name))
            data = buf.getvalue()
        outcome(fuzz_dir / "mutated.docx", data)

    check()
