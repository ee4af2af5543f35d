"""Retrieval benchmark: hit@5 of our hybrid retrieval vs LangChain's out-of-the-box recipe, build times, latency.

    python scripts/bench_retrieval.py [--seeds ../shared/seeds] [--questions tests/data/seed_questions.jsonl] [--json]

hit@5: a question counts when one of the five passages returned holds every expected string (the fact itself).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def hit(texts: list[str], expect: list[str]) -> bool:
    return any(all(e in t for e in expect) for t in texts)


def load_questions(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ours(seeds: Path, questions: list[dict], settings, embedder, tmp: Path) -> dict:
    from knowledge import store
    from knowledge.build import build_index
    from knowledge.retriever import HybridRetriever

    t = time.perf_counter()
    build_index([seeds], tmp / "seeds-index", embedder, settings)
    build_s = time.perf_counter() - t
    stored = store.load_index(tmp / "seeds-index", embedder.name, embedder.dim)
    out = {"build_seconds": round(build_s, 2), "chunks": len(stored.chunks)}
    variants = {
        "ours: hybrid (RRF)": settings,
        "ours: hybrid (weighted)": dataclasses.replace(settings, fusion="weighted"),
        "ours: dense only": dataclasses.replace(settings, sparse_weight=0.0),
        "ours: BM25 only": dataclasses.replace(settings, dense_weight=0.0),
    }
    for name, s in variants.items():
        r = HybridRetriever(stored, embedder, s)
        lat, hits, misses = [], 0, []
        for q in questions:
            t0 = time.perf_counter()
            res = r.search(q["q"], k=5)
            lat.append((time.perf_counter() - t0) * 1000)
            if hit([h.chunk.text for h in res], q["expect"]):
                hits += 1
            else:
                misses.append(q["id"])
        out[name] = {"hit@5": hits / len(questions), "misses": misses, **percentiles(lat)}
    return out


def langchain_baseline(seeds: Path, questions: list[dict]) -> dict:
    from langchain_classic.retrievers import EnsembleRetriever
    from langchain_community.document_loaders import TextLoader
    from langchain_community.retrievers import BM25Retriever
    from langchain_community.vectorstores import FAISS
    from langchain_huggingface import HuggingFaceEmbeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from knowledge.embedding import bundled_model_path

    t = time.perf_counter()
    docs = [d for f in sorted(seeds.glob("*.txt")) for d in TextLoader(str(f), encoding="utf-8").load()]
    chunks = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50).split_documents(docs)
    emb = HuggingFaceEmbeddings(model_name=str(bundled_model_path()))
    dense = FAISS.from_documents(chunks, emb).as_retriever(search_kwargs={"k": 5})
    bm25 = BM25Retriever.from_documents(chunks, k=5)
    build_s = time.perf_counter() - t
    variants = {"langchain: dense (FAISS)": dense, "langchain: BM25": bm25,
                "langchain: fused (EnsembleRetriever)": EnsembleRetriever(retrievers=[bm25, dense], weights=[0.5, 0.5])}
    out = {"build_seconds": round(build_s, 2), "chunks": len(chunks)}
    for name, r in variants.items():
        lat, hits, misses = [], 0, []
        for q in questions:
            t0 = time.perf_counter()
            res = r.invoke(q["q"])[:5]
            lat.append((time.perf_counter() - t0) * 1000)
            if hit([d.page_content for d in res], q["expect"]):
                hits += 1
            else:
                misses.append(q["id"])
        out[name] = {"hit@5": hits / len(questions), "misses": misses, **percentiles(lat)}
    return out


def percentiles(ms: list[float]) -> dict:
    s = sorted(ms)
    return {"p50_ms": round(statistics.median(s), 2), "p95_ms": round(s[min(len(s) - 1, int(0.95 * len(s)))], 2)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"))
    ap.add_argument("--questions", default=str(ROOT / "tests" / "data" / "seed_questions.jsonl"))
    ap.add_argument("--no-langchain", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from bot.settings import load_settings
    from knowledge.build import build_index
    from knowledge.embedding import load_embedder

    settings = load_settings()
    seeds, questions = Path(args.seeds), load_questions(Path(args.questions))
    t = time.perf_counter()
    embedder = load_embedder(settings.embedder)
    result: dict = {"questions": len(questions), "embedder_load_seconds": round(time.perf_counter() - t, 2)}
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        report = build_index([settings.corpus_dir], Path(tmp) / "kb", embedder, settings)
        result["knowledge_base"] = {"build_seconds": round(time.perf_counter() - t, 2), "chunks": report.chunks,
                                    "files": report.files_indexed}
        result["seeds"] = ours(seeds, questions, settings, embedder, Path(tmp))
    if not args.no_langchain:
        result["langchain"] = langchain_baseline(seeds, questions)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"{len(questions)} questions; embedder loaded in {result['embedder_load_seconds']}s")
    kb = result["knowledge_base"]
    print(f"knowledge base: {kb['files']} notes, {kb['chunks']} passages, built in {kb['build_seconds']}s")
    print(f"seeds: ours {result['seeds']['chunks']} passages in {result['seeds']['build_seconds']}s", end="")
    if "langchain" in result:
        print(f"; langchain {result['langchain']['chunks']} chunks in {result['langchain']['build_seconds']}s")
    print(f"\n{'retriever':40} {'hit@5':>6} {'p50 ms':>8} {'p95 ms':>8}  misses")
    for group in ("seeds", "langchain"):
        for name, v in result.get(group, {}).items():
            if isinstance(v, dict):
                print(f"{name:40} {v['hit@5']:6.1%} {v['p50_ms']:8.1f} {v['p95_ms']:8.1f}  {' '.join(v['misses'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
