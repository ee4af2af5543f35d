"""Loopback load on the running web app: concurrent chats while the index is rebuilt.

    python scripts/bench_web_load.py [--chats 36] [--workers 12] [--json]

Starts the real app (``python -m bot web``) on a free 127.0.0.1 port, sends the chats through gradio_client
from several threads, triggers a rebuild of a generated folder in the middle, and reports p50/p95 latency and
errors. Bounded in count and time; nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = [
    "我们有3000条标注数据,需要固定的JSON格式输出,该怎么做?",
    "How much GPU memory does LoRA save?",
    "QLoRA 用几位量化?",
    "Our product docs change every week; fine-tune or RAG?",
    "estimate the training cost of gpt-4o-mini on 2,000 examples of 400 tokens for 3 epochs",
    "预算只有 100 美元,今天就要上线,怎么办?",
]


def make_folder(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"doc{i:04d}.md").write_text(
            f"# Team note {i}\n\nProject {i} trained a LoRA adapter on {100 + i} examples in {i % 9 + 1} hours.\n",
            encoding="utf-8")
    return folder


def run_load(url: str, chats: int, workers: int, rebuild_folder: Path | None, timeout_s: float = 600) -> dict:
    from gradio_client import Client

    local = threading.local()
    latencies: list[float] = []
    errors: list[str] = []
    rebuild: dict = {}

    def client() -> Client:
        if not hasattr(local, "c"):
            local.c = Client(url, verbose=False)
        return local.c

    def chat(i: int) -> None:
        q = QUESTIONS[i % len(QUESTIONS)]
        t = time.perf_counter()
        try:
            history, _, _ = client().predict(q, [], True, "none", api_name="/chat")
            if not history or history[-1]["role"] != "assistant":
                raise RuntimeError(f"no answer for {q!r}")
            latencies.append((time.perf_counter() - t) * 1000)
        except Exception as exc:  # every failure is counted and reported
            errors.append(f"{q[:30]}: {exc!r}"[:300])

    def do_rebuild() -> None:
        t = time.perf_counter()
        try:
            out = Client(url, verbose=False).predict(None, str(rebuild_folder), api_name="/on_add")
            rebuild.update(seconds=round(time.perf_counter() - t, 2), status=str(out[1])[:200])
        except Exception as exc:
            errors.append(f"rebuild: {exc!r}"[:300])

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers + 1) as pool:
        futures = [pool.submit(chat, i) for i in range(chats // 2)]
        if rebuild_folder is not None:
            futures.append(pool.submit(do_rebuild))
        futures += [pool.submit(chat, i) for i in range(chats // 2, chats)]
        for f in futures:
            f.result(timeout=timeout_s)
    s = sorted(latencies)
    return {
        "chats": chats, "workers": workers, "answered": len(latencies), "errors": errors,
        "p50_ms": round(statistics.median(s), 1) if s else None,
        "p95_ms": round(s[int(0.95 * (len(s) - 1))], 1) if s else None,
        "wall_seconds": round(time.perf_counter() - started, 2), "rebuild": rebuild,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chats", type=int, default=36)
    ap.add_argument("--workers", type=int, default=12)
    ap.add_argument("--docs", type=int, default=200, help="files in the folder rebuilt during the load")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from tests.browser_utils import start_app, stop_app

    with tempfile.TemporaryDirectory() as tmp:
        app = start_app(Path(tmp) / "data")
        try:
            result = run_load(app.url, args.chats, args.workers, make_folder(Path(tmp) / "docs", args.docs))
            result["app_ready_seconds"] = round(app.ready_after_s, 1)
        finally:
            stop_app(app)
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else result)
    return 0 if not result["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
