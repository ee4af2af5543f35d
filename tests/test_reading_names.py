"""Reading: versions asked with a typo or a library between, names asked for (a framework, a card), and titles
that look like "name: value" but set nothing."""

from __future__ import annotations

import pytest

from bot.read import read
from bot.read.answer_type import values, wanted_types
from knowledge.types import Chunk, Hit


@pytest.mark.parametrize("question", ["max supported pytorch verison?", "要求什麼 cuda 版本，12.1 能用吗"])
def test_a_version_asked_with_a_typo_or_a_library_in_between(question):
    assert wanted_types(question) == ("version",)


@pytest.mark.parametrize("question", ["which backend does the server use?", "它是在哪个推理框架基础上做的",
                                      "readme 推荐用什么卡"])
def test_a_framework_or_a_card_asks_for_a_name(question):
    assert wanted_types(question)[-1:] == ("name",)  # a card is asked first as a GPU model, then as any name


def test_names_are_marked_by_capitals_or_digits_inside():
    found = [v[3] for v in values("Built on top of LightLLM; tested on an A100 with MPS, not on plain GPUs.", ("name",))]
    assert found == ["LightLLM", "A100", "MPS"]


def hits(*texts: str) -> list[Hit]:
    return [Hit(Chunk(60 + i, t, "server.md", "Server", i, "en"), score=0.9 - 0.1 * i, dense_score=0.5)
            for i, t in enumerate(texts)]


def test_the_name_read_is_not_the_one_the_question_writes():
    ev = read("Which framework is FastServe built on?", hits("FastServe is built on top of TurboEngine."))
    assert ev.best is not None and ev.best.value == "TurboEngine"


def test_a_title_is_no_assignment():
    from bot.read import reader

    weights = reader._weights("fast-serve version?")
    assert reader._assigned("Fast-Serve: Serving Many Adapters At Once", weights) == ""
    assert reader._assigned("Fast-Serve: 2.1.0 or later", weights) == "2.1.0"
