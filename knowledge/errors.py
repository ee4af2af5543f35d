"""The project's errors, shared by every layer: one root with an exit code; only the top level (CLI, UI) shows them."""

from __future__ import annotations


class BotError(Exception):
    """A problem the user can act on. ``str()`` is a one-line message saying what to do."""

    exit_code = 1

    def format_message(self) -> str:
        return str(self)


class ConfigError(BotError):
    """A setting has a bad value or the settings file cannot be read."""

    exit_code = 2


class InputError(BotError):
    """A question, file or argument the product cannot accept."""

    exit_code = 2


class SkipFile(BotError):
    """A document that cannot be indexed; the build reports it and goes on."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class IndexMissing(BotError):
    """No usable index at the given path."""


class IndexCorrupt(BotError):
    """An index whose files fail their hash check or do not parse."""


class RebuildRequired(BotError):
    """An index built with another embedder or dimension."""


class RebuildInProgress(BotError):
    """Another rebuild holds the lock."""

    exit_code = 3


class StoreUnavailable(BotError):
    """The configured index store (a Milvus server, a Milvus Lite file) cannot be reached or opened."""


class NothingIndexed(BotError):
    """A build found no readable file."""


class BackendError(BotError):
    """A generation backend failed (server down, model missing, out of memory)."""


class ModelUnavailable(BackendError):
    """A model or embedder cannot be loaded offline."""
