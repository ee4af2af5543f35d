"""Train a LoRA (or QLoRA) advice adapter on a local causal LM, then optionally score it.

    python scripts/train_adapter.py --base path/to/Qwen2.5-0.5B-Instruct --out adapters/advice-qwen05 \\
        [--qlora] [--r 8 --alpha 16 --epochs 2 --lr 2e-4] [--examples 2000] [--evaluate --eval-limit 200]

The dataset is built from the advisor (data/adapters/<name>/{train,val}.jsonl); the adapter folder gets
adapter_config.json, adapter_model.safetensors and card.json (data hash, hyper-parameters, losses, scores).
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


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="local model folder (safetensors)")
    ap.add_argument("--out", required=True, type=Path, help="adapter folder to write")
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
    ap.add_argument("--device", default="auto", help="auto | cpu | cuda")
    ap.add_argument("--qlora", action="store_true", help="4-bit NF4 base (needs CUDA and bitsandbytes)")
    ap.add_argument("--evaluate", action="store_true", help="score base vs adapter on the validation split")
    ap.add_argument("--eval-limit", type=int, default=200)
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        from adapters.dataset import build_dataset, data_hash, write_jsonl
        from adapters.train import train_adapter, update_card

        config = TrainConfig(base_model=args.base, output_dir=args.out, r=args.r, alpha=args.alpha,
                             dropout=args.dropout, target_modules=tuple(t.strip() for t in args.targets.split(",")),
                             epochs=args.epochs, lr=args.lr, batch_size=args.batch_size, max_length=args.max_length,
                             seed=args.seed, qlora=args.qlora, device=args.device, n_examples=args.examples,
                             val_fraction=args.val_fraction)
        train, val = build_dataset(config.n_examples, config.seed, config.val_fraction)
        data_dir = ROOT / "data" / "adapters" / Path(args.out).name
        write_jsonl(train, data_dir / "train.jsonl")
        write_jsonl(val, data_dir / "val.jsonl")
        result = train_adapter(config, train, val, data_hash=data_hash(train, val), progress=not args.quiet)
        print(f"adapter saved to {result.output_dir} after {result.steps} steps in {result.seconds:.0f} s; "
              f"validation loss {result.val_loss_before:.3f} -> {result.val_losses[-1]:.3f}"
              + (" (interrupted)" if result.interrupted else ""))
        if args.evaluate:
            from adapters.evaluate import evaluate, format_table, to_json
            from bot.backends.factory import load_adapter_backend
            from bot.settings import load_settings

            settings = load_settings(device=args.device)
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
