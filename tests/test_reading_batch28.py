"""Reading in other people's documents: sibling tables about different model sizes, a unit spelt another way, a
ratio column, a number the question already gives, and a model name that the row and its column both hold."""

from __future__ import annotations

from bot.read import read
from bot.read.candidate import bridged, coverage, restates, without
from bot.read.cells import model_sizes
from knowledge.parsers.html import html_tables_to_markdown
from knowledge.tables import cells_in, parse_tables
from knowledge.types import Chunk, Hit

MEMORY = """### GPU Memory Usage

For Acme LLM 7B, we use 1 A100-40GB GPU for inference.

<table><thead><tr><th>Batch Size</th><th>256</th><th>4096</th></tr></thead><tbody>
<tr><td>1</td><td>13.29 GB</td><td>21.25 GB</td></tr><tr><td>2</td><td>13.63 GB</td><td>29.59 GB</td></tr></tbody></table>

For Acme LLM 67B, we use 8 A100-40GB GPUs for inference.

<table><thead><tr><th>Batch Size</th><th>256</th><th>4096</th></tr></thead><tbody>
<tr><td>1</td><td>16.92 GB</td><td>33.23 GB</td></tr><tr><td>2</td><td>17.04 GB</td><td>OOM</td></tr></tbody></table>
"""

SPEED = """### Tensor Parallelism
| Model    | Number of GPUs | Tokens/Second | Memory Bandwidth (GB/s) |
| -------- | ------- | ------ | ------ |
| Llama-2-7B  | 1    |  104.9  | 1397.31 |
|           | 2   | 168.84   | 1181.99 |
"""

RATIO = """max_output_len=300

| Batch_size | Megatron(token/s) | trt-llm(token/s) | 性能提升(倍) |
| :---: | :---: | :---: | :---: |
| 1 | 29 | 124 | 4.35 |
| 4 | 114 | 477 | 4.17 |
"""

EMBED = """## Compression

| Model | Params | Score (fraction of acme-embed-m-v1.5) |
| --- | --- | --- |
| acme-embed-m-v1.5 | 109M | 54.2 (100%) |

The model pairs well with scalar quantization: as little as 128 bytes per vector (24x compression compared to
768 dimensional vectors stored in float32).
"""


def _hits(text: str, source: str = "doc.md") -> list[Hit]:
    text = html_tables_to_markdown(text)
    cells = parse_tables(text)
    chunk = Chunk(0, text, source, "Doc", 0, "en", meta={"cells": cells_in(text, cells)})
    return [Hit(chunk, 1.0, dense_score=0.4)]


def test_the_table_about_the_asked_model_size_wins():
    found = read("acme llm 7b, batch size 1, sequence length 4096: peak memory?", _hits(MEMORY))
    assert found.best is not None and found.best.value == "21.25 GB"
    found = read("acme llm 67b, batch size 1, sequence length 4096: peak memory?", _hits(MEMORY))
    assert found.best is not None and found.best.value == "33.23 GB"


def test_a_bound_names_no_model_size():
    assert model_sizes("the best baseline (<10B model)") == set() and model_sizes("参数在 10B 以下") == set()
    assert model_sizes("Qwen 72B vs 1.8B") == {"72b", "1.8b"}


def test_tok_per_second_meets_a_tokens_per_second_header():
    found = read("Llama-2-7B on 2 gpus, how many tok/s?", _hits(SPEED))
    assert found.best is not None and found.best.value == "168.84"
    found = read("Llama-2-7B 两卡 tokens/s 是多少", _hits(SPEED))
    assert found.best is not None and found.best.value == "168.84"


def test_a_column_in_times_answers_how_many_times():
    found = read("trt-llm 和 megatron 比，batch_size=1 的时候推理速度提升了几倍", _hits(RATIO))
    assert found.best is not None and found.best.value == "4.35" and not found.weak


def test_a_number_the_question_gives_is_not_the_answer():
    assert restates("768 (25%)", frozenset({768.0})) and not restates("24x", frozenset({768.0, 128.0}))
    found = read("acme-embed-m-v1.5 那个 128 bytes 的方案，比 768 维 float32 压缩了多少倍", _hits(EMBED))
    assert found.best is not None and found.best.value == "24x"


def test_dropping_terms_keeps_the_bridges_of_the_rest():
    weights = bridged({"tok": 1.0, "s": 0.25, "llama": 1.0}, {"tok": 1.0, "s": 0.25, "llama": 1.0})
    kept = without(weights, {"llama"})
    assert "llama" not in kept and coverage(kept, 2.25, "Tokens/Second")[0] > 0


def test_an_english_word_family_is_found_in_the_index():
    from knowledge.bm25 import build_bm25

    index = build_bm25([["hungarian", "exam", "problems"], ["hungary", "budapest"], ["humane", "hunger"]])
    assert index.family("hungary") == ["hungarian"] and index.family("exam") == []
    assert "hungary" in index.family("hungarian")


def test_an_arxiv_id_is_read_as_one_value():
    from bot.read.answer_type import values, wanted_types

    assert wanted_types("ZeroQuant(4+2) 那篇论文 arXiv 编号是多少") == ("arxiv",)
    assert wanted_types("arxiv id of the FP6-LLM paper?") == ("arxiv",)
    assert [v[3] for v in values("journal={arXiv preprint arXiv:2312.08583}", ("arxiv",))] == ["2312.08583"]
    text = ("[1] ZeroQuant(4+2): Redefining LLMs Quantization. arXiv. https://arxiv.org/abs/2312.08583\n\n"
            "[2] FP6-LLM: Efficiently Serving Large Language Models. arXiv. https://arxiv.org/abs/2401.14112\n")
    found = read("arxiv id of the FP6-LLM paper?", _hits(text))
    assert found.best is not None and found.best.value == "2401.14112"
