"""Where derived files go when a caller names no folder: the project's ``data/cache`` (see Settings.cache_dir)."""

from pathlib import Path

DEFAULT_CACHE = Path(__file__).resolve().parent.parent / "data" / "cache"
