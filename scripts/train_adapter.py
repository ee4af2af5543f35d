"""Train a LoRA (or QLoRA) adapter on a local causal LM, then optionally score it.

    python scripts/train_adapter.py --out adapters/gemma-advice-lora            # Gemma 3 270M, advice data
    python scripts/train_adapter.py --base path/to/model --out adapters/mine --train-file my.jsonl
        [--qlora] [--r 8 --alpha 16 --epochs 2 --lr 2e-4] [--examples 800] [--threads 2] [--evaluate]

--base defaults to the packaged Gemma 3 270M (converted on first use). Without --train-file the dataset is
built from the advisor (data/adapters/<name>/{train,val}.jsonl); --train-file takes your own JSONL, one
{"messages": [...]} or {"prompt": ..., "response": ...} a line. The adapter folder gets adapter_config.json,
adapter_model.safetensors and card.json (data hash, hyper-parameters, losses, time, peak memory).
Ctrl-C stops early and keeps the last finished epoch.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from adapters.config import TrainConfig  # noqa: E402
from bot.errors import BotError  # noqa: E402

D = TrainConfig.__dataclass_fields__
GEMMA = "google/gemma-3-270m"


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default=GEMMA, help=f"local model folder (safetensors), or {GEMMA} (default)")
    ap.add_argument("--out", required=True, type=Path, help="adapter folder to write")
    ap.add_argument("--train-file", type=Path, help="your own JSONL (chat messages or prompt/response)")
    ap.add_argument("--r", type=int, default=D["r"].default)
    ap.add_argument("--alpha", type=int, default=D["alpha"].default)
    ap.add_argument("--dropout", type=float, default=D["dropout"].default)
    ap.add_argument("--targets", default=",".join(D["target_modules"].default),
                    help="comma-separated module names, or all-linear")
    ap.add_argument("--epochs", type=int, default=D["epochs"].default)
    ap.add_argument("--lr", type=float, default=D["lr"].default)
    ap.add_argument("--batch-size", type=int, default=D["batch_size"].default)
    ap.add_argument("--max-length", type=int, default=D["max_length"].default)
    ap.add_argument("--seed", type=int, default=D["seed"].default)
    ap.add_argument("--examples", type=int, default=D["n_examples"].default)
    ap.add_argument("--val-fraction", type=float, default=D["val_fraction"].default)
    ap.add_argument("--rag-fraction", type=float, default=D["rag_fraction"].default,
                    help="share of generated examples that quote retrieved passages")
    ap.add_argument("--max-passage-chars", type=int, default=D["max_passage_chars"].default)
    ap.add_argument("--prompt-style", default="bare", choices=["bare", "question", "reading"],
                    help="bare: the question alone; question: the system prompt, then the question; reading: the "
                         "facts the advisor read from the question, then the question")
    ap.add_argument("--questions", type=Path, action="append", default=[],
                    help="JSONL of your own situation questions (q/text + lang), labelled by the advisor and "
                         "used before the generated ones; repeatable")
    ap.add_argument("--dtype", default="auto", choices=["auto", "float32", "bfloat16"])
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    ap.add_argument("--device", default="auto", help="auto | cpu | cuda")
    ap.add_argument("--qlora", action="store_true", help="4-bit NF4 base (needs CUDA and bitsandbytes)")
    ap.add_argument("--resume", type=Path, help="an adapter folder to train further (its card is carried over)")
    ap.add_argument("--evaluate", action="store_true", help="score base vs adapter on the validation split")
    ap.add_argument("--eval-limit", type=int, default=200)
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    return ap


def config_from(args: argparse.Namespace) -> TrainConfig:
    return TrainConfig(base_model=args.base, output_dir=args.out, r=args.r, alpha=args.alpha, dropout=args.dropout,
                       target_modules=tuple(t.strip() for t in args.targets.split(",")), epochs=args.epochs,
                       lr=args.lr, batch_size=args.batch_size, max_length=args.max_length, seed=args.seed,
                       qlora=args.qlora, device=args.device, n_examples=args.examples,
                       val_fraction=args.val_fraction, dtype=args.dtype, threads=args.threads,
                       rag_fraction=args.rag_fraction, max_passage_chars=args.max_passage_chars,
                       prompt_style=args.prompt_style,
                       question_files=tuple(_relative(p) for p in args.questions))


def _relative(path: Path) -> str:
    """A path as the card records it: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def advice_data(config: TrainConfig, settings, out: Path) -> tuple[list, list, dict]:
    """Generated advice records (some quoting passages from the project's index) and how they were made."""
    from adapters.dataset import build_dataset, default_advisor, read_questions, write_jsonl
    from bot.pipeline import Pipeline

    retrieve = None
    if config.rag_fraction > 0:
        pipeline = Pipeline(settings.replace(backend="template"))
        retrieve = lambda q: pipeline.retriever().search(q, relevant_only=True)  # noqa: E731
    train, val = build_dataset(config.n_examples, config.seed, config.val_fraction, default_advisor(settings),
                               retrieve=retrieve, rag_fraction=config.rag_fraction,
                               passage_chars=config.max_passage_chars,
                               questions=[q for f in config.question_files for q in read_questions(ROOT / f)])
    data_dir = ROOT / "data" / "adapters" / out.name
    write_jsonl(train, data_dir / "train.jsonl")
    write_jsonl(val, data_dir / "val.jsonl")
    with_passages = sum(1 for r in train if r.get("passages"))
    source = "advisor labels; questions from " + " + ".join(
        [*config.question_files, "adapters/situations.py templates", "adapters/phrasings.py"])
    return train, val, {"data": {"source": source, "train_with_passages": with_passages}}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        from adapters.dataset import data_hash
        from adapters.train import train_adapter, update_card
        from bot.backends import gemma
        from bot.backends.factory import resolve_model
        from bot.settings import load_settings

        config = config_from(args)
        settings = load_settings(device=args.device)
        base_path = resolve_model(config.base_model, settings)
        if args.train_file:
            from adapters.examples import read_train_file, split

            train, val = split(read_train_file(args.train_file), config.val_fraction, config.seed)
            digest = data_hash([{"messages": e.messages, "answer": e.answer} for e in train + val])
            extra = {"format": "custom", "prompt_style": "chat", "data": {"source": args.train_file.name}}
        else:
            train, val, extra = advice_data(config, settings, args.out)
            digest = data_hash(train, val)
        if gemma.is_gemma(config.base_model):
            extra["terms"] = gemma.NOTICE_LINE
        if args.resume:
            from adapters.registry import validate_adapter

            before = validate_adapter(args.resume).card
            runs = before.get("earlier_runs", []) + [{k: before.get(k) for k in ("data_hash", "hyperparameters",
                                                                                  "metrics") if k in before}]
            extra["earlier_runs"] = runs
        result = train_adapter(config, train, val, data_hash=digest, progress=not args.quiet, base_path=base_path,
                               extra_card=extra, resume=args.resume)
        print(f"adapter saved to {result.output_dir} after {result.steps} steps in {result.seconds:.0f} s; "
              f"validation loss {result.val_loss_before:.3f} -> {result.val_losses[-1]:.3f}"
              + (" (interrupted)" if result.interrupted else ""))
        if args.evaluate and not args.train_file:
            from adapters.evaluate import evaluate, format_table, to_json
            from bot.backends.factory import load_adapter_backend

            backend = load_adapter_backend(result.output_dir, settings)
            scores = evaluate(backend, val, str(result.output_dir), limit=args.eval_limit, progress=not args.quiet)
            update_card(result.output_dir, evaluation=to_json(scores, split="validation"))
            print(format_table(scores))
    except BotError as exc:
        print(f"error: {exc.format_message()}", file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
