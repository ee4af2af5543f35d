"""Wording from development batch 59: "whatever's true today" and a customer's quoted question left open by its
question mark are no deadline; "量化到4bit也没关系" accepts 4-bit; "唔准用外國API", "唔可以出醫館" block the data;
a one-page profile is no document collection; day rates are no budget; "nothing changing" says the facts are steady;
"scratch the template requirement, they will format it themselves" clears the format need; "换个完全不相干的问题"
starts another project."""

from __future__ import annotations

import pytest

from bot.understand import understand
from tests.helpers import label, value


@pytest.mark.parametrize("text", [
    "Availability and pricing change literally every day. We'd want the bot to answer with whatever's true today.",
    "客人每天都在LINE上問「今天還有芋泥嗎？」「西屯店現在還有開嗎？」，庫存每天都在變。",
])
def test_freshness_and_open_quotes_are_no_deadline(text):
    u = understand(text)
    assert value(u, "deadline") is None and value(u, "knowledge_changes") is True


def test_quantizing_to_4bit_does_not_matter():
    u = understand("想用 Qwen 72B 做微调，有三千条样例。量化到4bit也没关系，效果差一点我们能接受。")
    assert value(u, "four_bit_ok") is True and label(u) == "qlora"


def test_cantonese_privacy_blocks():
    u = understand("想要個AI將師傅寫嘅病歷轉做護理指引，我哋有八百條例子。不過病人資料唔可以出醫館，唔准用外國API。")
    assert value(u, "privacy_blocked") is True and value(u, "documents") is None and label(u) == "prompt"


def test_anonymised_in_full_lifts_privacy():
    u = understand("病人資料唔可以出醫館。")
    assert value(understand("私隱嗰part搞掂咗，已經全部匿名化，可以用外面嘅服務。", u), "privacy_blocked") is False


def test_a_one_page_profile_and_day_rates():
    u = understand("Day rates £450–£900. We want the model to turn diver CVs + logbooks into a standardized one-page "
                   "client profile. We have 3,000 CV→profile examples.")
    assert value(u, "documents") is None and value(u, "budget_usd") is None and value(u, "examples") == 3000


def test_a_300_page_manual_is_still_documents():
    assert value(understand("Answers must come from our 300-page maintenance manual."), "documents") is True


def test_quoted_pairs_of_data_are_examples_not_documents():
    u = understand("這十年累積了二十五萬筆「題目→詳解」的資料，想讓模型幫忙寫新題目的詳解。")
    assert value(u, "examples") == 250000 and value(u, "documents") is None


def test_nothing_changing_after_a_correction():
    u = understand("Berth availability and fuel prices change daily. Want a bot that answers from live data.")
    u = understand("correction: we've moved to a fixed seasonal price list, so nothing changing. no examples, no docs.", u)
    assert value(u, "knowledge_changes") is False and label(u) == "prompt"


def test_scratching_the_template_requirement():
    u = understand("We have ~900 lot descriptions written in our house template already, plus 600 catalogue PDFs.")
    u = understand("hmm, scratch the template requirement, cataloguers will format it themselves. keep everything else", u)
    assert value(u, "needs_format") is None and value(u, "examples") == 900


def test_an_unrelated_question_starts_afresh():
    u = understand("想做个咨询机器人，从借阅规章这些文件（几万页）里找答案。回复要按固定格式，写好的回复有一千二百条。")
    u = understand("换个完全不相干的问题：化学院有个课题组想自研一个全新架构的分子模型，从头训练，手上有四百万条分子→性质的样本。", u)
    assert value(u, "documents") is None and value(u, "needs_format") is None and label(u) == "from_scratch"
