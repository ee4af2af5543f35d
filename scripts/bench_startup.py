"""Start-up benchmark: how long a user waits, each time as a ratio to ``python -c "import torch"`` in the same run.

    python scripts/bench_startup.py [--docs DIR] [--repeat 3] [--passages 20000] [--work DIR] [--json]

Measured, each as the median of ``--repeat`` fresh processes, and divided by the median of as many
``import torch`` runs timed just before them (a shared machine's load drifts; ratios travel better than seconds):

- one-shot ``advisor ask "..." --json`` on the built-in notes, after set-up;
- ``advisor index --docs DIR`` into a new index (default DIR: the five seed documents when present, else the
  built-in notes);
- the web app from start to serving its page, after a restart (an earlier start already ran);
- the same ask and app start over a synthetic library of ``--passages`` passages (mixed Chinese and English
  sentences from the built-in notes). Its vectors are random unit vectors under the bundled embedder's name:
  loading an index does not depend on their values, and embedding 20,000 passages would take minutes.

``--root`` measures another checkout of the project with the same script (for before/after numbers).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
QUESTION = "LoRA 相比全参数微调能减少多少内存?"
READY_TIMEOUT_S = 900.0
TARGETS = {"ask": 2.5, "app": 5.0}  # x the torch import; a large index may add < 1 s to either

FAKE_BUILD = """
import hashlib, sys
import numpy as np
from bot.pipeline import Pipeline
from bot.settings import load_settings

class RandomUnitVectors:
    # stands in for the bundled embedder (its name, its 384 dimensions) when timing loads, not answers
    def __init__(self, name):
        self.name, self.dim = name, 384
    def encode(self, texts, progress=None):
        out = np.empty((len(texts), self.dim), dtype="float32")
        for i, t in enumerate(texts):
            seed = int.from_bytes(hashlib.blake2b(t.encode(), digest_size=8).digest(), "little")
            v = np.random.default_rng(seed).standard_normal(self.dim).astype("float32")
            out[i] = v / np.linalg.norm(v)
        return out

s = load_settings(data_dir=sys.argv[2])
report = Pipeline(s, embedder=RandomUnitVectors(s.embedder)).build([sys.argv[1]], s.index_path)
print(report.chunks)
"""


def bench_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False",
               PYTHONUNBUFFERED="1", NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    return env


def run_seconds(cmd: list[str], root: Path) -> float:
    """Wall time of one command run to completion; raises with its output when it fails."""
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=root, env=bench_env(), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return seconds


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_ready_seconds(py: str, root: Path, data_dir: Path) -> float:
    """Seconds from starting ``python -m bot web`` until its page answers 200; the app is stopped after."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = data_dir.parent / f"app-{port}.log"
    started = time.perf_counter()
    with open(log, "wb") as out:
        proc = subprocess.Popen([py, "-m", "bot", "web", "--host", "127.0.0.1", "--port", str(port),
                                 "--data-dir", str(data_dir)], cwd=root, env=bench_env(), stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        while time.perf_counter() - started < READY_TIMEOUT_S:
            if proc.poll() is not None:
                raise RuntimeError(f"the app exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=5) as resp:
                    if resp.status == 200:
                        return time.perf_counter() - started
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.05)
        raise RuntimeError(f"the app did not answer on {url} within {READY_TIMEOUT_S:.0f}s")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def synthetic_library(folder: Path, passages: int, seed: int = 0) -> Path:
    """``passages`` markdown sections of shuffled built-in sentences (one passage each), 100 per file."""
    sentences: list[str] = []
    for md in sorted((ROOT / "knowledge" / "corpus").glob("*.md")):
        text = re.sub(r"(?s)^---.*?---", "", md.read_text(encoding="utf-8"))
        for line in text.splitlines():
            if line.strip() and not line.startswith(("#", "|", "-", "`")) and "-->" not in line:
                sentences += [s.strip() for s in re.split(r"(?<=[。！？!?])|(?<=\. )", line) if len(s.strip()) > 8]
    zh = [s for s in sentences if re.search("[\u4e00-\u9fff]", s) and len(s) < 150]
    en = [s for s in sentences if not re.search("[\u4e00-\u9fff]", s) and len(s) < 300]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for f in range(max(1, passages // 100)):
        sections = []
        for p in range(100):
            pool, cap = (zh, 220) if rng.random() < 0.5 else (en, 400)  # under the zh/en passage sizes
            words = [rng.choice(pool)]
            while len(" ".join(words)) < cap * 0.6:
                s = rng.choice(pool)
                if len(" ".join([*words, s])) <= cap:
                    words.append(s)
            sections.append(f"## {f}-{p}\n\n{' '.join(words)} ({rng.randrange(10**6)})")
        (folder / f"doc-{f:04d}.md").write_text("\n\n".join(sections), encoding="utf-8")
    return folder


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=ROOT, help="project checkout to measure (default: this one)")
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--docs", type=Path, help="folder for the index timing (default: the seeds, else the notes)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--passages", type=int, default=20_000, help="size of the synthetic library (0: skip)")
    ap.add_argument("--work", type=Path, help="folder for indexes and data (default: a new temporary one); "
                                              "the synthetic index is kept there and reused")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error(f"--repeat must be at least 1, got {args.repeat}")
    root, py = args.root.resolve(), args.python
    docs = (args.docs or (SEEDS if SEEDS.is_dir() else ROOT / "knowledge" / "corpus")).resolve()
    if not docs.exists():
        ap.error(f"--docs {str(docs)!r} does not exist")
    work = (args.work or Path(tempfile.mkdtemp(prefix="bench-startup-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    ask = [py, "-m", "bot", "ask", QUESTION, "--json", "--data-dir"]
    samples: dict[str, list[float]] = {}
    yardstick: dict[str, list[float]] = {}  # torch imports timed next to each measure's runs

    def measure(name: str, fn) -> None:
        samples[name], yardstick[name] = [], []
        for i in range(args.repeat):
            yardstick[name].append(run_seconds([py, "-c", "import torch"], root))
            samples[name].append(fn(i))
        print(f"{name}: {', '.join(f'{s:.2f}' for s in samples[name])} s; import torch: "
              f"{', '.join(f'{s:.2f}' for s in yardstick[name])} s", file=sys.stderr, flush=True)

    builtin = work / "data-builtin"
    run_seconds(ask + [str(builtin)], root)  # a first ask after set-up, untimed: builds whatever is missing
    measure("ask", lambda i: run_seconds(ask + [str(builtin)], root))
    measure("index", lambda i: run_seconds([py, "-m", "bot", "index", "--docs", str(docs), "--json",
                                            "--index", str(work / f"index-{time.time_ns()}")], root))
    app_ready_seconds(py, root, builtin)  # the first start, untimed; the ones after it are restarts
    measure("app", lambda i: app_ready_seconds(py, root, builtin))
    chunks = None
    if args.passages:
        large = work / f"data-{args.passages}"
        if not (large / "index" / "CURRENT").exists():
            library = synthetic_library(work / f"library-{args.passages}", args.passages)
            proc = subprocess.run([py, "-c", FAKE_BUILD, str(library), str(large)], cwd=root, env=bench_env(),
                                  capture_output=True, text=True)
            if proc.returncode != 0:
                raise RuntimeError(f"building the synthetic index failed:\n{proc.stderr[-3000:]}")
        run_seconds(ask + [str(large)], root)  # untimed: the first read of the files from disk
        measure("ask (large)", lambda i: run_seconds(ask + [str(large)], root))
        measure("app (large)", lambda i: app_ready_seconds(py, root, large))
        manifests = sorted((large / "index" / "builds").glob("*/manifest.json"))
        chunks = json.loads(manifests[-1].read_text())["chunks"] if manifests else None

    torch_s = median([t for runs in yardstick.values() for t in runs])
    result = {"root": str(root), "docs": str(docs), "repeat": args.repeat, "work": str(work),
              "passages": chunks, "torch_import_s": round(torch_s, 3), "results": {}}
    for name, values in samples.items():
        result["results"][name] = {"median_s": round(median(values), 3),
                                   "x_torch": round(median(values) / median(yardstick[name]), 2),
                                   "runs_s": [round(v, 3) for v in values],
                                   "torch_runs_s": [round(v, 3) for v in yardstick[name]]}
    for name in ("ask", "app"):
        if f"{name} (large)" in samples:
            added = median(samples[f"{name} (large)"]) - median(samples[name])
            result["results"][f"{name} (large)"]["added_s"] = round(added, 3)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(f"import torch: {torch_s:.2f} s (median of all runs; each ratio uses the imports timed next to its own "
          f"runs); index: {docs}; large index: {chunks} passages")
    print(f"{'measure':<14}{'median s':>10}{'x torch':>9}{'target':>9}{'added s':>9}")
    for name, r in result["results"].items():
        target = TARGETS.get(name.split()[0])
        added = f"{r['added_s']:+.2f}" if "added_s" in r else ""
        print(f"{name:<14}{r['median_s']:>10.2f}{r['x_torch']:>9.2f}{(f'<= {target}' if target else ''):>9}{added:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
