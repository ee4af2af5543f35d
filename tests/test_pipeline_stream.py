"""Streaming answers: the built-in advisor section by section, an LLM backend piece by piece, history trimmed."""

import pytest

from bot.errors import BackendError
from bot.pipeline import Pipeline, split_sections, trim_history
from bot.types import Answer, Mode
from tests.helpers import EMBEDDER, settings_for

SITUATION = "We have 3,000 labelled support chats and want the model to learn our reply tone. Which method?"


class PiecesBackend:
    name = "fake-llm"

    def __init__(self, pieces=("Use ", "LoRA", ": it fits ", "your data."), fail_after=None):
        self.pieces, self.fail_after, self.requests = pieces, fail_after, []

    def generate(self, request):
        return "".join(self.pieces)

    def stream(self, request):
        self.requests.append(request)
        for i, piece in enumerate(self.pieces):
            if self.fail_after is not None and i == self.fail_after:
                raise BackendError("the LLM server went away")
            yield piece


@pytest.fixture(scope="module")
def pipe(tmp_path_factory):
    return Pipeline(settings_for(tmp_path_factory.mktemp("stream")), embedder=EMBEDDER)


def test_template_answer_streams_section_by_section_and_ends_with_the_same_answer(pipe):
    items = list(pipe.ask_stream(SITUATION, mode=Mode(rag=True)))
    *texts, final = items
    assert isinstance(final, Answer) and all(isinstance(t, str) for t in texts)
    assert len(texts) == len(split_sections(final.text)) > 1
    assert all(b.startswith(a) and len(b) > len(a) for a, b in zip(texts, texts[1:], strict=False))
    assert texts[-1] == final.text.strip()
    plain = pipe.ask(SITUATION, mode=Mode(rag=True))
    assert final.text == plain.text and final.recommendation == plain.recommendation
    assert final.understanding.situation_json() == plain.understanding.situation_json()


def test_llm_backend_streams_piece_by_piece_through_backend_stream(tmp_path):
    backend = PiecesBackend()
    p = Pipeline(settings_for(tmp_path), embedder=EMBEDDER, backend=backend)
    *texts, final = p.ask_stream("How much memory does LoRA save?")
    assert texts == ["Use ", "Use LoRA", "Use LoRA: it fits ", "Use LoRA: it fits your data."]
    assert final.backend == "fake-llm" and final.text == texts[-1] and len(backend.requests) == 1


def test_a_stream_that_breaks_falls_back_to_the_advisor(tmp_path):
    p = Pipeline(settings_for(tmp_path), embedder=EMBEDDER, backend=PiecesBackend(fail_after=2))
    *_, final = p.ask_stream("How much memory does LoRA save?")
    assert final.backend == "template" and "90" in final.text
    assert any("went away" in w for w in final.warnings)


def test_state_is_passed_on_and_long_history_is_trimmed_oldest_first(tmp_path):
    backend = PiecesBackend()
    p = Pipeline(settings_for(tmp_path), embedder=EMBEDDER, backend=backend)
    first = p.ask(SITUATION, mode=Mode(rag=False))
    history = [(f"question {i} " + "x" * 1000, "answer " + "y" * 1000) for i in range(10)]
    *_, final = p.ask_stream("What if we only have 40 examples?", history, Mode(rag=False), state=first.understanding)
    sent = backend.requests[-1].history
    assert 0 < len(sent) < len(history) and sent[-1] == history[-1]  # the newest turns are kept
    assert final.understanding.slots["examples"].value == 40
    assert "needs_format" in final.understanding.slots  # the earlier facts came from the state


def test_trim_history_keeps_the_newest_turn_even_if_long():
    assert trim_history([("a", "b"), ("c" * 50, "d")], max_chars=10) == (("c" * 50, "d"),)
    assert trim_history([("a", "b"), ("c", "d")], max_chars=10) == (("a", "b"), ("c", "d"))
    assert trim_history([]) == ()
