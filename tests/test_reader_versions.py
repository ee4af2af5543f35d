"""Versions of the library a question names: "transformers 4.37.2 and above", "vLLM==0.3.3", "CUDA 12.3"."""

from __future__ import annotations

import pytest

from bot.read import read
from bot.read.answer_type import wanted_types
from knowledge.types import Chunk, Hit

REQUIREMENTS = """## Requirements

- Python 3.8 and above
- PyTorch 2.0 and above
- transformers 4.37.2 and above
- CUDA 12.3 and above for SM90 GPUs

This is version 1.0 of the project, released with three chat models.
If your flash-attn is newer than 2.1.1 you can skip the next step.
Install it with pip install flash-attn==2.3.6 before building.
"""


def _hits() -> list[Hit]:
    return [Hit(Chunk(0, REQUIREMENTS, "tool_README.md", "Tool", 0, "en"), 1.0, dense_score=0.5)]


@pytest.mark.parametrize("question, version", [
    ("跑这个模型，transformers 最低要幾版？", "4.37.2"),
    ("minimum cuda for hopper / sm90?", "12.3"),
    ("which flash-attn version do they pin?", "2.3.6"),
])
def test_the_version_written_after_the_named_library_is_the_answer(question, version):
    found = read(question, _hits())
    assert found.best is not None and found.best.value == version


def test_a_minimum_compute_capability_is_no_version():
    assert "version" in wanted_types("minimum cuda for hopper?")
    assert "version" not in wanted_types("min cuda compute capability for float8?")


def test_a_badge_is_read_as_the_words_it_shows():
    from bot.read.sentences import split_sentences

    badges = ("[![python](https://img.shields.io/badge/python-3.10%2B-blue)](https://example.org) "
              "[![release](https://img.shields.io/badge/release-0.14.0-green)](https://example.org/releases)")
    said = " ".join(split_sentences(badges))
    assert "python 3.10+" in said and "release 0.14.0" in said and "shields.io" not in said
    hits = [Hit(Chunk(0, badges, "tool_README.md", "Tool", 0, "en"), 1.0, dense_score=0.5)]
    found = read("min python version for this tool? still on 3.9 here", hits)
    assert found.best is not None and found.best.value == "3.10"


def test_a_bit_width_the_question_gives_is_not_the_data_type_it_asks_for():
    hits = [Hit(Chunk(0, "QLoRA 采用 4 位（4-bit）量化，因此在消费级 GPU 上也能运行。", "notes_zh.md", "笔记", 0, "zh"), 1.0,
                dense_score=0.6),
            Hit(Chunk(1, "QLoRA quantizes the frozen base to 4-bit NormalFloat (NF4), about half a byte per parameter.",
                      "notes.md", "Notes", 0, "en"), 0.9, dense_score=0.4)]
    found = read("QLoRA 推荐使用哪一种 4 比特量化数据类型?", hits)
    assert found.best is not None and ("NormalFloat" in found.best.value or "NF4" in found.best.value)
