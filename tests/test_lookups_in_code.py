"""Lookups about a tool's code and settings: a name the question spells out makes its passage relevant, code
comments are read with the line they describe, and questions about a build flag or a ratio are lookups, not
situations to advise on."""

from __future__ import annotations

import pytest

from bot.read import read
from bot.read.reader import _assigned, _weights
from bot.read.sentences import split_sentences
from bot.understand import understand
from bot.understand.numbers import quantities
from bot.understand.text import prepare
from knowledge.types import Chunk, Hit
from tests.helpers import EMBEDDER, settings_for, write_docs

README = """# Demo tool

## Inference

Run the web demo with `python gradio_demo.py --base_model path`.

- `--template_name`：模板名称，如`vicuna`、`alpaca`等。若不提供此参数，则其默认值是vicuna
- `--only_cpu`：仅使用 CPU 进行推理

## Speed

有了这些优化，我们可以达到每张卡每秒 24k tokens 的训练速度，也就是 56% 的 MFU。
"""

OTHER = """# Another guide

## Serving

The server listens on port 8080 by default and keeps models loaded for five minutes.
Templates for chat formats are chosen automatically from the model card.
"""


@pytest.fixture(scope="module")
def retriever(tmp_path_factory):
    from bot.pipeline import Pipeline

    tmp = tmp_path_factory.mktemp("names")
    docs = write_docs(tmp / "docs", {"demo_README_zh.md": README, "serving.md": OTHER})
    pipe = Pipeline(settings_for(tmp, min_dense=0.9, min_overlap=0.9, min_combined=1.5), embedder=EMBEDDER)
    pipe.rebuild([docs])
    return pipe.retriever()


def test_a_passage_spelling_out_the_questions_option_is_relevant(retriever):
    hits = retriever.search("gradio_demo.py - if i leave out --template_name what template does it fall back to", k=4)
    spelled = [h for h in hits if h.spells_name]
    assert spelled and all("template_name" in h.chunk.text for h in spelled)
    assert all(retriever.is_relevant(h) for h in spelled)
    # the thresholds of this fixture are set so high that words and meaning alone would not do
    assert not retriever.is_relevant(Hit(spelled[0].chunk, 1.0, dense_score=0.5, overlap=0.5))


def test_a_rare_acronym_names_its_passage_but_a_common_word_does_not(retriever):
    mfu = [h for h in retriever.search("他们说训练的 MFU 能到百分之多少", k=4) if h.spells_name]
    assert mfu and "MFU" in mfu[0].chunk.text
    assert not any(h.spells_name for h in retriever.search("what template and port does it use", k=4))


@pytest.mark.parametrize("text, expected", [
    ("```yaml\n# 默认选用的 Embedding 名称\nDEFAULT_EMBEDDING_MODEL: bge-large-zh-v1.5\n```",
     "默认选用的 Embedding 名称: DEFAULT_EMBEDDING_MODEL: bge-large-zh-v1.5"),
    # a passage cut from the middle of a code block: its only fence closes it
    ("# python requirements\npip install -r requirements.txt\n# python3.8 安装 faiss-gpu 而不是 faiss\n```",
     "python3.8 安装 faiss-gpu 而不是 faiss"),
])
def test_code_comments_are_read_with_the_line_they_describe(text, expected):
    assert expected in split_sentences(text)


def test_a_markdown_heading_outside_code_is_no_sentence():
    assert split_sentences("# Install\n\nRun the installer first.") == ["Run the installer first."]


def test_a_list_of_values_joined_by_semicolons_stays_one_sentence():
    line = 'cmake -B build -DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES="70;75"    # compatible with both V100 and T4'
    assert split_sentences(line) == [line]
    assert split_sentences("First part; second part here") == ["First part", "second part here"]


def test_a_flag_needs_a_separator_before_its_value():
    weights = _weights("InternLM2 做lora的话 target_modules 填啥")
    assert _assigned("需要将all-router也加到`--target_modules`。", weights) == ""
    assert _assigned("--target_modules wqkv \\", weights) == "wqkv"


def test_the_build_flag_question_is_answered_from_the_comment_line():
    chunk = Chunk(1, "```bash\ncmake -B build -DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES=\"70;75\"    # compatible with both "
                     "V100 and T4\n```", "chatglm.cpp_README.md", "Using BLAS", 0, "en")
    found = read("building for both v100 and t4 - what do i put in CMAKE_CUDA_ARCHITECTURES", [Hit(chunk, 1.0, dense_score=0.4)])
    assert found.best is not None and "70;75" in found.best.text


@pytest.mark.parametrize("question", [
    "building for both v100 and t4 - what do i put in CMAKE_CUDA_ARCHITECTURES",
    "预训练数据里自然语言跟代码大概什么比例",
    "我的數據是 json 陣列不是一行一條的，用哪個腳本轉換？",
    "phi-3-mini-4k-instruct aqlm pv tuned perplexity? i think it was around 6-7",
    "training done and i got a .pth thing (folder since i used deepspeed). whats the convert subcommand to get a hf model",
    "pretraining corpus size for v2, in tokens, i think it was like 8T?",
])
def test_lookups_about_a_documented_tool_are_factual(question):
    assert understand(question, None, relevant=True).intent == "factual"


@pytest.mark.parametrize("question", [
    "We have 3,000 labelled tickets and two A100s; what should we do, LoRA or RAG?",
    "我们有两千条标注好的对话，想让模型学会回复语气，该怎么做？",
])
def test_situations_stay_situations(question):
    assert understand(question, None, relevant=True).intent == "situation"


@pytest.mark.parametrize("text", ["数据是一行一条的 jsonl", "每行一条数据", "one record per line, please"])
def test_how_items_are_laid_out_is_no_count(text):
    assert quantities(prepare(text)) == []


def test_a_count_next_to_a_layout_is_still_read():
    assert [q.value for q in quantities(prepare("一行一条，共三千条"))] == [3000.0]


def value_read(question: str, passage: str) -> str | None:
    """The value read for ``question`` from one README passage (None when nothing is read)."""
    found = read(question, [Hit(Chunk(1, passage, "README.md", "Usage", 0, "en"), 1.0, dense_score=0.3)])
    return found.best.value if found.best is not None else None


def test_a_key_written_out_whole_names_its_option_and_a_repository_id_is_read_whole():
    passage = ("```bash\npython generate.py \\\n    --load_8bit \\\n    --base_model 'huggyllama/llama-7b' \\\n"
               "    --lora_weights 'someone/lora-7b'\n```")
    assert value_read("那个例子里 base_model 填的是哪个仓库？", passage) == "huggyllama/llama-7b"


def test_a_line_ending_in_a_colon_introduces_the_command_under_it():
    text = ("- **Step 2**: convert the saved checkpoint (a folder when DeepSpeed was used) to a Hugging Face model:\n\n"
            "  ```shell\n  tool convert pth_to_hf ${CONFIG} ${PTH} ${SAVE_PATH}\n  ```\n")
    sentences = split_sentences(text)
    assert any("convert the saved checkpoint" in s and "pth_to_hf" in s for s in sentences)
    assert "tool convert pth_to_hf ${CONFIG} ${PTH} ${SAVE_PATH}" in sentences  # the command still stands alone


def test_a_value_the_asker_rules_out_is_not_the_answer():
    passage = ("```python\nmodel = AutoModel.from_pretrained(name, device_map=\"auto\")\n```\n\nFor the big checkpoint, "
               "load with `device_map=\"sequential\"` and set max_memory per card.")
    assert value_read("加载的时候 device_map 要设成啥 不能用 auto 吧", passage) == "sequential"


def test_a_command_continued_over_lines_is_read_as_one():
    text = "```bash\npython finetune.py \\\n    --base_model 'org/llama-7b' \\\n    --train_on_inputs \\\n    --lora_r 16\n```"
    assert split_sentences(text) == ["python finetune.py --base_model 'org/llama-7b' --train_on_inputs --lora_r 16"]
    assert value_read("rank (r) of lora in the finetune.py example? lora_r", text) == "16"


def test_a_lookup_with_nothing_relevant_is_still_a_lookup_not_advice():
    u = understand("aime2024 score internlm3 got? the one w/ the asterisk, deep thinking mode i think", None, relevant=False)
    assert u.intent == "factual"
    assert understand("We have no data yet, what's the best approach?", None, relevant=False).intent == "situation"
