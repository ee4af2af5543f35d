"""Wording from development batch 63: a cover price and what a business bills per GB are no budget; "an average matter
is ~2 million documents" counts no corpus; "nothing with patient context can leave" and "forbids any third-party cloud
API" block the data; rulebooks to "look things up in" are documents; "参数→文案一一对应" counts nothing; "自研一个气象
基础模型" with "架构是全新设计的" is a new architecture; "instead of the 4090" drops the 4090; "唔使 4-bit 啦" takes
the 4-bit question back; reports "written in a strict template" are examples; "下周能用就行" is a deadline; an archive
the model should write ("整理成规范的批次档案") is no document."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from tests.helpers import label, value


def test_a_cover_price_is_no_budget():
    u = understand("we publish 4 puzzle magazines (cover price $5.99) and want an LLM to write crossword clues in our house "
                   "style. Our setter hand-picked roughly 1,800 clue→answer pairs.")
    assert value(u, "budget_usd") is None and value(u, "examples") == 1800


def test_what_a_business_bills_per_gb_is_no_budget():
    assert value(understand("We bill about $0.09 per GB per month for hosting."), "budget_usd") is None


def test_patient_data_may_not_leave_and_no_cloud_api():
    u = understand("Hard constraint: nothing with patient context can leave our network, and trust policy forbids any "
                   "third-party cloud API.")
    assert value(u, "privacy_blocked") is True


def test_rulebooks_to_look_things_up_in_are_documents():
    u = understand("We have about 600 classification society rulebooks that surveyors need to look things up in.")
    assert value(u, "documents") is True


def test_one_to_one_counts_nothing():
    u = understand("以前外贸同事写好的介绍有两千五百条，都是参数→文案一一对应。预算大概8万元人民币。")
    assert value(u, "examples") == 2500 and value(u, "budget_rmb") == 80000


def test_a_self_built_foundation_model_is_a_new_architecture():
    u = understand("团队想自研一个气象基础模型，架构是全新设计的（不是在现有大模型上改）。已经标注好的样本有三百万条左右。")
    assert value(u, "novel_architecture") is True and label(u) == "from_scratch"


def test_a_card_replaced_is_dropped():
    u = replay(["We have around 600 note→ticket pairs. The only GPU we have is an RTX 4090 in the CAD workstation.",
                "update: the school next door gave us access to their 8x A100 80GB server, so we can use that instead of the 4090"])
    assert value(u, "gpu_memory_gb") == 80 and value(u, "compute") == "ample" and label(u) == "lora"


def test_no_need_for_4_bit_takes_the_question_back():
    u = replay(["我哋有兩千條範例。打算喺一張卡上面 fine-tune 72B 嘅模型，4-bit 完全OK。",
                "唔好意思講錯，其實公司有 8 張 H100 80GB，唔使 4-bit 啦"])
    assert value(u, "four_bit_ok") is None and label(u) == "lora"


@pytest.mark.parametrize("text", ["不用4bit量化", "we can't accept 4-bit"])
def test_refusing_4_bit_still_refuses(text):
    assert value(understand(f"我们有两千条样本，一张 24G 的卡。{text}"), "four_bit_ok") is False


def test_reports_written_in_a_strict_template_are_examples():
    u = replay(["Techs want to query our ~900 turbine manuals and service bulletins from a tablet.",
                "we also have about 1,500 technician reports written in a strict template, and we want the assistant to "
                "output in that same template"])
    assert value(u, "examples") == 1500 and label(u) == "hybrid"


def test_next_week_is_fine_is_a_deadline():
    u = replay(["我们有三千条写好的样本。今天下班前就必须上线！", "刚刚老板说不急，下周能用就行"])
    assert value(u, "deadline") == "week" and label(u) == "lora"


def test_an_archive_the_model_writes_is_no_document():
    u = understand("想让AI把制茶师傅的口述记录整理成规范的批次档案。有三百条样本。我们没有任何GPU。")
    assert value(u, "documents") is None and value(u, "examples") == 300
