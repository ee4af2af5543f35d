"""The Chat tab's handlers without a browser: echo first, answers that grow, the situation card, Compare columns."""

import pytest

from bot.pipeline import Pipeline
from bot.understand.types import Slot, Understanding
from bot.web import card
from bot.web.callbacks import NO_ADAPTER, WebCallbacks
from bot.web.history import CURSOR, history_pairs
from tests.helpers import EMBEDDER, settings_for
from tests.test_web_callbacks import FakePipeline

SITUATION = "We have 3,000 labelled support chats and want the model to learn our reply tone. Which method?"


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    return WebCallbacks(Pipeline(settings_for(tmp_path_factory.mktemp("chat")), embedder=EMBEDDER))


def test_echo_shows_the_question_before_any_work(tmp_path):
    fake = FakePipeline(settings_for(tmp_path))
    shown, box, question = WebCallbacks(fake).echo("  Which method?  ", [{"role": "user", "content": "q0"},
                                                                        {"role": "assistant", "content": "a0"}])
    assert shown[-1] == {"role": "user", "content": "Which method?"} and box == "" and question == "Which method?"
    assert fake.calls == []  # nothing was asked yet


def test_answer_grows_then_ends_rendered_with_the_new_state(tmp_path):
    fake = FakePipeline(settings_for(tmp_path))
    cb = WebCallbacks(fake)
    shown, _, q = cb.echo("Which method?", [])
    previous = Understanding("earlier", "en", "situation", {"examples": Slot(3000, "3,000 chats")})
    updates = list(cb.answer_stream(q, shown, True, NO_ADAPTER, previous))
    assert fake.calls[-1][-1] is previous  # the state went to the pipeline as it was kept
    first, last = updates[0], updates[-1]
    assert first.history[-1]["content"] == "answe" + CURSOR and first.answer is None and first.state is previous
    assert last.answer is not None and 'data-label="lora"' in last.history[-1]["content"]
    assert [m["role"] for m in last.history] == ["user", "assistant"] and "ms" in last.status
    assert history_pairs(first.history) == [("Which method?", "answe")]  # a stopped answer has no cursor


def test_a_failed_answer_gives_the_question_back(tmp_path):
    cb = WebCallbacks(FakePipeline(settings_for(tmp_path), error=RuntimeError("boom")))
    shown, _, q = cb.echo("Which method?", [])
    (update,) = cb.answer_stream(q, shown, True, NO_ADAPTER)
    assert update.box == "Which method?" and update.history == [] and "unexpected error" in update.status


@pytest.mark.parametrize("name,shown,value", [
    ("examples", 40.0, 40), ("examples", None, None), ("budget_usd", 12.5, 12.5), ("knowledge_changes", "yes", True),
    ("privacy_blocked", "no", False), ("multi_step", "unknown", None), ("deadline", "week", "week"),
    ("deadline", "unknown", None), ("gpu_count", 2, 2),
])
def test_card_values_map_to_slot_values(name, shown, value):
    assert card.to_override(name, shown) == value


def test_card_shows_values_and_their_words():
    u = Understanding("q", "en", "situation", {"examples": Slot(3000, "3,000 labelled chats"),
                                               "needs_format": Slot(True, "reply tone"),
                                               "deadline": Slot("week", "by Friday")})
    values = card.card_values(u)
    assert values["examples"] == (3000, "来自 / from: “3,000 labelled chats”")
    assert values["needs_format"][0] == "yes" and values["deadline"][0] == "week"
    assert values["gpu_memory_gb"] == (None, "未提及 / not stated") and values["privacy_blocked"][0] == "unknown"
    assert set(values) == {f.name for f in card.CARD_FIELDS} and card.has_card(u)
    assert not card.is_change(u, "examples", 3000.0) and card.is_change(u, "examples", 40)
    assert not card.has_card(Understanding("what is lora", "en", "factual"))
    with pytest.raises(Exception, match="examples"):
        card.to_override("examples", "-3")


def test_editing_a_slot_redecides_without_retrieval_and_becomes_the_state(real):
    *_, done = real.answer_stream(SITUATION, real.echo(SITUATION, [])[0], True, NO_ADAPTER)
    before = done.answer
    assert before.understanding.slots["examples"].value == 3000
    searches = []
    retriever = real.pipeline.retriever()
    original = retriever.search
    retriever.search = lambda *a, **k: searches.append(a) or original(*a, **k)
    try:
        edited = real.edit_slot("examples", 40, done.history, True, done.state)
    finally:
        retriever.search = original
    assert searches == []  # no retrieval round trip
    assert edited.state.slots["examples"].value == 40 and edited.answer.recommendation != before.recommendation
    reply = edited.history[-1]["content"]
    assert "3,000 → 40" in reply and f'data-label="{edited.answer.recommendation.label}"' in reply
    assert len(edited.history) == len(done.history)  # the corrected answer replaces the last one
    follow = list(real.answer_stream("And what if our GPU has 24 GB?", [*edited.history,
                                     {"role": "user", "content": "And what if our GPU has 24 GB?"}],
                                     True, NO_ADAPTER, edited.state))[-1]
    assert follow.state.slots["examples"].value == 40  # the next turn builds on the corrected facts
    assert follow.state.slots["gpu_memory_gb"].value == 24


def test_card_edits_that_change_nothing_or_are_bad(real):
    *_, done = real.answer_stream(SITUATION, real.echo(SITUATION, [])[0], True, NO_ADAPTER)
    same = real.edit_slot("examples", 3000, done.history, True, done.state)
    assert same.state is done.state and same.answer is None
    bad = real.edit_slot("budget_usd", "lots", done.history, True, done.state)
    assert bad.state is done.state and "budget_usd" in bad.status and "error" in bad.status
    assert "Ask about your situation first" in real.edit_slot("examples", 4, [], True, None).status


def test_compare_fills_each_column_as_its_mode_finishes(tmp_path):
    fake = FakePipeline(settings_for(tmp_path))
    steps = list(WebCallbacks(fake).compare_stream("Which method?", "/a/style"))
    assert len(steps) == 8  # each column streamed (a partial text), then its finished answer
    assert steps[0][0].startswith("partial 0") and "Answering" in steps[0][1] and "Answering" in steps[0][4]
    assert 'data-mode="prompt"' in steps[1][0] and "Answering" in steps[1][3]
    assert steps[2][1].startswith("partial 1") and 'data-mode="rag"' in steps[3][1]
    assert all('data-mode="' in col for col in steps[-1][:4]) and "advisor-status-ok" in steps[-1][4]
    assert "Prompt only: 12 ms" in steps[-1][4]


def test_chart_inputs_come_from_the_situation_or_defaults():
    from bot.web import charts

    stated = Understanding("q", "en", "cost", {"calls_per_month": Slot(2_000_000, "2M calls a month"),
                                               "prompt_tokens": Slot(1500, "1,500-token prompt")})
    got = charts.chart_inputs(stated)
    assert (got.prompt_tokens, got.calls_per_month, got.model_size_b) == (1500, 2_000_000, charts.DEFAULT_MODEL_B)
    assert set(got.stated) == {"calls_per_month", "prompt_tokens"}
    assert charts.chart_inputs(None).stated == ()


@pytest.mark.parametrize("tokens,calls,training", [(2000, 100_000, 10.0), (800, 5_000, 5000.0), (4000, 0, 250.0)])
def test_cost_chart_lines_cross_at_the_marked_break_even(tokens, calls, training):
    from bot.web import charts

    curve, rows = charts.cost_rows(tokens, calls, training)
    prompt = {r["calls"]: r["usd"] for r in rows if r["series"] == charts.PROMPT_SERIES}
    tuned = {r["calls"]: r["usd"] for r in rows if r["series"] == charts.TUNED_SERIES}
    mark = [r for r in rows if r["series"] == charts.BREAK_EVEN_SERIES]
    assert max(prompt) >= max(calls, 2 * curve.break_even_calls) * 0.99  # the axis reaches past both
    even = curve.break_even_calls
    assert [r["calls"] for r in mark] == [even, even] and mark[1]["usd"] >= max(prompt.values())
    for v in prompt:  # below the break-even prompt-only is cheaper, above it the fine-tuned model is
        if v < even - 1:
            assert prompt[v] <= tuned[v]
        elif v > even + 1:
            assert prompt[v] >= tuned[v]
    assert f"{even:,}" in charts.cost_caption(curve, calls)


def test_memory_chart_bars_carry_their_rule_and_source():
    from bot.web import charts

    rows = charts.memory_rows(7, "en")
    assert [r["bytes_per_param"] for r in rows] == [16.0, 2.0, 0.5]
    assert rows[0]["gb"] > rows[1]["gb"] > rows[2]["gb"] and rows[1]["gb"] == pytest.approx(7 * 2 * 1.2, abs=0.1)
    assert all(r["source"] == "gpu-memory-rules.md" and "byte" in r["rule"] for r in rows)
    notes = charts.memory_notes(charts.memory_rows(13, "zh"), "zh")
    assert notes.count("gpu-memory-rules.md") == 3 and "字节" in notes


def test_chart_callback_turns_bad_input_into_a_note(real):
    cost, cost_note, memory, memory_note = real.charts(0, 100, None, -1, "en")
    assert cost.empty and "prompt length" in cost_note and memory.empty and "model size" in memory_note
    cost, cost_note, memory, _ = real.charts(2000, 100_000, 10, 7, "en")
    assert len(cost) > 40 and set(cost["series"]) == {"仅提示 / prompt-only", "微调后 / fine-tuned", "盈亏平衡 / break-even"}
    assert len(memory) == 3
