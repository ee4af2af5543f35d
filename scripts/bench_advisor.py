"""Advisor benchmark: accuracy of the rule table on the scenario set, against a naive keyword rule.

    python scripts/bench_advisor.py [--scenarios tests/data/scenarios.jsonl] [--json] [--show-misses]

Three numbers per run:
  rules   recommend(situation_from_history(history, q)) == label
  advise  the full advisor (intent + rules) returns a recommendation with that label
  naive   "fine-tune"/"微调" -> lora, "RAG"/"docs"/"文档" -> rag, anything else -> prompt
plus the mean time per advise() call (no retrieval, template answer).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.decide.rules import recommend  # noqa: E402
from bot.respond import respond  # noqa: E402
from bot.understand import replay  # noqa: E402


def situation_from_history(history: list[str], question: str):
    return replay([*history, question]).situation


def advise(question: str, lang: str, hits: list, rag: bool, history: list[str] = ()):
    return respond(question, hits, rag, replay(list(history)), lang=lang)

_NAIVE_FT = re.compile(r"fine-?tun|finetun|微调", re.IGNORECASE)
_NAIVE_RAG = re.compile(r"\brag\b|\bdocs?\b|\bdocuments?\b|文档|知识库", re.IGNORECASE)


def naive_label(question: str) -> str:
    if _NAIVE_FT.search(question):
        return "lora"
    if _NAIVE_RAG.search(question):
        return "rag"
    return "prompt"


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run(cases: list[dict]) -> dict:
    right: Counter = Counter()
    by_label: dict[str, Counter] = defaultdict(Counter)
    by_lang: dict[str, Counter] = defaultdict(Counter)
    misses: list[dict] = []
    elapsed = 0.0
    for case in cases:
        history = case.get("history", [])
        rules = recommend(situation_from_history(history, case["q"]), case["lang"]).label
        t0 = time.perf_counter()
        draft = advise(case["q"], case["lang"], [], True, history)
        elapsed += time.perf_counter() - t0
        full = draft.recommendation.label if draft.recommendation else draft.kind
        naive = naive_label(case["q"])
        for name, got in (("rules", rules), ("advise", full), ("naive", naive)):
            ok = got == case["label"]
            right[name] += ok
            by_label[case["label"]][name] += ok
            by_lang[case["lang"]][name] += ok
        by_label[case["label"]]["n"] += 1
        by_lang[case["lang"]]["n"] += 1
        if rules != case["label"] or full != case["label"]:
            misses.append({"id": case["id"], "want": case["label"], "rules": rules, "advise": full})
    n = len(cases)

    def pct(c: Counter, total: int) -> dict:
        return {k: round(100 * c[k] / total, 1) for k in ("rules", "advise", "naive")} if total else {}

    return {
        "scenarios": n,
        "accuracy_pct": pct(right, n),
        "by_label": {label: {"n": c["n"], **pct(c, c["n"])} for label, c in sorted(by_label.items())},
        "by_lang": {lang: {"n": c["n"], **pct(c, c["n"])} for lang, c in sorted(by_lang.items())},
        "advise_mean_ms": round(1000 * elapsed / max(n, 1), 3),
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scenarios", type=Path, default=ROOT / "tests" / "data" / "scenarios.jsonl")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args(argv)
    advise("warm-up: 3000 examples", "en", [], True)  # loads the tokenizer dictionary once
    result = run(load(args.scenarios))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    acc = result["accuracy_pct"]
    print(f"{result['scenarios']} scenarios: rules {acc['rules']}%  advise {acc['advise']}%  naive keyword rule {acc['naive']}%")
    print(f"{'label':<14}{'n':>4}{'rules':>8}{'advise':>8}{'naive':>8}")
    for label, row in result["by_label"].items():
        print(f"{label:<14}{row['n']:>4}{row['rules']:>8}{row['advise']:>8}{row['naive']:>8}")
    for lang, row in result["by_lang"].items():
        print(f"lang {lang:<9}{row['n']:>4}{row['rules']:>8}{row['advise']:>8}{row['naive']:>8}")
    print(f"advise(): {result['advise_mean_ms']} ms per call (no retrieval)")
    if args.show_misses or result["misses"]:
        for miss in result["misses"]:
            print(f"  miss {miss['id']}: want {miss['want']}, rules {miss['rules']}, advise {miss['advise']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
