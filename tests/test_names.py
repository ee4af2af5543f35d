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
    ("S-LoRA_README.md", "", "s-lora"),  # a hyphenated name, as written and as typed without the hyphen
    ("S-LoRA_README.md", "", "slora"),
    ("LLaMA-Factory_README_zh.md", "", "llamafactory"),
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


def test_a_query_naming_a_document_raises_its_passages():
    from knowledge.retriever import _named_first
    from knowledge.types import Candidate

    def got(source: str) -> Candidate:
        return Candidate(Chunk(0, "text", source, "", 0, "en"), 0.0)

    found = {1: got("QAnything_usage_zh.md"), 2: got("QAnything_usage_zh.md"), 3: got("PowerInfer_README.md")}
    fused = [(1, 0.30), (2, 0.28), (3, 0.25)]
    assert [d for d, _ in _named_first(fused, found, {"编译", "powerinfer", "cmake"})][0] == 3
    assert _named_first(fused, found, {"编译", "cmake"}) == fused  # no document named: unchanged


def test_bigrams_across_two_query_words_do_not_search():
    from knowledge.lang import tokenize
    from knowledge.retriever import _query_terms

    query = "编译的时候 cmake 最低要啥版本"
    terms = _query_terms(tokenize(query), query)
    assert "cmake" in terms and "最低" in terms and "版本" in terms
    assert "要啥" not in terms and "低要" not in terms


def test_a_rare_word_of_the_query_raises_the_passages_that_hold_it():
    from knowledge.retriever import HybridRetriever, _spelled_first
    from knowledge.types import Candidate

    def got(text: str, terms: frozenset) -> Candidate:
        return Candidate(Chunk(0, text, "doc.md", "", 0, "en"), 0.0, terms)

    found = {1: got("下面是常见问题", frozenset({"下面"})), 2: got("idefics-80b int8", frozenset({"idefics", "int8"}))}
    fused = [(1, 0.25), (2, 0.20)]
    assert [d for d, _ in _spelled_first(fused, found, {"idefics"})][0] == 2
    assert _spelled_first(fused, found, set()) == fused
    idf = {"idefics": 8.3, "int8": 4.4, "下面": 5.0, "layer": 8.3}
    # a dictionary word ("layer") or a common one is no rare name; an unseen word is none either
    assert HybridRetriever._rare_words({"idefics", "int8", "下面", "layer", "sourdough"}, idf, 8.3) == {"idefics"}
