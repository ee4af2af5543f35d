import pytest
from langchain_core.documents import Document

from knowledge.chunking import chunk_documents, sizes_ok, split_sections

NOTE = """# 中文标题

## 显存
LoRA 可以把显存需求降低约 90%。它还可以交换适配器。

# English title

## Memory
LoRA cuts GPU memory needs by about 90%. Adapters can be swapped.
"""


def doc(text, source="a.md", title="中文标题 | English title", ext=".md"):
    return Document(page_content=text, metadata={"source": source, "title": title, "ext": ext, "source_id": "S0"})


def test_markdown_sections_keep_titles_and_language():
    chunks = chunk_documents([doc(NOTE)], 480, 60, 280)
    assert [c.lang for c in chunks] == ["zh", "en"]
    assert chunks[0].title == "中文标题 › 显存"
    assert chunks[1].title == "English title › Memory"
    assert all(c.meta["source_id"] == "S0" for c in chunks)
    assert [c.position for c in chunks] == [0, 1]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_long_text_respects_size_and_splits_on_sentences(lang):
    sentence = "微调需要一百到一万个示例。" if lang == "zh" else "Fine-tuning needs 100 to 10,000 examples. "
    text = sentence * 200
    chunks = chunk_documents([doc(text, ext=".txt", title="t")], 300, 40, 150)
    assert len(chunks) > 5
    assert sizes_ok(chunks, 300, 150)
    end = "。" if lang == "zh" else "."
    assert sum(c.text.endswith(end) for c in chunks) >= len(chunks) - 1


def test_100k_chinese_chars_without_newline():
    text = "模型" * 50_000
    chunks = chunk_documents([doc(text, ext=".txt", title="t")], 480, 60, 280)
    assert sizes_ok(chunks, 480, 280)
    assert sum(len(c.text) for c in chunks) >= 100_000


def test_split_sections_nested_headings():
    secs = split_sections("# A\ntext a\n## B\ntext b\n### C\ntext c\n## D\ntext d")
    assert [h for h, _ in secs] == ["A", "A › B", "A › B › C", "A › D"]


def test_sibling_headings_below_the_top_level_stay_siblings():
    secs = [h for h, _ in split_sections("## A\na\n## B\nb\n#### C\nc\n### D\nd\n# E\ne")]
    assert secs == ["A", "B", "B › C", "B › D", "E"]


def test_a_collapsible_block_is_a_section_named_by_its_summary():
    """GitHub READMEs fold one table per model under <details><summary>Llama 3.1 70B</summary>."""
    text = ("## H100\n<details>\n<summary>Llama 3.1 8B</summary>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n</details>\n"
            "<details><summary><b>Llama 3.1 70B</b></summary>\n\n| a | b |\n|---|---|\n| 3 | 4 |\n</details>\n\nafter\n")
    secs = split_sections(text)
    assert [h for h, _ in secs] == ["H100 · Llama 3.1 8B", "H100 · Llama 3.1 70B", "H100"]
    assert "| 3 | 4 |" in secs[1][1] and "<details>" not in secs[1][1] and secs[2][1] == "after"


def test_a_wide_padded_table_keeps_whole_rows_and_its_cells():
    """Alignment padding made each row longer than a passage, so rows were cut mid-row and no cell was found."""
    pad = " " * 90
    text = (f"# Frameworks\n\n| framework {pad}| Alpha {pad}| Beta {pad}|\n|{'-' * 100}|{'-' * 100}|{'-' * 100}|\n"
            f"| engines {pad}| vLLM, GPTQ {pad}| GGUF, GGML {pad}|\n| types {pad}| LLM, Vision {pad}| LLM {pad}|\n")
    chunks = chunk_documents([Document(page_content=text, metadata={"source": "f.md", "ext": ".md"})], 300, 40)
    cells = [tuple(c[:3]) for ch in chunks for c in ch.meta.get("cells", ())]
    assert any(col == "Beta" and value == "GGUF, GGML" for _, col, value in cells), cells
    assert all("  " not in line for ch in chunks for line in ch.text.splitlines() if line.startswith("|"))


def test_two_headings_with_nothing_between_them_name_one_section():
    text = "# CLI\n\n##### `--request-count <int>`\n##### `--num-requests <int>`\n\nRequests to measure.\n(default: `10`)\n\n##### `--seed`\n\nSeed. (default: `0`)\n"
    sections = dict(split_sections(text))
    assert sections["CLI › `--request-count <int>` / `--num-requests <int>`"].endswith("(default: `10`)")
    assert sections["CLI › `--seed`"] == "Seed. (default: `0`)"


def test_only_option_headings_with_nothing_between_them_are_merged():
    sections = dict(split_sections("# Guide\n## 目录\n## 介绍\n\nSome text.\n"))
    assert sections == {"Guide › 介绍": "Some text."}
