"""Greedy decoding speed of the local model for each CPU thread count: pick ADVISOR_THREADS from it.

    python scripts/bench_threads.py [--threads 1,2] [--tokens 48] [--repeats 2] [--model PATH]

Prints tokens per second for each count (best of the repeats). On a shared machine measure while the usual
load runs: a second thread helps only when a second core is free.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.errors import BotError  # noqa: E402

PROMPT = "User: We have 500 labelled support tickets and one 24GB GPU. Should we fine-tune or use RAG?\n\nAssistant:"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    ap.add_argument("--tokens", type=int, default=48)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--model", default="", help="model folder (default: Gemma 3 270M)")
    args = ap.parse_args(argv)
    try:
        import torch

        from bot.backends.factory import resolve_model
        from bot.backends.local_hf import load_causal_lm
        from bot.backends.prompting import bos_prefix
        from bot.settings import load_settings

        model, tokenizer = load_causal_lm(resolve_model(args.model, load_settings()), "cpu")
        enc = tokenizer(bos_prefix(tokenizer) + PROMPT, return_tensors="pt", add_special_tokens=False)
        for count in (int(t) for t in args.threads.split(",")):
            torch.set_num_threads(count)
            best = 0.0
            for _ in range(args.repeats):
                started = time.perf_counter()
                with torch.no_grad():
                    model.generate(**enc, max_new_tokens=args.tokens, min_new_tokens=args.tokens, do_sample=False,
                                   pad_token_id=tokenizer.pad_token_id)
                best = max(best, args.tokens / (time.perf_counter() - started))
            print(f"{count} thread(s): {best:.1f} tokens/s")
    except BotError as exc:
        print(f"error: {exc.format_message()}", file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
