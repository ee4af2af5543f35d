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


TOKENIZERS = """## 分词器

对 MiniMind 这种小模型，词表大小直接影响 embedding 层的参数占比，所以 MiniMind 的词表保持得很小。

几个开源模型（Yi、Qwen2、Llama 3）的 tokenizer 词表大小如下：

| Tokenizer模型 | 词表大小 | 来源 |
|-----------|------------|--------|
| Yi | 64,000 | 01万物 |
| Qwen2 | 151,643 | 阿里云 |
| Llama 3 | 128,000 | Meta |
| MiniMind | 6,400 | 自定义 |
"""


def test_a_document_named_only_to_say_where_to_look_names_none_of_its_rows():
    from knowledge.tables import cells_in, parse_tables

    cells = parse_tables(TOKENIZERS)
    hits = [Hit(Chunk(0, TOKENIZERS, "minimind_README.md", "MiniMind", 0, "en",
                      meta={"cells": cells_in(TOKENIZERS, cells)}), 1.0, dense_score=0.5)]
    best = read("whats the vocab size of Qwen2's tokenizer in the comparison table in the minimind readme?", hits).best
    assert best is not None and best.value == "151,643"
    best = read("minimind readme: what vocab size does MiniMind's own tokenizer have?", hits).best
    assert best is not None and best.value == "6,400"


def test_a_locator_is_a_document_name_written_only_before_readme_or_table():
    from bot.read.hints import locators as _locators

    hits = [Hit(Chunk(0, "text", "minimind_README.md", "MiniMind", 0, "en"), 1.0)]
    assert _locators("vocab size of Qwen2's tokenizer in the minimind readme?", hits) == {"minimind"}
    assert _locators("minimind readme: what vocab size does minimind's own tokenizer have?", hits) == frozenset()
    baichuan = [Hit(Chunk(0, "text", "Baichuan-13B_README.md", "Baichuan-13B", 0, "en"), 1.0)]
    assert _locators("baichuan-13b vs llama-13b speed table: tokens/s of baichuan-13b?", baichuan) == frozenset()


def test_a_locator_names_no_row_of_the_documents_table():
    from bot.read.cells import cell_candidates
    from bot.read.reader import _weights
    from knowledge.tables import cells_in, parse_tables

    hit = Hit(Chunk(0, TOKENIZERS, "minimind_README.md", "MiniMind", 0, "zh",
                    meta={"cells": cells_in(TOKENIZERS, parse_tables(TOKENIZERS))}), 1.0, dense_score=0.5)
    question = "vocab size of Qwen2's tokenizer in the minimind readme?"
    weights = _weights(question)
    scored = {c.row: c.score for c in cell_candidates(hit, weights, sum(weights.values()), ("number",), 0.0,
                                                      locators=frozenset({"minimind"}))}
    assert scored["Qwen2"] > scored.get("MiniMind", float("-inf"))
