"""Integration: the bundled embedder + hybrid retrieval on real third-party documents, in both languages."""

import json
from pathlib import Path

import pytest

from knowledge import store
from knowledge.build import build_index
from knowledge.retriever import HybridRetriever
from tests.helpers import write_docs

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def embedder():
    from knowledge.embedding import load_embedder

    return load_embedder()


@pytest.fixture(scope="module")
def seeds_retriever(embedder, tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip("source documents (../shared/seeds) not present")
    from bot.settings import Settings

    s = Settings()
    idx = tmp_path_factory.mktemp("seeds-index")
    build_index([SEEDS], idx, embedder, s)
    return HybridRetriever(store.load_index(idx, embedder.name, embedder.dim), embedder, s)


@pytest.mark.parametrize(
    "question,expect",
    [
        ("LoRA 能减少多少内存?", "90%"),
        ("How much memory does LoRA save?", "90%"),
        ("QLoRA 使用几位量化?", "4 位"),
        ("What bit width does QLoRA quantize the model to?", "4 位"),
        ("微调需要多少个示例?", "100-10"),
        ("How many examples does fine-tuning need?", "100-10"),
    ],
)
def test_seed_questions_find_the_passage(seeds_retriever, question, expect):
    hits = seeds_retriever.search(question, k=5, relevant_only=True)
    assert any(expect in h.chunk.text for h in hits), [h.chunk.text[:60] for h in hits]


def test_seed_question_set_hit_rate(seeds_retriever):
    qs = [json.loads(x) for x in (ROOT / "tests" / "data" / "seed_questions.jsonl").read_text().splitlines() if x]
    hits = sum(any(all(e in h.chunk.text for e in q["expect"]) for h in seeds_retriever.search(q["q"], k=5))
               for q in qs)
    assert hits / len(qs) >= 0.85


def test_chinese_question_finds_english_only_document(embedder, tmp_path):
    from bot.settings import Settings

    s = Settings()
    docs = write_docs(tmp_path / "docs", {
        "ops.md": "# Operations\n\nOur quantization run needed 37 GB of GPU memory on the staging cluster.",
        "menu.md": "# Lunch\n\nThe cafeteria serves noodles on Tuesdays and pizza on Fridays.",
        "hr.md": "# Holidays\n\nEmployees get twenty vacation days per year.",
    })
    build_index([docs], tmp_path / "idx", embedder, s)
    r = HybridRetriever(store.load_index(tmp_path / "idx"), embedder, s)
    top = r.search("量化需要多少显存?", k=1, relevant_only=True)
    assert top and "37 GB" in top[0].chunk.text


def test_full_width_query_matches_half_width_text(embedder, tmp_path):
    from bot.settings import Settings

    s = Settings()
    docs = write_docs(tmp_path / "docs", {
        "a.md": "# Note\n\nModel ABC123 needs 8 GPUs.", "b.md": "# Other\n\nSomething unrelated about cooking."})
    build_index([docs], tmp_path / "idx", embedder, s)
    r = HybridRetriever(store.load_index(tmp_path / "idx"), embedder, s)
    assert "ABC123" in r.search("ＡＢＣ１２３", k=1)[0].chunk.text


def test_unrelated_question_finds_nothing_relevant(seeds_retriever):
    assert seeds_retriever.search("What is the best recipe for chocolate cake?", relevant_only=True) == []
