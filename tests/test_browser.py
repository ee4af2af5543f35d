"""End to end: the real app (``python -m bot web``) driven by headless Chromium through Playwright.

Needs /usr/bin/chromium (``scripts/setup_browser.sh`` installs it). Set ``UPDATE_SCREENSHOTS=1`` to
write docs/chat.png, docs/compare.png and docs/library.png; otherwise they go to the test's temp folder.
"""

from __future__ import annotations

import os
import re
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser_utils import CHROMIUM, CHROMIUM_ARGS, ROOT, start_app, stop_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: run scripts/setup_browser.sh"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e .[dev])")
expect = sync_api.expect

ANSWER_MS = 120_000  # generous: a cold CPU machine, and Chinese tokenization on first use
REBUILD_MS = 600_000  # a library change embeds the new passages with the real model
FACT = "The Zorblax-7 adapter needs exactly 417 MB of GPU memory."
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    running = start_app(tmp_path_factory.mktemp("browser") / "data")
    yield running
    stop_app(running)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(app, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, locale="zh-CN")
    pg = context.new_page()
    pg.goto(app.url)
    expect(pg.locator("#chat-input textarea")).to_be_visible(timeout=ANSWER_MS)
    yield pg
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        return ROOT / "docs"
    return tmp_path_factory.mktemp("screenshots")


def bot_messages(page):
    return page.locator('#chatbot [data-testid="bot"]')


def ask(page, question: str):
    """Type a question, send it, and return the locator of the new answer."""
    before = bot_messages(page).count()
    box = page.locator("#chat-input textarea")
    box.fill(question)
    box.press("Enter")
    expect(bot_messages(page)).to_have_count(before + 1, timeout=ANSWER_MS)
    return bot_messages(page).nth(before)


def answer_text(message) -> str:
    """The answer of one chat message without its badge, reasons and sources."""
    full = message.locator(".message-content").inner_text()
    extras = message.locator(".advisor-extras")
    return full.replace(extras.inner_text(), "") if extras.count() else full


def open_tab(page, name: str):
    page.get_by_role("tab", name=name).click()


def test_chat_in_both_languages_with_sources_and_rag_toggle(app, page, shots):
    started = time.monotonic()
    zh = ask(page, "我们有 3000 条标注好的客服对话，想让模型学会公司的回复语气，预算不多，该用哪种方法？")
    first_answer_s = time.monotonic() - app.started
    print(f"\napp ready after {app.ready_after_s:.1f}s; first answer {first_answer_s:.1f}s after start "
          f"({time.monotonic() - started:.2f}s after sending)")
    assert HAN.search(answer_text(zh).strip().split("\n")[0])  # answered in Chinese
    expect(zh.locator(".advisor-badge")).to_be_visible()
    zh_sources = zh.locator("details.advisor-sources")
    expect(zh_sources).to_have_count(1)
    expect(zh_sources.locator("blockquote").first).to_be_hidden()  # collapsed until opened
    zh_sources.locator("summary").click()
    expect(zh_sources.locator("blockquote").first).to_be_visible()
    expect(zh_sources.locator("code").first).to_contain_text(".md")
    zh_sources.locator("summary").click()  # folded again, so the screenshot shows both answers

    en = ask(page, "What is the difference between LoRA and full fine-tuning?")
    first_line = answer_text(en).strip().split("\n")[0]
    assert first_line and not HAN.search(first_line), first_line  # answered in English
    expect(en.locator("details.advisor-sources summary")).to_contain_text("Sources")
    page.screenshot(path=str(shots / "chat.png"), full_page=True)

    page.locator("#rag-toggle input[type=checkbox]").uncheck()
    no_rag = ask(page, "What is the difference between LoRA and full fine-tuning?")
    expect(no_rag.locator(".message-content")).not_to_be_empty()
    expect(no_rag.locator("details.advisor-sources")).to_have_count(0)
    expect(page.locator("#chat-status")).to_contain_text("Prompt only")

    page.locator("#chat-clear").click()
    expect(bot_messages(page)).to_have_count(0)


def test_a_question_sent_right_after_another_is_answered_not_dropped(page):
    """The input is locked while an answer streams, so a follow-up typed at once waits in the box and is sent
    after it (it used to be emptied from the box and never answered)."""
    first = ("Hey! I run a tiny ceramics studio + webshop (3 of us). I want product descriptions in our voice. Honestly "
             "we only have like 40 good ones written so far. We are NOT on a tight budget but we have zero GPUs. Thoughts?")
    follow_up = "oh wait, my partner just found ~900 more in an old Shopify export, all written by us"
    ask(page, first)
    ask(page, follow_up)  # each typed while the answer before may still be streaming
    ask(page, "what would that cost on gpt-4o-mini, roughly 250 tokens each?")
    expect(bot_messages(page)).to_have_count(3, timeout=ANSWER_MS)
    users = page.locator('#chatbot [data-testid="user"]')
    expect(users).to_have_count(3)
    expect(users.nth(1)).to_contain_text("900 more")
    expect(bot_messages(page).nth(2)).to_contain_text("$2.12", timeout=ANSWER_MS)
    expect(page.locator("#chat-input textarea")).to_be_editable(timeout=ANSWER_MS)
    page.locator("#chat-clear").click()
    expect(bot_messages(page)).to_have_count(0)


def test_compare_shows_every_mode_with_latency(page, shots):
    open_tab(page, "对比 / Compare")
    page.locator("#compare-adapter-select input").click()  # the committed pocket adapter: a fast fixture
    page.get_by_role("option", name="pocket/advice-lora").click()
    page.locator("#compare-input textarea").fill("Should I fine-tune or use RAG for documents that change every week?")
    page.locator("#compare-run").click()
    expect(page.locator("#compare-rag-adapter .advisor-latency")).to_be_visible(timeout=ANSWER_MS)
    for column in ("prompt", "rag", "adapter", "rag-adapter"):
        expect(page.locator(f"#compare-{column} .advisor-latency")).to_contain_text(" ms")
    expect(page.locator("#compare-rag details.advisor-sources")).to_have_count(1)
    expect(page.locator("#compare-rag-adapter details.advisor-sources")).to_have_count(1)
    expect(page.locator("#compare-prompt details.advisor-sources")).to_have_count(0)
    for column in ("adapter", "rag-adapter"):  # answered by the pocket model through its LoRA adapter
        expect(page.locator(f"#compare-{column} .advisor-latency")).to_contain_text("transformers")
    status = page.locator("#compare-status").inner_text()
    assert "Prompt only" in status and "Retrieval" in status and "ms" in status
    for title in ("仅提示 / Prompt only", "RAG 检索 / Retrieval", "适配器 / Adapter", "RAG + 适配器 / RAG + adapter"):
        expect(page.get_by_role("heading", name=title)).to_be_visible()
    page.screenshot(path=str(shots / "compare.png"), full_page=True)


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_library_tab_adds_uploads_keeps_earlier_ones_removes_and_resets(app, page, shots, tmp_path):
    doc = tmp_path / "zorblax-notes.md"
    doc.write_text(f"# Zorblax-7 hardware notes\n\n{FACT}\n", encoding="utf-8")
    blob = tmp_path / "scan.pdf"
    blob.write_bytes(bytes(range(256)) * 40)  # not a PDF at all
    other = tmp_path / "quibbit.md"
    other.write_text("# Quibbit\n\nThe quibbit model trains in 93 minutes on one card.\n", encoding="utf-8")
    open_tab(page, "文档库 / Library")
    listing = page.locator("#library-list")
    expect(listing).to_contain_text("corpus/decision-tree.md")  # the built-in notes are in the library
    page.locator("#upload input[type=file]").set_input_files([str(doc), str(blob)])
    expect(page.locator("#upload tr", has_text="zorblax-notes")).to_have_count(1, timeout=ANSWER_MS)
    cached = page.locator("#upload a[href*='gradio_api/file=']").first.get_attribute("href")
    assert http_status(cached) == 200  # the file route works (for gradio's own copy of the upload)
    page.locator("#library-add").click()
    report = page.locator("#library-report table")
    expect(report).to_be_visible(timeout=REBUILD_MS)
    expect(report.locator("tr", has_text="zorblax-notes.md")).to_contain_text("added")
    skipped = report.locator("tr", has_text="scan.pdf").last
    expect(skipped).to_contain_text("skipped")
    expect(skipped).to_contain_text("PDF")
    expect(page.locator("#library-status")).to_contain_text("Added")
    expect(listing.locator("tr", has_text="zorblax-notes.md")).to_contain_text("indexed")
    expect(listing.locator("tr", has_text="scan.pdf")).to_contain_text("not a PDF")
    expect(page.locator("#index-info")).to_contain_text("library")
    page.screenshot(path=str(shots / "library.png"), full_page=True)
    stored = [p for p in app.data_dir.glob("library/files/*.md") if FACT.encode() in p.read_bytes()]
    assert len(stored) == 1 and "zorblax" not in stored[0].name  # kept under its content hash ...
    assert http_status(f"{app.url}gradio_api/file={stored[0]}") in (403, 404)  # ... and never served back

    page.locator("#upload input[type=file]").set_input_files([str(other)])  # a second upload, later
    expect(page.locator("#upload tr", has_text="quibbit")).to_have_count(1, timeout=ANSWER_MS)
    page.locator("#library-add").click()
    expect(page.locator("#library-report table tr", has_text="quibbit.md")).to_contain_text("added",
                                                                                         timeout=REBUILD_MS)
    expect(listing.locator("tr", has_text="quibbit.md")).to_have_count(1)
    expect(listing.locator("tr", has_text="zorblax-notes.md")).to_have_count(1)  # the first upload is still there

    open_tab(page, "对话 / Chat")
    answer = ask(page, "How much GPU memory does the Zorblax-7 adapter need?")
    assert "417" in answer_text(answer)  # the answer quotes the uploaded fact
    expect(answer.locator("details.advisor-sources")).to_contain_text("zorblax-notes.md")

    open_tab(page, "文档库 / Library")
    page.locator("#library-pick input").click()
    page.get_by_role("option", name="zorblax-notes.md").click()
    page.locator("#library-remove").click()
    expect(page.locator("#library-status")).to_contain_text("Removed", timeout=REBUILD_MS)
    expect(listing.locator("tr", has_text="zorblax-notes.md")).to_have_count(0)
    expect(listing.locator("tr", has_text="quibbit.md")).to_have_count(1)
    page.locator("#reset-run").click()
    expect(page.locator("#library-status")).to_contain_text("Back to the built-in knowledge base",
                                                            timeout=REBUILD_MS)
    expect(listing.locator("tr", has_text="quibbit.md")).to_have_count(0)
    expect(listing).to_contain_text("corpus/decision-tree.md")
