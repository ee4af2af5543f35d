"""Reading questions written by others: "几点几" asks for a version (CUDA 几点几, python 最低要几点几), answered by the
version written after the library the question names, not by another number of the passage."""

from __future__ import annotations

from bot.read import read
from bot.read.answer_type import wanted_types
from knowledge.types import Chunk, Hit


def test_jidianji_asks_for_a_version():
    assert wanted_types("那篇教程用的 CUDA 几点几？") == ("version",)


def test_the_version_after_the_named_library_answers():
    hits = [Hit(Chunk(0, "测试环境：4 张 H20，CUDA 12.2，驱动 550。启动命令：NPROC_PER_NODE=4 swift sft", "doc.md", "环境", 0, "zh"),
                1.0, dense_score=0.5)]
    found = read("教程用的 CUDA 几点几？", hits)
    assert found.best is not None and "12.2" in f"{found.best.value} {found.best.text}" and found.best.value != "4"


def test_a_value_among_the_askers_options_is_preferred():
    hits = [Hit(Chunk(0, "Corpus notes: 5k sentences are held out for development and 5k for testing.", "doc.md", "Setup", 0, "en"),
                1.0, dense_score=0.5),
            Hit(Chunk(1, "Training uses the first 5M pairs of the parallel corpus.", "doc.md", "Setup", 1, "en"), 1.0,
                dense_score=0.5)]
    found = read("how many sentences did they use for training? was it 5M or 10M", hits)
    assert found.best is not None and found.best.value.lower() == "5m"
