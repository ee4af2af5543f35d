"""Loading well-formed documents: text, metadata, titles, encodings, folder walking."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

import pytest
from langchain_core.documents import Document

from bot.errors import SkipFile
from bot.settings import Settings
from knowledge.loaders import SUPPORTED_EXTENSIONS, LoadLimits, iter_documents, load_file
from knowledge.parsers.text import split_front_matter
from knowledge.types import Skipped

NOTE = """---
title: 中文标题 | English title
source_id: S0
source_title: 选择您的训练方法 (Choosing your training method)
source_file: 000_f0f8b16c18ac4c6e.txt
---
# 中文标题
## 小节
第一段。

Second paragraph.
"""


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def load_one(path: Path, **limits) -> Document:
    docs = load_file(path, LoadLimits(**limits))
    assert len(docs) == 1
    return docs[0]


def make_docx(title: str = "") -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_heading("微调指南", level=1)
    document.add_paragraph("第一段：什么时候该用 LoRA。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "方法"
    table.cell(0, 1).text = "显存"
    table.cell(1, 0).text = "QLoRA"
    table.cell(1, 1).text = "8 GB"
    document.add_paragraph("Closing paragraph.")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_markdown_front_matter_becomes_metadata_and_is_removed_from_body(tmp_path):
    doc = load_one(write(tmp_path / "note.md", NOTE))
    assert doc.metadata["title"] == "中文标题 | English title"
    assert doc.metadata["source_id"] == "S0"
    assert doc.metadata["source_title"] == "选择您的训练方法 (Choosing your training method)"
    assert doc.metadata["source_file"] == "000_f0f8b16c18ac4c6e.txt"
    assert doc.metadata["ext"] == ".md"
    assert doc.metadata["source"] == "note.md"
    assert "source_id" not in doc.page_content and "---" not in doc.page_content
    assert doc.page_content.startswith("# 中文标题\n## 小节\n第一段。\n\nSecond paragraph.")


def test_front_matter_without_closing_fence_is_body():
    front, body = split_front_matter("---\ntitle: x\nno end")
    assert front == {} and body == "---\ntitle: x\nno end"


def test_front_matter_values_unquoted_and_junk_lines_ignored():
    front, body = split_front_matter("---\ntitle: \"Quoted: yes\"\n- a list item\nkey_2: v\n---\nbody")
    assert front == {"title": "Quoted: yes", "key_2": "v"}
    assert body == "body"


@pytest.mark.parametrize(
    ("name", "text", "title"),
    [
        ("h.md", "intro line\n\n## 第二级标题 ##\nbody", "第二级标题"),
        ("plain.md", "no heading at all", "plain"),
        ("notes.txt", "# not a title in txt", "notes"),
        ("深度学习.markdown", "正文", "深度学习"),
    ],
)
def test_title_falls_back_to_heading_then_stem(tmp_path, name, text, title):
    assert load_one(write(tmp_path / name, text)).metadata["title"] == title


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be"])
def test_text_encodings_detected(tmp_path, encoding):
    text = "微调还是检索增强？这要看数据量和预算。\nLoRA needs far less memory than a full fine-tune.\n第三行：显存。"
    doc = load_one(write(tmp_path / "t.txt", text.encode(encoding)))
    assert doc.page_content == text


def test_gb18030_only_characters(tmp_path):
    text = "生僻字：𠀀 和 㐀，还有常用字。"
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")
    assert load_one(write(tmp_path / "rare.txt", text.encode("gb18030"))).page_content == text


def test_short_gbk_text_is_read_as_chinese(tmp_path):
    assert load_one(write(tmp_path / "s.txt", "你好，世界".encode("gbk"))).page_content == "你好，世界"


def test_mixed_encodings_decode_line_by_line(tmp_path):
    data = "第一行是 UTF-8 中文\n".encode() + "第二行是 GBK 中文\n".encode("gbk") + b"plain ascii\n"
    doc = load_one(write(tmp_path / "mixed.txt", data))
    assert doc.page_content == "第一行是 UTF-8 中文\n第二行是 GBK 中文\nplain ascii"


def test_invisible_characters_stripped_and_crlf_normalized(tmp_path):
    doc = load_one(write(tmp_path / "z.txt", "A\u200bB\u202eC\r\nnext\x07 line"))
    assert doc.page_content == "ABC\nnext line"


def test_long_chinese_line_without_newline(tmp_path):
    text = "模型" * 50_000
    assert load_one(write(tmp_path / "long.txt", text)).page_content == text


def test_text_over_max_chars_is_truncated(tmp_path):
    doc = load_one(write(tmp_path / "big.txt", "x" * 5000), max_chars=1000)
    assert len(doc.page_content) == 1000
    assert doc.metadata["truncated"] is True


def test_html_text_title_and_dropped_elements(tmp_path):
    html = """<!DOCTYPE html><html><head><title> 检索增强 指南 </title>
    <style>p { color: red }</style><script>var secret = "SCRIPT";</script></head>
    <body><h1>标题</h1><p>第一段 <b>加粗</b> 文字。</p><!-- a comment -->
    <noscript>NOSCRIPT</noscript><template><p>TEMPLATE</p></template>
    <ul><li>one</li><li>two</li></ul><div>tail<br>after break</div></body></html>"""
    doc = load_one(write(tmp_path / "page.html", html))
    assert doc.metadata["title"] == "检索增强 指南"
    assert doc.metadata["ext"] == ".html"
    for hidden in ("SCRIPT", "color", "NOSCRIPT", "TEMPLATE", "a comment"):
        assert hidden not in doc.page_content
    assert doc.page_content == "标题\n\n第一段 加粗 文字。\n\none\ntwo\n\ntail\nafter break"


def test_html_without_title_uses_stem_and_meta_charset(tmp_path):
    html = '<html><head><meta charset="gb2312"></head><body><p>中文网页内容</p></body></html>'
    doc = load_one(write(tmp_path / "gb.htm", html.encode("gbk")))
    assert doc.page_content == "中文网页内容"
    assert doc.metadata["title"] == "gb"


def test_docx_paragraphs_tables_and_core_title(tmp_path):
    doc = load_one(write(tmp_path / "guide.docx", make_docx(title="Core Title")))
    assert doc.metadata["title"] == "Core Title"
    assert doc.page_content == (
        "微调指南\n\n第一段：什么时候该用 LoRA。\n\n| 方法 | 显存 |\n|---|---|\n| QLoRA | 8 GB |\n\nClosing paragraph."
    )


def test_docx_without_core_title_uses_stem(tmp_path):
    assert load_one(write(tmp_path / "无题.docx", make_docx())).metadata["title"] == "无题"


def test_explicit_source_is_kept(tmp_path):
    doc = load_file(write(tmp_path / "a.txt", "hello"), source="uploads/a.txt")[0]
    assert doc.metadata["source"] == "uploads/a.txt"


def test_supported_extensions_listed_in_unsupported_reason(tmp_path):
    with pytest.raises(SkipFile) as err:
        load_file(write(tmp_path / "x.xyz", "text"))
    assert err.value.reason.startswith("unsupported type .xyz (supported: ")
    assert all(ext in err.value.reason for ext in SUPPORTED_EXTENSIONS)


def test_iter_documents_sources_order_and_skips(tmp_path):
    root = tmp_path / "kb"
    write(root / "b.md", "# B\nbee")
    write(root / "a.txt", "aye")
    write(root / "sub" / "c.html", "<p>sea</p>")
    write(root / "sub" / "deeper" / "d.txt", "dee")
    write(root / "empty.txt", "")
    write(root / "image.png", b"\x89PNG\r\n\x1a\n....")
    write(root / ".hidden.md", "secret")
    write(root / ".git" / "config.txt", "secret")
    single = write(tmp_path / "elsewhere" / "solo.md", "solo text")
    out = list(iter_documents([root, single]))
    docs = [o for o in out if isinstance(o, Document)]
    skipped = [o for o in out if isinstance(o, Skipped)]
    assert [d.metadata["source"] for d in docs] == ["kb/a.txt", "kb/b.md", "kb/sub/c.html", "kb/sub/deeper/d.txt",
                                                    "solo.md"]
    assert [d.page_content for d in docs] == ["aye", "# B\nbee", "sea", "dee", "solo text"]
    assert {s.file: s.reason for s in skipped} == {
        "kb/empty.txt": "empty file",
        "kb/image.png": "unsupported type .png (supported: .txt, .md, .markdown, .html, .htm, .pdf, .docx)",
    }
    assert not any("secret" in d.page_content for d in docs)
    assert out == list(iter_documents([root, single]))  # deterministic


def test_iter_documents_missing_root_is_skipped_not_raised(tmp_path):
    out = list(iter_documents([tmp_path / "nope"]))
    assert out == [Skipped("nope", "no such file or folder")]


def test_load_limits_from_settings():
    limits = LoadLimits.from_settings(Settings(max_file_mb=2.5, parse_timeout_s=7.0, parse_memory_mb=512))
    assert limits.max_file_bytes == int(2.5 * 1024 * 1024)
    assert (limits.parse_timeout_s, limits.parse_memory_mb) == (7.0, 512)
    duck = LoadLimits.from_settings(SimpleNamespace(max_file_mb=1, parse_timeout_s=1, parse_memory_mb=64))
    assert duck.max_file_bytes == 1024 * 1024


def test_load_limits_reject_nonpositive_values():
    with pytest.raises(ValueError, match="max_chars must be positive, got 0"):
        LoadLimits(max_chars=0)


def test_builtin_corpus_notes_load_with_front_matter():
    corpus = Path(__file__).resolve().parent.parent / "knowledge" / "corpus"
    notes = sorted(corpus.glob("*.md"))
    if not notes:
        pytest.skip("no built-in notes yet")
    out = list(iter_documents([corpus]))
    docs = [o for o in out if isinstance(o, Document)]
    assert len(docs) == len(notes), [o for o in out if isinstance(o, Skipped)]
    for doc in docs:
        assert doc.metadata["source"].startswith("corpus/")
        assert not doc.page_content.startswith("---")
        assert doc.metadata["title"]


def test_mixed_encodings_with_short_gbk_lines(tmp_path):
    # GBK for 目录 (C4BF C2BC) happens to be valid 2-byte UTF-8; it must still read as Chinese
    data = "目录\n".encode("gbk") + "正文是 UTF-8 编码的中文。\n".encode() + "第二章\n".encode("gbk")
    doc = load_one(write(tmp_path / "mixed2.txt", data))
    assert doc.page_content == "目录\n正文是 UTF-8 编码的中文。\n第二章"


def test_text_that_mentions_file_signatures_is_still_text(tmp_path):
    text = "BMW and RIFF are words.\nA PDF starts with %PDF-1.7 and a zip with PK."
    assert load_one(write(tmp_path / "sig.md", text)).page_content == text
