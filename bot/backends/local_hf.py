"""A local causal LM (transformers) with peft adapters switched on or off per request.

Safety: ``trust_remote_code=False`` and safetensors only, for base models and adapters alike.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from bot.backends.base import GenerationRequest
from bot.backends.prompting import build_prompt
from bot.errors import BackendError, ModelUnavailable

log = logging.getLogger(__name__)

_STOP_TOKENS = ("<|im_end|>", "<|endoftext|>", "<|eot_id|>", "</s>", "<end_of_turn>")


def pick_device(device: str) -> str:
    """``auto`` -> cuda when a GPU is visible, else cpu; ``cuda`` without a GPU is an error."""
    import torch

    device = (device or "auto").lower()
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise BackendError("ADVISOR_DEVICE is 'cuda' but no CUDA GPU is visible; set ADVISOR_DEVICE=cpu or auto")
    if device not in ("cpu", "mps") and not device.startswith("cuda"):
        raise BackendError(f"ADVISOR_DEVICE must be auto, cpu or cuda, got {device!r}")
    return device


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def _checkpoint_dtype(path: Path) -> str:
    """The dtype a local checkpoint was saved in (config.json), or "" when unknown."""
    try:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    return str(config.get("dtype") or config.get("torch_dtype") or "") if isinstance(config, dict) else ""


def pick_dtype(device: str, dtype: str = "auto", path: Path | None = None) -> Any:
    """The torch dtype to load in. ``auto``: bf16 (or fp16) on CUDA; on CPU the checkpoint's own bf16 when it
    has one (measured: Gemma 3 270M greedy decoding 16 tokens/s in bf16 vs 12 in float32), else float32."""
    import torch

    if dtype != "auto":
        return {"float32": torch.float32, "bfloat16": torch.bfloat16}[dtype]
    if device.startswith("cuda"):
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if path is not None and _checkpoint_dtype(path) == "bfloat16":
        return torch.bfloat16
    return torch.float32


def load_causal_lm(model_id: str, device: str = "cpu", dtype: str = "auto") -> tuple[Any, Any]:
    """(model, tokenizer) from a local folder or a hub id (cache only when HF_HUB_OFFLINE=1)."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    if not log.isEnabledFor(logging.INFO):
        hf_logging.disable_progress_bar()  # "Loading weights" bars only with -v
    path = Path(model_id).expanduser()
    if path.is_dir() and not any(path.glob("*.safetensors")):
        raise BackendError(
            f"model folder {str(path)!r} has no .safetensors weights: models load from safetensors only; "
            f"convert the checkpoint or set ADVISOR_MODEL to another folder"
        )
    source = str(path) if path.is_dir() else model_id
    kwargs: dict[str, Any] = {"trust_remote_code": False, "local_files_only": path.is_dir() or _offline()}
    torch_dtype = pick_dtype(device, dtype, path if path.is_dir() else None)
    try:
        tokenizer = AutoTokenizer.from_pretrained(source, **kwargs)
        model = AutoModelForCausalLM.from_pretrained(source, dtype=torch_dtype, use_safetensors=True, **kwargs)
        model.to(device)
    except torch.cuda.OutOfMemoryError as exc:
        raise BackendError(
            f"model {model_id!r} does not fit in GPU memory; set ADVISOR_DEVICE=cpu or a smaller ADVISOR_MODEL"
        ) from exc
    except (OSError, ValueError) as exc:
        where = "is not a local folder and is not in the local Hugging Face cache" if _offline() else \
            "cannot be loaded"
        raise ModelUnavailable(
            f"model {model_id!r} {where} ({str(exc).splitlines()[0][:160]}); set ADVISOR_MODEL to a "
            f"local model folder, download it first, or set ADVISOR_BACKEND=template"
        ) from exc
    model.eval()
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    return model, tokenizer


class LocalHFBackend:
    """Greedy generation from a causal LM; ``request.adapter`` (a folder) selects a peft adapter."""

    def __init__(self, model: Any, tokenizer: Any, device: str = "cpu", max_new_tokens: int = 256,
                 name: str = "transformers", adapters_dir: Path | None = None):
        self.model = model
        self.tokenizer = tokenizer
        self.device = device
        self.max_new_tokens = max_new_tokens
        self.name = name
        self.adapters_dir = adapters_dir  # where adapter names like "pocket/advice-lora" are looked up
        self._adapters: dict[str, tuple[str, Any]] = {}  # resolved folder -> (peft name, AdapterInfo)
        self._lock = threading.RLock()  # the active adapter is model-wide state

    # --- adapters ---------------------------------------------------------------------------------
    def load_adapter(self, folder: str | Path) -> str:
        """Load an adapter folder once (safetensors only); returns its peft adapter name."""
        from adapters.registry import resolve_adapter, validate_adapter

        info = validate_adapter(resolve_adapter(folder, self.adapters_dir))
        key = str(info.path)
        with self._lock:
            if key in self._adapters:
                return self._adapters[key][0]
            peft_name = f"adapter{len(self._adapters)}"
            try:
                if not self._adapters:
                    PeftModel = import_peft().PeftModel  # noqa: N806 (a class)
                    self.model = PeftModel.from_pretrained(self.model, key, adapter_name=peft_name)
                else:
                    self.model.load_adapter(key, adapter_name=peft_name)
            except (RuntimeError, ValueError, KeyError, OSError) as exc:
                raise BackendError(
                    f"adapter {key!r} does not fit the loaded model (it was trained on "
                    f"{info.base_model!r}): {str(exc).splitlines()[0][:160]}"
                ) from exc
            self.model.eval()
            self._adapters[key] = (peft_name, info)
            log.info("loaded adapter %s as %s", key, peft_name)
            return peft_name

    @property
    def adapters(self) -> list[str]:
        return list(self._adapters)

    def _activate(self, adapter: str | None):
        """A context manager: the adapter on (loaded if needed), or every adapter off."""
        import contextlib

        if not adapter:
            return self.model.disable_adapter() if self._adapters else contextlib.nullcontext()
        peft_name = self.load_adapter(adapter)
        self.model.set_adapter(peft_name, inference_mode=True)
        return contextlib.nullcontext()

    def _prompt(self, request: GenerationRequest) -> str:
        include_decision, include_system, include_reading, passage_chars = True, True, False, None
        if request.adapter:
            from adapters.registry import resolve_adapter, validate_adapter

            folder = resolve_adapter(request.adapter, self.adapters_dir)
            info = self._adapters[str(folder)][1] if str(folder) in self._adapters else validate_adapter(folder)
            # reproduce the adapter's training prompt: "full" has the advisor's decision, "question" only the
            # system prompt and the question, "bare" the question alone, "reading" the facts the advisor read
            # and the question (passages, when RAG is on, in each)
            include_decision = info.prompt_style not in ("question", "bare", "reading")
            include_system = info.prompt_style not in ("bare", "reading")
            include_reading = info.prompt_style == "reading"
            passage_chars = info.card.get("max_passage_chars")  # passages as long as in training
        return build_prompt(request, self.tokenizer, include_decision=include_decision,
                            max_passage_chars=passage_chars, include_system=include_system,
                            include_reading=include_reading)

    # --- generation -------------------------------------------------------------------------------
    def _stop_ids(self) -> list[int]:
        ids = {self.tokenizer.eos_token_id}
        vocab = self.tokenizer.get_vocab()
        ids.update(vocab[t] for t in _STOP_TOKENS if t in vocab)
        return sorted(i for i in ids if i is not None)

    def _generation_config(self):
        from transformers import GenerationConfig

        return GenerationConfig(max_new_tokens=self.max_new_tokens, do_sample=False,
                                pad_token_id=self.tokenizer.pad_token_id, eos_token_id=self._stop_ids())

    def _encode(self, prompts: Sequence[str]) -> dict:
        limit = getattr(self.model.config, "max_position_embeddings", None) or 1_000_000
        room = max(8, limit - self.max_new_tokens)
        enc = self.tokenizer(list(prompts), return_tensors="pt", padding=True, padding_side="left",
                             add_special_tokens=False, verbose=False)
        if enc["input_ids"].shape[1] > room:  # keep the end: the question and the assistant cue
            log.info("prompt of %d tokens cut to the last %d", enc["input_ids"].shape[1], room)
            enc = {k: v[:, -room:] for k, v in enc.items()}
        return {k: v.to(self.device) for k, v in enc.items()}

    def _run(self, enc: dict, **kwargs: Any) -> Any:
        import torch

        try:
            with torch.no_grad():
                return self.model.generate(**enc, generation_config=self._generation_config(), **kwargs)
        except torch.cuda.OutOfMemoryError as exc:
            raise BackendError("the GPU ran out of memory while generating; lower ADVISOR_MAX_NEW_TOKENS, "
                               "use a smaller ADVISOR_MODEL or ADVISOR_DEVICE=cpu") from exc

    def generate_many(self, requests: Sequence[GenerationRequest], batch_size: int = 8) -> list[str]:
        """Answers in order, batching requests that use the same adapter (faster for evaluations)."""
        answers: list[str] = [""] * len(requests)
        groups: dict[str | None, list[int]] = {}
        for i, request in enumerate(requests):
            groups.setdefault(request.adapter or None, []).append(i)
        for adapter, indices in groups.items():
            for start in range(0, len(indices), batch_size):
                chunk = indices[start : start + batch_size]
                with self._lock, self._activate(adapter):
                    enc = self._encode([self._prompt(requests[i]) for i in chunk])
                    out = self._run(enc)
                new = out[:, enc["input_ids"].shape[1]:]
                for i, ids in zip(chunk, new, strict=True):
                    answers[i] = self.tokenizer.decode(ids, skip_special_tokens=True).strip()
        return answers

    def generate(self, request: GenerationRequest) -> str:
        return self.generate_many([request])[0]

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        from transformers import TextIteratorStreamer

        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True)
        failure: list[BaseException] = []

        def work() -> None:
            try:
                with self._lock, self._activate(request.adapter):
                    self._run(self._encode([self._prompt(request)]), streamer=streamer)
            except BaseException as exc:  # re-raised in the caller's thread below
                failure.append(exc)
                streamer.end()

        thread = threading.Thread(target=work, daemon=True)
        thread.start()
        for piece in streamer:
            if piece:
                yield piece
        thread.join()
        if failure:
            raise failure[0]



def import_peft():
    """peft, told that bitsandbytes is absent. peft imports bitsandbytes whenever it is installed (``peft/helpers.py``,
    and ``lora/model.py`` on every adapter load), and bitsandbytes warns about missing CPU kernels as it loads.
    Adapters are served on a 16-bit base, so 4-bit support is never needed here; QLoRA training
    (``adapters.qlora``, another process) imports bitsandbytes itself."""
    import sys

    if "peft" in sys.modules:
        import peft

        return peft
    hidden = "bitsandbytes" not in sys.modules
    if hidden:
        sys.modules["bitsandbytes"] = None  # `import bitsandbytes` fails and find_spec finds nothing
    try:
        import peft
        from peft import import_utils

        import_utils.is_bnb_available()  # cached: later adapter loads skip the bitsandbytes layers
        import_utils.is_bnb_4bit_available()
    finally:
        if hidden and sys.modules.get("bitsandbytes", 0) is None:
            del sys.modules["bitsandbytes"]
    return peft
