"""Score the four Compare columns of an adapter's model on held-out questions: format, agreement, figures, time.

    python scripts/evaluate_adapter.py adapters/gemma-advice-lora [--rag] [--limit 40] [--update-card]
        [--questions adapters/data/validation.jsonl | --val records.jsonl] [--json data/eval/gemma.json]

--questions holds {"id", "lang", "q"} rows (default: the hand-written held-out set); each reference label
is the advisor's, asked at evaluation time. --val takes records that already carry "question" and "label".
--rag adds the two RAG columns (passages from the project's index). Training time and peak memory come
from the adapter's card.json; --latency-sample times that many questions one at a time, as in the app.
"""

from __future__ import annotations

import argparse
import logging
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.errors import BotError  # noqa: E402

QUESTIONS = ROOT / "adapters" / "data" / "validation.jsonl"


def held_out(args, settings) -> list[dict]:
    from adapters.dataset import default_advisor, read_jsonl
    from adapters.evaluate import label_questions

    if args.val is not None:
        return read_jsonl(args.val)
    rows = read_jsonl(args.questions)
    bad = [i + 1 for i, r in enumerate(rows) if not isinstance(r.get("q"), str) or r.get("lang") not in ("zh", "en")]
    if bad:
        raise BotError(f"{args.questions}: rows {bad[:5]} need a string \"q\" and \"lang\" zh or en")
    return label_questions(rows, default_advisor(settings))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("adapter", type=Path)
    ap.add_argument("--questions", type=Path, default=QUESTIONS, help="held-out {id, lang, q} rows")
    ap.add_argument("--val", type=Path, help="records with question and label (instead of --questions)")
    ap.add_argument("--rag", action="store_true", help="also score with retrieved passages in the prompt")
    ap.add_argument("--limit", type=int, default=None, help="first N questions only (a quick pass)")
    ap.add_argument("--columns", default="", help="only these columns, comma-separated (base, base+rag, adapter, "
                                                  "adapter+rag); default: all")
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--max-new-tokens", type=int, default=None)
    ap.add_argument("--latency-sample", type=int, default=0, help="questions timed one at a time per column")
    ap.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: settings)")
    ap.add_argument("--device", default=None, help="auto | cpu | cuda (default: settings)")
    ap.add_argument("--json", type=Path, help="where to save the scores (default: data/eval/<adapter>.json)")
    ap.add_argument("--update-card", action="store_true", help="store the scores in the adapter's card.json")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        from adapters.evaluate import evaluate, format_table, latency, save_json, to_json
        from adapters.registry import validate_adapter
        from adapters.train import update_card
        from bot.backends.factory import load_adapter_backend
        from bot.pipeline import Pipeline
        from bot.settings import load_settings

        settings = load_settings(device=args.device, max_new_tokens=args.max_new_tokens, threads=args.threads)
        records = held_out(args, settings)
        if args.limit:
            records = records[: args.limit]
        info = validate_adapter(args.adapter)
        backend = load_adapter_backend(args.adapter, settings)
        retrieve = None
        if args.rag:
            pipeline = Pipeline(settings.replace(backend="template"))
            retrieve = lambda q: pipeline.retriever().search(q, relevant_only=True)  # noqa: E731
        columns = [c.strip() for c in args.columns.split(",") if c.strip()]
        unknown = set(columns) - {"base", "base+rag", "adapter", "adapter+rag"}
        if unknown:
            raise BotError(f"--columns: unknown column(s) {sorted(unknown)}; use base, base+rag, adapter, adapter+rag")
        scores = evaluate(backend, records, str(args.adapter), retrieve=retrieve, batch_size=args.batch_size,
                          progress=not args.quiet, columns=columns)
        single = latency(backend, records, str(args.adapter), retrieve, args.latency_sample) \
            if args.latency_sample else {}
        metrics = info.card.get("metrics", {})
        source = Path(args.val or args.questions).resolve()
        extra = {"adapter": args.adapter.name,
                 "questions": str(source.relative_to(ROOT) if source.is_relative_to(ROOT) else source),
                 "labelled_by": "the advisor (Pipeline.ask, retrieval off)",
                 "max_new_tokens": settings.max_new_tokens, "batch_size": args.batch_size,
                 "threads": settings.threads, "seconds_one_at_a_time": single,
                 "training": {k: metrics.get(k) for k in ("seconds", "seconds_per_step", "steps", "peak_rss_mb",
                                                          "peak_gpu_mb") if k in metrics},
                 "evaluation_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
        print(format_table(scores, single))
        out = args.json or ROOT / "data" / "eval" / f"{args.adapter.resolve().name}.json"
        save_json(scores, out, **extra)
        print(f"saved {out}")
        if args.update_card:
            update_card(args.adapter, evaluation=to_json(scores, **extra))
    except BotError as exc:
        print(f"error: {exc.format_message()}", file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
