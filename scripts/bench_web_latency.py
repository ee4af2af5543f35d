"""What a user waits for in the browser: Send -> the question shows, Send -> the first answer text, and a card edit
-> the re-decided answer. Medians over repeated runs, measured in headless Chromium against the real app.

    python scripts/bench_web_latency.py [--runs 20] [--json]

Starts ``python -m bot web`` on a free 127.0.0.1 port, asks with the built-in (template) advisor and through the
committed pocket adapter, and edits the situation card's example count back and forth (where the app has a card).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTION = "We have 3,000 labelled support chats and want the model to learn our reply tone. Which method?"
ADAPTER = "pocket/advice-lora"
WATCH = """() => {
  const count = (sel) => document.querySelectorAll(sel).length;
  const users = count('#chatbot [data-testid="user"]'), bots = count('#chatbot [data-testid="bot"]');
  window.seen = {};
  const tick = () => {
    const now = performance.now() - window.t0;
    if (window.seen.user === undefined && count('#chatbot [data-testid="user"]') > users) window.seen.user = now;
    const last = [...document.querySelectorAll('#chatbot [data-testid="bot"]')].slice(bots)[0];
    if (window.seen.text === undefined && last && last.innerText.trim()) window.seen.text = now;
    if (window.seen.text === undefined || window.seen.user === undefined) requestAnimationFrame(tick);
  };
  window.t0 = performance.now();
  document.querySelector('#chat-send button, button#chat-send').click();
  requestAnimationFrame(tick);
}"""


def ask_once(page, question: str, timeout_s: float = 120.0) -> tuple[float, float]:
    page.locator("#chat-input textarea").fill(question)
    page.evaluate(WATCH)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        seen = page.evaluate("() => window.seen")
        if "user" in seen and "text" in seen:
            return seen["user"], seen["text"]
        time.sleep(0.02)
    raise TimeoutError("no answer")


def wait_idle(page) -> None:
    """Until the answer finished (its extras block is there), so the next run starts clean."""
    page.locator('#chatbot [data-testid="bot"] .advisor-extras').last.wait_for(timeout=300_000)


def clear(page) -> None:
    page.locator("#chat-clear").click()
    page.wait_for_function("() => !document.querySelector('#chatbot [data-testid=\"bot\"]')")


def pick_adapter(page, name: str) -> None:
    page.locator("#adapter-select input").click()
    page.get_by_role("option", name=name).click()


def bench_ask(page, runs: int) -> dict:
    shown, first = [], []
    for _ in range(runs):
        clear(page)
        user_ms, text_ms = ask_once(page, QUESTION)
        wait_idle(page)
        shown.append(user_ms)
        first.append(text_ms)
    return {"question_shown_ms": round(statistics.median(shown), 1),
            "first_text_ms": round(statistics.median(first), 1)}


def bench_card(page, runs: int) -> dict | None:
    if not page.locator("#situation-card").count():
        return None
    clear(page)
    ask_once(page, QUESTION)
    wait_idle(page)
    box = page.locator("#card-examples input")
    times = []
    for i in range(runs):
        value, label = ("40", "prompt") if i % 2 == 0 else ("3000", "lora")
        box.fill(value)
        page.evaluate("() => { window.t0 = performance.now(); }")
        box.press("Enter")
        page.locator(f'#chatbot [data-testid="bot"] .advisor-badge-{label}').last.wait_for(timeout=60_000)
        times.append(page.evaluate("() => performance.now() - window.t0"))
    return {"redecide_ms": round(statistics.median(times), 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    from tests.browser_utils import CHROMIUM, CHROMIUM_ARGS, start_app, stop_app

    with tempfile.TemporaryDirectory() as tmp:
        app = start_app(Path(tmp) / "data")
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 1100})
                page.goto(app.url)
                page.locator("#chat-input textarea").wait_for(timeout=120_000)
                report = {"runs": args.runs, "template": bench_ask(page, args.runs)}
                card = bench_card(page, args.runs)
                report["card"] = card if card is not None else "no situation card"
                pick_adapter(page, ADAPTER)
                clear(page)
                ask_once(page, QUESTION)  # loads the pocket model once, outside the timing
                wait_idle(page)
                report["pocket_adapter"] = bench_ask(page, args.runs)
                browser.close()
        finally:
            stop_app(app)
    if args.json:
        print(json.dumps(report))
    else:
        for key, value in report.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
