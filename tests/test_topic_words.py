"""Words that name what a question is about: code identifiers searched whole, a document's own topic word making
its passages relevant, and a document the question names keeping its claim however many passages it fills."""

from __future__ import annotations

import numpy as np

from bot.read import read
from knowledge.lang import tokenize
from knowledge.retriever import _topic_words
from knowledge.types import Candidate, Chunk, Hit


def test_an_identifier_is_a_token_whole_and_in_its_parts():
    tokens = tokenize("model_max_length=2048, export CUDA_HOME=/usr/local/cuda-11.8, run inference_hf.py")
    assert {"model_max_length", "model", "max", "length", "cuda_home", "inference_hf.py", "hf", "py"} <= set(tokens)
    assert "4.51.3" in tokenize("transformers 4.51.3") and "51" not in tokenize("transformers 4.51.3")


class _Postings:
    """The two calls a search index answers for topic words: passages holding a word, and those passages."""

    def __init__(self, chunks: dict[int, Chunk], words: dict[str, list[int]]):
        self.chunks, self.words = chunks, words

    def sparse_search(self, tokens, n):
        return [(i, 1.0) for i in self.words.get(tokens[0], [])][:n]

    def fetch(self, ids, vector, terms):
        return {i: Candidate(self.chunks[i], 0.0) for i in ids}


def _chunks() -> dict[int, Chunk]:
    sources = ["pyreft_README.md"] * 20 + ["peft_README.md"] * 20 + ["lora_notes.md"] * 20
    return {i: Chunk(i, "text", src, "", 0, "en") for i, src in enumerate(sources)}


def test_a_word_only_one_document_holds_is_its_topic():
    chunks = _chunks()
    index = _Postings(chunks, {"reft": list(range(0, 15)), "adapter": [*range(3, 12), *range(25, 30)],
                               "layer": list(range(0, 8))})
    idf = {"reft": 4.0, "adapter": 4.0, "layer": 4.0, "arxiv": 9.0}
    vec = np.zeros(4, dtype="float32")
    # "adapter" is in two documents; "layer" has a dictionary translation (a common word in any language);
    # "arxiv" is rare, which the rare-word rule already covers
    assert _topic_words(index, {"reft", "adapter", "layer", "arxiv", "论文"}, idf, 10.0, vec) == {"reft"}
    # held by more passages than one document's worth: a common word, whatever document holds it
    crowded = _Postings(chunks, {"reft": list(range(0, 20)) * 4})
    assert _topic_words(crowded, {"reft"}, idf, 10.0, vec) == set()


def _hit(text: str, source: str, dense: float = 0.5) -> Hit:
    return Hit(Chunk(0, text, source, source.split("_")[0], 0, "zh"), 0.5, dense_score=dense, overlap=0.3)


def test_a_document_named_by_the_question_keeps_its_claim_when_it_fills_the_results():
    news = [_hit(f"[2024/0{m}] xtuner 支持了新的模型系列 {m}。", "xtuner_README_zh-CN.md", 0.4) for m in range(1, 8)]
    hits = [_hit("conda create --name moss python=3.8", "MOSS_README.md", 0.6), *news,
            _hit("conda create --name xtuner-env python=3.10 -y", "xtuner_README_zh-CN.md", 0.45)]
    best = read("xtuner 建 conda 环境官方推荐的 python 是几点几", hits).best
    assert best is not None and best.value == "3.10"
