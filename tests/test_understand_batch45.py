"""Call volume and prompt length in other people's wording: "每天调用十几万次" (a verb between the period and the
count, a vague magnitude) and a prompt's token count given after a comma ("prompt 里塞了…示例，大约 3,500 token")."""

from __future__ import annotations

import pytest

from bot.understand import understand
from tests.helpers import label, value


@pytest.mark.parametrize("text, monthly", [("我们每天调用十几万次。", 4_500_000), ("每小时请求两千次左右。", 1_440_000)])
def test_calls_counted_after_a_verb_are_the_call_volume(text, monthly):
    u = understand(text)
    assert value(u, "calls_per_month") == monthly and value(u, "high_volume") is True


def test_a_prompt_length_after_the_comma_is_the_prompt_s():
    u = understand("每次 prompt 里都塞了很多 few-shot 示例，大约 2,800 token，又慢又贵。")
    assert value(u, "prompt_tokens") == 2800 and value(u, "long_prompt") is True and label(u) == "lora"


def test_tokens_after_a_comma_without_a_prompt_are_not_a_prompt_length():
    assert value(understand("回复要简短，大约 200 token。"), "prompt_tokens") is None
