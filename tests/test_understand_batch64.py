"""Wording from development batch 64: what one of the goods costs ("a new 8mph scooter is £2,300-ish", "the printed
guide is £2.50", "$4.50/ft²") is no budget, while "budget for the ML bit is only $800" is one; "budget's a bit
tight" is a low budget; "over 6 years our growers labelled 48,000" counts no six examples; reports "the office tidied
up" and "1.3 million races, each with the comment our analysts published" are examples; "form guides" and "track
scanned a year" are no documents; "日日都唔同" and "一日變兩次" are changing facts; members' data (會員資料) is no
document, "唔可以傳去任何外面嘅 API" blocks it and "可以匿名化先用" lifts the block; "另外一件完全唔關事嘅嘢" starts a new
situation."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from tests.helpers import label, value


@pytest.mark.parametrize("text", ["a new 8mph scooter is £2,300-ish.", "the printed guide is £2.50.",
                                  "Standard RAL colours are about $4.50/ft², specialty finishes are more.",
                                  "a standard septic tank empty is about $385."])
def test_what_the_goods_cost_is_no_budget(text):
    assert value(understand(text), "budget_usd") is None


@pytest.mark.parametrize("text, amount", [("Budget for the ML bit is only $800, that's what the CTO signed off.", 800),
                                          ("the budget is $5,000.", 5000)])
def test_a_budget_stays_a_budget(text, amount):
    u = replay(["We want a model that turns a client brief into a spec in our JSON schema. We have 14,000 brief->spec pairs.", text])
    assert value(u, "budget_usd") == amount


def test_a_bit_tight_is_a_low_budget():
    assert value(understand("we have 3,400 note -> report pairs. budget's a bit tight tbh, we're a small firm"), "budget_low") is True


def test_a_span_of_years_counts_no_examples():
    u = understand("Over 6 years our growers labelled about 48,000 sensor snapshots with a diagnosis and an action.")
    assert value(u, "examples") == 48000


@pytest.mark.parametrize("text, count", [
    ("we've got 3,400 reports the office tidied up into decent ones, so engineer notes -> finished report pairs.", 3400),
    ("Our archive has 1.3 million races, each with the official result data and the race comment our analysts published.",
     1_300_000),
])
def test_tidied_and_paired_things_are_examples(text, count):
    u = understand(text)
    assert value(u, "examples") == count and value(u, "documents") is None


@pytest.mark.parametrize("text", ["We publish greyhound racing form guides (19 tracks, ~2,000 races a week).",
                                  "Rail inspection contractor: ~41,000 km of track scanned a year for 3 networks."])
def test_products_and_scanning_are_no_documents(text):
    assert value(understand(text), "documents") is None


def test_cantonese_daily_changes():
    u = understand("啲價錢同存貨真係日日都唔同，有時一日變兩次。阿女幫手整理咗大約八百條以前覆客嘅對話。")
    assert value(u, "knowledge_changes") is True


def test_members_data_privacy_and_a_new_situation():
    u = replay(["想整個 AI 幫手寫俾會員嘅通告，之前寫好嘅有二千條左右。不過會員資料（電話、出入記錄）一定唔可以傳去任何外面嘅 API。",
                "律師睇過，會員資料可以匿名化先用，咁就冇問題喇",
                "另外一件完全唔關事嘅嘢：我個仔想自己由零開始整一個全新架構嘅麻雀 AI 模型"])
    assert value(u, "documents") is None and value(u, "examples") is None and label(u) == "from_scratch"
    first = replay(["之前寫好嘅有二千條左右。不過會員資料（電話、出入記錄）一定唔可以傳去任何外面嘅 API。"])
    assert value(first, "privacy_blocked") is True
    lifted = replay(["之前寫好嘅有二千條左右。會員資料唔可以傳去外面嘅 API。", "律師睇過，會員資料可以匿名化先用，咁就冇問題喇"])
    assert value(lifted, "privacy_blocked") is False and label(lifted) == "lora"
