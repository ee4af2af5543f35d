"""Reading from development batches 82–83: a blank-labelled row under a row continues it (its percentages belong to
the same setting); a row of names halfway down a table that repeats header cells is the header of the rows below;
"<br>" inside a cell separates words; a run of settings before the measurements ("gptq | False | 4 | 128 | marlin")
names the row; an HTML table whose header rows are bold data cells, or sit beside a label spanning them, keeps
them as its header; "Ruler 128K" is the column "128k" asks for; a model size ("300B") names a row of a hyphenated
name; a version at the end of a sentence is read; "how many vCPUs does …" counts vCPUs; forward/backward and
attention are bridged to "fwd"/"bwd"/"attn" and 前向/反向/注意力."""

from __future__ import annotations

from bot.read import read
from bot.read.cells import spaced
from bot.read.counted import asked_unit
from bot.read.hints import pinned_version
from bot.read.keys import column_tied
from knowledge.glossary import translations
from knowledge.parsers.html import html_tables_to_markdown
from knowledge.tables import parse_tables
from tests.helpers import table_hits

RING = """| sync api | GPU | ideal<br />kernel | ring | zigzag |
| --- | --- | --- | --- | --- |
| fwd only (it/s) | 4xL40 | 400.0 / 4 = 100.0 | 51.0 | 83.0 |
| | | | 51.0% | 83.0% |
| fwd + bwd (it/s) | 4xL40 | 120.0 / 4 = 30.0 | 14.0 | 26.0 |
| | | | 46.7% | 86.7% |
| **async api** | **GPU** | **ideal<br />kernel** | **ring** | **striped** |
| fwd only (it/s) | 4xL40 | 600.0 / 4 = 150.0 | 70.0 | 99.0 |
| | | | 46.7% | 66.0% |
| fwd + bwd (it/s) | 4xL40 | 180.0 / 4 = 45.0 | 20.0 | 31.0 |
| | | | 44.4% | 68.9% |
"""

KERNELS = """| quant | desc_act | bits | group | kernel | Load (s) | Latency (ms) | Throughput (tok/s) |
|---|---|---|---|---|---|---|---|
| None | None | None | None | None | 9.10 | 40.10 | 24.9 |
| awq | False | 4 | 64 | gemm | 7.20 | 33.30 | 30.0 |
| awq | False | 4 | 64 | gemv | 7.40 | 29.80 | 33.5 |
"""

BOLD_HTML = """<table>
<tr><td rowspan="3"><strong>Model</strong></td><td colspan="4"><strong>Score</strong></td></tr>
<tr><td colspan="2"><strong>Dense</strong></td><td colspan="2"><strong>Sparse</strong></td></tr>
<tr><td><strong>Needle 16K</strong></td><td><strong>Needle 64K</strong></td><td><strong>Needle 16K</strong></td><td><strong>Needle 64K</strong></td></tr>
<tr><td>Orca-9B-A2B</td><td>70.1</td><td>52.3</td><td>69.4</td><td>50.8</td></tr>
<tr><td>Orca-120B-A20B</td><td>88.6</td><td>77.2</td><td>88.1</td><td>76.0</td></tr>
</table>
"""


def _cells(text: str) -> list[tuple[str, str, str]]:
    return [(c.row, c.column, c.value) for c in parse_tables(text)]


def test_a_blank_labelled_row_continues_the_row_above():
    cells = _cells(RING)
    assert ("fwd + bwd (it/s) / 4xL40", "zigzag", "86.7%") in cells
    assert ("fwd only (it/s) / 4xL40", "zigzag", "83.0%") in cells


def test_a_header_row_halfway_down_heads_the_rows_below():
    cells = _cells(RING)
    assert ("fwd only (it/s) / 4xL40", "striped", "99.0") in cells
    assert not any(value == "99.0" and column == "zigzag" for _, column, value in cells)
    assert ("fwd only (it/s) / 4xL40", "ideal kernel", "400.0 / 4 = 100.0") in cells  # "<br />" parts words


def test_settings_before_the_measurements_name_the_row():
    cells = _cells(KERNELS)
    assert ("awq / False / 4 / 64 / gemv", "Throughput (tok/s)", "33.5") in cells
    found = read("awq with the gemv kernel, what throughput in tok/s?", table_hits(KERNELS, "Decode"))
    assert found.best is not None and found.best.value == "33.5"


def test_bold_html_header_rows_stay_the_header():
    md = html_tables_to_markdown(BOLD_HTML)
    cells = _cells(md)
    assert ("Orca-9B-A2B", "Score Sparse Needle 64K", "50.8") in cells
    assert not any(row.startswith("Dense") or row.startswith("Needle") for row, _, _ in cells)


def test_a_column_named_with_a_k_number_is_the_one_asked():
    assert column_tied([({"needle"}, "64k")], "Score Sparse Needle 64K") == 1
    assert column_tied([({"needle"}, "64k")], "Score Sparse Needle 16K") == -1
    found = read("needle 64k score for orca 120B with sparse attention?", table_hits(html_tables_to_markdown(BOLD_HTML), "Eval"))
    assert found.best is not None and found.best.value == "76.0"


def test_a_version_ending_the_sentence_is_read():
    sentence = "Numbers were taken with torch 2.3.1, accelerate 0.30.0, transformers 4.41.2."
    assert pinned_version(sentence, {"transformers": 1.0}) == "4.41.2"
    assert pinned_version("docker pull acme/server:v1.2.x", {"server": 1.0}) == ""  # a version pattern, not one
    assert pinned_version("wget https://example.org/files/cmake-3.23.0.tar.gz", {"cmake": 1.0}) == ""


def test_a_setting_column_with_a_unit_is_a_measurement():
    table = """| Method | Bits | group-size | memory(MiB) | Wikitext2 | size(GB) |
| --- | --- | --- | --- | --- | --- |
| FP16 | 16 | - | OOM | 5.09 | 24.2 |
| RTN | 3 | - | - | 14.89 | - |
"""
    assert ("FP16", "Wikitext2", "5.09") in _cells(table)


def test_how_many_units_does_counts_the_units():
    assert asked_unit("how many vCPUs does the demo machine have?") == "vcpus"
    assert asked_unit("how many GPUs does it use") == "gpus"


def test_forward_and_backward_are_bridged():
    assert "forward" in spaced("fwd + bwd (iter/sec)") and "backward" in spaced("fwd + bwd (iter/sec)")
    assert {"forward", "backward", "attention"} <= set(translations("前向加反向的注意力"))


def test_an_outcome_is_no_setting_and_switch_values_name_no_sibling():
    table = """| model | gpu | num_beams | fp16 | int4 |
| --- | --- | --- | --- | --- |
| gpt-x 6b | 1xRTX3060-12G | 1 | OOM | 29.55 |
| gpt-x 6b | 1xRTX3060-12G | 4 | OOM | 47.36 |
"""
    assert not any("OOM" in row for row, _, _ in _cells(table))
    offload = """| Train Type | CPU Offload | DDP | Batch Size | Peak Memory (GiB) |
| --- | --- | --- | --- | --- |
| QLoRA | False | True | 8 | 20.94 |
| QLoRA | True | False | 12 | 22.38 |
"""
    found = read("QLoRA with CPU offload at batch 12, peak memory in GiB?", table_hits(offload, "Two 4090s"))
    assert found.best is not None and found.best.value == "22.38"


def test_a_post_release_version_is_read_whole():
    assert pinned_version("uv pip install vllm==0.8.5.post1", {"vllm": 1.0}) == "0.8.5.post1"
    assert pinned_version("pip install torch==2.6.0rc1", {"torch": 1.0}) == "2.6.0rc1"


def test_a_config_listing_states_the_defaults():
    from knowledge.types import Chunk, Hit

    text = "policy_trainer:\n  packing: False\n  max_token_in_packing: 32768\n  seed: 1234\n"
    hits = [Hit(Chunk(0, text, "config.md", "Config › policy_trainer", 0, "en", meta={"section": "Config"}), 1.0, dense_score=0.5)]
    found = read("what's the default max_token_in_packing for policy_trainer?", hits)
    assert found.best is not None and found.best.value == "32768"
    request = '{"model": "llama3", "keep_alive": 0}'
    hits = [Hit(Chunk(0, request, "api.md", "API › request", 0, "en", meta={"section": "API"}), 1.0, dense_score=0.5)]
    found = read("what's the default keep_alive?", hits)
    assert found.best is None or found.best.value != "0"


def test_which_gpus_asks_for_a_gpu_model():
    from bot.read.answer_type import wanted_types
    from knowledge.types import Chunk, Hit

    assert wanted_types("what gpus did they run the full finetune test on? 8x a100?")[0] == "gpu"
    assert "gpu" not in wanted_types("what gpu memory does it need?")
    text = "我们使用 LLaMA Efficient Tuning 进行了全量微调，并在 8 * Nvidia A800 80 GB + deepspeed 环境下进行了测试。"
    hits = [Hit(Chunk(0, text, "readme.md", "微调", 0, "zh", meta={"section": "微调"}), 1.0, dense_score=0.5)]
    found = read("what gpus did they run the full finetune test on?", hits)
    assert found.best is not None and "A800" in found.best.value
