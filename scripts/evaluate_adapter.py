"""Score base vs base + adapter on the validation split: advice format, agreement with the advisor, latency.

    python scripts/evaluate_adapter.py adapters/pocket/advice-lora [--val data/pocket/val.jsonl] [--rag]
        [--limit 200] [--json data/eval/pocket.json] [--update-card]

Without --val the validation split is rebuilt from the adapter's card (same size, seed and fraction).
--rag repeats both runs with passages retrieved from the project's index quoted in the prompt.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.errors import BotError  # noqa: E402


def validation_split(adapter: Path, val: Path | None) -> list[dict]:
    from adapters.dataset import build_dataset, read_jsonl
    from adapters.registry import validate_adapter

    if val is not None:
        return read_jsonl(val)
    hp = validate_adapter(adapter).card.get("hyperparameters", {})
    _, records = build_dataset(int(hp.get("n_examples", 2000)), int(hp.get("seed", 0)),
                               float(hp.get("val_fraction", 0.1)))
    return records


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("adapter", type=Path)
    ap.add_argument("--val", type=Path, help="validation JSONL (default: rebuilt from the card)")
    ap.add_argument("--rag", action="store_true", help="also score with retrieved passages in the prompt")
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--max-new-tokens", type=int, default=None)
    ap.add_argument("--device", default=None, help="auto | cpu | cuda (default: settings)")
    ap.add_argument("--json", type=Path, help="where to save the scores (default: data/eval/<adapter>.json)")
    ap.add_argument("--update-card", action="store_true", help="store the scores in the adapter's card.json")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        from adapters.evaluate import evaluate, format_table, save_json, to_json
        from adapters.train import update_card
        from bot.backends.factory import load_adapter_backend
        from bot.settings import load_settings

        settings = load_settings(device=args.device, max_new_tokens=args.max_new_tokens)
        records = validation_split(args.adapter, args.val)
        backend = load_adapter_backend(args.adapter, settings)
        retrieve = None
        if args.rag:
            from bot.pipeline import Pipeline

            pipeline = Pipeline(settings)
            retrieve = lambda q: pipeline.retriever().search(q, relevant_only=True)  # noqa: E731
        scores = evaluate(backend, records, str(args.adapter), retrieve=retrieve, limit=args.limit,
                          batch_size=args.batch_size, progress=not args.quiet)
        print(format_table(scores))
        out = args.json or ROOT / "data" / "eval" / f"{args.adapter.resolve().name}.json"
        save_json(scores, out, adapter=str(args.adapter), split="validation")
        print(f"saved {out}")
        if args.update_card:
            update_card(args.adapter, evaluation=to_json(scores, split="validation"))
    except BotError as exc:
        print(f"error: {exc.format_message()}", file=sys.stderr)
        return exc.exit_code
    except json.JSONDecodeError as exc:
        print(f"error: cannot read {exc.doc[:40]!r}: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
