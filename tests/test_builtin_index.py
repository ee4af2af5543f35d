"""The built-in notes' index: made once in the cache folder, shared by data folders, rebuilt only when stale."""

import shutil
import threading

import pytest

from bot.builtin_index import builtin_index_dir, load_builtin_index
from bot.errors import ConfigError
from bot.pipeline import Pipeline
from knowledge import store
from knowledge.lang import tokenize
from tests.helpers import EMBEDDER, settings_for


def notes_copy(tmp_path, settings):
    corpus = tmp_path / "corpus"
    shutil.copytree(settings.corpus_dir, corpus)
    return corpus


def test_built_once_then_loaded(tmp_path):
    s = settings_for(tmp_path, cache_dir=tmp_path / "cache")
    first = load_builtin_index(s, EMBEDDER, tokenize)
    again = load_builtin_index(s, EMBEDDER, tokenize)
    assert first.build == again.build and len(again.chunks) > 100
    assert first.path == builtin_index_dir(s, EMBEDDER.name)


def test_edited_notes_are_indexed_again(tmp_path):
    s = settings_for(tmp_path, cache_dir=tmp_path / "cache")
    s = s.replace(corpus_dir=notes_copy(tmp_path, s))
    before = load_builtin_index(s, EMBEDDER, tokenize)
    (s.corpus_dir / "zz-new.md").write_text("# Zorblax\n\nThe Zorblax-9 adapter needs 733 MB.", encoding="utf-8")
    after = load_builtin_index(s, EMBEDDER, tokenize)
    assert after.build != before.build
    assert any("Zorblax-9" in c.text for c in after.chunks)


def test_changed_chunk_settings_build_it_again(tmp_path):
    s = settings_for(tmp_path, cache_dir=tmp_path / "cache")
    before = load_builtin_index(s, EMBEDDER, tokenize)
    after = load_builtin_index(s.replace(chunk_size=300), EMBEDDER, tokenize)
    assert after.build != before.build and len(after.chunks) > len(before.chunks)


def test_a_damaged_index_is_built_again(tmp_path):
    s = settings_for(tmp_path, cache_dir=tmp_path / "cache")
    first = load_builtin_index(s, EMBEDDER, tokenize)
    (first.path / "builds" / first.build / "chunks.json").write_text("[]")
    again = load_builtin_index(s, EMBEDDER, tokenize)
    assert again.build != first.build and len(again.chunks) == len(first.chunks)


def test_concurrent_first_uses_build_it_once(tmp_path):
    s = settings_for(tmp_path, cache_dir=tmp_path / "cache")
    builds, errors = [], []

    def use():
        try:
            builds.append(load_builtin_index(s, EMBEDDER, tokenize).build)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=use) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert errors == [] and len(builds) == 3 and len(set(builds)) == 1


def test_data_folder_without_an_index_answers_from_the_shared_one(tmp_path):
    s = settings_for(tmp_path, cache_dir=tmp_path / "cache")
    a = Pipeline(s, embedder=EMBEDDER).ask("How much memory does LoRA save?")
    assert a.sources and not a.warnings
    assert not store.exists(s.index_path)  # nothing copied or built into the data folder
    other = settings_for(tmp_path / "other", cache_dir=tmp_path / "cache")
    info = Pipeline(other, embedder=EMBEDDER).index_info()
    assert info["path"] == str(builtin_index_dir(s, EMBEDDER.name)) and info["chunks"] > 100


def test_an_unwritable_cache_folder_gets_a_clear_error(tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    s = settings_for(tmp_path, cache_dir=blocker)
    with pytest.raises(ConfigError, match="ADVISOR_CACHE_DIR"):
        load_builtin_index(s, EMBEDDER, tokenize)
    assert blocker.read_text() == "a file where the cache folder should be"
