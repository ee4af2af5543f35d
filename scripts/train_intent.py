"""Fit the intent classifier on its labelled messages and export it (JSON + npy, no pickle).

    python scripts/train_intent.py [--cv 5] [--users tests/data/dev]

The classifier learns from bot/understand/data/intents.jsonl and bot/understand/data/intents_users.jsonl. With
--users, the second file is first written again from the development sets in that folder: every factual question
(factual*.jsonl) is "factual", every situation (situations*.jsonl) and every conversation's opening turn is
"situation", and every cost turn of a conversation is "cost". Evaluation sets are refused, so they stay unseen.
With --cv, also prints the cross-validated accuracy per intent (stratified folds over intents.jsonl only).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.understand.intent import MODEL, USERS, build, export_model, fit, load_data, training_data  # noqa: E402
from knowledge.lang import detect_language  # noqa: E402


def users_rows(folder: Path) -> list[dict]:
    """The labelled questions of the development sets in ``folder``, in a stable order."""
    rows = []

    def add(text: str, intent: str) -> None:
        rows.append({"text": text, "intent": intent, "lang": detect_language(text)})

    for path in sorted(folder.glob("factual*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                add(json.loads(line)["q"], "factual")
    for path in sorted(folder.glob("situations*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                add(json.loads(line)["q"], "situation")
    for path in sorted(folder.glob("conversations*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            turns = json.loads(line)["turns"]
            add(turns[0]["q"], "situation")
            for turn in turns[1:]:
                if "cost_usd" in turn["expect"]:
                    add(turn["q"], "cost")
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv", type=int, default=0, help="folds of cross-validation to report (0: none)")
    ap.add_argument("--users", type=Path, help="a folder of development sets to write intents_users.jsonl from")
    args = ap.parse_args()
    if args.users:
        if "eval" in args.users.resolve().parts:
            ap.error("evaluation sets are never trained on")
        rows = users_rows(args.users)
        USERS.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"wrote {len(rows)} development questions to {USERS}")
    if args.cv:
        from sklearn.metrics import classification_report
        from sklearn.model_selection import StratifiedKFold, cross_val_predict

        texts, labels = load_data()
        folds = StratifiedKFold(args.cv, shuffle=True, random_state=0)
        predicted = cross_val_predict(build(), texts, labels, cv=folds)
        print(classification_report(labels, predicted, digits=3))
    texts, labels, weights = training_data()
    export_model(fit(texts, labels, weights))
    print(f"exported the intent classifier ({len(texts)} messages) to {MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
