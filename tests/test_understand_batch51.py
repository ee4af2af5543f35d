"""Wording from development batch 51: what each job "costs the owner" is no budget, and "$1-3M" is a range of
millions; "现有架构都处理不了" argues for a new architecture; "用什么硬件还没想好" and "我们几家工作室" ask nothing;
"handed over 5,000 more" adds 5,000, not "over 5,000"; "scrap the look-up part" and "nobody wants the manuals
quoted" clear the documents; "一个月也就三百次调用" is a call volume, and a 200-token prompt is no long one."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from bot.understand.numbers import quantities
from tests.helpers import label, value


def test_what_a_job_costs_its_owner_is_no_budget():
    u = understand("Cable repair ship, one RTX 4090 aboard. 4,500 fault logs -> repair reports in the client's fixed "
                   "template. Each repair costs the owner $1-3M, so compute money is not an issue.")
    assert value(u, "budget_usd") is None
    assert label(u) == "qlora"


@pytest.mark.parametrize("text, first", [("$1-3m", 1_000_000), ("2 to 5k", 2_000), ("3-5万", 30_000)])
def test_a_range_shares_the_magnitude_written_after_it(text, first):
    found = quantities(text)
    assert found[0].value == first


def test_a_range_without_a_magnitude_is_left_alone():
    assert [q.value for q in quantities("8-16")] == [8, 16]


def test_existing_architectures_that_cannot_cope_argue_for_a_new_one():
    u = understand("想自研一个全新架构的显微图像基础模型，现有架构都处理不了，从头训练。标注图像三百万张，经费两百万元。")
    assert value(u, "novel_architecture") is True
    assert label(u) == "from_scratch"
    en = understand("We need a new architecture because existing architectures can't handle stacked focal planes.")
    assert value(en, "novel_architecture") is True


def test_using_an_existing_architecture_is_still_no_new_one():
    assert value(understand("就用现有架构微调，三万条数据。"), "novel_architecture") is False


@pytest.mark.parametrize("text", [
    "我们几家工作室联合做了个数据集，每条都标了评级，一共一万八千条。想训个模型来预判评级。用什么硬件还没想好。",
    "We labelled 18,000 measurements with a grade each and want a model to predict the grade. Not sure yet which GPU.",
])
def test_an_open_choice_asks_nothing(text):
    u = understand(text)
    assert u.intent == "situation"
    assert value(u, "examples") == 18_000


def test_handed_over_n_more_adds_exactly_n():
    first = "How much to fine-tune gpt-4o-mini on 15,000 examples, ~800 tokens each, 2 epochs?"
    u = replay([first, "The analysts just handed over 5,000 more. Same settings."])
    assert u.cost is not None and u.cost.examples == 20_000
    assert value(understand("we have over 5,000 labelled examples"), "examples") == 5_500


def test_scrapping_the_look_up_part_clears_the_documents():
    u = replay(["Rope access firm: supervisors want answers from ~600 pages of method statements. No labelled Q&A.",
                "Update: we found 1,500 signed-off rescue plans and the output must follow our template exactly.",
                "Scrap the look-up part. Turns out nobody wants the manuals quoted, only the template filled in."])
    assert not value(u, "documents")
    assert label(u) == "lora"


def test_a_small_monthly_volume_and_a_short_prompt_replace_the_big_ones():
    u = replay(["我们的小程序每个月调用大模型一百二十万次左右，每次都带一段三千 token 的提示词。有没有更省钱的办法？",
                "看错报表了，那是整个集团的。我们自己一个月也就三百次调用，提示词两百 token 左右。"])
    assert value(u, "calls_per_month") == 300
    assert value(u, "high_volume") is False
    assert value(u, "long_prompt") is False
    assert label(u) == "prompt"
