"""Make the derived files every start reads, so no start has to make them: run by ``make setup``.

    python scripts/prepare.py [--config FILE]

In the cache folder (settings ``cache_dir``, default data/cache): the embedder's ONNX graph (exported from its
weights with torch, once), jieba's prepared dictionary, and the built-in notes' index. Quick when they are
current; each is made again when what it derives from changed.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", help="TOML settings file (also ADVISOR_CONFIG)")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for noisy in ("httpx", "jieba", "bitsandbytes", "faiss"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

    from bot.builtin_index import load_builtin_index
    from bot.errors import BotError
    from bot.pipeline import Pipeline
    from bot.settings import load_settings
    from knowledge.lang import tokenize

    started = time.perf_counter()
    try:
        settings = load_settings(args.config)
        pipe = Pipeline(settings)
        tokenize("预热")  # jieba's dictionary file
        stored = load_builtin_index(settings, pipe.embedder, pipe.tokenizer)
    except BotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"prepared {settings.cache_dir}: embedder {pipe.embedder.name} ({type(pipe.embedder).__name__}), "
          f"built-in index {len(stored.chunks)} passages, {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
