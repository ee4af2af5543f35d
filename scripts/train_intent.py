"""Fit the intent classifier on bot/understand/data/intents.jsonl and export it (JSON + npy, no pickle).

    python scripts/train_intent.py [--cv 5]

With --cv, also prints the cross-validated accuracy per intent (stratified folds over the labelled messages).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.understand.intent import MODEL, build, export_model, fit, load_data  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv", type=int, default=0, help="folds of cross-validation to report (0: none)")
    args = ap.parse_args()
    texts, labels = load_data()
    if args.cv:
        from sklearn.metrics import classification_report
        from sklearn.model_selection import StratifiedKFold, cross_val_predict

        folds = StratifiedKFold(args.cv, shuffle=True, random_state=0)
        predicted = cross_val_predict(build(), texts, labels, cv=folds)
        print(classification_report(labels, predicted, digits=3))
    export_model(fit(texts, labels))
    print(f"exported the intent classifier ({len(texts)} messages) to {MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
