"""One small parser per document format; each turns checked bytes into a :class:`Parsed`."""

from __future__ import annotations

from dataclasses import (
    dataclass,
    field,
)


@dataclass(frozen=True)
class Parsed:
    """A document's plain text, its own title (None: the caller falls back to the file stem) and extra metadata."""

    text: str
    title: str | None = None
    meta: dict = field(default_factory=dict)
