"""Wording from development batch 60: publishing new titles every month is no change of facts; "分几步来：第一步…第二步"
is multi-step; "can NOT go to a third-party API or any cloud" blocks the data; what a vial ships for, a bus fare in 台币,
cloth at a price a metre, what one goose sells for and how many zippers a year are made are neither budget nor
examples; "格式唔使跟" drops the format."""

from __future__ import annotations

import pytest

from bot.understand import understand
from tests.helpers import label, value


def test_publishing_monthly_is_no_change_of_facts():
    assert value(understand("我們是漫畫出版社，每個月出版新刊大約一百二十本。"), "knowledge_changes") is None


def test_steps_in_chinese_are_multi_step():
    u = understand("外贸询盘特别杂，想让AI分几步来：第一步从客户邮件里抽出规格（号数、长度），第二步根据规格推理该走哪条产线、"
                   "要不要开新模，第三步再写英文回复。每一步都要推理清楚。不需要固定格式，也没有文档要查。这种情况适合什么方法？")
    assert value(u, "multi_step") is True and label(u) == "lora"


def test_cannot_go_to_a_third_party_api():
    u = understand("Donor records can NOT go to a third-party API or any cloud, period.")
    assert value(u, "privacy_blocked") is True


@pytest.mark.parametrize("text", [
    "a vial ships to clinics for $1,100–$1,450.",
    "台北到台中單程票價台幣２６０元。",
    "hessian cloth sells around $1.10 a metre.",
])
def test_prices_are_no_budget(text):
    u = understand(text)
    assert value(u, "budget_usd") is None and value(u, "budget_rmb") is None


@pytest.mark.parametrize("text", ["一只大狮头鹅能卖四百多。", "一年产拉链十二亿条，一条普通3号尼龙拉链出厂价才几毛钱。"])
def test_goods_sold_or_made_are_no_examples(text):
    assert value(understand(text), "examples") is None


def test_cantonese_no_need_to_follow_the_format():
    u = understand("要跟公司固定格式（位置／問題／建議工序），我哋有１４００份舊報價單。")
    u = understand("算啦，格式唔使跟，師傅話佢哋自己會執。", u)
    assert value(u, "needs_format") is not True and value(u, "examples") == 1400


def test_a_new_architecture_over_twenty_million_samples():
    u = understand("數據團隊想設計一個全新的模型架構，從頭預訓練。台北到台中單程票價台幣２６０元。已經整理了兩千萬筆「軌跡片段→下一小時到站人數」的標註樣本。")
    assert label(u) == "from_scratch"


def test_revised_every_term_and_data_that_may_not_leave_the_school():
    u = understand("我們是台中一家補習班，題庫講義大概三千份PDF，每學期都會改版，學生的資料不能出校，想做個問答助手，該用什麼方法？")
    assert value(u, "knowledge_changes") is True and value(u, "privacy_blocked") is True and label(u) == "rag"
