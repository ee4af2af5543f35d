"""The committed pocket model and its LoRA adapter answer through the chat pipeline, in both languages."""

from pathlib import Path

import pytest

from bot.pipeline import Pipeline
from tests.helpers import EMBEDDER, settings_for

pytestmark = pytest.mark.slow
ADAPTER = Path(__file__).resolve().parent.parent / "adapters" / "pocket" / "advice-lora"


@pytest.fixture(scope="module")
def pipe(tmp_path_factory):
    if not (ADAPTER / "adapter_model.safetensors").is_file():
        pytest.skip("pocket adapter not built (python scripts/train_pocket.py)")
    return Pipeline(settings_for(tmp_path_factory.mktemp("pocket"), device="cpu"), embedder=EMBEDDER)


def test_adapter_is_listed(pipe):
    assert "pocket/advice-lora" in [a.name for a in pipe.available_adapters()]


@pytest.mark.parametrize("q,lang,field", [
    ("We have 3,000 labeled examples and need a fixed JSON output format. What should we do?", "en", "Why:"),
    ("我们有3000条标注数据,需要固定的JSON输出格式,该怎么做?", "zh", "下一步"),
])
def test_compare_runs_every_mode_and_the_adapter_changes_the_answer(pipe, q, lang, field):
    answers = pipe.compare(q, adapter=str(ADAPTER))
    assert [a.mode.name for a in answers] == ["prompt", "rag", "adapter", "rag+adapter"]
    prompt, rag, adapter, both = answers
    assert adapter.backend == both.backend == "transformers"
    assert adapter.language == lang and adapter.text.strip() and adapter.text != prompt.text
    assert field in adapter.text  # the advice format the adapter was trained on
    assert not adapter.sources and both.sources


def test_base_model_without_adapter_does_not_follow_the_format(pipe):
    from bot.backends.base import GenerationRequest
    from bot.backends.factory import load_adapter_backend

    backend = load_adapter_backend(ADAPTER, pipe.settings)
    req = GenerationRequest(question="We have 3,000 labeled examples.", lang="en", draft="", recommendation=None)
    tuned = backend.generate(GenerationRequest(**{**req.__dict__, "adapter": str(ADAPTER)}))
    base = backend.generate(req)
    assert tuned != base
