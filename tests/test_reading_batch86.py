"""Reading from development batches 86–87: a comment line inside a continued command, or with no space after its
"#" ("#（可选）进一步提升性能"), says what the next line sets; prose that introduces the code under it ("可以通过配置以下
环境变量…", "…可以增加下面环境变量：" above an unfenced ``export``) is read with its first line; a listed term's later
sentences keep the term ("- **Q3_K**：… 。每个权重平均使用 3.4375 bits。"); versions with a ".post6" or "RC2" tail, log
and wheel files, "(x2.06)" speed-ups and "3.4375 bits" are values of their kinds; "what does the file … have to be
named" asks for a file; "1.3¥/h" is money."""

from __future__ import annotations

import re

from bot.read import read
from bot.read.answer_type import VALUE_PATTERNS, wanted_types
from bot.read.sentences import split_sentences
from tests.helpers import table_hits

SERVE = """```bash
python serving_server.py \\
    --port 8080 \\
# tool parsing:
--tool-call-parser deepseek_v3 \\
# 推理内容解析:
--reasoning-parser  deepseek_r1 \\
--chat-template tpl.jinja
```"""


def test_a_comment_inside_a_continued_command_names_the_next_option():
    said = split_sentences(SERVE)
    assert "推理内容解析: --reasoning-parser  deepseek_r1" in said
    assert "tool parsing: --tool-call-parser deepseek_v3" in said
    assert any(s.startswith("python serving_server.py --port 8080") and "--chat-template" in s for s in said)


def test_a_comment_without_a_space_names_the_next_line():
    said = split_sentences("```bash\nexport A_B=2\n#（可选）进一步提升性能，略有精度损失\nexport W4_BACKEND=1\n#!/bin/sh\n```")
    assert any(s.endswith("略有精度损失: export W4_BACKEND=1") for s in said)
    assert not any(s.startswith("!/bin/sh") for s in said)


def test_prose_that_introduces_the_code_is_read_with_it():
    fenced = split_sentences("如果你觉得服务启动过慢，可以通过配置以下环境变量生成cache模型。\n```bash\nexport ENABLE_MODEL_CACHE=1\n```")
    assert any("生成cache模型" in s and s.endswith("export ENABLE_MODEL_CACHE=1") for s in fenced)
    bare = split_sentences("备注：默认走NCCL通信，如果要强制走TCP通信，可以增加下面环境变量：\nexport USE_TCP_DATA_CHANNEL=1\n")
    assert any("TCP" in s and s.endswith("export USE_TCP_DATA_CHANNEL=1") for s in bare)
    plain = split_sentences("The server is fast.\nexport FOO_BAR=1\n")
    assert not any("fast" in s and "FOO_BAR" in s for s in plain)  # no introduction, nothing joined


def test_a_listed_term_stays_with_its_later_sentences():
    said = split_sentences("- **GGML_TYPE_Q3_K**：3-bit 量化，超块包含 16 个块。缩放因子用 6 位表示。每个权重平均使用 3.4375 bits。\n")
    assert "GGML_TYPE_Q3_K: 每个权重平均使用 3.4375 bits" in [s.rstrip("。") for s in said]


def test_values_of_their_kinds():
    assert re.search(VALUE_PATTERNS["version"], "pip install torch_npu-2.1.0.post6-cp310.whl").group(0) == "2.1.0.post6"
    assert re.search(VALUE_PATTERNS["version"], "推荐版本：cann 8.0rc2").group(0) == "8.0rc2"
    assert re.search(VALUE_PATTERNS["file"], "vim log/ksana_llm.log").group(0) == "log/ksana_llm.log"
    assert re.search(VALUE_PATTERNS["ratio"], "| 83.7 (x2.06) |").group(0) == "x2.06"
    assert re.search(VALUE_PATTERNS["bits"], "每个权重平均使用 3.4375 bits").group(0) == "3.4375 bits"
    assert re.search(VALUE_PATTERNS["money"], "3090 租卡单价：约 `1.3¥/h`").group(0) == "1.3¥/h"


def test_asked_kinds():
    assert wanted_types("what does the file for a custom plugin have to be named?")[0] == "file"
    assert wanted_types("租卡单价按多少钱一小时？")[0] == "money"


def test_the_file_a_plugin_must_be_named_is_read():
    text = "#### 自定义插件\n\n自定义插件可以做特殊预处理和后处理。使用时，你需要把`ksana_plugin.py`放在模型目录下。\n"
    found = read("what must the custom plugin (自定义插件) file be named?", table_hits(text, "自定义插件"))
    assert found.best is not None and "ksana_plugin.py" in found.best.value


def test_what_an_abbreviation_stands_for_is_read():
    assert wanted_types("kwargs 里有个 edls，这个是啥的缩写") == ("expansion",)
    text = "```python\n# edls: short for effective decoding lengths, i.e., tokens per forward\nedls = kwargs['edls']\n```\n"
    found = read("kwargs 里有个 edls，这个是啥的缩写", table_hits(text, "Benchmarks"))
    assert found.best is not None and "effective decoding lengths" in found.best.value


def test_a_cmake_define_sets_its_option():
    found = read("what SM value goes in the cmake line?", table_hits("Build it:\n\n```bash\ncmake -DSM=90a -DCMAKE_BUILD_TYPE=Release ..\n```\n", "Build"))
    assert found.best is not None and found.best.value == "90a"


def test_the_asked_library_names_the_version():
    from bot.read.hints import asked_library, pinned_version

    assert asked_library("open-r1 装完 vllm 会带哪个版本的 pytorch？") == "pytorch"
    assert asked_library("这个benchmark用的transformers版本是哪个？") == "transformers"
    assert asked_library("which cuda version do i need") == "cuda"
    assert asked_library("how fast is it?") == ""
    assert pinned_version("This will also install PyTorch `v2.6.0` and it matters", {"pytorch": 1.0}) == "2.6.0"
    text = ("Next, install vLLM: uv pip install vllm==0.8.5.post1\n\n"
            "This will also install PyTorch `v2.6.0` and it is very important to use this version.\n")
    found = read("装完 vllm 会带哪个版本的 pytorch？", table_hits(text, "Installation"))
    assert found.best is not None and found.best.value == "2.6.0"


def test_a_continued_row_is_quoted_as_itself():
    from bot.compose import _row_line
    from bot.read.candidate import Candidate

    table = ("| Model | Method | Easy | Overall |\n| --- | --- | --- | --- |\n| Baichuan2-7B-Chat | lora | 0.871 | 0.603 |\n"
             "| | qlora | 0.891 | 0.624 |\n| | base | 0.581 | 0.392 |\n")
    hit = table_hits(table, "Baseline")[0]
    cell = Candidate("cell", "Baichuan2-7B-Chat / base · Easy: 0.581", "0.581", hit, 2.0, row="Baichuan2-7B-Chat / base",
                     column="Easy")
    assert _row_line(cell, "0.581") == "| | base | 0.581 | 0.392 |"
    lone = Candidate("cell", "Easy: 0.871", "0.871", hit, 2.0, row="", column="Easy")
    assert _row_line(lone, "0.871").startswith("| Baichuan2-7B-Chat | lora")
