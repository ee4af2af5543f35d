"""Adapter training (LoRA on a tiny model), its saved folder, QLoRA guards, registry and evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tiny_models import save_tiny, stub_advisor

from adapters.config import TrainConfig
from adapters.dataset import build_dataset, data_hash
from adapters.evaluate import evaluate, format_table, save_json, score
from adapters.registry import list_adapters, validate_adapter
from bot.backends.base import GenerationRequest
from bot.errors import BotError, ConfigError
from bot.types import Reason, Recommendation
from knowledge.types import Chunk, Hit

torch = pytest.importorskip("torch")


@pytest.fixture(scope="module")
def data():
    return build_dataset(40, seed=0, val_fraction=0.2, advisor=stub_advisor)


@pytest.fixture(scope="module")
def base_dir(tmp_path_factory) -> Path:
    return save_tiny(tmp_path_factory.mktemp("base") / "tiny")


def config(base_dir: Path, out: Path, **kw) -> TrainConfig:
    values = dict(base_model=str(base_dir), output_dir=out, r=8, alpha=16, epochs=2, lr=1e-2, batch_size=8,
                  max_length=256, warmup_steps=1, device="cpu", seed=0)
    values.update(kw)
    return TrainConfig(**values)


@pytest.fixture(scope="module")
def trained(base_dir, data, tmp_path_factory):
    from adapters.train import train_adapter

    out = tmp_path_factory.mktemp("out") / "advice-lora"
    train, val = data
    return train_adapter(config(base_dir, out), train, val, data_hash=data_hash(train, val), progress=False)


# --- configuration ------------------------------------------------------------------------------------


@pytest.mark.parametrize("field,value,message", [
    ("r", 0, "rank r must be a positive integer, got 0"),
    ("alpha", -1, "alpha must be positive, got -1"),
    ("dropout", 1.0, r"dropout must be in \[0, 1\), got 1.0"),
    ("target_modules", (), "target_modules must be a non-empty tuple"),
    ("target_modules", "q_proj", "target_modules must be a non-empty tuple of module names, got 'q_proj'"),
    ("epochs", 0, "epochs must be a positive integer, got 0"),
    ("lr", 2.0, r"learning rate lr must be in \(0, 1\), got 2.0"),
    ("batch_size", 0, "batch_size must be a positive integer, got 0"),
    ("max_length", 8, "max_length must be an integer of at least 16 tokens, got 8"),
    ("seed", -1, "seed must be a non-negative integer, got -1"),
    ("qlora", "yes", "qlora must be true or false, got 'yes'"),
    ("val_fraction", 0.0, r"val_fraction must be in \(0, 1\), got 0.0"),
    ("device", "tpu", "device must be auto, cpu or cuda, got 'tpu'"),
])
def test_train_config_names_the_bad_value(tmp_path, field, value, message):
    with pytest.raises(ConfigError, match=message):
        TrainConfig(base_model="m", output_dir=tmp_path, **{field: value})


def test_train_config_accepts_lists_and_strings_for_paths(tmp_path):
    c = TrainConfig(base_model="m", output_dir=str(tmp_path), target_modules=["q_proj"])
    assert c.output_dir == tmp_path and c.target_modules == ("q_proj",)
    assert json.loads(json.dumps(c.to_json()))["target_modules"] == ["q_proj"]


# --- training -----------------------------------------------------------------------------------------


def test_training_lowers_the_validation_loss(trained):
    assert trained.steps == 2 * 4  # 32 training records, batch 8, 2 epochs
    assert trained.val_losses[-1] < trained.val_loss_before
    assert trained.train_losses[-1] < trained.train_losses[0]
    assert not trained.interrupted


def test_adapter_folder_is_safetensors_with_a_card(trained, base_dir, data):
    folder = trained.output_dir
    assert sorted(p.name for p in folder.iterdir()) == ["adapter_config.json", "adapter_model.safetensors",
                                                        "card.json"]
    card = json.loads((folder / "card.json").read_text())
    assert card["data_hash"] == data_hash(*data) and card["prompt_style"] == "question"
    assert card["hyperparameters"]["r"] == 8 and card["metrics"]["steps"] == 8
    assert card["metrics"]["val_loss"][-1] == round(trained.val_losses[-1], 4)
    info = validate_adapter(folder)
    assert not Path(info.base_model).is_absolute()  # stored relative: the pair can move together
    assert info.base_model_path == str(base_dir.resolve())
    config = json.loads((folder / "adapter_config.json").read_text())
    assert config["base_model_name_or_path"] == info.base_model


def test_adapter_reloads_and_changes_the_output(trained, data):
    from peft import PeftModel

    from adapters.train import training_prompt
    from bot.backends.local_hf import load_causal_lm

    model, tokenizer = load_causal_lm(validate_adapter(trained.output_dir).base_model_path)
    ids = tokenizer(training_prompt(data[1][0], tokenizer), return_tensors="pt")
    with torch.no_grad():
        base = model(**ids).logits
        tuned_model = PeftModel.from_pretrained(model, str(trained.output_dir))
        tuned = tuned_model(**ids).logits
        with tuned_model.disable_adapter():
            switched_off = tuned_model(**ids).logits
    assert not torch.allclose(base, tuned, atol=1e-3)
    assert torch.allclose(base, switched_off, atol=1e-5)


def test_adapter_backend_serves_the_trained_adapter(trained, data):
    from bot.backends.factory import clear_cache, load_adapter_backend
    from bot.settings import Settings

    clear_cache()
    backend = load_adapter_backend(trained.output_dir, Settings(max_new_tokens=4))
    record = data[1][0]
    request = GenerationRequest(question=record["question"], lang=record["lang"], draft="", recommendation=None,
                                adapter=str(trained.output_dir))
    assert isinstance(backend.generate(request), str)
    assert backend.adapters == [str(trained.output_dir.resolve())]
    clear_cache()


def test_ctrl_c_keeps_the_last_finished_epoch(base_dir, data, tmp_path):
    from adapters.train import train_adapter

    def interrupt_in_second_epoch(step, loss):
        if step == 6:
            raise KeyboardInterrupt

    result = train_adapter(config(base_dir, tmp_path / "a"), *data, progress=False, on_step=interrupt_in_second_epoch)
    card = json.loads((tmp_path / "a" / "card.json").read_text())
    assert result.interrupted and card["interrupted"] is True
    assert card["metrics"]["epochs_finished"] == 1 and len(result.val_losses) == 1
    assert (tmp_path / "a" / "adapter_model.safetensors").is_file()

    def interrupt_at_once(step, loss):
        raise KeyboardInterrupt

    with pytest.raises(BotError, match="before the first epoch finished"):
        train_adapter(config(base_dir, tmp_path / "b", epochs=1), *data, progress=False, on_step=interrupt_at_once)
    assert not (tmp_path / "b").exists()


def test_unknown_target_modules_are_a_clear_error(base_dir, data, tmp_path):
    from adapters.train import train_adapter

    with pytest.raises(BotError, match="target_modules .*no_such_proj"):
        train_adapter(config(base_dir, tmp_path / "x", target_modules=("no_such_proj",)), *data, progress=False)


# --- QLoRA --------------------------------------------------------------------------------------------


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks the message shown without a GPU")
def test_qlora_without_cuda_says_what_to_do(base_dir, data, tmp_path):
    from adapters.train import train_adapter

    with pytest.raises(BotError, match="QLoRA needs a CUDA GPU.*leave out --qlora"):
        train_adapter(config(base_dir, tmp_path / "q", qlora=True), *data, progress=False)


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="QLoRA needs CUDA")
def test_qlora_trains_a_4bit_base_on_gpu(base_dir, data, tmp_path):
    pytest.importorskip("bitsandbytes")
    from adapters.train import train_adapter

    result = train_adapter(config(base_dir, tmp_path / "q", qlora=True, epochs=1), *data, progress=False)
    assert (tmp_path / "q" / "adapter_model.safetensors").is_file()
    assert result.card["hyperparameters"]["qlora"] is True


def _train_script():
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "scripts" / "train_adapter.py"
    spec = importlib.util.spec_from_file_location("train_adapter_script", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _own_file(tmp_path: Path) -> Path:
    rows = [{"messages": [{"role": "user", "content": f"Say {w}."}, {"role": "assistant", "content": w}]}
            for w in ("lora", "rag", "qlora", "prompt")]
    rows += [{"prompt": f"Pick {w}", "response": f"Recommendation: {w}"} for w in ("hybrid", "lora")]
    path = tmp_path / "mine.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_script_trains_on_a_users_own_file(base_dir, tmp_path, capsys):
    out = tmp_path / "mine-lora"
    code = _train_script().main(["--base", str(base_dir), "--out", str(out), "--train-file", str(_own_file(tmp_path)),
                                 "--epochs", "1", "--batch-size", "2", "--device", "cpu", "--val-fraction", "0.34",
                                 "--threads", "1", "-q"])
    assert code == 0, capsys.readouterr().err
    card = json.loads((out / "card.json").read_text())
    assert card["format"] == "custom" and card["data"]["source"] == "mine.jsonl" and len(card["data_hash"]) == 16
    assert card["metrics"]["train_examples"] == 4 and card["metrics"]["val_examples"] == 2
    assert card["metrics"]["peak_rss_mb"] > 0 and card["hyperparameters"]["threads"] == 1
    assert (out / "adapter_model.safetensors").is_file() and "terms" not in card  # not a Gemma base


def test_script_resumes_a_saved_adapter_and_keeps_its_history(base_dir, tmp_path, capsys):
    first, second = tmp_path / "first", tmp_path / "second"
    common = ["--base", str(base_dir), "--train-file", str(_own_file(tmp_path)), "--epochs", "1", "--batch-size", "2",
              "--device", "cpu", "--lr", "0.01", "-q"]
    assert _train_script().main([*common, "--out", str(first)]) == 0, capsys.readouterr().err
    assert _train_script().main([*common, "--out", str(second), "--resume", str(first)]) == 0, capsys.readouterr().err
    before, after = (json.loads((d / "card.json").read_text()) for d in (first, second))
    assert after["earlier_runs"][0]["metrics"] == before["metrics"]
    # training went on from the saved weights: the second run starts where the first one ended
    assert after["metrics"]["val_loss_before"] == pytest.approx(before["metrics"]["val_loss"][-1], rel=1e-3)


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks the message shown without a GPU")
def test_script_qlora_without_cuda_says_what_to_do(base_dir, tmp_path, capsys):
    code = _train_script().main(["--base", str(base_dir), "--out", str(tmp_path / "q"), "--qlora",
                                 "--train-file", str(_own_file(tmp_path)), "-q"])
    assert code == 1 and "QLoRA needs a CUDA GPU" in capsys.readouterr().err
    assert not (tmp_path / "q").exists()


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="QLoRA needs CUDA")
def test_script_qlora_trains_on_gpu_and_reports_gpu_memory(base_dir, tmp_path, capsys):
    pytest.importorskip("bitsandbytes")
    out = tmp_path / "q"
    code = _train_script().main(["--base", str(base_dir), "--out", str(out), "--qlora", "--epochs", "1",
                                 "--train-file", str(_own_file(tmp_path)), "--batch-size", "2", "-q"])
    assert code == 0, capsys.readouterr().err
    card = json.loads((out / "card.json").read_text())
    assert card["hyperparameters"]["qlora"] is True and card["metrics"]["peak_gpu_mb"] > 0


# --- registry and evaluation ---------------------------------------------------------------------------


def test_registry_lists_valid_adapters_only(trained, tmp_path):
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "adapter_config.json").write_text("{}")
    found = list_adapters(trained.output_dir.parent)
    assert [a.name for a in found] == ["advice-lora"]
    assert list_adapters(tmp_path) == [] and list_adapters(tmp_path / "missing") == []


class EchoBackend:
    """Answers the advisor's own text for even-numbered questions, chatter otherwise; records requests."""

    name = "echo"

    def __init__(self, records):
        self.answers = {r["question"]: r["answer"] for r in records}
        self.order = [r["question"] for r in records]
        self.seen: list[GenerationRequest] = []

    def generate(self, request):
        self.seen.append(request)
        good = self.order.index(request.question) % 2 == 0 and request.adapter
        return self.answers[request.question] if good else "LoRA, probably."


def test_evaluate_scores_format_and_agreement_with_and_without_rag(data, tmp_path):
    val = data[1]
    backend = EchoBackend(val)
    passage = Hit(Chunk(id=0, text="passage", source="a.md", title="A", position=0, lang="en"), 1.0)
    results = evaluate(backend, val, adapter="some/adapter", retrieve=lambda q: [passage], limit=6)
    assert [r.mode for r in results] == ["base", "adapter", "base+rag", "adapter+rag"]
    by_mode = {r.mode: r for r in results}
    assert by_mode["base"].format_adherence == 0.0
    assert by_mode["adapter"].format_adherence == 0.5 and by_mode["adapter"].agreement == 0.5
    assert all(r.n == 6 for r in results)
    rag_requests = [r for r in backend.seen if r.passages]
    assert len(rag_requests) == 12 and all(r.passages == (passage,) for r in rag_requests)
    table = format_table(results)
    assert "LoRA + RAG" in table and "50.0%" in table
    saved = json.loads(save_json(results, tmp_path / "eval.json", adapter="x").read_text())
    assert saved["adapter"] == "x" and saved["results"][1]["agreement"] == 0.5


def test_score_counts_a_wrong_label_as_disagreement():
    records = [{"label": "rag", "lang": "en"}, {"label": "lora", "lang": "zh"}]
    reply = "Recommendation: lora\nWhy: a\nNext steps: b\nCost: c\nSources: d"
    result = score("adapter", records, [reply, reply], [0.01, 0.03])
    assert (result.format_adherence, result.agreement, result.ms_per_answer) == (1.0, 0.5, 20.0)
    assert result.by_lang == {"en": {"n": 1, "format_adherence": 1.0, "agreement": 0.0, "n_labelled": 1},
                              "zh": {"n": 1, "format_adherence": 1.0, "agreement": 1.0, "n_labelled": 1}}


def test_agreement_skips_undecided_questions_and_figures_are_checked_against_sources():
    from adapters.evaluate import label_questions

    def advisor(q, lang):
        return None if "hello" in q else Recommendation(label="lora", reasons=(Reason("800 examples fit LoRA", "d.md"),))

    records = label_questions([{"id": 1, "lang": "en", "q": "We have 800 examples"}, {"id": 2, "lang": "en", "q": "hello"}],
                              advisor)
    assert [r["label"] for r in records] == ["lora", None] and "800 examples fit LoRA" in records[0]["answer"]
    replies = ["Recommendation: lora\nWhy: 800 examples, 24 GB\nNext steps: b\nCost: c\nSources: d",
               "Recommendation: rag\nWhy: 3 reasons\nNext steps: b\nCost: c\nSources: d"]
    result = score("adapter", records, replies, [1.0, 1.0])
    assert result.n_labelled == 1 and result.agreement == 1.0 and result.format_adherence == 1.0
    # 800 is in the question, 24 and 3 are in no source
    assert result.figures_stated == 3 and result.figures_grounded == round(1 / 3, 4)


# --- pocket model ---------------------------------------------------------------------------------------


def test_pocket_build_writes_small_safetensors_folders_and_scores(tmp_path):
    from adapters.pocket import PocketConfig, build_pocket
    from bot.backends.factory import clear_cache, load_backend
    from bot.settings import Settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.md").write_text("---\ntitle: t\n---\n# LoRA\nLoRA trains a small adapter. 低秩适配器。\n")
    config = PocketConfig(vocab_size=400, hidden=32, layers=1, intermediate=64, context=320, block=64,
                          n_examples=24, pretrain_steps=3, pretrain_batch=4, lora_r=4, lora_alpha=8, lora_epochs=1,
                          lora_batch=8, eval_limit=4, max_new_tokens=4)
    summary = build_pocket(tmp_path / "adapters" / "pocket", corpus, config, advisor=stub_advisor,
                           data_dir=tmp_path / "data", progress=False)
    base, lora = tmp_path / "adapters" / "pocket" / "base", tmp_path / "adapters" / "pocket" / "advice-lora"
    assert {"config.json", "model.safetensors", "tokenizer.json", "card.json"} <= {p.name for p in base.iterdir()}
    assert not list(base.glob("*.bin")) and (lora / "adapter_model.safetensors").is_file()
    card = json.loads((lora / "card.json").read_text())
    assert card["base_model"] == "../base"
    assert [r["mode"] for r in card["evaluation"]["results"]] == ["base", "adapter"]
    assert set(summary["scores"]) == {"base", "adapter"} and summary["base_mb"] < 1
    assert (tmp_path / "data" / "val.jsonl").is_file()
    clear_cache()
    backend, warning = load_backend(Settings(backend="pocket", adapters_dir=tmp_path / "adapters", max_new_tokens=4))
    assert warning is None and backend.adapters == [str(lora.resolve())]
    clear_cache()


def test_evaluate_can_score_only_the_adapter_columns_and_passes_the_reading(data):
    val = [dict(r, reading="examples=3000; needs_format=yes") for r in data[1]]
    backend = EchoBackend(val)
    results = evaluate(backend, val, adapter="some/adapter", retrieve=lambda q: [], limit=4,
                       columns=["adapter", "adapter+rag"])
    assert [r.mode for r in results] == ["adapter", "adapter+rag"]
    assert all(r.adapter == "some/adapter" for r in backend.seen)
    assert {r.reading for r in backend.seen} == {"examples=3000; needs_format=yes"}
