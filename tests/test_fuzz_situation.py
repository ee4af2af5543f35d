"""Random text never breaks extraction, classification, cost parsing or the advisor."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.understand import Situation, understand
from bot.understand.cost import read_cost
from bot.understand.numbers import quantities
from knowledge.types import Chunk, Hit
from tests.helpers import advise
from tests.situations import extract_situation, situation_from_history

# unicode of every kind, plus fragments that steer into the number/unit/keyword paths
FRAGMENTS = st.sampled_from([
    "3000条", "5万", "50万", "1.2k", "two thousand", "24GB 显存", "70B", "$100", "1万元", "today", "本周", "无法脱敏",
    "JSON", "每周更新", "8x A100", "4090", "tokens", "epochs", "gpt-4o-mini", "多少钱", "estimate", "9" * 30, "亿万千百",
    "\u200b", "😀", "?", "呢", "examples", ",", " ",
])
TEXT = st.one_of(st.text(max_size=300), st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=25).map("".join))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXT)
def test_extract_never_raises(text):
    s = extract_situation(text)
    assert isinstance(s, Situation)
    if s.examples is not None:
        assert s.examples >= 0
    assert all(q.value >= 0 for q in quantities(text.lower()))


@SETTINGS
@given(TEXT, st.lists(TEXT, max_size=3))
def test_classify_and_cost_parsing_never_raise(text, history):
    assert understand(text).intent in ("situation", "factual", "cost", "meta", "off_topic", "empty")
    read_cost(text)
    assert isinstance(situation_from_history(history, text), Situation)


@SETTINGS
@given(TEXT, st.sampled_from(["zh", "en"]), st.booleans(), st.lists(TEXT, max_size=2))
def test_advise_with_no_hits_always_answers(text, lang, rag, history):
    draft = advise(text, lang, [], rag, history)  # any exception, BotError included, fails the test
    assert draft.text.strip()
    assert draft.quoted == ()


@SETTINGS
@given(TEXT, TEXT, st.sampled_from(["zh", "en"]), st.sampled_from(["zh", "en"]))
def test_advise_with_random_passages_quotes_only_given_hits(text, passage, lang, chunk_lang):
    hit = Hit(Chunk(0, passage or "LoRA", "note.md", "Note | 笔记", 0, chunk_lang), 0.5)
    draft = advise(text, lang, [hit], True)
    assert draft.text.strip()
    assert set(draft.quoted) <= {hit}
