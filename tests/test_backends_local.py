"""Local transformers backend and the backend factory, on tiny random models saved in temp folders."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from tiny_models import save_tiny

from bot.backends.base import GenerationRequest, TemplateBackend
from bot.backends.factory import clear_cache, load_adapter_backend, load_backend
from bot.backends.local_hf import LocalHFBackend, load_causal_lm
from bot.errors import BackendError, ModelUnavailable
from bot.settings import Settings

pytest.importorskip("torch")

QUESTIONS = {"en": "We have 300 examples. Should we fine-tune?", "zh": "我们有三百条数据,需要微调吗?"}


def req(lang: str = "en", adapter: str | None = None) -> GenerationRequest:
    return GenerationRequest(question=QUESTIONS[lang], lang=lang, draft="d", recommendation=None, adapter=adapter)


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory) -> Path:
    return save_tiny(tmp_path_factory.mktemp("models") / "tiny-qwen2")


@pytest.fixture(scope="module")
def random_adapter(tiny_dir, tmp_path_factory) -> Path:
    """A LoRA adapter with random (non-zero) weights: it must change what the model says."""
    from peft import LoraConfig, get_peft_model

    model, _ = load_causal_lm(str(tiny_dir), "cpu")
    peft_model = get_peft_model(model, LoraConfig(r=4, lora_alpha=64, target_modules=["q_proj", "v_proj"],
                                                  init_lora_weights=False))
    folder = tmp_path_factory.mktemp("adapters") / "random-lora"
    peft_model.save_pretrained(folder, safe_serialization=True)
    (folder / "card.json").write_text(json.dumps({"base_model": str(tiny_dir), "prompt_style": "question"}))
    return folder


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_cache()
    yield
    clear_cache()


def local(folder: Path, max_new_tokens: int = 12) -> LocalHFBackend:
    model, tokenizer = load_causal_lm(str(folder), "cpu")
    return LocalHFBackend(model, tokenizer, "cpu", max_new_tokens)


ANSWERS = {"en": "Recommendation: lora", "zh": "建议：lora"}


@pytest.fixture(scope="module")
def taught_dir(tmp_path_factory) -> Path:
    """A tiny model taught one answer per language for exactly the prompts the backend builds."""
    from tiny_models import teach, tiny_model, tiny_tokenizer

    from bot.backends.prompting import build_prompt

    tokenizer = tiny_tokenizer()
    model = tiny_model(tokenizer, hidden=64)
    assert teach(model, tokenizer, [(build_prompt(req(lang), tokenizer), ANSWERS[lang]) for lang in ANSWERS]) < 0.05
    folder = tmp_path_factory.mktemp("taught") / "model"
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_local_backend_answers_in_each_language(taught_dir, lang):
    backend = local(taught_dir, max_new_tokens=24)
    assert backend.generate(req(lang)) == ANSWERS[lang]
    assert "".join(backend.stream(req(lang))) == ANSWERS[lang]


@pytest.mark.parametrize("kind", ["gpt2", "llama"])
def test_other_architectures_and_plain_prompts_work(tmp_path, kind):
    backend = local(save_tiny(tmp_path / kind, kind=kind, chat=kind == "llama"))
    answer = backend.generate(req("zh"))
    assert isinstance(answer, str)
    assert "".join(backend.stream(req("zh"))).strip() == answer  # greedy: the same text both ways


def test_adapter_switches_per_request_without_reloading_the_base(tiny_dir, random_adapter):
    backend = local(tiny_dir)
    base_before = backend.generate(req())
    with_adapter = backend.generate(req(adapter=str(random_adapter)))
    base_after = backend.generate(req())
    assert with_adapter != base_before
    assert base_after == base_before  # the adapter is switched off, not merged
    assert backend.adapters == [str(random_adapter.resolve())]
    many = backend.generate_many([req(), req(adapter=str(random_adapter)), req("zh")], batch_size=2)
    assert many[0] == base_before and many[1] == with_adapter


def test_pickle_only_adapter_is_refused(tiny_dir, tmp_path):
    folder = tmp_path / "pickled"
    folder.mkdir()
    (folder / "adapter_config.json").write_text(json.dumps({"base_model_name_or_path": str(tiny_dir)}))
    (folder / "adapter_model.bin").write_bytes(b"\x80\x04not really a pickle")
    with pytest.raises(BackendError, match="found adapter_model.bin.*safetensors only"):
        local(tiny_dir).load_adapter(folder)
    with pytest.raises(BackendError, match="safetensors only"):
        load_adapter_backend(folder, Settings(adapters_dir=tmp_path))


def test_model_folder_without_safetensors_is_refused(tmp_path):
    folder = tmp_path / "bin-model"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    (folder / "pytorch_model.bin").write_bytes(b"x")
    with pytest.raises(BackendError, match="safetensors only"):
        load_causal_lm(str(folder))


def test_hub_id_unavailable_offline_fails_clearly_and_factory_falls_back(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    with pytest.raises(ModelUnavailable, match="not in the local Hugging Face cache.*ADVISOR_MODEL"):
        load_causal_lm("no-such-org/no-such-model-123")
    backend, warning = load_backend(Settings(backend="transformers", model="no-such-org/no-such-model-123"))
    assert isinstance(backend, TemplateBackend)
    assert "ADVISOR_MODEL" in warning and "no-such-model-123" in warning


def test_factory_builds_each_backend(tiny_dir, tmp_path):
    assert load_backend(Settings())[1] is None and isinstance(load_backend(Settings())[0], TemplateBackend)
    openai, warning = load_backend(Settings(backend="openai", model="m"))
    assert warning is None and openai.name == "openai"
    backend, warning = load_backend(Settings(backend="transformers", model=str(tiny_dir), device="cpu"))
    assert warning is None and isinstance(backend, LocalHFBackend)
    again, _ = load_backend(Settings(backend="transformers", model=str(tiny_dir), device="cpu"))
    assert again is backend  # cached: loaded once
    missing, warning = load_backend(Settings(backend="transformers", model=str(tmp_path / "nowhere")))
    assert isinstance(missing, TemplateBackend) and "ADVISOR_MODEL" in warning


def test_pocket_backend_needs_the_built_model_then_loads_it(tiny_dir, random_adapter, tmp_path):
    backend, warning = load_backend(Settings(backend="pocket", adapters_dir=tmp_path))
    assert isinstance(backend, TemplateBackend) and "train_pocket.py" in warning
    save_tiny(tmp_path / "pocket" / "base")
    lora = tmp_path / "pocket" / "advice-lora"
    shutil.copytree(random_adapter, lora)
    (lora / "card.json").write_text(json.dumps({"base_model": "../base", "prompt_style": "question"}))
    backend, warning = load_backend(Settings(backend="pocket", adapters_dir=tmp_path, max_new_tokens=5))
    assert warning is None and backend.name == "transformers"  # the pocket model runs on transformers
    assert backend.adapters == [str(lora.resolve())]
    assert isinstance(backend.generate(req("zh", adapter="pocket/advice-lora")), str)


@pytest.mark.skipif(__import__("torch").cuda.is_available(), reason="checks the no-GPU message")
def test_cuda_device_without_gpu_falls_back_with_a_message(tiny_dir):
    backend, warning = load_backend(Settings(backend="transformers", model=str(tiny_dir), device="cuda"))
    assert isinstance(backend, TemplateBackend) and "ADVISOR_DEVICE" in warning


def test_adapter_backend_finds_its_base_from_the_card(random_adapter, tmp_path):
    settings = Settings(adapters_dir=random_adapter.parent, max_new_tokens=6)
    backend = load_adapter_backend(Path(random_adapter.name), settings)  # a name under adapters_dir
    assert backend.adapters == [str(random_adapter.resolve())]
    assert load_adapter_backend(random_adapter, settings) is backend  # same base: cached
    answer = backend.generate(dataclasses.replace(req(), adapter=random_adapter.name))
    assert isinstance(answer, str)


def test_adapter_backend_with_missing_base_says_so(random_adapter, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("adapter_config.json", "adapter_model.safetensors"):
        (broken / name).write_bytes((random_adapter / name).read_bytes())
    (broken / "card.json").write_text(json.dumps({"base_model": "../gone-model"}))
    with pytest.raises(BackendError, match="gone-model.*does not exist"):
        load_adapter_backend(broken, Settings(adapters_dir=tmp_path))


def test_an_adapter_trained_on_the_reading_is_shown_it_and_the_base_is_not(tiny_dir, random_adapter, tmp_path):
    lora = tmp_path / "reading-lora"
    shutil.copytree(random_adapter, lora)
    (lora / "card.json").write_text(json.dumps({"base_model": str(tiny_dir), "prompt_style": "reading"}))
    backend = local(tiny_dir)
    request = dataclasses.replace(req(), reading="examples=300; needs_format=yes", recommendation=None)
    with_adapter = backend._prompt(dataclasses.replace(request, adapter=str(lora)))
    assert "Read: examples=300; needs_format=yes" in with_adapter
    assert with_adapter.index("Read:") < with_adapter.index(QUESTIONS["en"])
    assert "You are an advisor" not in with_adapter  # like "bare": no system prompt
    assert "Read:" not in backend._prompt(dataclasses.replace(request, adapter=str(random_adapter)))  # "question"
