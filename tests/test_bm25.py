"""BM25 postings: the same scores as rank_bm25's BM25Okapi, stored as arrays and loaded without re-tokenizing."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge import store
from knowledge.bm25 import FILES, BM25Index, build_bm25
from knowledge.build import build_index, passage_tokens
from knowledge.lang import tokenize
from tests.helpers import EMBEDDER, settings_for, write_docs

rank_bm25 = pytest.importorskip("rank_bm25")
WORDS = [f"w{i}" for i in range(40)] + ["微调", "显存", "lora", "量化", "\u2205"]


def reference(token_lists):
    return rank_bm25.BM25Okapi([list(t) or ["\u2205"] for t in token_lists])


@settings(max_examples=150, deadline=None)
@given(corpus=st.lists(st.lists(st.sampled_from(WORDS), max_size=30), min_size=1, max_size=40),
       query=st.lists(st.sampled_from(WORDS + ["unseen"]), max_size=8))
def test_scores_and_idf_equal_rank_bm25(corpus, query):
    ref, ours = reference(corpus), build_bm25(corpus)
    assert np.allclose(ours.scores(query), ref.get_scores(query), rtol=1e-6, atol=1e-9)
    assert set(ours.terms) == set(ref.idf)
    for term, idf in ref.idf.items():
        assert ours.idf_of(term) == pytest.approx(idf, abs=1e-12)
    assert ours.max_idf == pytest.approx(max(ref.idf.values()))


@settings(max_examples=60, deadline=None)
@given(corpus=st.lists(st.lists(st.sampled_from(WORDS), max_size=20), min_size=1, max_size=30),
       query=st.lists(st.sampled_from(WORDS), min_size=1, max_size=6), n=st.integers(1, 12))
def test_top_is_the_best_positive_scores_in_order(corpus, query, n):
    ours = build_bm25(corpus)
    scores = reference(corpus).get_scores(query)
    top = ours.top(query, n)
    expected = sorted((i for i in range(len(corpus)) if scores[i] > 0), key=lambda i: (-scores[i], i))[:n]
    assert len(top) == len(expected) and all(s > 0 for _, s in top)
    assert np.allclose([s for _, s in top], [scores[i] for i in expected], rtol=1e-6)
    assert all(top[j][1] >= top[j + 1][1] for j in range(len(top) - 1))


def test_contains_and_doc_vectors_agree_with_the_postings():
    rng = random.Random(7)
    corpus = [[rng.choice(WORDS) for _ in range(rng.randint(0, 25))] for _ in range(50)]
    idx = build_bm25(corpus)
    for term in WORDS + ["unseen"]:
        assert list(idx.contains(range(50), term)) == [term in doc for doc in corpus]
    query = ["w1", "w2", "w2", "微调"]
    counts = np.zeros(len(idx.terms))
    for t in query:
        counts[idx.term_id(t)] += 1
    inner = [float(counts[ids] @ values) for ids, values in idx.doc_vectors()]
    assert np.allclose(inner, idx.scores(query))


def test_real_tokens_of_the_bundled_notes_rank_as_rank_bm25(tmp_path):
    """The built-in notes through the real jieba/bigram/word tokenizer; seed questions as queries."""
    s = settings_for(tmp_path)
    build_index([s.corpus_dir], tmp_path / "idx", EMBEDDER, s)
    stored = store.load_index(tmp_path / "idx")
    tokens = [passage_tokens(c) for c in stored.chunks]
    ref = reference(tokens)
    questions = [json.loads(x)["q"] for x in open("tests/data/seed_questions.jsonl", encoding="utf-8") if x.strip()]
    assert len(questions) >= 20
    for q in questions:
        qt = tokenize(q)
        expected = ref.get_scores(qt)
        assert np.allclose(stored.bm25.scores(qt), expected, rtol=1e-6, atol=1e-9), q
        order = [i for i, _ in stored.bm25.top(qt, 30)]
        best = sorted(range(len(expected)), key=lambda i: (-expected[i], i))[:30]
        assert np.allclose([expected[i] for i in order], [expected[i] for i in best if expected[i] > 0], rtol=1e-6)


def test_saved_arrays_load_memory_mapped_to_the_same_scores(tmp_path):
    corpus = [["lora", "微调", "w1"], ["量化", "w2", "w2"], [], ["w3"] * 5]
    idx = build_bm25(corpus)
    idx.save(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES)
    loaded = BM25Index.load(tmp_path)
    assert isinstance(loaded.weights, np.memmap)
    for q in (["lora"], ["w2", "w3", "unseen"], ["\u2205"]):
        assert np.array_equal(loaded.scores(q), idx.scores(q))
    assert loaded.terms == idx.terms


def test_object_arrays_are_refused(tmp_path):
    build_bm25([["a"]]).save(tmp_path)
    np.save(tmp_path / "bm25.docs.npy", np.array([{"x": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(ValueError, match="pickle|Python objects"):
        BM25Index.load(tmp_path)


def test_mismatched_arrays_are_refused():
    idx = build_bm25([["a", "b"], ["b"]])
    with pytest.raises(ValueError, match="postings"):
        BM25Index(terms=idx.terms, indptr=idx.indptr, docs=idx.docs[:-1], weights=idx.weights, idf=idx.idf,
                  doc_len=idx.doc_len)


def test_empty_corpus_scores_nothing():
    idx = build_bm25([])
    assert idx.n_docs == 0 and idx.top(["a"], 5) == [] and idx.scores(["a"]).shape == (0,)


def test_format_1_index_with_tokens_json_still_loads(tmp_path):
    """An index written before the postings were stored loads and searches the same."""
    s = settings_for(tmp_path)
    docs = write_docs(tmp_path / "d", {"a.md": "# A\n\nThe zorblax adapter needs 417 MB.", "b.md": "# B\n\n量化需要显存。"})
    build_index([docs], tmp_path / "idx", EMBEDDER, s)
    new = store.load_index(tmp_path / "idx")
    folder = tmp_path / "idx" / "builds" / new.build
    (folder / "tokens.json").write_text(json.dumps([passage_tokens(c) for c in new.chunks]), encoding="utf-8")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["format_version"] = 1
    manifest["files"] = {n: store.sha256_file(folder / n) for n in store.FILES_V1}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    (tmp_path / "idx" / "CURRENT").write_text(json.dumps({"build": new.build,
                                                          "manifest_sha256": store.sha256_file(folder / "manifest.json")}))
    old = store.load_index(tmp_path / "idx")
    for q in (["zorblax"], tokenize("量化显存")):
        assert np.allclose(old.bm25.scores(q), new.bm25.scores(q))
