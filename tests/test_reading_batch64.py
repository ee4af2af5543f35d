"""Settings tables as fine-tuning READMEs write them: on/off columns ("Gradient Checkpointing | No") picked by a
question that turns the setting on or off, "4x A40" counting GPUs, a memory column named by the table itself,
a model name misspelt by the document ("ChaGLM2"), and an option the asker offers found inside a cell's note."""

from __future__ import annotations

from bot.read import read
from bot.read.switches import switch_ties, switched
from bot.read.terms import typos
from knowledge.tables import cells_in, parse_tables
from knowledge.types import Chunk, Hit

MEMORY = """显存占用如下（A40）：

| Model | DeepSpeed-Stage | Offload | Gradient Checkpointing | Batch Size | GPU-A40 Number | 所耗显存 |
| ------- | ------ | ------ | ------ | ------ | ------ | ------ |
| ChatGLM | zero2 | No | Yes | 1 | 1 | 36G |
| ChatGLM | zero2 | No | No | 1 | 1 | 38G |
| ChatGLM | zero2 | No | Yes | 1 | 4 | 24G |
| ChatGLM | zero2 | No | No | 1 | 4 | 29G |
| ChatGLM | zero3 | Yes | Yes | 1 | 4 | 33G |
"""


def _hits(text: str, section: str = "Freeze") -> list[Hit]:
    return [Hit(Chunk(0, text, "readme.md", "Fine-tuning", 0, "en", meta={"section": section,
                                                                          "cells": cells_in(text, parse_tables(text))}),
                1.0, dense_score=0.5)]


def test_a_question_turns_a_setting_on_or_off():
    assert switched("4x a40, no gradient checkpointing. what vram", "Gradient Checkpointing") is False
    assert switched("4 cards w/ zero3 + offload", "Offload") is True
    assert switched("开了 activation ckpt 以后", "Activation Ckpt") is True
    assert switched("单卡不开梯度检查点那行", "Gradient Checkpointing") is False
    assert switched("what vram does chatglm need", "Gradient Checkpointing") is None
    row = [("Offload", "No"), ("Gradient Checkpointing", "No")]
    assert switch_ties("no gradient checkpointing", row) == 1
    assert switch_ties("with gradient checkpointing", row) == -1


def test_the_row_with_the_asked_settings_answers():
    found = read("chatglm across 4x A40, no gradient checkpointing: what vram did they report?", _hits(MEMORY))
    assert found.best is not None and found.best.value == "29G"


def test_the_switch_and_the_count_the_asker_sets_are_not_the_answer():
    found = read("chatglm on 4 cards w/ zero3 + offload — how much gpu mem per card?", _hits(MEMORY))
    assert found.best is not None and found.best.value == "33G"


def test_a_misspelt_name_with_the_same_digits_meets_the_question():
    hits = [Hit(Chunk(0, "| ChaGLM2 | zero3 | 26G |", "readme.md", "t", 0, "en"), 1.0)]
    assert typos({"chatglm2": 1.0}, hits).get("chaglm2") == 0.8
    other = [Hit(Chunk(0, "| ChatGLM3 | zero3 | 26G |", "readme.md", "t", 0, "en"), 1.0)]
    assert "chatglm3" not in typos({"chatglm2": 1.0}, other)  # another version is no typo


def test_an_offered_value_inside_a_note_is_the_answer_shown():
    table = """| 参数 | 类型 | 说明 |
| --- | --- | --- |
| max_model_len | int | 推理默认最大支持上下文长度，默认2048 |
| block_size | int | KVCache 块大小，默认64 |
"""
    found = read("default max_model_len if i dont pass it — i think it was 2048 or 4096?", _hits(table, "参数说明"))
    assert found.best is not None and found.best.value == "2048"


BOARD = """| 排名 | 模型 | 机构 | 总分 |
|:---:|:---:|:---:|:---:|
| 🏅️ | Yi-34B-Chat | 零一万物 | 71.87 |
| 🥈 | XVERSE-13B-2-Chat | 元象科技 | 58.31 |
| 🥉 | Qwen-14B-Chat | 阿里巴巴 | 56.50 |
"""


def test_a_place_on_a_leaderboard_is_read_from_words_and_medals():
    from bot.read.keys import label_pairs, number_pairs, rank_value

    assert [n for _, n in number_pairs("开源模型排行榜拿银牌（第二）的是哪个模型")] == ["2"]
    assert [n for _, n in number_pairs("who took first place (gold medal) on the board")] == ["1"]
    assert rank_value("🥈") == "2" and rank_value("🏅️") == "1"
    assert label_pairs("🥈 / XVERSE-13B-2-Chat") == [("rank", "2")]


def test_the_row_of_the_asked_place_answers():
    found = read("开源模型排行榜上拿银牌（第二名）的模型总分多少", _hits(BOARD, "SuperCLUE 开源模型排行榜"))
    assert found.best is not None and found.best.value == "58.31"


TIMES = """| Hardware | Backbone | Quantization | Train (hh:mm:ss) |
| --- | --- | --- | --- |
| 1xA10G | llama2-7b | nf4 | 1:26:59 |
| 4xA10G | llama2-7b | nf4 | 26:55 |
| 1xA100 80GB | llama2-7b | nf4 | 30:11 |
"""


def test_a_gpu_count_in_the_row_label_meets_the_one_asked():
    from bot.read.answer_type import values, wanted_types

    assert wanted_types("训练时间多少？") == ("duration",) and values("1:26:59", ("duration",))
    from bot.read.keys import label_pairs, number_pairs

    assert ("gpus", "4") in label_pairs("4xA100 80GB")
    assert [n for _, n in number_pairs("用 1张 A10G 跑 llama2-7b 要多久")] == ["1"]
    found = read("用 1张 A10G 跑 llama2-7b nf4 的话训练时间多少？", _hits(TIMES, "Performance"))
    assert found.best is not None and found.best.value != "26:55"  # not the 4xA10G row
