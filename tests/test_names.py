"""The names a document goes by: file-name parts and acronyms, indexed with its passages."""

from __future__ import annotations

import pytest

from knowledge.build import passage_tokens
from knowledge.names import document_names
from knowledge.types import Chunk


@pytest.mark.parametrize("source, title, name", [
    ("docs/text-embeddings-inference_README.md", "", "tei"),
    ("docs/readme.md", "Text Embeddings Inference › Docker", "tei"),
    ("DeepSpeed-Chat_README_Chinese.md", "", "ds"),
    ("DeepSpeed-Chat_README_Chinese.md", "", "deepspeed"),
    ("Langchain-Chatchat_README.md", "目录", "chatchat"),
    ("bitsandbytes_benchmarking.md", "", "bitsandbytes"),
    ("Yi_README_CN.md", "", "yi"),
])
def test_a_document_goes_by_its_file_name_parts_and_acronyms(source, title, name):
    assert name in document_names(source, title)


@pytest.mark.parametrize("source, title, not_a_name", [
    ("ms-swift_NPU-support.md", "", "ms"),  # a two-letter piece of a hyphenated name ("latency in ms")
    ("peft_README_v0.4.0.md", "", "v0"),
    ("peft_README_v0.4.0.md", "", "readme"),
    ("Yi_README_CN.md", "", "cn"),
    ("notes.md", "Fine-tuning methods", "fm"),  # two letters: too short to name anything
])
def test_generic_parts_and_short_acronyms_are_no_names(source, title, not_a_name):
    assert not_a_name not in document_names(source, title)


def test_every_passage_is_indexed_under_its_document_names():
    chunk = Chunk(0, "Set the port with --port.", "text-embeddings-inference_README.md", "Text Embeddings Inference",
                  0, "en")
    tokens = passage_tokens(chunk)
    assert "tei" in tokens and "port" in tokens


def test_an_upper_case_prefix_and_the_next_word_make_a_short_name():
    assert "bce" in document_names("docs/BCEmbedding_README_zh.md")
    assert "llm" not in document_names("docs/LLaMA_README.md")  # LLaMA is one word, not L + La + MA
