"""End-to-end latency of `ask` (index loaded, RAG on and off) and peak memory of a batch run.

    python scripts/bench_pipeline.py [--repeat 3] [--json]

Questions: the scenario set (tests/data/scenarios.jsonl) plus the seed fact questions, both languages.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def questions() -> list[str]:
    qs = []
    for name in ("scenarios.jsonl", "seed_questions.jsonl"):
        for line in (ROOT / "tests" / "data" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                qs.append(json.loads(line)["q"])
    return qs


def pct(ms: list[float]) -> dict:
    s = sorted(ms)
    return {"n": len(s), "p50_ms": round(statistics.median(s), 2), "p95_ms": round(s[int(0.95 * (len(s) - 1))], 2),
            "max_ms": round(s[-1], 2)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from bot.pipeline import Pipeline
    from bot.settings import load_settings
    from bot.types import Mode

    qs = questions()
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=tmp)
        t = time.perf_counter()
        pipe = Pipeline(settings)
        pipe.retriever()
        start_s = time.perf_counter() - t
        pipe.ask("warm up")
        result = {"questions": len(qs), "first_start_seconds (embedder + build built-in index)": round(start_s, 2)}
        for name, mode in (("rag", Mode(rag=True)), ("prompt_only", Mode(rag=False))):
            ms = []
            for _ in range(args.repeat):
                for q in qs:
                    t0 = time.perf_counter()
                    pipe.ask(q, mode=mode)
                    ms.append((time.perf_counter() - t0) * 1000)
            result[f"ask_{name}"] = pct(ms)
        batch = Path(tmp) / "batch.jsonl"
        batch.write_text("\n".join(json.dumps({"id": i, "q": q}, ensure_ascii=False) for i, q in enumerate(qs)),
                         encoding="utf-8")
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "bot", "ask", "--batch", str(batch), "--json",
                               "--data-dir", tmp], cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - t
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        result["batch"] = {"questions": len(qs), "ok": proc.returncode == 0, "wall_seconds": round(wall, 2),
                           "peak_rss_mb": round(peak_mb, 1)}
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        for k, v in result.items():
            print(f"{k:55} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
