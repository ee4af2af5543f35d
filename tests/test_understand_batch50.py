"""Wording from development batch 50: yearly ticket sales, a price range of rentals and what a job bills are no
budget; "goes live tonight" is a same-day deadline while singers asking "what's on tonight" set none; a model size
tried and found wanting is not the one asked for; "N sessions mapping X to Y" and "I've written maybe N of these"
count examples; "update emails every week" is no changing knowledge; "ignore the price part" clears only the
changing prices, not the reply layout."""

from __future__ import annotations

import pytest

from bot.understand import replay, understand
from tests.helpers import label, value


@pytest.mark.parametrize("text", [
    "Brass band, 40 players, ticket sales around $12k a year. 300 past concert blurbs.",
    "Boat hire: rentals from $80 to $900 a day. We have 1,200 booking replies.",
    "Kitchen refits take 3 months and bills around $60k each; 900 past client emails.",
])
def test_takings_prices_and_bills_are_no_budget(text):
    assert value(understand(text), "budget_usd") is None


def test_going_live_tonight_is_a_same_day_deadline():
    u = understand("Our new booking page goes live tonight at 10pm and every listing needs a blurb; 1,500 old blurbs.")
    assert value(u, "deadline") == "today"


def test_people_asking_whats_on_tonight_set_no_deadline():
    u = understand("Ferry office: the timetable changes every week and travellers keep asking what's on tonight.")
    assert value(u, "deadline") is None and value(u, "knowledge_changes") is True


def test_a_model_size_tried_and_found_wanting_is_not_the_one_asked_for():
    u = understand("We want Qwen 72B for the reports (we tried 7B and it was meh). 4,000 examples, one H100 80GB.")
    assert value(u, "model_size_b") == 72.0


@pytest.mark.parametrize("text, count", [
    ("Clinic: 18,000 fitting sessions mapping test results to the chosen settings. We rent one A100 80GB.", 18000),
    ("I've written maybe 40 of these newsletters over the years.", 40),
])
def test_counts_of_examples(text, count):
    assert value(understand(text), "examples") == count


def test_writing_update_emails_every_week_is_no_changing_knowledge():
    u = understand("We send client update emails every week during a build and want them in our tone; 2,000 past emails.")
    assert value(u, "knowledge_changes") is None


def test_ignoring_the_price_part_keeps_the_reply_layout():
    u = replay(["Bike shop: parts prices change daily, and quotes must follow our fixed quote layout. 1,100 past quotes.",
                "Ignore the price part, the price list is frozen for the season now."])
    assert value(u, "needs_format") is True and value(u, "examples") == 1100
    assert label(u) == "lora"


def test_a_cost_question_counts_the_examples_it_names_not_other_things():
    u = understand("Canal boat hire (6 boats, don't ask). Rough cost for an OpenAI fine-tune on gpt-4o-mini: "
                   "1,800 example replies at ~300 tokens each, default epochs?")
    assert u.intent == "cost" and u.cost is not None and u.cost.examples == 1800 and u.cost.avg_tokens == 300


@pytest.mark.parametrize("text", [
    "the server dies with 'Illegal instruction' on my old cpu — per the FAQ which exact database image tag should i switch to?",
    "which phone did they use for the android speed table?",
])
def test_asking_which_tag_or_phone_the_documents_name_is_factual(text):
    assert understand(text).intent == "factual"
