"""What the web app's events call: plain methods over a ``Pipeline``, testable without a browser or gradio.

They only convert between UI values and pipeline calls, and turn every error into a readable status
line; the answering, indexing and locking live in the pipeline.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import (
    dataclass,
)
from pathlib import Path

from bot.errors import BotError
from bot.types import Answer, Mode
from bot.uploads import check_uploads, load_labels
from bot.web import render

log = logging.getLogger(__name__)

NO_ADAPTER = "none"
Progress = Callable[[float, str], None]
Message = dict  # gradio messages format: {"role": "user" | "assistant", "content": str | list}


@dataclass(frozen=True)
class LibraryResult:
    """What the Library tab shows after a change: the change report, a status line, the library, the index."""

    report_html: str
    status_html: str
    library_html: str
    index_md: str
    names: tuple[str, ...]  # the library's documents, for the remove picker
    ok: bool

    def as_tuple(self) -> tuple[str, str, str, str]:
        return self.report_html, self.status_html, self.library_html, self.index_md


def message_text(message: Mapping | object) -> str:
    """The text of one chat message, whether its content is a string or gradio's list of parts."""
    content = message.get("content") if isinstance(message, Mapping) else getattr(message, "content", "")
    if isinstance(content, str):
        return content
    if isinstance(content, Mapping):
        return str(content.get("text", ""))
    if isinstance(content, Sequence):
        return "\n".join(str(part.get("text", "")) for part in content
                         if isinstance(part, Mapping) and part.get("type", "text") == "text")
    return ""


def _role(message: Mapping | object) -> str:
    return str(message.get("role") if isinstance(message, Mapping) else getattr(message, "role", ""))


def history_pairs(history: Sequence[Mapping] | None) -> list[tuple[str, str]]:
    """Gradio messages -> the pipeline's (user, assistant) pairs, with the rendered extras removed."""
    pairs: list[tuple[str, str]] = []
    pending: str | None = None
    for msg in history or []:
        role, text = _role(msg), message_text(msg)
        if role == "user":
            if pending is not None:
                pairs.append((pending, ""))
            pending = text
        elif role == "assistant":
            pairs.append((pending or "", render.strip_extras(text)))
            pending = None
    if pending is not None:
        pairs.append((pending, ""))
    return pairs


def plain_history(history: Sequence[Mapping] | None) -> list[Message]:
    """Chat history as plain ``{"role", "content": str}`` dicts (what the Chatbot is given back)."""
    return [{"role": _role(m), "content": message_text(m)} for m in history or [] if _role(m) in ("user", "assistant")]


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, BotError):
        return exc.format_message()
    log.exception("unexpected error in a web callback")
    return f"unexpected error ({type(exc).__name__}); the details are in the server log"


class WebCallbacks:
    """The handlers behind the Chat, Compare and Library tabs, bound to one pipeline."""

    def __init__(self, pipeline, settings=None):
        self.pipeline = pipeline
        self.settings = settings or pipeline.settings
        self._changing = threading.Lock()  # the UI also queues library changes one at a time

    # ---- shared -------------------------------------------------------------------------------------
    def labels(self) -> dict[str, str]:
        return load_labels(self.settings.uploads_dir)

    def adapter_choices(self) -> list[tuple[str, str]]:
        """(label, value) pairs for the adapter dropdown: "none" first, then every adapter folder."""
        try:
            found = self.pipeline.available_adapters()
        except (BotError, OSError) as exc:
            log.warning("cannot list adapters: %s", exc)
            found = []
        return [("无 / none", NO_ADAPTER)] + [(a.name, str(a.path)) for a in found]

    def adapter_note(self) -> str:
        n = len(self.adapter_choices()) - 1
        if n:
            return f"{n} 个适配器可用 / adapter(s) found in `{self.settings.adapters_dir}`"
        return (f"未找到适配器 / No adapter found: put a trained PEFT adapter folder (with `adapter_config.json`) "
                f"under `{self.settings.adapters_dir}` and restart the app.")

    @staticmethod
    def _adapter(value: str | None) -> str | None:
        return None if not value or value == NO_ADAPTER else str(value)

    def status_banner(self) -> str:
        """Backend and index facts shown above the chat."""
        parts = [f"生成后端 / Backend: `{getattr(self.pipeline.backend, 'name', 'template')}`"]
        try:
            info = self.pipeline.index_info()
            parts.append(f"索引 / Index: {info.get('chunks', 0)} 段 / passages")
        except BotError as exc:
            parts.append(f"⚠ {exc.format_message()}")
        for warning in (self.pipeline.backend_warning, getattr(self.pipeline, "index_warning", None)):
            if warning:
                parts.append(f"⚠ {warning}")
        return " · ".join(parts)

    # ---- chat ---------------------------------------------------------------------------------------
    def chat(self, message: str, history: Sequence[Mapping] | None, rag: bool, adapter: str | None,
             ) -> tuple[list[Message], str, str]:
        """One chat turn -> (new history, text left in the textbox, status line)."""
        history_out = plain_history(history)
        question = (message or "").strip()
        if not question:
            return history_out, "", render.render_note("请输入问题 / Type a question first.")
        mode = Mode(rag=bool(rag), adapter=self._adapter(adapter))
        try:
            answer = self.pipeline.ask(question, history_pairs(history), mode)
        except Exception as exc:  # the UI boundary: show it, keep the question for another try
            return history_out, message, render.render_note(_error_text(exc), "error")
        history_out += [{"role": "user", "content": question},
                        {"role": "assistant", "content": render.render_answer(answer, self.labels())}]
        return history_out, "", render.render_note(self._timing_line(answer), "ok")

    @staticmethod
    def _timing_line(answer: Answer) -> str:
        ms = answer.timings_ms.get("total", 0.0)
        return (f"{render.mode_title(answer.mode)} · {ms:.0f} ms · {answer.backend} · "
                f"{len(answer.sources)} 来源 / sources")

    def clear(self) -> tuple[list[Message], str, str]:
        return [], "", ""

    # ---- compare ------------------------------------------------------------------------------------
    def compare(self, question: str, adapter: str | None) -> tuple[str, str, str, str, str]:
        """The question in every mode -> (prompt, rag, adapter, rag+adapter columns, status line)."""
        question = (question or "").strip()
        if not question:
            return "", "", "", "", render.render_note("请输入问题 / Type a question first.")
        chosen = self._adapter(adapter)
        try:
            answers = self.pipeline.compare(question, (), chosen)
        except Exception as exc:
            return "", "", "", "", render.render_note(_error_text(exc), "error")
        labels = self.labels()
        columns = {a.mode.name: render.render_column(a, labels) for a in answers}
        missing = render.render_note(
            "请先在上方选择适配器 / Pick an adapter above to fill this column." if len(self.adapter_choices()) > 1
            else "没有可用的适配器 / No adapter available (see the note above)."
        )
        line = " · ".join(f"{render.mode_title(a.mode)}: {a.timings_ms.get('total', 0.0):.0f} ms" for a in answers)
        return (columns.get("prompt", ""), columns.get("rag", ""), columns.get("adapter", missing),
                columns.get("rag+adapter", missing), render.render_note(line, "ok"))

    # ---- library ------------------------------------------------------------------------------------
    def index_md(self) -> str:
        try:
            return render.render_index_info(self.pipeline.index_info())
        except Exception as exc:
            return f"⚠ {_error_text(exc)}"

    def library_state(self) -> tuple[str, tuple[str, ...]]:
        """(the library table, the names of its documents)."""
        try:
            status = self.pipeline.library_status()
        except Exception as exc:
            return render.render_note(_error_text(exc), "error"), ()
        return render.render_library(status), tuple(d["name"] for d in status.get("documents", []))

    def _result(self, ok: bool, note: str, report_html: str = "") -> LibraryResult:
        table, names = self.library_state()
        if not ok:
            note = f"{note} — 文档库与索引未改变 / the library and the index are unchanged."
        return LibraryResult(report_html, render.render_note(note, "ok" if ok else "error"), table, self.index_md(),
                             names, ok=ok)

    def _change(self, run: Callable[[], object], done: str, failed: str, refused: Sequence = ()) -> LibraryResult:
        """Run one library change (one at a time) and report it; errors become a status line."""
        if not self._changing.acquire(blocking=False):
            return self._result(False, "已有文档库操作在进行 / A library change is already running; wait for it")
        try:
            report = run().to_json()
        except Exception as exc:
            return self._result(False, f"{failed}: {_error_text(exc)}", render.render_change({}, refused))
        finally:
            self._changing.release()
        note = f"{done}: {report['files']} documents, {report['chunks']} passages ({report['embedded']} newly embedded)"
        return self._result(True, note, render.render_change(report, refused))

    def add(self, files: Sequence[str | Path] | None, folder: str | None,
            progress: Progress | None = None) -> LibraryResult:
        """Add uploaded files (under their original names) and/or a folder on the server to the library."""
        files = [f for f in (files or []) if f]
        folder = (folder or "").strip()
        if not files and not folder:
            return self._result(False, "请上传文件或填写文件夹路径 / Upload files or give a folder path first")
        sources: list = []
        if folder:
            path = Path(folder).expanduser()
            if not path.is_dir():
                return self._result(False, f"文件夹不存在 / Folder not found on the server: {folder}")
            sources.append(path)
        accepted, refused = check_uploads(files, self.settings.max_file_mb, self.settings.max_upload_files) \
            if files else ([], [])
        sources += [(u.path, u.label) for u in accepted]
        if not sources:
            return self._result(False, "没有可用的上传文件 / No uploaded file could be used",
                                render.render_change({}, refused))
        return self._change(lambda: self.pipeline.library_add(sources, progress), "已添加 / Added",
                            "添加失败 / Add failed", refused)

    def remove(self, names: Sequence[str] | str | None, progress: Progress | None = None) -> LibraryResult:
        names = [names] if isinstance(names, str) else [n for n in (names or []) if n]
        if not names:
            return self._result(False, "请先选择要删除的文档 / Pick the documents to remove first")
        return self._change(lambda: self.pipeline.library_remove(names, progress), "已删除 / Removed",
                            "删除失败 / Remove failed")

    def reset(self, progress: Progress | None = None) -> LibraryResult:
        """Back to the built-in notes only: every added document leaves the library."""
        return self._change(lambda: self.pipeline.reset_index(progress),
                            "已恢复内置知识库 / Back to the built-in knowledge base", "重置失败 / Reset failed")
