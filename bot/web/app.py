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
    """The Blocks app over one pipeline: Chat, Compare and Rebuild tabs. Nothing is launched here."""
    gr = _gradio()
    cb = WebCallbacks(pipeline, settings)
    adapters = cb.adapter_choices()
    # uploads sit in gradio's cache only until the rebuild copied them; drop them after an hour
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
                chatbot = gr.Chatbot(label="对话 / Conversation", elem_id="chatbot", height=640,
                                     buttons=["copy"], feedback_options=None)
                with gr.Row():
                    box = gr.Textbox(show_label=False, scale=8, elem_id="chat-input", autofocus=True,
                                     placeholder="用中文或英文提问 / Ask in Chinese or English")
                    send = gr.Button("发送 / Send", variant="primary", scale=1, elem_id="chat-send")
                    clear = gr.Button("清空 / Clear", scale=1, elem_id="chat-clear")
                chat_status = gr.HTML(elem_id="chat-status")
                gr.Examples(EXAMPLES, inputs=box, label="示例问题 / Example questions", elem_id="chat-examples")
            with gr.Tab("对比 / Compare", id="compare", elem_id="tab-compare"):
                with gr.Row():
                    question = gr.Textbox(label="问题 / Question", scale=8, elem_id="compare-input",
                                          placeholder="同一个问题，所有模式并排回答 / One question, every mode side by side")
                    run = gr.Button("对比 / Compare", variant="primary", scale=1, elem_id="compare-run")
                compare_status = gr.HTML(elem_id="compare-status")
                columns = []
                with gr.Row(equal_height=False):
                    for slug, title in (("prompt", "仅提示 / Prompt only"), ("rag", "RAG 检索 / Retrieval"),
                                        ("adapter", "适配器 / Adapter"), ("rag-adapter", "RAG + 适配器 / RAG + adapter")):
                        with gr.Column(min_width=240):
                            gr.Markdown(f"### {title}")
                            columns.append(gr.Markdown(elem_id=f"compare-{slug}", elem_classes=["compare-col"]))
                gr.Examples(EXAMPLES, inputs=question, label="示例问题 / Example questions",
                            elem_id="compare-examples")
            with gr.Tab("重建索引 / Rebuild", id="rebuild", elem_id="tab-rebuild"):
                index_info = gr.Markdown(cb.index_md(), elem_id="index-info")
                files = gr.File(file_count="multiple", file_types=UPLOAD_TYPES, type="filepath", elem_id="upload",
                                label="上传文件 / Upload files (txt, md, html, pdf, docx)")
                with gr.Row():
                    folder = gr.Textbox(label="服务器上的文件夹（可选）/ Folder on the server (optional)",
                                        elem_id="folder", scale=3)
                    builtin = gr.Checkbox(value=True, label="包含内置知识库 / Include the built-in knowledge base",
                                          elem_id="include-builtin", scale=2)
                with gr.Row():
                    rebuild = gr.Button("重建索引 / Rebuild index", variant="primary", elem_id="rebuild-run")
                    reset = gr.Button("恢复内置知识库 / Reset to the built-in knowledge base", elem_id="reset-run")
                rebuild_status = gr.HTML(elem_id="rebuild-status")
                report = gr.HTML(elem_id="rebuild-report")

        chat_io = dict(fn=cb.chat, inputs=[box, chatbot, rag, adapter], outputs=[chatbot, box, chat_status])
        send.click(**chat_io)
        box.submit(**chat_io)
        clear.click(cb.clear, outputs=[chatbot, box, chat_status])
        compare_io = dict(fn=cb.compare_stream, inputs=[question, adapter], outputs=[*columns, compare_status])
        run.click(**compare_io)
        question.submit(**compare_io)

        def on_rebuild(uploads, path, with_builtin, progress=gr.Progress()):  # noqa: B008 (gradio injects it)
            result = cb.rebuild(uploads, path, with_builtin, progress=lambda f, msg: progress(f, desc=msg))
            return (*result.as_tuple(), None if result.ok else gr.skip())

        def on_reset(progress=gr.Progress()):  # noqa: B008 (gradio injects it)
            return cb.reset(progress=lambda f, msg: progress(f, desc=msg)).as_tuple()

        index_events = dict(concurrency_limit=1, concurrency_id="index", trigger_mode="once")
        rebuild.click(on_rebuild, inputs=[files, folder, builtin], outputs=[report, rebuild_status, index_info, files],
                      **index_events).then(cb.status_banner, outputs=banner)
        reset.click(on_reset, outputs=[report, rebuild_status, index_info],
                    **index_events).then(cb.status_banner, outputs=banner)
    return demo


def warm_up(pipeline) -> float:
    """Load the index, embedder, tokenizer and backend with throwaway questions; returns seconds taken."""
    started = time.perf_counter()
    for q in WARM_UP:
        pipeline.ask(q, (), Mode(rag=True))
    return time.perf_counter() - started


def launch(settings: Settings) -> None:
    """Load and warm the pipeline, then serve the app until interrupted (prints the local URL)."""
    from bot.pipeline import Pipeline

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
            pwa=False, enable_monitoring=False,
        )
    except OSError as exc:
        raise ConfigError(f"cannot serve on {settings.host}:{settings.port} ({exc}); "
                          "pick another port with --port or ADVISOR_PORT") from exc
    finally:
        gr.close_all(verbose=False)
