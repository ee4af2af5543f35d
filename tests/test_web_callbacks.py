"""The web app's handlers called directly: a fake pipeline for the error paths, the real one for the rest."""

from __future__ import annotations

import threading

import pytest

from bot.errors import NothingIndexed, RebuildInProgress
from bot.types import Answer, Mode, Reason, Recommendation, Source
from bot.web import render
from bot.web.callbacks import NO_ADAPTER, WebCallbacks, history_pairs, message_text
from knowledge.types import Skipped
from tests.helpers import EMBEDDER, settings_for

FACT = "The Zorblax-7 adapter needs exactly 417 MB of GPU memory."


# ---- a fake pipeline ---------------------------------------------------------------------------------
class FakeBackend:
    name = "template"


class FakePipeline:
    def __init__(self, settings, error: Exception | None = None, adapters=()):
        self.settings = settings
        self.error = error
        self.calls: list[tuple] = []
        self.backend = FakeBackend()
        self.backend_warning = None
        self.index_warning = None
        self._adapters = list(adapters)

    def _answer(self, question, mode):
        rec = Recommendation(label="lora", reasons=(Reason("few examples, style only", "decision-tree.md"),))
        src = Source(source="notes/a.md", title="Note <A>", text="passage <script>alert(1)</script>\n\nmore", score=0.5)
        lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in question) else "en"
        return Answer(text=f"answer to {question}", language=lang, recommendation=rec,
                      sources=(src,) if mode.rag else (), mode=mode, timings_ms={"total": 12.4})

    def ask(self, question, history=(), mode=None):
        mode = mode or Mode()
        self.calls.append(("ask", question, list(history), mode))
        if self.error:
            raise self.error
        return self._answer(question, mode)

    def ask_stream(self, question, history=(), mode=None, state=None):
        answer = self.ask(question, history, mode)
        self.calls[-1] += (state,)
        yield answer.text[:5]
        yield answer

    def redecide(self, understanding, overrides, mode=None):
        self.calls.append(("redecide", understanding, dict(overrides), mode))
        return self._answer("redecided", mode or Mode())

    def compare(self, question, history=(), adapter=None):
        self.calls.append(("compare", question, adapter))
        if self.error:
            raise self.error
        modes = [Mode(rag=False), Mode(rag=True)]
        if adapter:
            modes += [Mode(rag=False, adapter=adapter), Mode(rag=True, adapter=adapter)]
        return [self._answer(question, m) for m in modes]

    def compare_stream(self, question, history=(), adapter=None):
        self.calls.append(("compare_stream", question, adapter))
        if self.error:
            raise self.error
        modes = [Mode(rag=False), Mode(rag=True)]
        if adapter:
            modes += [Mode(rag=False, adapter=adapter), Mode(rag=True, adapter=adapter)]
        for column, mode in enumerate(modes):
            yield column, f"partial {column}"
            yield column, self._answer(question, mode)

    def library_add(self, sources, progress=None):
        self.calls.append(("add", list(sources)))
        if self.error:
            raise self.error
        raise AssertionError("the fake pipeline only fails")

    def library_remove(self, names, progress=None):
        self.calls.append(("remove", list(names)))
        raise self.error

    def reset_index(self, progress=None):
        self.calls.append(("reset",))
        raise self.error

    def library_status(self):
        return {"documents": [{"name": "corpus/a.md", "type": "md", "size": 2048, "status": "indexed",
                               "reason": None, "passages": 3, "added_at": "2026-01-02T03:04:05+0000"}],
                "indexed": 1, "chunks": 3, "up_to_date": True}

    def index_info(self):
        return {"chunks": 3, "files": 1, "roots": ["/x/corpus"], "built_at": "now"}

    def available_adapters(self):
        return self._adapters


@pytest.fixture
def fake(tmp_path):
    return FakePipeline(settings_for(tmp_path, docs_roots=str(tmp_path)))


def test_history_pairs_reads_gradio_messages_and_drops_extras():
    rendered = render.render_answer(FakePipeline(None)._answer("q1", Mode()))
    history = [
        {"role": "user", "content": [{"type": "text", "text": "q1"}]},
        {"role": "assistant", "content": [{"type": "text", "text": rendered}]},
        {"role": "user", "content": "q2"},
        {"role": "assistant", "content": "a2"},
        {"role": "user", "content": "q3"},
    ]
    assert history_pairs(history) == [("q1", "answer to q1"), ("q2", "a2"), ("q3", "")]
    assert history_pairs(None) == []
    assert message_text({"role": "user", "content": {"text": "x"}}) == "x"


def test_chat_calls_the_pipeline_with_mode_and_history(fake):
    cb = WebCallbacks(fake)
    history, box, status = cb.chat("  How should I adapt my model?  ", [], True, NO_ADAPTER)
    assert box == "" and "ms" in status
    assert fake.calls[-1] == ("ask", "How should I adapt my model?", [], Mode(rag=True, adapter=None), None)
    assert [m["role"] for m in history] == ["user", "assistant"]
    reply = history[1]["content"]
    assert reply.startswith("answer to How should I adapt my model?")
    assert 'data-label="lora"' in reply and "LoRA fine-tuning" in reply
    assert '<details class="advisor-sources">' in reply and "notes/a.md" in reply
    assert "<script>" not in reply and "&lt;script&gt;" in reply  # document text is escaped
    assert "\n\n" not in reply.split(render.EXTRAS_MARKER, 1)[1]  # the HTML block has no blank line

    history2, _, _ = cb.chat("下一步呢？", history, False, "/adapters/style")
    assert fake.calls[-1] == ("ask", "下一步呢？", [("How should I adapt my model?", "answer to How should I adapt my model?")],
                              Mode(rag=False, adapter="/adapters/style"), None)
    assert len(history2) == 4 and "advisor-sources" not in history2[3]["content"]
    assert "推荐" in history2[3]["content"]  # a Chinese answer gets Chinese labels


def test_chat_empty_question_does_not_ask(fake):
    history, box, status = WebCallbacks(fake).chat("   ", [{"role": "user", "content": "hi"}], True, None)
    assert fake.calls == [] and history == [{"role": "user", "content": "hi"}]
    assert "Type a question" in status


@pytest.mark.parametrize("error, shown", [
    (NothingIndexed("index is empty: rebuild it"), "index is empty: rebuild it"),
    (RuntimeError("boom"), "unexpected error (RuntimeError)"),
])
def test_chat_errors_become_a_status_line(tmp_path, error, shown):
    cb = WebCallbacks(FakePipeline(settings_for(tmp_path), error=error))
    history, box, status = cb.chat("question", [], True, None)
    assert history == [] and box == "question"  # the question stays for another try
    assert shown in status and "advisor-status-error" in status and "Traceback" not in status


def test_adapter_choices_and_notes(fake, tmp_path):
    assert WebCallbacks(fake).adapter_choices() == [("无 / none", NO_ADAPTER)]
    assert "No adapter found" in WebCallbacks(fake).adapter_note()

    class Info:
        name, path = "style", tmp_path / "adapters" / "style"

    cb = WebCallbacks(FakePipeline(fake.settings, adapters=[Info()]))
    assert cb.adapter_choices()[1] == ("style", str(tmp_path / "adapters" / "style"))
    assert "1 个适配器" in cb.adapter_note()


def test_compare_without_adapter_fills_two_columns(fake):
    prompt, rag, adapter, both, status = WebCallbacks(fake).compare("Which method?", NO_ADAPTER)
    assert fake.calls == [("compare_stream", "Which method?", None)]
    assert 'data-mode="prompt"' in prompt and "12 ms" in prompt and "advisor-sources" not in prompt
    assert 'data-mode="rag"' in rag and "<details class=\"advisor-sources\" open>" in rag
    assert "No adapter available" in adapter and "No adapter available" in both
    assert "Prompt only: 12 ms" in status


def test_compare_with_adapter_fills_four_columns(fake):
    cols = WebCallbacks(fake).compare("Which method?", "/a/style")
    assert fake.calls == [("compare_stream", "Which method?", "/a/style")]
    assert 'data-mode="adapter"' in cols[2] and 'data-mode="rag+adapter"' in cols[3]
    assert all("partial" not in c for c in cols)


def test_compare_starts_on_the_configured_adapter(tmp_path):
    class Info:
        def __init__(self, name):
            self.name, self.path = name, tmp_path / "adapters" / name

    pipe = FakePipeline(settings_for(tmp_path, compare_adapter="gemma-advice-lora"),
                        adapters=[Info("pocket/advice-lora"), Info("gemma-advice-lora")])
    assert WebCallbacks(pipe).compare_default() == str(tmp_path / "adapters" / "gemma-advice-lora")
    pipe = FakePipeline(settings_for(tmp_path, compare_adapter="missing"), adapters=[Info("pocket/advice-lora")])
    assert WebCallbacks(pipe).compare_default() == NO_ADAPTER


def test_compare_error_and_empty(tmp_path, fake):
    assert "Type a question" in WebCallbacks(fake).compare("", None)[4]
    cols = WebCallbacks(FakePipeline(fake.settings, error=RuntimeError("x"))).compare("q", None)
    assert cols[:4] == ("", "", "", "") and "unexpected error" in cols[4]


def test_add_needs_input_and_an_existing_folder(fake, tmp_path):
    cb = WebCallbacks(fake)
    res = cb.add([], "")
    assert not res.ok and "Upload files or give a folder" in res.status_html and "unchanged" in res.status_html
    res = cb.add(None, str(tmp_path / "missing"))
    assert not res.ok and "Folder not found" in res.status_html
    assert cb.remove([]).ok is False and "Pick the documents" in cb.remove(None).status_html
    assert fake.calls == []
    assert res.names == ("corpus/a.md",) and "corpus/a.md" in res.library_html  # the library is still shown


def test_change_refused_by_the_index_lock_is_shown(tmp_path):
    pipe = FakePipeline(settings_for(tmp_path), error=RebuildInProgress("another rebuild of 'x' is running"))
    doc = tmp_path / "doc.md"
    doc.write_text("# doc\ntext", encoding="utf-8")
    res = WebCallbacks(pipe).add([str(doc)], "")
    assert not res.ok and "another rebuild" in res.status_html and "unchanged" in res.status_html
    assert pipe.calls[-1] == ("add", [(doc, "doc.md")])  # the upload under its own name
    for res in (WebCallbacks(pipe).remove(["corpus/a.md"]), WebCallbacks(pipe).reset()):
        assert not res.ok and "another rebuild" in res.status_html


def test_a_second_change_while_one_runs_is_refused(fake, tmp_path):
    cb = WebCallbacks(fake)
    started, release = threading.Event(), threading.Event()

    def slow_add(sources, progress=None):
        started.set()
        release.wait(10)
        raise NothingIndexed("stopped")

    fake.library_add = slow_add
    worker = threading.Thread(target=cb.add, args=(None, str(tmp_path)))
    worker.start()
    started.wait(10)
    second, reset, remove = cb.add(None, str(tmp_path)), cb.reset(), cb.remove(["corpus/a.md"])
    release.set()
    worker.join()
    for res in (second, reset, remove):
        assert "already running" in res.status_html


def test_add_with_only_refused_uploads_adds_nothing(fake, tmp_path):
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    res = WebCallbacks(fake).add([str(exe)], "")
    assert not res.ok and fake.calls == []
    assert "tool.exe" in res.report_html and "unsupported type .exe" in res.report_html


def test_render_library_and_change():
    status = FakePipeline(None).library_status()
    status["documents"].append({"name": "<b>scan</b>.pdf", "type": "pdf", "size": 3 * 2**20, "status": "skipped",
                                "reason": "type mismatch: not a PDF file", "passages": 0, "added_at": "x"})
    html = render.render_library(status)
    assert "<b>2</b> 个文档" in html and "&lt;b&gt;scan&lt;/b&gt;.pdf" in html and "3.0 MB" in html
    rows = html.split("<tr")[2:]
    assert "indexed" in rows[0] and "2 KB" in rows[0] and "skipped" in rows[1] and "not a PDF" in rows[1]
    assert "empty" in render.render_library({"documents": []})
    change = render.render_change({"added": ["a.md", "bad.pdf"], "updated": ["b.md"], "removed": ["c.md"],
                                   "skipped": [{"file": "bad.pdf", "reason": "not a PDF"}], "files": 4, "chunks": 9,
                                   "embedded": 2, "seconds": 0.5, "notes": ["embedder changed"]},
                                  refused=[Skipped("x.exe", "unsupported type .exe")])
    rows = change.split("<tr")[2:]
    assert ["a.md" in rows[0] and "added" in rows[0], "b.md" in rows[1] and "updated" in rows[1],
            "c.md" in rows[2] and "removed" in rows[2], "x.exe" in rows[3], "bad.pdf" in rows[4]] == [True] * 5
    assert "<b>2</b> 段新嵌入" in change and "embedder changed" in change


def test_reasons_already_in_the_answer_are_not_repeated():
    rec = Recommendation(label="rag", reasons=(Reason("Facts change weekly.", "a.md"), Reason("No budget.", "")))
    answer = Answer(text="**RAG**\n\nWhy:\n- Facts change  weekly. [a.md]", language="en", recommendation=rec,
                    sources=(), mode=Mode())
    extras = render.render_extras(answer)
    assert "No budget." in extras and "Facts change weekly." not in extras
    assert "advisor-badge-rag" in extras and "RAG (retrieval-augmented generation)" in extras  # the advisor's name


# ---- the real pipeline on a temp data folder --------------------------------------------------------
@pytest.fixture(scope="module")
def real(tmp_path_factory):
    from bot.pipeline import Pipeline

    tmp = tmp_path_factory.mktemp("web")
    pipe = Pipeline(settings_for(tmp), embedder=EMBEDDER)
    pipe.retriever()  # builds the index from the bundled notes
    return WebCallbacks(pipe), tmp


def test_real_chat_in_both_languages(real):
    cb, _ = real
    history, _, status = cb.chat("我有 3000 条标注数据，想让模型学会固定的回复风格，该用 LoRA 还是 RAG？", [], True, NO_ADAPTER)
    assert len(history) == 2 and "advisor-status-ok" in status
    reply = history[1]["content"]
    assert "推荐" in reply or "来源" in reply
    history, _, _ = cb.chat("What does QLoRA change compared with LoRA?", history, True, NO_ADAPTER)
    reply = history[3]["content"]
    assert len(history) == 4 and "Sources" in reply and "<details" in reply
    history, _, _ = cb.chat("What does QLoRA change compared with LoRA?", history, False, NO_ADAPTER)
    assert "advisor-sources" not in history[5]["content"]


def test_real_compare(real):
    cb, _ = real
    prompt, rag, adapter, both, status = cb.compare("Should I fine-tune or use RAG for documents that change weekly?",
                                                    NO_ADAPTER)
    assert 'data-mode="prompt"' in prompt and 'data-mode="rag"' in rag and " ms</b>" in rag
    assert "advisor-sources" in rag and "advisor-sources" not in prompt
    assert "adapter" in adapter.lower() and "RAG 检索 / Retrieval" in status


def test_real_uploads_add_up_ask_remove_and_reset(real, tmp_path):
    cb, data = real
    before = cb.pipeline.index_info()
    doc = tmp_path / "Zorblax Notes.md"
    doc.write_text(f"# Zorblax-7\n\n{FACT}\n", encoding="utf-8")
    blob = tmp_path / "blob.pdf"
    blob.write_bytes(bytes(range(256)) * 20)
    seen: list[float] = []
    res = cb.add([str(doc), str(blob)], "", progress=lambda f, msg: seen.append(f))
    assert res.ok, res.status_html
    assert seen and seen[-1] == 1.0
    assert "Zorblax Notes.md" in res.report_html and "blob.pdf" in res.report_html
    skipped_row = [r for r in res.report_html.split("<tr") if "blob.pdf" in r and "skipped" in r]
    assert skipped_row and "not a PDF" in skipped_row[0]
    assert cb.pipeline.index_info()["files"] == before["files"] + 1
    assert "Zorblax Notes.md" in res.names and "blob.pdf" in res.names  # both in the library, one skipped

    # a second upload adds to the first: nothing uploaded earlier is dropped
    other = tmp_path / "quibbit.md"
    other.write_text("# Quibbit\n\nThe quibbit model trains in 93 minutes on one card.\n", encoding="utf-8")
    res = cb.add([str(other)], "")
    assert res.ok and {"Zorblax Notes.md", "quibbit.md"} <= set(res.names)
    assert cb.pipeline.index_info()["files"] == before["files"] + 2

    history, _, _ = cb.chat("How much GPU memory does the Zorblax-7 adapter need?", [], True, NO_ADAPTER)
    reply = history[1]["content"]
    assert "417" in render.strip_extras(reply)  # the answer itself quotes the uploaded fact
    assert "Zorblax Notes.md" in reply  # sources show the original name, not the stored one

    # a failed add (nothing readable) adds a skipped entry only; the index still has both uploads
    res = cb.add([str(blob)], "")
    assert res.ok and "already in the library" in res.report_html
    res = cb.remove(["Zorblax Notes.md"])
    assert res.ok and "Zorblax Notes.md" not in res.names and "quibbit.md" in res.names
    history, _, _ = cb.chat("How much GPU memory does the Zorblax-7 adapter need?", [], True, NO_ADAPTER)
    assert "417" not in render.strip_extras(history[1]["content"])

    res = cb.reset()
    assert res.ok and cb.pipeline.index_info()["files"] == before["files"]
    assert all(n.startswith("corpus/") for n in res.names)
