"""What the web app's events call: plain methods over a ``Pipeline``, testable without a browser or gradio.

They only convert between UI values and pipeline calls, and turn every error into a readable status
line; the answering, indexing and locking live in the pipeline.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import (
    dataclass,
)
from pathlib import Path

from bot.errors import BotError
from bot.uploads import check_uploads
from bot.web import charts, render
from bot.web.chat import NO_ADAPTER, ChatCallbacks, error_text
from bot.web.history import Message, history_pairs, message_text, plain_history
from bot.web.safety import check_folder
from knowledge.errors import InputError

__all__ = ["NO_ADAPTER", "LibraryResult", "Message", "WebCallbacks", "history_pairs", "message_text", "plain_history"]

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]


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


class WebCallbacks(ChatCallbacks):
    """The handlers behind the Chat, Compare and Library tabs, bound to one pipeline."""

    def __init__(self, pipeline, settings=None):
        super().__init__(pipeline, settings)
        self._changing = threading.Lock()  # the UI also queues library changes one at a time

    # ---- shared -------------------------------------------------------------------------------------
    def adapter_choices(self) -> list[tuple[str, str]]:
        """(label, value) pairs for the adapter dropdown: "none" first, then every adapter folder."""
        try:
            found = self.pipeline.available_adapters()
        except (BotError, OSError) as exc:
            log.warning("cannot list adapters: %s", exc)
            found = []
        return [("无 / none", NO_ADAPTER)] + [(a.name, str(a.path)) for a in found]

    def compare_default(self) -> str:
        """The Compare tab's starting adapter: ``settings.compare_adapter`` when it is there, else none."""
        wanted = self.settings.compare_adapter
        return next((value for name, value in self.adapter_choices()[1:] if wanted and name == wanted), NO_ADAPTER)

    def adapter_note(self) -> str:
        n = len(self.adapter_choices()) - 1
        if n:
            return f"{n} 个适配器可用 / adapter(s) found in `{self.settings.adapters_dir}`"
        return (f"未找到适配器 / No adapter found: put a trained PEFT adapter folder (with `adapter_config.json`) "
                f"under `{self.settings.adapters_dir}` and restart the app.")

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

    # ---- charts -------------------------------------------------------------------------------------
    def charts(self, prompt_tokens, calls_per_month, training_usd, model_size_b, lang: str = "en"):
        """(cost rows, cost caption, memory rows, memory notes) as gradio's plots take them; a bad input gets a
        note in place of its chart."""
        lang = "zh" if lang == "zh" else "en"
        try:
            tokens, calls = int(prompt_tokens or 0), int(calls_per_month or 0)
            curve, rows = charts.cost_rows(tokens, calls, None if training_usd in (None, "") else float(training_usd))
            cost = (charts.frame(rows), charts.cost_caption(curve, calls))
        except (BotError, ValueError, TypeError) as exc:
            cost = (charts.frame([]), f"⚠ {exc}")
        try:
            bars = charts.memory_rows(float(model_size_b or 0), lang)
            memory = (charts.frame(bars), charts.memory_notes(bars, lang))
        except (ValueError, TypeError) as exc:
            memory = (charts.frame([]), f"⚠ {exc}")
        return (*cost, *memory)

    # ---- library ------------------------------------------------------------------------------------
    def index_md(self) -> str:
        try:
            return render.render_index_info(self.pipeline.index_info())
        except Exception as exc:
            return f"⚠ {error_text(exc)}"

    def library_state(self) -> tuple[str, tuple[str, ...]]:
        """(the library table, the names of its documents)."""
        try:
            status = self.pipeline.library_status()
        except Exception as exc:
            return render.render_note(error_text(exc), "error"), ()
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
            return self._result(False, f"{failed}: {error_text(exc)}", render.render_change({}, refused))
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
            try:
                sources.append(check_folder(folder, self.settings))
            except InputError as exc:
                return self._result(False, f"文件夹不可用 / Folder refused: {exc}")
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
