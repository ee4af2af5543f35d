"""The situation card, streaming with Stop, the charts and the folder field, in headless Chromium (real app).

Set ``UPDATE_SCREENSHOTS=1`` to write docs/chat-card.png and docs/charts.png.
"""

from __future__ import annotations

import pytest

from tests.browser_utils import CHROMIUM, start_app, stop_app
from tests.test_browser import ANSWER_MS, ask, bot_messages, open_tab, shots  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: run scripts/setup_browser.sh"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e .[dev])")
expect = sync_api.expect
SITUATION = "We have 3,000 labelled support chats and want the model to learn our reply tone. Which method?"


@pytest.fixture(scope="module")
def roots(tmp_path_factory):
    base = tmp_path_factory.mktemp("roots")
    (base / "docs").mkdir()
    (base / "private").mkdir()
    (base / "private" / "secret.md").write_text("# secret\n\nThe vault code is 9931.\n", encoding="utf-8")
    return base


@pytest.fixture(scope="module")
def app(tmp_path_factory, roots):
    running = start_app(tmp_path_factory.mktemp("browser-card") / "data", ADVISOR_DOCS_ROOTS=str(roots / "docs"))
    yield running
    stop_app(running)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        from tests.browser_utils import CHROMIUM_ARGS

        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(app, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, locale="en-US")
    pg = context.new_page()
    pg.goto(app.url)
    expect(pg.locator("#chat-input textarea")).to_be_visible(timeout=ANSWER_MS)
    yield pg
    context.close()


def test_editing_a_slot_redecides_and_changes_the_badge(page, shots):  # noqa: F811
    answer = ask(page, SITUATION)
    expect(answer.locator(".advisor-badge-lora")).to_be_visible(timeout=ANSWER_MS)
    card = page.locator("#situation-card")
    expect(card).to_be_visible()
    examples = page.locator("#card-examples input")
    expect(examples).to_have_value("3000")
    expect(page.locator("#card-examples")).to_contain_text("3,000")  # the words it came from
    examples.fill("40")
    examples.press("Enter")
    expect(bot_messages(page).last.locator(".advisor-badge-prompt")).to_be_visible(timeout=ANSWER_MS)
    expect(bot_messages(page)).to_have_count(1)  # the corrected answer replaced the first
    expect(bot_messages(page).last).to_contain_text("3,000 → 40")
    expect(page.locator("#chat-status")).to_contain_text("40")
    page.screenshot(path=str(shots / "chat-card.png"), full_page=True)
    follow = ask(page, "And our GPU has 24 GB.")  # the next turn builds on the corrected facts
    expect(follow.locator(".advisor-badge")).to_be_visible(timeout=ANSWER_MS)
    expect(examples).to_have_value("40")
    expect(page.locator("#card-gpu_memory_gb input")).to_have_value("24")


def test_question_shows_before_the_answer_and_stop_cancels_it(page):
    page.locator("#adapter-select input").click()  # the pocket model writes token by token: slow on a CPU
    page.get_by_role("option", name="pocket/advice-lora").click()
    page.evaluate("""() => { window.seen = {};
        const tick = () => { const now = performance.now();
          if (!window.seen.user && document.querySelector('#chatbot [data-testid="user"]')) window.seen.user = now;
          if (!window.seen.bot && document.querySelector('#chatbot [data-testid="bot"]')) window.seen.bot = now;
          requestAnimationFrame(tick); };
        tick(); }""")
    box = page.locator("#chat-input textarea")
    box.fill("Explain in detail how to prepare a dataset for LoRA fine-tuning, step by step.")
    box.press("Enter")
    expect(page.locator('#chatbot [data-testid="user"]')).to_have_count(1, timeout=ANSWER_MS)
    expect(box).to_have_value("")
    expect(bot_messages(page)).to_have_count(1, timeout=ANSWER_MS)
    seen = page.evaluate("() => window.seen")
    assert seen["user"] < seen["bot"]  # the question showed first
    page.locator("#chat-stop").click()
    expect(page.locator("#chat-status")).to_contain_text("Stopped")
    page.wait_for_timeout(3000)
    expect(bot_messages(page).last.locator(".advisor-badge")).to_have_count(0)  # never finished
    page.locator("#adapter-select input").click()
    page.get_by_role("option", name="无 / none").click()
    answer = ask(page, "What is the difference between LoRA and QLoRA?")  # the chat still works after a stop
    expect(answer.locator(".advisor-extras")).to_be_visible(timeout=ANSWER_MS)


def test_cost_and_memory_charts_render(page, shots):  # noqa: F811
    ask(page, "每月 200 万次调用，提示词 1500 tokens，微调更便宜吗？")
    open_tab(page, "成本与显存 / Cost & memory")
    expect(page.locator("#chart-calls input")).to_have_value("2000000", timeout=ANSWER_MS)
    expect(page.locator("#chart-prompt-tokens input")).to_have_value("1500")
    expect(page.locator("#cost-chart canvas, #cost-chart svg").first).to_be_visible(timeout=ANSWER_MS)
    expect(page.locator("#cost-note")).to_contain_text("break-even")
    expect(page.locator("#memory-chart canvas, #memory-chart svg").first).to_be_visible()
    expect(page.locator("#memory-note")).to_contain_text("gpu-memory-rules.md")
    size = page.locator("#chart-model-size input")
    size.fill("70")
    size.press("Enter")
    expect(page.locator("#memory-note")).to_contain_text("1344")  # 70B x 16 bytes x 1.2
    page.screenshot(path=str(shots / "charts.png"), full_page=True)


def test_a_folder_outside_the_roots_is_refused(page, roots):
    open_tab(page, "文档库 / Library")
    folder = page.locator("#folder textarea, #folder input").first
    expect(folder).to_be_visible()
    expect(page.locator("#folder")).to_contain_text(str(roots / "docs"))
    folder.fill(str(roots / "private"))
    page.locator("#library-add").click()
    status = page.locator("#library-status")
    expect(status).to_contain_text("outside the folders", timeout=ANSWER_MS)
    expect(status).to_contain_text("unchanged")
    expect(page.locator("#library-list")).not_to_contain_text("secret.md")
