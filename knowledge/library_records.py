"""Records of the document library: one document of the manifest, and the report of one library command."""

from __future__ import annotations

from dataclasses import (
    dataclass,
)

from knowledge import library_cache
from knowledge.types import Skipped


@dataclass(frozen=True)
class Document:
    """One manifest entry."""

    name: str
    sha256: str
    size: int
    type: str  # extension without the dot
    status: str  # "indexed" | "skipped"
    passages: int
    added_at: str
    reason: str = ""

    @property
    def file(self) -> str:
        return f"files/{self.sha256}.{self.type}"

    @property
    def cache_key(self) -> str:
        return library_cache.sha256_text(self.name, self.sha256)

    def to_json(self) -> dict:
        return {"name": self.name, "sha256": self.sha256, "size": self.size, "type": self.type,
                "status": self.status, "reason": self.reason or None, "passages": self.passages,
                "added_at": self.added_at, "file": self.file}

    @classmethod
    def from_json(cls, d: dict) -> Document:
        return cls(name=str(d["name"]), sha256=str(d["sha256"]), size=int(d["size"]), type=str(d["type"]),
                   status=str(d["status"]), passages=int(d.get("passages", 0)), added_at=str(d["added_at"]),
                   reason=str(d.get("reason") or ""))


@dataclass(frozen=True)
class LibraryReport:
    """What one library command did (``to_json`` is the CLI's ``--json`` object)."""

    index: str
    files: int  # documents in the library afterwards
    chunks: int  # passages in the serving index afterwards
    embedded: int  # passages embedded by this command
    seconds: float
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()  # names already in the library whose content changed
    removed: tuple[str, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    notes: tuple[str, ...] = ()  # cache invalidations and other things worth saying

    def to_json(self) -> dict:
        return {"added": list(self.added), "updated": list(self.updated), "removed": list(self.removed),
                "skipped": [s.to_json() for s in self.skipped], "files": self.files, "chunks": self.chunks,
                "embedded": self.embedded, "seconds": round(self.seconds, 3), "index": self.index,
                "notes": list(self.notes)}
