"""Reading tables: same-shaped tables told apart by their captions, a cell that lists settings read setting by
setting, and "how many X" answered by the row that counts X."""

from __future__ import annotations

import pytest

from bot.read import read
from bot.read.counted import asked_unit as _asked_unit
from knowledge.tables import cells_in, parse_tables
from knowledge.types import Chunk, Hit

TWO_TABLES = """## Performance

Model-A 6B:

|           | Q4_0 | Q5_1 | F16 |
|-----------|------|------|-----|
| file size | 3.3G | 4.4G | 12G |
| mem usage | 4.0G | 5.1G | 13G |

Model-B2 6B / Model-B3 6B:

|           | Q4_0 | Q5_1 | F16 |
|-----------|------|------|-----|
| file size | 3.2G | 4.3G | 12G |
| mem usage | 3.4G | 4.5G | 12G |
"""

SETTINGS = """## Training details

| Setting    | Description |
|------------|-------------|
| Parameters | 1.1B |
| Model Size | Layers: 22, Heads: 32, Query Groups: 4, Embedding Size: 2048 |
| Learning Rate | 4e-4 |

| Model | GPU hours on 300B tokens |
|-------|--------------------------|
| Tiny-1.1B | 3456 |
"""


def _hits(text: str, source: str = "perf.md", split: bool = False) -> list[Hit]:
    cells = parse_tables(text)
    parts = text.split("\n\n") if split else [text]
    chunks = [Chunk(i, part, source, "Tiny model", i, "en", meta={"cells": cells_in(part, cells)}) for i, part in
              enumerate(parts)]
    return [Hit(c, 1.0 - 0.05 * i, dense_score=0.4) for i, c in enumerate(chunks)]


def test_a_caption_tells_same_shaped_tables_apart():
    hits = _hits(TWO_TABLES, split=True)
    found = read("model-b2 6b q5_1 mem usage?", hits)
    assert found.best is not None and found.best.value == "4.5G"
    found = read("model-a 6b q5_1 mem usage?", hits)
    assert found.best is not None and found.best.value == "5.1G"


def test_a_cell_listing_settings_is_read_setting_by_setting():
    found = read("how many transformer layers does tiny 1.1b have? planning to prune a few", _hits(SETTINGS))
    assert found.best is not None and found.best.value == "22"
    found = read("embedding size of the tiny model?", _hits(SETTINGS))
    assert found.best is not None and found.best.value == "2048"


def test_how_many_names_the_counted_noun():
    assert _asked_unit("how many transformer layers does it have") == "layers"
    assert _asked_unit("how many gpus did they use") == "gpus"
    assert _asked_unit("需要多少张卡") != ""


def test_a_row_of_settings_under_their_names_has_no_row_label():
    text = "| 层数 | 隐层维度 | 注意力头数量 |\n|----|----|----|\n| 70 | 12,288 | 96 |\n"
    cells = {c.column: c for c in parse_tables(text)}
    assert cells["层数"].value == "70" and cells["注意力头数量"].value == "96"
    assert all(c.row == "" and c.corner == "" for c in cells.values())
    # a size label ("14B") still names its row
    sized = parse_tables("| Model | NPUs | Memory |\n|---|---|---|\n| 14B | 8 | 8 * 31 GB |\n")
    assert {c.row for c in sized} == {"14B"}


def test_a_number_inside_a_name_the_question_writes_is_no_answer():
    from bot.read.answer_type import wanted_types
    from bot.read.reader import _NAME, _nearest_value
    from bot.understand.text import prepare

    question = "GLM-130B 的注意力头一共几个"
    known = frozenset(_NAME.findall(prepare(question)))
    value, _, _ = _nearest_value("GLM-130B 遵循传统的 GPT 风格,对前缀语境进行自回归注意力。", {"注意力"}, wanted_types(question), known)
    assert value == ""
    value, _, _ = _nearest_value("GLM-130B 一共有 96 个注意力头。", {"注意力"}, wanted_types(question), known)
    assert value.startswith("96")


def test_an_uncertain_answer_shows_the_next_closest_passage_too():
    from bot.compose import fact_text

    a = Chunk(1, "The memory planner keeps a small reserve on every card for the runtime.", "guide.md", "Guide", 0, "en")
    b = Chunk(2, "Reserve memory on each card is configured in the planner section of the config file.", "guide.md",
              "Guide", 1, "en")
    hits = [Hit(a, 1.0, dense_score=0.3), Hit(b, 0.9, dense_score=0.3)]
    found = read("which planner reserve memory setting per card?", hits, relevant={id(a), id(b)})
    assert found.weak and found.best is not None and found.also is not None
    assert {found.best.hit.chunk.id, found.also.hit.chunk.id} == {1, 2}
    text = fact_text(found, "en")
    assert "Also close:" in text and "runtime" in text and "config file" in text
    assert len(found.quoted) == 2  # both passages are cited


def test_a_certain_answer_shows_one_passage():
    found = read("model-b2 6b q5_1 mem usage?", _hits(TWO_TABLES, split=True))
    assert not found.weak and found.also is None


@pytest.mark.parametrize("sentence, kinds", [
    ("The context grew from 2K in ChatGLM-6B to 32K.", ("count", "number")),
    ("./server -m models/13B/ggml-model.gguf -c 4096", ("count", "number")),
    ("DATASET=togethercomputer/RedPajama-Data-1T-Sample", ("count", "number")),
])
def test_a_number_inside_a_model_or_file_name_is_no_value(sentence, kinds):
    from bot.read.answer_type import values

    found = [v[3].lower() for v in values(sentence, kinds)]
    assert not {"6b", "13b", "1t"} & set(found)
    assert found == [] or any(ch.isdigit() for ch in found[0])


def test_a_list_item_number_is_no_value_even_escaped():
    from bot.read.answer_type import values

    assert values("3\\. 注意力计算：FP32 Softmax", ("count", "number")) == []
    assert values("2.训练时长约 96 小时", ("number",))[0][3] == "96"


def test_cards_counted_in_words_meet_a_row_written_nx():
    text = ("| GPUs | OPT-1.3B | OPT-13B |\n|---|---|---|\n| 1x A100-80G | 2 hours ($8) | 10 hours ($40) |\n"
            "| 8x A100-80G | 0.5 hours ($16) | 2 hours ($64) |\n| 64x A100-80G | 0.2 hours ($50) | 1 hour ($256) |\n")
    found = read("8卡 A100-80G 训 OPT-13B 要花多少美元", _hits(text))
    assert found.best is not None and "$64" in found.best.value
    found = read("on 8 gpus (a100 80g) how much does opt-13b cost", _hits(text))
    assert found.best is not None and "$64" in found.best.value


def test_a_bit_width_inside_a_repository_name_is_no_value():
    from bot.read.answer_type import values

    found = [v[3].lower() for v in values("see ISTA-DASLab/Llama-2-7b-AQLM-1Bit-1x8-hf: at ~2 bit it keeps quality", ("bits",))]
    assert found == ["2 bit"]


@pytest.mark.parametrize("sentence", [
    "权重放在 chinese_llama_lora_7b/ 目录下",
    "一个是LLaMA-7B+FT(2M)+LoRA(math_0.25M)",
])
def test_numbers_in_snake_case_and_qualified_names_are_no_values(sentence):
    from bot.read.answer_type import values

    assert values(sentence, ("count", "number")) == []


def test_the_option_the_question_names_whole_beats_a_shorter_one():
    text = ("Launch the CLI with `python -m tool.cli --model [path of tool model]`.\n\n"
            "If you download the base model elsewhere, override its path with `--base-model [path of base model]`.")
    chunk = Chunk(0, text, "tool.md", "Tool", 0, "en")
    found = read("base model 我下在别的目录了，cli 用哪个参数指定路径", [Hit(chunk, 1.0, dense_score=0.4)])
    assert found.best is not None and found.best.value == "--base-model"


def test_a_release_day_question_asks_for_a_date():
    from bot.read.answer_type import wanted_types
    from bot.understand import understand

    assert wanted_types("Instruct-v2 是哪天放出来的？") == ("date",)
    assert understand("Instruct-v2 是哪天放出来的？直接在官方 instruct 上精调的那版").intent == "factual"


def test_an_average_score_in_chinese_meets_an_english_column():
    from knowledge.glossary import translations

    assert "average" in translations("平均分是多少")


def test_group_rows_and_variant_rows_name_their_parents():
    from knowledge.tables import parse_tables

    text = """#### CPU

| | Tokens per second | Max. memory |
| --- | --- | --- |
| **OpenNMT-py WMT14 model** | | |
| OpenNMT-py 3.0.4 | 275.8 | 2012MB |
| CTranslate2 3.6.0 | 658.8 | 849MB |
| - int8 | 860.2 | 529MB |
| **OPUS-MT model** | | |
| CTranslate2 3.6.0 | 525.0 | 721MB |
| - int8 | 696.1 | 516MB |
"""
    cells = {(c.row, c.column): c for c in parse_tables(text)}
    assert cells[("OpenNMT-py WMT14 model / CTranslate2 3.6.0 - int8", "Tokens per second")].value == "860.2"
    assert cells[("OPUS-MT model / CTranslate2 3.6.0 - int8", "Tokens per second")].value == "696.1"
    assert not any(c.row == "**OPUS-MT model**" or c.row == "OPUS-MT model" for c in cells.values())  # the group row holds no cell
    assert {c.caption for c in cells.values()} == {"CPU"}  # a short heading right above says what the table measures


def test_an_emphasised_label_is_no_variant_row():
    from knowledge.tables import parse_tables

    text = "| model | score |\n| --- | --- |\n| bge-reranker-large | 60.86 |\n| *bce-reranker-base_v1* | 61.29 |\n"
    assert {c.row for c in parse_tables(text)} == {"bge-reranker-large", "*bce-reranker-base_v1*"}


BENCH_OUTPUT = """## Benchmark tool

Sample output of the bench command:

```
| model      | backend | threads | test  | t/s            |
| ---------- | ------- | ------: | ----- | -------------: |
| tiny-0.6b  | METAL   |       4 | pp512 | 5073.12 ± 8.61 |
| tiny-0.6b  | METAL   |       4 | tg128 | 345.85 ± 1.02  |
```
"""


def test_a_table_printed_inside_a_code_block_is_read_cell_by_cell():
    cells = parse_tables(BENCH_OUTPUT)
    assert any(c.row.startswith("tiny-0.6b") and c.column == "t/s" and c.value.startswith("345.85") for c in cells)
    assert all(c.caption == "Sample output of the bench command:" for c in cells)
    assert parse_tables("```\na | b\nnot a table\n```") == []
    found = read("in the bench sample output, tiny-0.6b on METAL, what tg128 decode speed (t/s)?", _hits(BENCH_OUTPUT))
    assert found.best is not None and found.best.value.startswith("345.85")


SM_TABLE = """## Performance

| Arch | Topology | Dispatch | #SMs |
|------|----------|----------|------|
| SM90 | NVLink | 153 GB/s | 24 |
| SM100 | NVLink | 726 GB/s | 64 (Max perf) |
| SM100 | NVLink | 643 GB/s | 24 (Min #SM) |
"""


def test_a_note_beside_a_value_names_its_row():
    found = read("how many SMs on SM100 NVLink in the 'Min #SM' row?", _hits(SM_TABLE))
    assert found.best is not None and found.best.value.startswith("24") and "Min" in found.best.text
