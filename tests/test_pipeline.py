"""The chat pipeline end to end with a hashing embedder (fast) over the real bilingual knowledge base."""

import re

import pytest

from bot.backends.base import GenerationRequest
from bot.errors import BackendError
from bot.pipeline import Pipeline
from bot.types import Mode
from knowledge import store
from tests.helpers import EMBEDDER, settings_for


class RecordingBackend:
    name = "fake-llm"

    def __init__(self, reply="Use LoRA. It saves about 90% of memory and costs $12345."):
        self.reply = reply
        self.requests: list[GenerationRequest] = []

    def generate(self, request):
        self.requests.append(request)
        return self.reply

    def stream(self, request):
        yield self.generate(request)


class DownBackend(RecordingBackend):
    def generate(self, request):
        raise BackendError("cannot reach the LLM server at http://127.0.0.1:9/v1")


@pytest.fixture(scope="module")
def pipe(tmp_path_factory):
    p = Pipeline(settings_for(tmp_path_factory.mktemp("pipe")), embedder=EMBEDDER)
    p.retriever()  # builds the built-in index on first use
    return p


def numbers(text):
    return set(re.findall(r"\d+(?:\.\d+)?", text.replace(",", "")))


@pytest.mark.parametrize("q,expect", [("How much GPU memory does LoRA save?", "90"), ("LoRA 能节省多少显存?", "90"),
                                      ("QLoRA 用几位量化?", "4"), ("What bit width does QLoRA use?", "4")])
def test_factual_answer_quotes_its_number_from_a_cited_source(pipe, q, expect):
    a = pipe.ask(q)
    assert a.recommendation is None
    assert a.sources, a.text
    assert expect in a.text
    cited = " ".join(s.text for s in a.sources)
    assert numbers(a.text) - numbers(q) <= numbers(cited) | numbers(" ".join(s.title for s in a.sources))


@pytest.mark.parametrize("lang,q", [("zh", "我们有3000条标注数据,需要固定JSON格式输出"),
                                    ("en", "We have 3,000 labeled examples and need a fixed JSON output format")])
def test_situation_answer_in_question_language_with_sources(pipe, lang, q):
    a = pipe.ask(q)
    assert a.language == lang
    assert a.recommendation is not None and a.recommendation.label in ("lora", "qlora")
    assert a.sources
    assert set(a.timings_ms) == {"retrieve", "generate", "total"}


def test_rag_off_has_no_sources_and_says_prompt_only(pipe):
    on, off = pipe.ask("How much memory does LoRA save?"), pipe.ask("How much memory does LoRA save?", mode=Mode(rag=False))
    assert on.sources and not off.sources
    assert off.mode.name == "prompt" and off.text != on.text


def test_follow_up_updates_the_earlier_situation(pipe):
    first_q = "We have 3,000 labeled support tickets and need answers in our brand voice."
    first = pipe.ask(first_q)
    assert first.recommendation.label in ("lora", "qlora")
    second = pipe.ask("And if we only had 50 examples?", history=[(first_q, first.text)])
    assert second.recommendation is not None and second.recommendation.label == "prompt"


def test_unknown_topic_says_so_without_numbers(pipe):
    q = "What is the best recipe for chocolate cake?"
    a = pipe.ask(q)
    assert a.sources == ()
    assert not re.search(r"\d", a.text)


def test_llm_backend_gets_passages_only_with_rag_and_unsupported_numbers_are_flagged(tmp_path):
    backend = RecordingBackend()
    p = Pipeline(settings_for(tmp_path), embedder=EMBEDDER, backend=backend)
    a = p.ask("How much memory does LoRA save?")
    assert a.backend == "fake-llm" and a.text == backend.reply
    assert backend.requests[-1].passages
    assert [x.text for x in a.sources] == [h.chunk.text for h in backend.requests[-1].passages]  # cites what it saw
    assert any("12345" in w for w in a.warnings) and not any(" 90" in w for w in a.warnings)
    p.ask("How much memory does LoRA save?", mode=Mode(rag=False))
    assert backend.requests[-1].passages == ()


@pytest.mark.parametrize("q", ["", "   ", "\u200b\u200d"])
def test_empty_question_makes_no_llm_call(tmp_path, q):
    backend = RecordingBackend()
    a = Pipeline(settings_for(tmp_path), embedder=EMBEDDER, backend=backend).ask(q)
    assert backend.requests == [] and a.text


def test_backend_down_falls_back_to_the_advisor(tmp_path):
    a = Pipeline(settings_for(tmp_path), embedder=EMBEDDER, backend=DownBackend()).ask("How much memory does LoRA save?")
    assert a.backend == "template" and "90" in a.text
    assert any("cannot reach" in w for w in a.warnings)


def test_corrupt_index_falls_back_to_built_in_knowledge(tmp_path):
    s = settings_for(tmp_path)
    Pipeline(s, embedder=EMBEDDER).rebuild([s.corpus_dir])
    folder = s.index_path / "builds" / store.read_pointer(s.index_path)["build"]
    (folder / "chunks.json").write_text("[]")
    p = Pipeline(s, embedder=EMBEDDER)
    a = p.ask("How much memory does LoRA save?")
    assert "90" in a.text and a.sources
    assert any("hash check" in w for w in a.warnings)


def test_rebuild_swaps_index_and_compare_covers_modes(tmp_path):
    s = settings_for(tmp_path)
    p = Pipeline(s, embedder=EMBEDDER)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "z.md").write_text("# Zorblax\n\nThe Zorblax-7 adapter needs exactly 417 MB of GPU memory.", encoding="utf-8")
    report = p.rebuild([docs])
    assert report.files_indexed == 1
    a = p.ask("How much GPU memory does the Zorblax-7 adapter need?")
    assert "417" in a.text and a.sources[0].source == "docs/z.md"
    answers = p.compare("How much GPU memory does the Zorblax-7 adapter need?")
    assert [x.mode.name for x in answers] == ["prompt", "rag"]
    assert not answers[0].sources and answers[1].sources


class AdviceBackend(RecordingBackend):
    name = "fake-adapter"


@pytest.mark.parametrize("reply,label", [
    ("Recommendation: qlora\nWhy: 4-bit on a 24 GB card\nNext steps: train\nCost: low\nSources: x.md", "qlora"),
    ("原因：示例不多\n建议：prompt\n下一步：写提示", "prompt"),
    ("I think you should do something clever.", None),
])
def test_adapter_mode_reports_what_the_adapter_recommends(tmp_path, monkeypatch, reply, label):
    p = Pipeline(settings_for(tmp_path), embedder=EMBEDDER)
    monkeypatch.setattr(p, "_adapter_backend", lambda path: AdviceBackend(reply))
    a = p.ask("We have 3,000 labeled examples and one 24 GB GPU.", mode=Mode(rag=False, adapter="some/adapter"))
    assert a.backend == "fake-adapter" and a.text == reply
    assert (a.recommendation.label if a.recommendation else None) == label
