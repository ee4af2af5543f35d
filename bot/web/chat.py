"""The Chat and Compare tabs' handlers: echo the question, stream the answer, re-decide from the situation card.

Plain methods over a ``Pipeline`` (no gradio): the conversation state is the last answer's ``Understanding``, which
the app keeps server-side in a ``gr.State`` and passes back on the next turn.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import (
    dataclass,
)

from bot.errors import BotError
from bot.types import Answer, Mode
from bot.understand.types import Understanding
from bot.uploads import load_labels
from bot.web import card, render
from bot.web.history import CURSOR, Message, history_pairs, plain_history
from knowledge.errors import InputError

log = logging.getLogger(__name__)

NO_ADAPTER = "none"
COMPARE_MODES = ("prompt", "rag", "adapter", "rag+adapter")


@dataclass(frozen=True)
class ChatUpdate:
    """What the chat shows after one step: the messages, the status line and the conversation state.

    ``box`` is the text to put back in the input (None: leave it); ``answer`` is set on a finished answer only.
    """

    history: list[Message]
    status: str
    state: Understanding | None
    box: str | None = None
    answer: Answer | None = None


def error_text(exc: BaseException) -> str:
    if isinstance(exc, BotError):
        return exc.format_message()
    log.exception("unexpected error in a web callback")
    return f"unexpected error ({type(exc).__name__}); the details are in the server log"


def adapter_value(value: str | None) -> str | None:
    return None if not value or value == NO_ADAPTER else str(value)


def timing_line(answer: Answer) -> str:
    ms = answer.timings_ms.get("total", 0.0)
    return (f"{render.mode_title(answer.mode)} · {ms:.0f} ms · {answer.backend} · "
            f"{len(answer.sources)} 来源 / sources")


class ChatCallbacks:
    """Chat turns, card edits and the Compare tab over one pipeline."""

    def __init__(self, pipeline, settings=None):
        self.pipeline = pipeline
        self.settings = settings or pipeline.settings

    def labels(self) -> dict[str, str]:
        return load_labels(self.settings.uploads_dir)

    # ---- chat ---------------------------------------------------------------------------------------
    def echo(self, message: str, history: Sequence[Mapping] | None) -> tuple[list[Message], str, str]:
        """The question shown at once, before any work -> (history, emptied textbox, the question to answer)."""
        question = (message or "").strip()
        shown = plain_history(history)
        if question:
            shown.append({"role": "user", "content": question})
        return shown, "", question

    def answer_stream(self, question: str, history: Sequence[Mapping] | None, rag: bool, adapter: str | None,
                      state: Understanding | None = None) -> Iterator[ChatUpdate]:
        """Answer the question that ``echo`` put last in ``history``, yielding the answer as it grows."""
        shown = plain_history(history)
        if not question:
            yield ChatUpdate(shown, render.render_note("请输入问题 / Type a question first."), state)
            return
        earlier = shown[:-1] if shown and shown[-1]["role"] == "user" else shown
        mode = Mode(rag=bool(rag), adapter=adapter_value(adapter))
        try:
            for item in self.pipeline.ask_stream(question, history_pairs(earlier), mode, state=state):
                if isinstance(item, Answer):
                    reply = render.render_answer(item, self.labels())
                    yield ChatUpdate([*earlier, {"role": "user", "content": question},
                                      {"role": "assistant", "content": reply}],
                                     render.render_note(timing_line(item), "ok"), item.understanding, answer=item)
                else:
                    yield ChatUpdate([*earlier, {"role": "user", "content": question},
                                      {"role": "assistant", "content": item + CURSOR}],
                                     render.render_note("回答中 / Answering…"), state)
        except Exception as exc:  # the UI boundary: show it, give the question back for another try
            yield ChatUpdate(earlier, render.render_note(error_text(exc), "error"), state, box=question)

    def chat(self, message: str, history: Sequence[Mapping] | None, rag: bool, adapter: str | None,
             state: Understanding | None = None) -> tuple[list[Message], str, str]:
        """One whole turn -> (new history, text left in the textbox, status line)."""
        shown, _, question = self.echo(message, history)
        *_, last = self.answer_stream(question, shown, rag, adapter, state)
        return last.history, message if last.box is not None else "", last.status

    def clear(self) -> tuple[list[Message], str, str, None]:
        return [], "", "", None

    # ---- the situation card -------------------------------------------------------------------------
    def edit_slot(self, name: str, shown_value: object, history: Sequence[Mapping] | None, rag: bool,
                  state: Understanding | None) -> ChatUpdate:
        """One card control changed: re-decide without retrieval; the new answer replaces the last one."""
        messages = plain_history(history)
        if state is None:
            return ChatUpdate(messages, render.render_note("请先提问 / Ask about your situation first."), None)
        if not card.is_change(state, name, shown_value):
            return ChatUpdate(messages, "", state)
        try:
            value = card.to_override(name, shown_value)
            answer = self.pipeline.redecide(state, {name: value}, Mode(rag=bool(rag)))
        except InputError as exc:
            return ChatUpdate(messages, render.render_note(str(exc), "error"), state)
        except Exception as exc:
            return ChatUpdate(messages, render.render_note(error_text(exc), "error"), state)
        reply = {"role": "assistant", "content": render.render_answer(answer, self.labels())}
        if messages and messages[-1]["role"] == "assistant":
            messages[-1] = reply
        else:
            messages.append(reply)
        note = f"{card.FIELDS_BY_NAME[name].label} → {card.card_values(answer.understanding)[name][0]} · {timing_line(answer)}"
        return ChatUpdate(messages, render.render_note(note, "ok"), answer.understanding, answer=answer)

    # ---- compare ------------------------------------------------------------------------------------
    def compare_stream(self, question: str, adapter: str | None) -> Iterator[tuple[str, str, str, str, str]]:
        """The question in every mode, each column streamed as it is written ->
        (prompt, rag, adapter, rag+adapter columns, status line). With an adapter the first two columns run on
        its base model (``Pipeline.compare_stream``): base, base + RAG, LoRA, LoRA + RAG on one model."""
        question = (question or "").strip()
        if not question:
            yield "", "", "", "", render.render_note("请输入问题 / Type a question first.")
            return
        chosen = adapter_value(adapter)
        n_columns = 4 if chosen else 2
        missing = render.render_note(
            "请先在上方选择适配器 / Pick an adapter above to fill this column." if self._has_adapters()
            else "没有可用的适配器 / No adapter available (see the note above).")
        waiting = render.render_note("回答中 / Answering…")
        columns = [waiting if i < n_columns else missing for i in range(len(COMPARE_MODES))]
        done: list[Answer] = []
        labels = self.labels()
        try:
            for column, item in self.pipeline.compare_stream(question, (), chosen):
                if isinstance(item, Answer):
                    done.append(item)
                    columns[column] = render.render_column(item, labels)
                else:
                    columns[column] = render.hard_breaks(item) + CURSOR
                line = " · ".join(f"{render.mode_title(a.mode)}: {a.timings_ms.get('total', 0.0):.0f} ms"
                                  f" ({a.backend})" for a in done)
                kind = "ok" if len(done) == n_columns else "info"
                yield (*columns, render.render_note(line or "回答中 / Answering…", kind))
        except Exception as exc:  # the UI boundary: show it in the status line
            yield "", "", "", "", render.render_note(error_text(exc), "error")

    def compare(self, question: str, adapter: str | None) -> tuple[str, str, str, str, str]:
        *_, last = self.compare_stream(question, adapter)
        return last

    def _has_adapters(self) -> bool:
        try:
            return bool(self.pipeline.available_adapters())
        except (BotError, OSError):
            return False
