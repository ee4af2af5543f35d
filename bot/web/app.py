"""The Gradio web app: layout and event wiring only (the handlers are in :mod:`bot.web.callbacks`).

``launch(settings)`` loads and warms the pipeline, then serves on ``settings.host:settings.port``
offline: no analytics, system fonts only, no file served from the data folder.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from pathlib import Path

from bot.errors import ConfigError
from bot.settings import Settings
from bot.types import Mode
from bot.web import card, charts, render, safety
from bot.web.callbacks import NO_ADAPTER, WebCallbacks

log = logging.getLogger(__name__)

TITLE = "微调顾问 / Fine-tune Advisor"
UPLOAD_TYPES = [".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"]
SANS = ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
        "PingFang SC", "Microsoft YaHei", "sans-serif"]
MONO = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "Noto Sans Mono CJK SC", "monospace"]
EXAMPLES = [
    "我们有 3000 条标注好的客服对话，想让模型学会公司的回复语气，预算不多，该用哪种方法？",
    "公司产品手册每周都会更新，客服机器人要回答最新内容，应该微调还是用 RAG？",
    "LoRA 和 QLoRA 有什么区别？",
    "在云上租 GPU 给 7B 模型做 LoRA 微调，大概要花多少钱？",
    "We have 500 internal policy documents that change every month. Should we fine-tune or use RAG?",
    "Our legal team wants answers in a strict house style; we have 20k reviewed examples. LoRA or full fine-tune?",
    "What is the difference between LoRA and full fine-tuning?",
    "How much does it cost to fine-tune a model through the OpenAI API?",
]
WARM_UP = ("什么时候应该用 LoRA 微调？", "When should I use RAG instead of fine-tuning?")
CSS = """
.advisor-badge { display:inline-block; padding:2px 10px; border-radius:999px; font-weight:600; font-size:0.9em;
  color:#fff; background:#6b7280; margin:4px 0; }
.advisor-badge-prompt { background:#2563eb; } .advisor-badge-rag { background:#059669; }
.advisor-badge-lora { background:#d97706; } .advisor-badge-qlora { background:#b45309; }
.advisor-badge-full_finetune { background:#dc2626; } .advisor-badge-from_scratch { background:#7c3aed; }
.advisor-badge-hybrid { background:#0891b2; }
.advisor-extras { margin-top:6px; font-size:0.92em; }
.advisor-extras ul, .advisor-extras ol { margin:2px 0 4px 1.2em; }
.advisor-sources summary { cursor:pointer; font-weight:600; }
.advisor-sources blockquote { margin:2px 0 6px 0; padding-left:8px; border-left:3px solid #d1d5db;
  color:#4b5563; font-size:0.95em; }
.advisor-warnings { color:#b45309; }
.advisor-latency { font-size:0.95em; color:#374151; }
.advisor-status { padding:4px 0; }
.advisor-status-error { color:#b91c1c; font-weight:600; }
.advisor-report { border-collapse:collapse; width:100%; }
.advisor-report th, .advisor-report td { border:1px solid #e5e7eb; padding:4px 8px; text-align:left; }
.advisor-skipped td { background:#fef2f2; } .advisor-ok td { background:#f0fdf4; }
.advisor-library-table td:nth-child(6) { text-align:right; }
.compare-col { min-height:120px; }
"""


def _gradio():
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr

    return gr


def theme():
    """The default theme with system fonts only (no web font is fetched)."""
    gr = _gradio()
    return gr.themes.Default(font=SANS, font_mono=MONO)


def build_app(pipeline, settings: Settings | None = None):
    """The Blocks app over one pipeline: Chat, Compare and Library tabs. Nothing is launched here."""
    gr = _gradio()
    cb = WebCallbacks(pipeline, settings)
    adapters = cb.adapter_choices()
    # uploads sit in gradio's cache only until the library copied them; drop them after an hour
    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(3600, 3600)) as demo:
        gr.Markdown(f"# {TITLE}\n提示工程、RAG、LoRA/QLoRA、全参数微调，还是从零训练？ / "
                    "Prompt, RAG, LoRA/QLoRA, full fine-tune, or train from scratch?")
        banner = gr.Markdown(cb.status_banner(), elem_id="banner")
        with gr.Row():
            rag = gr.Checkbox(value=True, label="RAG 检索 / Retrieval", elem_id="rag-toggle", scale=1)
            adapter = gr.Dropdown(choices=adapters, value=NO_ADAPTER, label="适配器 / Adapter",
                                  interactive=len(adapters) > 1, elem_id="adapter-select", scale=2)
        gr.Markdown(cb.adapter_note(), elem_id="adapter-note")
        with gr.Tabs(elem_id="tabs"):
            with gr.Tab("对话 / Chat", id="chat", elem_id="tab-chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(label="对话 / Conversation", elem_id="chatbot", height=640,
                                             buttons=["copy"], feedback_options=None)
                        with gr.Row():
                            box = gr.Textbox(show_label=False, scale=8, elem_id="chat-input", autofocus=True,
                                             placeholder="用中文或英文提问 / Ask in Chinese or English")
                            send = gr.Button("发送 / Send", variant="primary", scale=1, elem_id="chat-send")
                            stop = gr.Button("停止 / Stop", variant="stop", scale=1, elem_id="chat-stop")
                            clear = gr.Button("清空 / Clear", scale=1, elem_id="chat-clear")
                        chat_status = gr.HTML(elem_id="chat-status")
                        gr.Examples(EXAMPLES, inputs=box, label="示例问题 / Example questions",
                                    elem_id="chat-examples")
                    with gr.Column(scale=1, min_width=280, visible=False, elem_id="situation-card") as card_box:
                        gr.Markdown("### 情况卡 / Situation card\n改一个值即重新判断（不再检索）/ "
                                    "Change a value to re-decide (no new retrieval).")
                        controls = [_card_control(gr, f) for f in card.CARD_FIELDS]
            with gr.Tab("对比 / Compare", id="compare", elem_id="tab-compare"):
                with gr.Row():
                    question = gr.Textbox(label="问题 / Question", scale=8, elem_id="compare-input",
                                          placeholder="同一个问题，所有模式并排回答 / One question, every mode side by side")
                    compare_adapter = gr.Dropdown(choices=adapters, value=cb.compare_default(), scale=3,
                                                  label="对比用的适配器 / Adapter compared",
                                                  interactive=len(adapters) > 1, elem_id="compare-adapter-select")
                    run = gr.Button("对比 / Compare", variant="primary", scale=1, elem_id="compare-run")
                compare_status = gr.HTML(elem_id="compare-status")
                columns = []
                with gr.Row(equal_height=False):
                    for slug, title in (("prompt", "仅提示 / Prompt only"), ("rag", "RAG 检索 / Retrieval"),
                                        ("adapter", "适配器 / Adapter"), ("rag-adapter", "RAG + 适配器 / RAG + adapter")):
                        with gr.Column(min_width=240):
                            gr.Markdown(f"### {title}")
                            columns.append(gr.Markdown(elem_id=f"compare-{slug}", elem_classes=["compare-col"]))
                gr.Markdown("选了适配器时，四列都在它的底座模型上：底座仅提示、底座 + RAG、LoRA、LoRA + RAG。/ "
                            "With an adapter, all four columns run on its base model: base prompt-only, base + RAG, "
                            "LoRA, LoRA + RAG.", elem_id="compare-note")
                gr.Examples(EXAMPLES, inputs=question, label="示例问题 / Example questions",
                            elem_id="compare-examples")
            with gr.Tab("成本与显存 / Cost & memory", id="charts", elem_id="tab-charts"):
                chart_parts = _charts_tab(gr)
            with gr.Tab("文档库 / Library", id="library", elem_id="tab-library"):
                index_info = gr.Markdown(cb.index_md(), elem_id="index-info")
                files = gr.File(file_count="multiple", file_types=UPLOAD_TYPES, type="filepath", elem_id="upload",
                                label="上传文件 / Upload files (txt, md, html, pdf, docx)")
                with gr.Row():
                    roots = ", ".join(str(r) for r in cb.settings.docs_root_paths)
                    folder = gr.Textbox(label="服务器上的文件夹（可选）/ Folder on the server (optional)",
                                        info=f"仅限 / only under: {roots}", elem_id="folder", scale=3,
                                        visible=safety.folder_field_on(cb.settings))
                    add = gr.Button("添加到文档库 / Add to the library", variant="primary", elem_id="library-add",
                                    scale=1)
                library_status = gr.HTML(elem_id="library-status")
                report = gr.HTML(elem_id="library-report")
                table, names = cb.library_state()
                library = gr.HTML(table, elem_id="library-list")
                with gr.Row():
                    picked = gr.Dropdown(choices=list(names), value=[], multiselect=True, scale=3,
                                         label="要删除的文档 / Documents to remove", elem_id="library-pick")
                    remove = gr.Button("删除 / Remove", variant="stop", elem_id="library-remove", scale=1)
                reset = gr.Button("恢复内置知识库 / Reset to the built-in knowledge base", elem_id="reset-run")

        state, pending = gr.State(None), gr.State("")
        chart_inputs = _wire_charts(gr, cb, state, chart_parts)
        finished = [chatbot, chat_status, state, box, card_box, *controls, *chart_inputs]

        def on_answer(question, history, use_rag, chosen, kept):
            for update in cb.answer_stream(question, history, use_rag, chosen, kept):
                shown = {chatbot: update.history, chat_status: update.status}
                if update.box is not None:
                    shown[box] = gr.Textbox(value=update.box, interactive=True)
                if update.answer is not None:
                    shown.update(_after_answer(gr, update.state, card_box, controls, chart_inputs))
                    shown[state] = update.state
                yield shown
            yield {box: gr.Textbox(interactive=True)}  # the next question can be sent

        def echo(message, history):
            """The question shown at once; the input is locked until the answer is done, so a question typed
            meanwhile is kept in the box instead of being dropped (an empty send changes nothing)."""
            shown, emptied, question = cb.echo(message, history)
            if not question:
                return gr.skip(), gr.skip(), question
            return shown, gr.Textbox(value=emptied, interactive=False), question

        answering = []
        for trigger in (send.click, box.submit):
            echoed = trigger(echo, inputs=[box, chatbot], outputs=[chatbot, box, pending], queue=False,
                             show_progress="hidden")
            answering.append(echoed.then(on_answer, inputs=[pending, chatbot, rag, adapter, state], outputs=finished,
                                         show_progress="hidden"))
        def chat(message: str, history: list, use_rag: bool, chosen: str) -> tuple[list, str, str]:
            """One whole turn for API clients (the page streams through echo + on_answer instead)."""
            return cb.chat(message, history, use_rag, chosen)

        gr.api(chat, api_name="chat")
        def stopped(settle_s: float = 0.0):
            time.sleep(settle_s)  # the second time, after an update already on its way has landed
            return render.render_note("已停止 / Stopped.")

        stop.click(lambda: (stopped(), gr.Textbox(interactive=True)), outputs=[chat_status, box], cancels=answering,
                   show_progress="hidden").then(lambda: stopped(0.5), outputs=chat_status, show_progress="hidden")
        def cleared():
            history, _, status, kept = cb.clear()
            return history, gr.Textbox(value="", interactive=True), status, kept  # the input unlocked too

        clear.click(cleared, outputs=[chatbot, box, chat_status, state], cancels=answering).then(
            lambda: gr.Column(visible=False), outputs=card_box)

        def on_edit(name):
            def edit(value, history, use_rag, kept):
                update = cb.edit_slot(name, value, history, use_rag, kept)
                if update.answer is None:
                    return {chat_status: update.status} if update.status else {chat_status: gr.skip()}
                return {chatbot: update.history, chat_status: update.status, state: update.state,
                        **_after_answer(gr, update.state, card_box, controls, chart_inputs)}
            return edit

        for f, control in zip(card.CARD_FIELDS, controls, strict=True):
            edited = dict(fn=on_edit(f.name), inputs=[control, chatbot, rag, state], outputs=finished,
                          trigger_mode="always_last", show_progress="hidden")
            if f.kind == "number":
                control.submit(**edited)
                control.blur(**edited)
            else:
                control.input(**edited)
        compare_io = dict(fn=cb.compare_stream, inputs=[question, compare_adapter], outputs=[*columns, compare_status])
        run.click(**compare_io)
        question.submit(**compare_io)

        def shown(result):  # the Library tab's outputs after a change
            return (*result.as_tuple(), gr.Dropdown(choices=list(result.names), value=[]))

        def on_add(uploads, path, progress=gr.Progress()):  # noqa: B008 (gradio injects it)
            result = cb.add(uploads, path, progress=lambda f, msg: progress(f, desc=msg))
            return (*shown(result), None if result.ok else gr.skip())

        def on_remove(chosen, progress=gr.Progress()):  # noqa: B008 (gradio injects it)
            return shown(cb.remove(chosen, progress=lambda f, msg: progress(f, desc=msg)))

        def on_reset(progress=gr.Progress()):  # noqa: B008 (gradio injects it)
            return shown(cb.reset(progress=lambda f, msg: progress(f, desc=msg)))

        def on_load():  # the library may have changed since the page was built (say, `advisor library add`)
            table, names = cb.library_state()
            return table, cb.index_md(), gr.Dropdown(choices=list(names), value=[])

        changed = [report, library_status, library, index_info, picked]
        index_events = dict(concurrency_limit=1, concurrency_id="index", trigger_mode="once")
        add.click(on_add, inputs=[files, folder], outputs=[*changed, files],
                  **index_events).then(cb.status_banner, outputs=banner)
        remove.click(on_remove, inputs=[picked], outputs=changed, **index_events).then(cb.status_banner, outputs=banner)
        reset.click(on_reset, outputs=changed, **index_events).then(cb.status_banner, outputs=banner)
        demo.load(on_load, outputs=[library, index_info, picked])
        demo.load(**chart_parts["draw"])
    return demo


def _card_control(gr, f: card.CardField):
    """One situation-card control: a number (empty = unknown) or a choice with "unknown"."""
    if f.kind == "number":
        return gr.Number(value=None, label=f.label, info="", elem_id=f"card-{f.name}", minimum=0)
    return gr.Dropdown(choices=list(f.options), value=card.UNKNOWN, label=f.label, info="",
                       elem_id=f"card-{f.name}", interactive=True)


def _after_answer(gr, understanding, card_box, controls, chart_inputs) -> dict:
    """The card (shown beside situation answers, filled from the state) and the charts' inputs after an answer."""
    values = card.card_values(understanding)
    shown = {card_box: gr.Column(visible=card.has_card(understanding))}
    for f, control in zip(card.CARD_FIELDS, controls, strict=True):
        value, note = values[f.name]
        shown[control] = gr.update(value=value, info=note)
    wanted = charts.chart_inputs(understanding)
    for name, control in zip(("prompt_tokens", "calls_per_month", "model_size_b"), chart_inputs, strict=True):
        shown[control] = getattr(wanted, name)
    return shown


def _charts_tab(gr) -> dict:
    """The Cost & memory tab: editable inputs (filled from the situation when stated) and two charts."""
    defaults = charts.chart_inputs(None)
    gr.Markdown("对话中说明了提示长度、调用量或模型规模时自动填入 / Filled from the conversation when it states a "
                "prompt length, a call volume or a model size; edit to explore.")
    with gr.Row():
        prompt_tokens = gr.Number(defaults.prompt_tokens, label="提示长度 tokens / Prompt length (tokens)",
                                  minimum=1, precision=0, elem_id="chart-prompt-tokens")
        calls = gr.Number(defaults.calls_per_month, label="每月调用量 / Calls per month", minimum=0, precision=0,
                          elem_id="chart-calls")
        training = gr.Number(charts.DEFAULT_TRAINING_USD, label="一次性训练费用 USD / One-off training cost (USD)",
                             minimum=0, elem_id="chart-training")
        size = gr.Number(defaults.model_size_b, label="模型规模 B / Model size (B params)", minimum=0.1,
                         elem_id="chart-model-size")
    cost_plot = gr.LinePlot(x="calls", y="usd", color="series", x_title="calls per month", y_title="USD per month",
                            title="每月成本 / Monthly cost", elem_id="cost-chart", height=320)
    cost_note = gr.Markdown(elem_id="cost-note")
    memory_plot = gr.BarPlot(x="method", y="gb", x_title="method", y_title="GPU memory (GB)", sort=None,
                             title="微调所需显存 / GPU memory to fine-tune", elem_id="memory-chart", height=320)
    memory_note = gr.Markdown(elem_id="memory-note")
    return {"inputs": [prompt_tokens, calls, size], "training": training,
            "outputs": [cost_plot, cost_note, memory_plot, memory_note]}


def _wire_charts(gr, cb, state, parts: dict) -> list:
    prompt_tokens, calls, size = parts["inputs"]

    def draw(tokens, volume, training, billions, kept):
        return cb.charts(tokens, volume, training, billions, kept.lang if kept is not None else "en")

    io = dict(fn=draw, inputs=[prompt_tokens, calls, parts["training"], size, state], outputs=parts["outputs"],
              show_progress="hidden", trigger_mode="always_last")
    for control in (prompt_tokens, calls, parts["training"], size):
        control.change(**io)
    parts["draw"] = io
    return parts["inputs"]


def warm_up(pipeline) -> float:
    """Load the index, embedder, tokenizer and backend with throwaway questions; returns seconds taken."""
    started = time.perf_counter()
    for q in WARM_UP:
        pipeline.ask(q, (), Mode(rag=True))
    return time.perf_counter() - started


def launch(settings: Settings) -> None:
    """Load and warm the pipeline, then serve the app until interrupted (prints the local URL)."""
    from bot.pipeline import Pipeline

    logins = safety.check_binding(settings)  # before any slow loading: a refused start fails at once
    started = time.perf_counter()
    # importing gradio and loading the embedder are both slow: overlap them (saves ~5 s on 2 cores)
    importer = threading.Thread(target=_gradio, name="import-gradio", daemon=True)
    importer.start()
    pipeline = Pipeline(settings)
    seconds = warm_up(pipeline)
    log.info("pipeline warmed up in %.1fs", seconds)
    importer.join()
    gr = _gradio()  # raises here if the import failed in the thread
    demo = build_app(pipeline, settings)
    demo.queue(default_concurrency_limit=2)
    blocked = sorted({str(Path(settings.data_dir).resolve()), str(Path(settings.index_path).resolve())})
    log.info("app ready after %.1fs", time.perf_counter() - started)
    try:
        demo.launch(
            server_name=settings.host, server_port=settings.port, share=False, inbrowser=False,
            allowed_paths=[], blocked_paths=blocked, max_file_size=f"{math.ceil(settings.max_file_mb)}mb",
            theme=theme(), css=CSS, footer_links=[], show_error=False, ssr_mode=False, mcp_server=False,
            pwa=False, enable_monitoring=False, auth=logins or None,
        )
    except OSError as exc:
        raise ConfigError(f"cannot serve on {settings.host}:{settings.port} ({exc}); "
                          "pick another port with --port or ADVISOR_PORT") from exc
    finally:
        gr.close_all(verbose=False)
