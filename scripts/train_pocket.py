"""Build the pocket model from scratch on CPU: tokenizer, tiny LM, advice LoRA, scores (a few minutes).

    python scripts/train_pocket.py [--out adapters/pocket] [--examples 1800] [--seed 0] [--threads N]

Writes adapters/pocket/base/ (config.json, model.safetensors, tokenizer files, card.json) and
adapters/pocket/advice-lora/ (adapter_config.json, adapter_model.safetensors, card.json with the scores),
and the advice dataset to data/pocket/{train,val}.jsonl. Then ADVISOR_BACKEND=pocket serves it.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from adapters.pocket import PocketConfig, build_pocket  # noqa: E402
from bot.errors import BotError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "adapters" / "pocket")
    ap.add_argument("--corpus", type=Path, default=ROOT / "knowledge" / "corpus")
    ap.add_argument("--data", type=Path, default=ROOT / "data" / "pocket", help="where the dataset JSONL goes")
    ap.add_argument("--examples", type=int, default=PocketConfig.n_examples)
    ap.add_argument("--pretrain-steps", type=int, default=PocketConfig.pretrain_steps)
    ap.add_argument("--lora-epochs", type=int, default=PocketConfig.lora_epochs)
    ap.add_argument("--eval-limit", type=int, default=PocketConfig.eval_limit)
    ap.add_argument("--seed", type=int, default=PocketConfig.seed)
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    config = dataclasses.replace(PocketConfig(), n_examples=args.examples, pretrain_steps=args.pretrain_steps,
                                 lora_epochs=args.lora_epochs, eval_limit=args.eval_limit, seed=args.seed)
    try:
        summary = build_pocket(args.out, args.corpus, config, data_dir=args.data, progress=not args.quiet)
    except BotError as exc:
        print(f"error: {exc.format_message()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    print(json.dumps(summary, indent=2))
    print(f"\n{'mode':<10} {'format':>8} {'agreement':>10} {'ms/answer':>10}")
    for mode, s in summary["scores"].items():
        print(f"{mode:<10} {s['format_adherence']:>8.1%} {s['agreement']:>10.1%} {s['ms_per_answer']:>10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
