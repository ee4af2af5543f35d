"""Compare on one model: base and base + RAG prompt the adapter's base model directly, then LoRA and LoRA + RAG."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("peft")

from bot.backends.base import GenerationRequest, PromptOnly  # noqa: E402
from bot.types import Answer, Reason, Recommendation  # noqa: E402
from tests.helpers import EMBEDDER, settings_for  # noqa: E402
from tests.tiny_models import save_tiny  # noqa: E402


class Recorder:
    name = "recorder"

    def __init__(self):
        self.requests: list[GenerationRequest] = []

    def generate(self, request):
        self.requests.append(request)
        return "Recommendation: rag"

    def stream(self, request):
        self.requests.append(request)
        yield "Recommendation: rag"


def test_prompt_only_withholds_the_advisors_decision_and_draft():
    inner = Recorder()
    rec = Recommendation(label="lora", reasons=(Reason("enough examples", "decision-tree.md"),))
    request = GenerationRequest(question="q", lang="en", draft="the advisor's answer", recommendation=rec,
                                adapter="/some/adapter")
    wrapped = PromptOnly(inner)
    assert wrapped.name == "recorder" and wrapped.generate(request) == "Recommendation: rag"
    assert "".join(wrapped.stream(request)) == "Recommendation: rag"
    for seen in inner.requests:
        assert seen.recommendation is None and seen.draft == "" and seen.adapter is None and seen.question == "q"


@pytest.fixture(scope="module")
def tiny_pair(tmp_path_factory):
    """A tiny base model and a LoRA adapter (random, untrained) on it, as folders."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    root = tmp_path_factory.mktemp("pair")
    base = save_tiny(root / "base", kind="gemma3", chat=False, bos=True)
    model = get_peft_model(AutoModelForCausalLM.from_pretrained(base),
                           LoraConfig(r=2, target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM"))
    lora = root / "adapters" / "lora"
    model.save_pretrained(lora, safe_serialization=True)
    (lora / "card.json").write_text(json.dumps({"base_model": "../../base", "prompt_style": "bare",
                                                "max_passage_chars": 40}))
    return base, lora


@pytest.mark.slow
def test_compare_runs_four_columns_on_the_adapters_base_model(tmp_path, tiny_pair):
    from bot.backends.factory import clear_cache
    from bot.pipeline import Pipeline

    base, lora = tiny_pair
    clear_cache()
    settings = settings_for(tmp_path, adapters_dir=lora.parent, max_new_tokens=4, device="cpu")
    pipeline = Pipeline(settings, embedder=EMBEDDER)
    answers = list(pipeline.compare_iter("We have 800 labelled examples and one 24GB GPU. LoRA or RAG?",
                                         adapter=str(lora)))
    assert [a.mode.name for a in answers] == ["prompt", "rag", "adapter", "rag+adapter"]
    assert all(a.backend == "transformers" for a in answers)  # not the template: the model answered each
    assert all(a.timings_ms["total"] > 0 for a in answers)
    # a random model states no label: the base badges show that instead of the advisor's decision
    assert answers[0].recommendation is None and answers[1].recommendation is None
    assert pipeline.compare("hi there, LoRA?", adapter=str(lora))[0].mode.name == "prompt"
    steps = list(pipeline.compare_stream("We have 800 labelled examples. LoRA or RAG?", adapter=str(lora)))
    columns = [c for c, _ in steps]
    assert columns == sorted(columns) and set(columns) == {0, 1, 2, 3}  # one column after the other
    for column in range(4):  # each column streams text before its finished answer
        items = [item for c, item in steps if c == column]
        assert isinstance(items[-1], Answer) and all(isinstance(i, str) for i in items[:-1]) and len(items) > 1


def test_compare_without_the_adapter_model_falls_back_and_says_why(tmp_path):
    from bot.pipeline import Pipeline

    pipeline = Pipeline(settings_for(tmp_path), embedder=EMBEDDER)
    answers = pipeline.compare("We have 800 labelled examples. LoRA?", adapter=str(tmp_path / "missing"))
    assert [a.backend for a in answers] == ["template"] * 4
    assert any("does not exist" in w for w in answers[2].warnings)
