"""Typed records shared by ingestion, indexing and retrieval."""

from __future__ import annotations

from dataclasses import (
    dataclass,
    field,
)


@dataclass(frozen=True)
class Chunk:
    """One indexed passage and where it came from."""

    id: int
    text: str
    source: str  # file name relative to the indexed folder, or the note's file name
    title: str  # note title or document title / file stem
    position: int  # chunk number within its source
    lang: str  # "zh" | "en"
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    def to_json(self) -> dict:
        return {"id": self.id, "text": self.text, "source": self.source, "title": self.title,
                "position": self.position, "lang": self.lang, "meta": self.meta}

    @classmethod
    def from_json(cls, d: dict) -> Chunk:
        return cls(id=int(d["id"]), text=str(d["text"]), source=str(d["source"]), title=str(d["title"]),
                   position=int(d["position"]), lang=str(d.get("lang", "en")), meta=dict(d.get("meta", {})))


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its fused score and the per-retriever ranks that produced it."""

    chunk: Chunk
    score: float
    dense_rank: int | None = None
    sparse_rank: int | None = None
    dense_score: float | None = None  # cosine similarity of query and passage
    overlap: float = 0.0  # share of the query's content tokens found in the passage
    # whether the embedder reads the query's language: the bundled one is English-only, so a Chinese query's cosine
    # says little on its own (a question about a cat scores 0.6 against a model card)
    dense_reads_query: bool = True
    # the passage spells out a specific name the query writes ("--template_name", "gradio_demo.py", "MFU")
    spells_name: bool = False


@dataclass(frozen=True)
class Skipped:
    """A file the build could not use, and why."""

    file: str
    reason: str

    def to_json(self) -> dict:
        return {"file": self.file, "reason": self.reason}


@dataclass(frozen=True)
class Candidate:
    """A passage fetched for scoring: the chunk, its cosine to the query, and which asked-for terms it holds."""

    chunk: Chunk
    dense_score: float
    terms: frozenset[str] = frozenset()
