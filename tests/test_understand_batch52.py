"""Wording from development batch 52: a timetable "different from one hour to the next" is changing knowledge;
"anywhere from $80 to $40k for a show-grade fish" is a price, not a budget; an archive that "was de-identified"
is the training examples, not documents; "the other rinks are throwing in their 9,000 logs" adds to the count;
"a single epoch" and "轮数用默认的" change a cost estimate's epochs."""

from __future__ import annotations

from bot.understand import replay, understand
from tests.helpers import label, value


def test_a_timetable_that_changes_hour_to_hour_is_changing_knowledge():
    u = understand("Ferry line: sailings get retimed constantly, the schedule is different from one hour to the next. "
                   "Answers must be JSON for the pier screens; we logged 1,400 past replies in that JSON.")
    assert value(u, "knowledge_changes") is True
    assert label(u) == "hybrid"


def test_a_price_range_for_one_item_is_no_budget():
    u = understand("We sell ~9,000 fish a year, anywhere from $80 to $40k for a show-grade one. Our judges have graded "
                   "45,000 fish (measurements -> grade) and we want the best grading model money can buy. A university "
                   "lends us 8x A100 80GB for a month.")
    assert value(u, "budget_usd") is None
    assert label(u) == "full_finetune"


def test_a_cleared_archive_is_the_examples_not_documents():
    u = replay(["We want follow-up letters in our standard format; we have 2,500 past letters to learn from.",
                "Privacy flagged it: the letters name patients and can't be used for training.",
                "Good news: the letter archive was de-identified in 2022 and the committee cleared it for training."])
    assert not value(u, "documents")
    assert value(u, "privacy_blocked") is False
    assert label(u) == "lora"


def test_logs_thrown_in_by_others_add_to_the_count():
    u = replay(["ice rink ops: 7,000 maintenance logs that should become our fixed shift report. one RTX 4090",
                "scratch the 4090, city IT is lending us a 4x A100 80GB server",
                "plus the other two rinks are throwing in their 9,000 logs"])
    assert value(u, "examples") == 16_000


def test_a_single_epoch_and_the_default_epochs_reprice():
    u = replay(["what would a gpt-4o-mini fine-tune cost: 2,600 pairs, ~700 tokens each, default epochs?",
                "and on the full gpt-4o?", "oof. gpt-4o but a single epoch then"])
    assert u.cost is not None and u.cost.epochs == 1 and u.cost.model.startswith("gpt-4o-2024")
    zh = replay(["gpt-4o 微调一万二千条，每条 ２２０ token，训练 2 轮，要多少？", "每条其实是一百八十 token。",
                 "那换 gpt-4o-mini，轮数用默认的呢？"])
    assert zh.cost is not None and zh.cost.epochs == 3 and zh.cost.avg_tokens == 180
