"""Reading from development batches 78–81: a row named by a language code ("fr") is named by the language ("french",
"法语") and "# Documents" is asked as "docs"; a count the question gives of a named thing ("32 个 v5e-256") picks the
row labelled "32x v5e-256"; rows the asker rules out in Chinese ("不是 gevent 那行", "不带float8") or by ", no fp8"
are not the answer; "peak mem in GiB" asks for memory and "Memory(GiB)" is read as memory in GiB; a figure the asker
remembers of another thing ("我记得 deepseek 官方是14.8k") is their reference; "how many H800 cards" counts the
"卡" of a Chinese passage; a table inside a blockquote keeps its header when split across passages."""

from __future__ import annotations

from bot.read import read
from bot.read.answer_type import wanted_types
from bot.read.cells import spaced
from bot.read.counted import asked_unit, counted_before
from bot.read.hints import referenced
from bot.read.keys import label_pairs, number_pairs
from knowledge.chunking import with_table_headers
from tests.helpers import table_hits

SLICES = """| | 16B TFLOP/sec/chip | 16B MFU | 128B TFLOP/sec/chip | 128B MFU |
| --- | --- | --- | --- | --- |
| 1x v5e-256 | 120 | 61.10% | 110 | 56.06% |
| 4x v5e-256 | 117 | 59.37% | 108 | 54.93% |
| 32x v5e-256 | 109 | 55.18% | 91 | 46.25% |
"""

FSDP = """**Table 1** 1D Parallelism (FSDP). Llama 3.1 8B model. 8 GPUs.

| Techniques | TPS/GPU | Memory(GiB) |
| ----- | ----: | ----: |
| FSDP | 5,762 | 82.4 |
| FSDP + torch.compile | 6,667 | 77.0 |
| FSDP + torch.compile + Float8 | 8,532 | 76.8 |
"""

CONCURRENCY = """| 并发 | 1 | 16 | 32 |
|---|---|---|---|
| vllm 7B | 6.92 | 12.13 | 18.05 |
| vllm gevent 7B | 8.36 | 13.88 | 20.79 |
"""


def test_a_count_of_a_named_thing_picks_its_row():
    assert ("v5e-256", "32") in label_pairs("32x v5e-256")
    assert ({"v5e-256"}, "32") in number_pairs("扩到 32 个 v5e-256 切片的时候")
    found = read("maxtext v5e 扩到 32 个 v5e-256 切片的时候，128B 模型的 MFU 掉到多少了？", table_hits(SLICES, "v5e"))
    assert found.best is not None and found.best.value == "46.25%"
    found = read("for the 128B v5e run across 4 v5e-256 pods what MFU did they list?", table_hits(SLICES, "v5e"))
    assert found.best is not None and found.best.value == "54.93%"


def test_rows_ruled_out_in_chinese_are_not_the_answer():
    found = read("那个 vllm 并发延迟表，不是 gevent 那行，是原版 vllm 7B 在 32 并发的时候是多少 ms", table_hits(CONCURRENCY, "延迟"))
    assert found.best is not None and found.best.value == "18.05"
    found = read("8 卡 FSDP+torch.compile（不带float8）tps/gpu 多少", table_hits(FSDP, "Results"))
    assert found.best is not None and found.best.value == "6,667"


def test_peak_mem_in_gib_asks_for_memory():
    assert "memory" in wanted_types("plain FSDP - what was peak mem in GiB?")
    assert "GiB" in spaced("Memory(GiB)") and "Gi B" not in spaced("Memory(GiB)")
    found = read("torchtitan llama 3.1 8b on 8 gpus, plain FSDP (no compile, no fp8) - what was peak mem in GiB?",
                 table_hits(FSDP, "Results"))
    assert found.best is not None and found.best.value == "82.4"


def test_a_remembered_figure_of_another_thing_is_a_reference():
    assert 14800 in set(referenced("每台节点吞吐是多少 TPS？我记得 deepseek 官方是14.8k，rtp这边是不是稍微低一点"))
    assert not referenced("吞吐是多少？我记得是 14.8k")


def test_cards_are_counted_in_a_chinese_passage():
    assert asked_unit("how many H800 cards total did they use?") == "cards"
    assert counted_before("测试过程中，我们使用了 4 实例 Prefill 和 1 实例 Decode，共 272 卡 H800。", "cards") == "272 cards"


def test_a_blockquoted_table_keeps_its_header_when_split():
    body = "> | 模型 | q4_0 |\n> |---|---|\n> | 7B | 34290 |\n> | 14B | 18431 |\n"
    pieces = with_table_headers([("> | 7B | 34290 |", "zh"), ("> | 14B | 18431 |", "zh")], body)
    assert all(text.startswith("> | 模型 | q4_0 |") for text, _ in pieces)



def test_a_plain_row_is_the_one_named_alone():
    table = FSDP + "\n**Table 2** 8 GPUs.\n\n| Parallelism | TPS/GPU | Memory(GiB) |\n| --- | --- | --- |\n| FSDP 8, CP 1 | 3,890 | 83.9 |\n"
    found = read("llama 3.1 8b on 8 gpus, plain FSDP - what was peak mem in GiB?", table_hits(table, "Results"))
    assert found.best is not None and found.best.value == "82.4"


TOKENS = """|       | # Documents | Estimated Token count (deduped) |
|-------|-------------|---------------------------------|
| en    | 14.5B       | 20.5T                           |
| fr    | 1.6B        | 2.7T                            |
| es    | 1.8B        | 2.8T                            |
| it    | 0.9B        | 1.5T                            |
| Total | 20.8B       | 30.4T                           |
"""


def test_language_codes_name_their_rows():
    assert "french" in spaced("fr") and "docs" in spaced("# Documents")
    found = read("rpv2 spanish doc count in that head_middle table?", table_hits(TOKENS, "head_middle"))
    assert found.best is not None and found.best.value == "1.8B"
    found = read("意大利语那部分估计有多少 tokens 啊 (dedup 后的)", table_hits(TOKENS, "head_middle"))
    assert found.best is not None and found.best.value == "1.5T"
