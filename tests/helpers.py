"""Small builders shared by tests: settings on a temp folder, a hashing embedder, tiny document folders."""

from __future__ import annotations

from pathlib import Path

from bot.settings import Settings
from knowledge.embedding import HashingEmbedder

EMBEDDER = HashingEmbedder(128)


def settings_for(tmp: Path, **kw) -> Settings:
    base = dict(data_dir=tmp / "data", embedder=EMBEDDER.name, min_dense=0.2, min_overlap=0.5, min_combined=0.6)
    base.update(kw)
    return Settings(**base)


def write_docs(folder: Path, docs: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def advise(question: str, lang: str, hits, rag: bool, history=()):
    """One turn on plain passages, answered in ``lang``."""
    from bot.respond import respond
    from bot.understand import replay

    return respond(question, hits, rag, replay(list(history)), lang=lang if lang in ("zh", "en") else "en")


def value(u, name):
    """A slot's value in an understanding, or None when the slot is not set."""
    return u.slots[name].value if name in u.slots else None


def label(u) -> str | None:
    """The label the decision rules give an understanding, or None when they give no recommendation."""
    from bot.decide import decide

    rec = decide(u).recommendation
    return rec.label if rec else None


def table_hits(text: str, section: str = "", title: str = "") -> list:
    """One retrieved passage of ``text`` with its table cells parsed as indexing stores them."""
    from knowledge.tables import cells_in, parse_tables
    from knowledge.types import Chunk, Hit

    meta = {"section": section, "cells": cells_in(text, parse_tables(text))}
    return [Hit(Chunk(0, text, "readme.md", title or section, 0, "en", meta=meta), 1.0, dense_score=0.5)]
