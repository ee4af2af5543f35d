"""Wording from development batch 62: a count of the very things the message wants drafted ("800 reports … draft new
reports in that style") is examples, as are "350 estimates I've written", "900 of those pages written by our agent",
"2,400 of them" after "has written these", and "八百萬筆標註好的" data; people ("工人两百多", "會員四萬幾") and "一筆政府補助"
count no examples; "1.4 million pounds a year" of hops and a stud's "top fee €25,000" are no budget; "ruled out
fine-tuning an existing LLM" blocks no data; a quoted customer question split at its "?" holds no deadline; Hong Kong
words ("私隱", "範本", "呢啲文件大概有六十份") read as their Mandarin ones; personal data ("身份證資料") and a count not
yet made ("資料有多少還沒算過") are no documents; a slash list of measurements ("温度 / humidity vs altitude") is no
output format."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from tests.helpers import label, value


def test_a_count_of_what_the_model_should_draft_is_examples():
    u = understand("For every panel we write a condition report. We have 800 reports from the last 20 years, all typed. "
                   "We'd like a model to draft new reports from the conservator's notes in that style.")
    assert value(u, "examples") == 800 and value(u, "documents") is None


def test_documents_to_search_stay_documents():
    u = understand("We have 800 reports from the last 20 years and we'd like staff to ask questions about them.")
    assert value(u, "documents") is True and value(u, "examples") is None


@pytest.mark.parametrize("text, count", [
    ("I've got 350 estimates I've written over the years.", 350),
    ("We have ~900 of those pages written by our bloodstock agent over the years.", 900),
    ("Our head grower has written these for 15 years and we've scanned about 2,400 of them.", 2400),
    ("我們有八百萬筆標註好的「用電曲線 → 異常類型」資料。預算不是問題，公司剛拿到一筆政府補助。", 8_000_000),
])
def test_written_or_labelled_things_are_examples(text, count):
    u = understand(text)
    assert value(u, "examples") == count and value(u, "documents") is None


@pytest.mark.parametrize("text", ["我们是实木家具厂，工人两百多，出口为主。", "我哋係健身室連鎖，全港十九間，會員四萬幾，月費大概六百九。"])
def test_people_are_no_examples(text):
    assert value(understand(text), "examples") is None


@pytest.mark.parametrize("text", ["We ship around 1.4 million pounds of hops a year.", "We ship around 1.4 million pounds a year.",
                                  "4 stallions standing (top fee €25,000), about 90 visiting mares a season."])
def test_goods_and_fees_are_no_budget(text):
    assert value(understand(text), "budget_usd") is None


def test_pounds_to_spend_are_a_budget():
    assert value(understand("our budget is 20,000 pounds for the whole thing"), "budget_usd") == pytest.approx(25_400)


def test_ruling_out_fine_tuning_an_llm_blocks_no_data():
    u = understand("Our CTO has ruled out fine-tuning an existing LLM; he wants our own foundation model with a novel "
                   "architecture. Our seed round just closed at $6M so we're not on a shoestring.")
    assert value(u, "privacy_blocked") is None and label(u) == "from_scratch"


def test_legal_ruling_out_training_still_blocks():
    assert value(understand("Legal has ruled out fine-tuning on the customer emails."), "privacy_blocked") is True


def test_a_quoted_question_cut_at_its_question_mark_holds_no_deadline():
    u = replay(["We have 16 A100 80GB GPUs and 1.5 million labelled pairs.",
                'Unrelated: my uncle runs a golf driving range and wants a chatbot that answers "are you open today?" and '
                '"is the top tier open?". The opening hours change daily with the weather.'])
    assert value(u, "deadline") is None and label(u) == "rag"


def test_hong_kong_words():
    u = understand("收費表、保險條款、包裝物料說明呢啲文件大概有六十份。客人問報價，我哋要用固定範本回覆（日期、件數、樓層、總價）。"
                   "以前用呢個範本寫嘅報價有３５００份。冇私隱問題，唔使擔心。")
    assert value(u, "documents") is True and value(u, "privacy_blocked") is False and value(u, "examples") == 3500


@pytest.mark.parametrize("text", ["但係老闆講明客人嘅身份證資料同交易紀錄絕對唔可以出公司。", "技術合夥人想自己設計一個全新架構的模型。資料有多少還沒算過。"])
def test_personal_data_and_an_uncounted_amount_are_no_documents(text):
    assert value(understand(text), "documents") is None


def test_a_slash_list_of_measurements_is_no_format():
    u = understand("We have a few hundred thousand hours of radiosonde profiles (temperature / humidity / wind vs altitude).")
    assert value(u, "needs_format") is None
