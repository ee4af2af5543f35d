"""How well the advisor understands: situation labels, multi-turn conversations and factual answers over real
third-party documents, on the committed evaluation (or development) sets. Rerunnable; prints a JSON report.

    python scripts/bench_understanding.py [--set eval|dev] [--only situations,conversations,factual] [--per-batch]

Situations and conversations run prompt-only (the rule table needs no retrieval); factual questions run with RAG on
over an index of ``tests/data/realdocs/<set>/`` built with the real embedder (with ``--per-batch``: each numbered
file of questions over an index of only the documents it asks about). A factual answer counts when its
text holds one of the expected strings (case, spaces, thousands commas and dash styles ignored) and it is written
in the asker's language. ``ask`` latency is measured with the index loaded.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.pipeline import Pipeline  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.types import Mode  # noqa: E402


def rows(path: Path, batch: str | None = None) -> list[dict]:
    """The items of ``path`` and of its numbered siblings (situations.jsonl, situations2.jsonl, ...); with ``batch``
    only that sibling (``"8"`` -> situations8.jsonl, ``"1"`` -> situations.jsonl)."""
    files = [path, *sorted(path.parent.glob(f"{path.stem}[0-9]*{path.suffix}"))]
    if batch:
        files = [path if batch == "1" else path.with_name(f"{path.stem}{batch}{path.suffix}")]
    return [json.loads(line) for f in files if f.exists()
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def _label_ok(answer, expect: dict) -> bool:
    label = answer.recommendation.label if answer.recommendation else None
    return label in {expect.get("label"), *expect.get("accept", [])}


def _slots_ok(answer, expect_slots: dict) -> tuple[int, int]:
    u = getattr(answer, "understanding", None)
    if u is None or not expect_slots:
        return 0, 0
    got = u.situation.known()
    ok = 0
    for name, value in expect_slots.items():
        have = got.get(name)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and isinstance(have, (int, float)):
            ok += abs(have - value) <= max(1e-6, 0.02 * abs(value))
        else:
            ok += have == value
    return ok, len(expect_slots)


def situations(p: Pipeline, data: Path, batch: str | None = None) -> dict:
    cases = rows(data / "situations.jsonl", batch)
    good, slot_ok, slot_n, misses = 0, 0, 0, []
    for c in cases:
        a = p.ask(c["q"], mode=Mode(rag=False))
        ok = _label_ok(a, c)
        good += ok
        s_ok, s_n = _slots_ok(a, c.get("slots", {}))
        slot_ok, slot_n = slot_ok + s_ok, slot_n + s_n
        if not ok:
            misses.append({"id": c["id"], "want": c["label"], "got": a.recommendation.label if a.recommendation else None})
    return {"n": len(cases), "accuracy": round(good / len(cases), 4),
            "slot_accuracy": round(slot_ok / slot_n, 4) if slot_n else None, "misses": misses}


def _money(value: float) -> str:
    return f"${value:,.2f}"


def conversations(p: Pipeline, data: Path, batch: str | None = None) -> dict:
    convs = rows(data / "conversations.jsonl", batch)
    conv_ok = turn_ok = turns = 0
    misses = []
    for conv in convs:
        history: list[tuple[str, str]] = []
        all_ok = True
        for i, turn in enumerate(conv["turns"]):
            a = p.ask(turn["q"], history=history, mode=Mode(rag=False))
            expect = turn["expect"]
            if "cost_usd" in expect:
                ok = _money(expect["cost_usd"]) in a.text
            else:
                ok = _label_ok(a, expect)
            turns += 1
            turn_ok += ok
            all_ok &= ok
            if not ok:
                misses.append({"id": conv["id"], "turn": i, "want": expect,
                               "got": a.recommendation.label if a.recommendation else a.text[:120]})
            history.append((turn["q"], a.text))
        conv_ok += all_ok
    return {"n": len(convs), "accuracy": round(conv_ok / len(convs), 4), "turn_accuracy": round(turn_ok / turns, 4),
            "misses": misses}


def _norm(text: str) -> str:
    text = text.lower().replace("–", "-").replace("—", "-").replace("−", "-")
    return re.sub(r"(?<=\d),(?=\d{3})|\s+", "", text)


def factual(p: Pipeline, data: Path, docs: Path, batch: str | None = None, per_batch: bool = False) -> dict:
    """Factual questions over one index of ``docs``; with ``per_batch``, each numbered file of questions over an index
    of only the documents its questions name (as a user indexes a handful of documents)."""
    if not per_batch:
        groups = [(rows(data / "factual.jsonl", batch), [docs])]
    else:
        files = sorted(data.glob("factual*.jsonl"), key=lambda f: int(f.stem[len("factual"):] or 1))
        names = [batch] if batch else [f.stem[len("factual"):] or "1" for f in files]
        groups = []
        for name in names:
            cases = rows(data / "factual.jsonl", name)
            groups.append((cases, sorted({docs.parent / c["doc"] for c in cases})))
    good = fig = lang_ok = 0
    by_kind: dict[str, list[int]] = {}
    latencies, misses, build_s, n = [], [], 0.0, 0
    for cases, sources in groups:
        part = _ask_all(p, cases, sources)
        good, fig, lang_ok, n = good + part["good"], fig + part["fig"], lang_ok + part["lang_ok"], n + len(cases)
        for kind, oks in part["by_kind"].items():
            by_kind.setdefault(kind, []).extend(oks)
        latencies += part["latencies"]
        misses += part["misses"]
        build_s += part["build_s"]
    return {"n": n, "accuracy": round(good / n, 4), "figure_in_answer": round(fig / n, 4),
            "asker_language": round(lang_ok / n, 4),
            "by_kind": {k: round(sum(v) / len(v), 4) for k, v in by_kind.items()},
            "ask_ms_p50": round(statistics.median(latencies), 1),
            "ask_ms_p95": round(sorted(latencies)[int(0.95 * (n - 1))], 1), "index_build_s": round(build_s, 1),
            "misses": misses}


def _ask_all(p: Pipeline, cases: list[dict], sources: list[Path]) -> dict:
    """Ask ``cases`` over a fresh index of ``sources`` (folders or files)."""
    import shutil

    from bot.understand.text import prepare
    from knowledge.lang import detect_language

    out: dict = {"good": 0, "fig": 0, "lang_ok": 0, "by_kind": {}, "latencies": [], "misses": []}
    with tempfile.TemporaryDirectory() as tmp:
        roots = [s for s in sources if s.is_dir()]
        files = [s for s in sources if s.is_file()]
        if files:
            folder = Path(tmp) / "docs"
            folder.mkdir()
            for f in files:
                shutil.copy(f, folder / f.name)
            roots.append(folder)
        t0 = time.perf_counter()
        p.settings = load_settings(None, index_dir=str(Path(tmp) / "index"), data_dir=tmp)
        p.rebuild(roots)
        out["build_s"] = time.perf_counter() - t0
        for c in cases:
            t = time.perf_counter()
            a = p.ask(c["q"], mode=Mode(rag=True))
            out["latencies"].append((time.perf_counter() - t) * 1000)
            has = any(_norm(e) in _norm(prepare(a.text)) or _norm(e) in _norm(a.text) for e in c["expect"])
            frame = a.text.splitlines()[0] if a.text else ""
            in_lang = a.language == c["lang"] and detect_language(re.sub(r"«.*?»|“.*?”|《.*?》", "", frame), c["lang"]) == c["lang"]
            out["fig"] += has
            out["lang_ok"] += in_lang
            out["good"] += has and in_lang
            out["by_kind"].setdefault(c.get("kind", "?"), []).append(int(has and in_lang))
            if not (has and in_lang):
                out["misses"].append({"id": c["id"], "q": c["q"], "expect": c["expect"][0], "got": a.text[:160]})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="eval", choices=["eval", "dev"])
    ap.add_argument("--only", default="situations,conversations,factual")
    ap.add_argument("--misses", action="store_true", help="list every miss")
    ap.add_argument("--batch", help="one numbered file of the set only (8 -> situations8.jsonl, ...)")
    ap.add_argument("--per-batch", action="store_true",
                    help="factual: ask each numbered file over an index of only its own documents")
    args = ap.parse_args()
    data = ROOT / "tests" / "data" / args.set
    p = Pipeline(load_settings(None))
    report: dict = {"set": args.set}
    parts = args.only.split(",")
    if "situations" in parts:
        report["situations"] = situations(p, data, args.batch)
    if "conversations" in parts:
        report["conversations"] = conversations(p, data, args.batch)
    if "factual" in parts:
        report["factual"] = factual(p, data, ROOT / "tests" / "data" / "realdocs" / args.set, args.batch, args.per_batch)
    if not args.misses:
        for part in report.values():
            if isinstance(part, dict) and "misses" in part:
                part["misses"] = len(part["misses"])
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
