"""What the web app's events call: plain methods over a ``Pipeline``, testable without a browser or gradio.

They only convert between UI values and pipeline calls, and turn every error into a readable status
line; the answering, indexing and locking live in the pipeline.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import (
    dataclass,
)
from pathlib import Path

from bot.errors import BotError
from bot.types import Answer, Mode
from bot.uploads import load_labels, prune_batches, store_uploads
from bot.web import render

log = logging.getLogger(__name__)

NO_ADAPTER = "none"
DEMO_ADAPTER = "gemma-advice-lora"  # Compare's adapter when none is picked: LoRA on Gemma 3 270M
Progress = Callable[[float, str], None]
Message = dict  # gradio messages format: {"role": "user" | "assistant", "content": str | list}


@dataclass(frozen=True)
class RebuildResult:
    """What the Rebuild tab shows: the report table, a status line and the serving index."""

    report_html: str
    status_html: str
    index_md: str
    ok: bool

    def as_tuple(self) -> tuple[str, str, str]:
        return self.report_html, self.status_html, self.index_md


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
    """The handlers behind the Chat, Compare and Rebuild tabs, bound to one pipeline."""

    def __init__(self, pipeline, settings=None):
        self.pipeline = pipeline
        self.settings = settings or pipeline.settings
        self._rebuilding = threading.Lock()  # the UI also queues rebuilds one at a time

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
    def compare_adapter(self, value: str | None) -> str | None:
        """The adapter Compare uses: the one picked above, else the Gemma advice adapter when it is there."""
        chosen = self._adapter(value)
        if chosen:
            return chosen
        demo = [path for label, path in self.adapter_choices() if label == DEMO_ADAPTER]
        return demo[0] if demo else None

    def _compare_outputs(self, answers: Sequence[Answer], done: bool) -> tuple[str, str, str, str, str]:
        labels = self.labels()
        columns = {a.mode.name: render.render_column(a, labels) for a in answers}
        missing = render.render_note(
            "请先在上方选择适配器 / Pick an adapter above to fill this column." if len(self.adapter_choices()) > 1
            else "没有可用的适配器 / No adapter available (see the note above)."
        ) if done else ""
        line = " · ".join(f"{render.mode_title(a.mode)}: {a.timings_ms.get('total', 0.0):.0f} ms" for a in answers)
        status = render.render_note(line, "ok") if done else render.render_note(f"{line} …" if line else "…")
        return (columns.get("prompt", ""), columns.get("rag", ""), columns.get("adapter", missing),
                columns.get("rag+adapter", missing), status)

    def compare(self, question: str, adapter: str | None) -> tuple[str, str, str, str, str]:
        """The question in every mode -> (prompt, rag, adapter, rag+adapter columns, status line)."""
        question = (question or "").strip()
        if not question:
            return "", "", "", "", render.render_note("请输入问题 / Type a question first.")
        try:
            answers = self.pipeline.compare(question, (), self.compare_adapter(adapter))
        except Exception as exc:
            return "", "", "", "", render.render_note(_error_text(exc), "error")
        return self._compare_outputs(answers, done=True)

    def compare_stream(self, question: str, adapter: str | None) -> Iterator[tuple[str, str, str, str, str]]:
        """``compare`` one column at a time: each column shows as soon as its model has answered."""
        question = (question or "").strip()
        if not question:
            yield "", "", "", "", render.render_note("请输入问题 / Type a question first.")
            return
        answers: list[Answer] = []
        yield self._compare_outputs(answers, done=False)
        try:
            for answer in self.pipeline.compare_iter(question, (), self.compare_adapter(adapter)):
                answers.append(answer)
                yield self._compare_outputs(answers, done=False)
        except Exception as exc:
            yield (*self._compare_outputs(answers, done=True)[:4], render.render_note(_error_text(exc), "error"))
            return
        yield self._compare_outputs(answers, done=True)

    # ---- rebuild ------------------------------------------------------------------------------------
    def index_md(self) -> str:
        try:
            return render.render_index_info(self.pipeline.index_info())
        except Exception as exc:
            return f"⚠ {_error_text(exc)}"

    def _failed(self, text: str, report_html: str = "") -> RebuildResult:
        note = f"{text} — 当前索引未改变 / the current index is unchanged."
        return RebuildResult(report_html, render.render_note(note, "error"), self.index_md(), ok=False)

    def rebuild(self, files: Sequence[str | Path] | None, folder: str | None, include_builtin: bool = True,
                progress: Progress | None = None) -> RebuildResult:
        """Store uploads, then rebuild the index from them (+ a server folder, + the built-in notes)."""
        files = [f for f in (files or []) if f]
        folder = (folder or "").strip()
        if not files and not folder:
            return self._failed("请上传文件或填写文件夹路径 / Upload files or give a folder path first")
        roots: list[Path] = [Path(self.settings.corpus_dir)] if include_builtin else []
        if folder:
            path = Path(folder).expanduser()
            if not path.is_dir():
                return self._failed(f"文件夹不存在 / Folder not found on the server: {folder}")
            roots.append(path)
        if not self._rebuilding.acquire(blocking=False):
            return self._failed("已有重建在进行 / A rebuild is already running; wait for it to finish")
        batch = None
        try:
            stored, refused = [], []
            if files:
                batch, stored, refused = store_uploads(files, self.settings.uploads_dir, self.settings.max_file_mb,
                                                       self.settings.max_upload_files)
                if batch is None and not folder:
                    return self._failed("没有可用的上传文件 / No uploaded file could be used",
                                        render.render_refused(refused))
                if batch is not None:
                    roots.append(batch)
            report = self.pipeline.rebuild(roots, progress)
        except Exception as exc:
            if batch is not None:
                shutil.rmtree(batch, ignore_errors=True)
            return self._failed(f"重建失败 / Rebuild failed: {_error_text(exc)}")
        finally:
            self._rebuilding.release()
        prune_batches(self.settings.uploads_dir, keep=batch)
        data = report.to_json()
        html = render.render_report(data, [s.path.name for s in stored], refused, self.labels())
        note = f"重建完成 / Rebuilt: {data['files_indexed']} files, {data['chunks']} passages"
        return RebuildResult(html, render.render_note(note, "ok"), self.index_md(), ok=True)

    def reset(self, progress: Progress | None = None) -> RebuildResult:
        """Back to the built-in notes only; uploaded copies are deleted once the new index serves."""
        if not self._rebuilding.acquire(blocking=False):
            return self._failed("已有重建在进行 / A rebuild is already running; wait for it to finish")
        try:
            report = self.pipeline.reset_index(progress)
        except Exception as exc:
            return self._failed(f"重置失败 / Reset failed: {_error_text(exc)}")
        finally:
            self._rebuilding.release()
        prune_batches(self.settings.uploads_dir)
        data = report.to_json()
        note = f"已恢复内置知识库 / Back to the built-in knowledge base: {data['files_indexed']} files"
        return RebuildResult(render.render_report(data), render.render_note(note, "ok"), self.index_md(), ok=True)

