"""The project's errors (defined in the lowest layer, ``knowledge.errors``, so it imports nothing from ``bot``)."""

from knowledge.errors import (
    BackendError,
    BotError,
    ConfigError,
    IndexCorrupt,
    IndexMissing,
    InputError,
    ModelUnavailable,
    NothingIndexed,
    RebuildInProgress,
    RebuildRequired,
    SkipFile,
    StoreUnavailable,
)

__all__ = [
    "BackendError", "BotError", "ConfigError", "IndexCorrupt", "IndexMissing", "InputError", "ModelUnavailable",
    "NothingIndexed", "RebuildInProgress", "RebuildRequired", "SkipFile", "StoreUnavailable",
]
