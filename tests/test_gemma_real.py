"""The real Gemma 3 270M, converted from its PyPI package, with the committed advice adapter (slow)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.backends import gemma

pytest.importorskip(gemma.PACKAGE, reason=f"the {gemma.PIP_NAME} package is not installed (make setup installs it)")

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
ADAPTER = ROOT / "adapters" / "gemma-advice-lora"


@pytest.fixture(scope="module")
def backend():
    from bot.backends.factory import clear_cache, load_adapter_backend
    from bot.settings import Settings

    clear_cache()
    settings = Settings(data_dir=ROOT / "data", device="cpu", max_new_tokens=160, threads=1)
    return load_adapter_backend(ADAPTER, settings)


def test_the_converted_model_is_gemma_3_270m_in_bf16(backend):
    import torch

    base = backend.model.get_base_model()
    assert type(base).__name__ == "Gemma3ForCausalLM" and base.dtype == torch.bfloat16
    assert 260e6 < sum(p.numel() for p in base.parameters()) < 275e6
    assert base.config.vocab_size == 262_144 and backend.tokenizer.bos_token == "<bos>"
    assert gemma.is_ready(gemma.model_dir(ROOT / "data"))


@pytest.mark.parametrize("lang, question", [
    ("en", "We have about 3,000 labelled support tickets and one 24GB GPU. The answers need our brand tone."),
    ("zh", "我们有大约三千条标注好的客服对话，一张24G显卡，回答要符合品牌语气，该怎么做？"),
])
def test_the_adapter_answers_in_the_advice_format_and_the_base_does_not(backend, lang, question):
    from adapters.dataset import parse_advice
    from bot.backends.base import GenerationRequest

    request = GenerationRequest(question=question, lang=lang, draft="", recommendation=None)
    tuned = backend.generate(dataclasses.replace(request, adapter=str(ADAPTER)))
    plain = backend.generate(request)
    assert parse_advice(tuned) is not None, tuned
    assert parse_advice(plain) is None and plain != tuned
