"""Property tests: tokenizer, chunker, glossary and the CLI's JSONL reader never crash on any input."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from langchain_core.documents import Document

from bot.cli import read_batch
from knowledge.chunking import chunk_documents, sizes_ok
from knowledge.glossary import expand_query
from knowledge.lang import content_words, detect_language, normalize, tokenize

TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=400) | st.text(
    alphabet="微调数据显存量化。！？；\n ABCabc123-.,", max_size=600)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT)
def test_text_functions_total(text):
    toks = tokenize(text)
    assert all(isinstance(t, str) and t.strip() for t in toks)
    assert tokenize(normalize(text)) == toks  # normalization is idempotent for search
    assert detect_language(text) in ("zh", "en")
    assert isinstance(content_words(text), list)
    assert expand_query(text).startswith(text)


@FAST
@given(TEXT, st.sampled_from([".md", ".txt"]))
def test_chunker_total_and_bounded(text, ext):
    chunks = chunk_documents([Document(page_content=text, metadata={"source": "f" + ext, "ext": ext})], 120, 20, 80)
    assert sizes_ok(chunks, 120, 80)
    assert [c.id for c in chunks] == list(range(len(chunks)))


@FAST
@given(st.lists(st.binary(max_size=200) | st.builds(json.dumps, st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.sampled_from(["id", "q", "x"]), c, max_size=3),
    max_leaves=6)), max_size=8))
def test_batch_reader_yields_a_result_or_an_error_per_line(raw_lines):
    lines = [x.decode("utf-8", "replace") if isinstance(x, bytes) else x for x in raw_lines]
    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    out = list(read_batch(iter(lines)))
    assert len(out) == sum(1 for line in lines if line.strip())
    for _, qid, q, err in out:
        assert (q is None) != (err is None)
        json.dumps(qid)  # ids stay JSON-serializable
