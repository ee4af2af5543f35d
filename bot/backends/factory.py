"""Build the generation backend named by the settings; never crash the app over a model that will not load."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from bot.backends.base import Backend, TemplateBackend
from bot.errors import BackendError, BotError

log = logging.getLogger(__name__)

POCKET_DIR = "pocket"  # under settings.adapters_dir: base/ and advice-lora/

_CACHE: dict[tuple[str, str], Backend] = {}  # (model path or id, device) -> loaded backend
_CACHE_LOCK = threading.Lock()


def pocket_paths(settings) -> tuple[Path, Path]:
    """(base model folder, advice adapter folder) of the pocket model."""
    root = Path(settings.adapters_dir) / POCKET_DIR
    return root / "base", root / "advice-lora"


def resolve_model(model_id: str, settings) -> str:
    """A model name as a loadable path: the packaged Gemma 3 270M (set up on first use) for its names and
    for an empty name; anything else unchanged."""
    from bot.backends import gemma

    if not str(model_id).strip() or gemma.is_gemma(model_id):
        return str(gemma.ensure_model(settings.data_dir, threads=settings.threads))
    return model_id


def _local_backend(model_id: str, settings, name: str):
    """A cached LocalHFBackend for ``model_id`` on the configured device."""
    import torch

    from bot.backends.local_hf import LocalHFBackend, load_causal_lm, pick_device

    if settings.threads:
        torch.set_num_threads(settings.threads)  # process-wide; see Settings.threads
    device = pick_device(settings.device)
    model_id = resolve_model(model_id, settings)
    path = Path(model_id).expanduser()
    key = (str(path.resolve()) if path.exists() else model_id, device)
    with _CACHE_LOCK:
        backend = _CACHE.get(key)
        if backend is None:
            log.info("loading model %s on %s", key[0], device)
            model, tokenizer = load_causal_lm(key[0], device)
            backend = LocalHFBackend(model, tokenizer, device, settings.max_new_tokens, name=name,
                                     adapters_dir=Path(settings.adapters_dir))
            _CACHE[key] = backend
    backend.max_new_tokens = settings.max_new_tokens
    return backend


def clear_cache() -> None:
    """Forget loaded models (tests; switching models in a long-lived process)."""
    with _CACHE_LOCK:
        _CACHE.clear()


def _build(settings) -> Backend:
    if settings.backend == "template":
        return TemplateBackend()
    if settings.backend == "openai":
        from bot.backends.openai_compat import OpenAICompatBackend

        return OpenAICompatBackend.from_settings(settings)
    if settings.backend == "transformers":  # no ADVISOR_MODEL: the packaged Gemma 3 270M
        backend = _local_backend(settings.model, settings, "transformers")
        if settings.adapter:
            from adapters.registry import resolve_adapter

            backend.load_adapter(resolve_adapter(settings.adapter, settings.adapters_dir))
        return backend
    if settings.backend == "pocket":
        base, adapter = pocket_paths(settings)
        if not (base / "config.json").is_file():
            raise BackendError(
                f"the pocket model is not built at {str(base)!r}; run `python scripts/train_pocket.py` "
                f"or set ADVISOR_BACKEND=template"
            )
        backend = _local_backend(str(base), settings, "transformers")
        if (adapter / "adapter_config.json").is_file():
            backend.load_adapter(adapter)
        return backend
    raise BackendError(f"unknown backend {settings.backend!r}; set ADVISOR_BACKEND to template, "
                       f"transformers, openai or pocket")


def load_backend(settings) -> tuple[Backend, str | None]:
    """The configured backend and no warning, or the template backend and a message saying what to change."""
    try:
        return _build(settings), None
    except (BotError, OSError, RuntimeError, ImportError, ValueError, KeyError) as exc:
        if type(exc).__name__ == "OutOfMemoryError":
            detail = "out of GPU memory; set ADVISOR_DEVICE=cpu or a smaller ADVISOR_MODEL"
        else:
            detail = str(exc)
        log.error("backend %r failed to load: %s", settings.backend, detail)
        message = (f"the {settings.backend!r} backend could not start ({detail}); answering with the "
                   f"built-in template backend instead. Fix ADVISOR_MODEL / ADVISOR_ADAPTER / ADVISOR_DEVICE "
                   f"or set ADVISOR_BACKEND=template to silence this.")
        return TemplateBackend(), message


def load_adapter_backend(adapter_dir: Path, settings) -> Backend:
    """A local backend on the adapter's own base model (from card.json / adapter_config.json), adapter loaded.

    Requests still choose per call: ``request.adapter`` set to this folder applies it, ``None`` gives the
    base answer. Raises BackendError when the adapter or its base model cannot be loaded.
    """
    from adapters.registry import resolve_adapter, validate_adapter

    info = validate_adapter(resolve_adapter(adapter_dir, settings.adapters_dir))
    try:
        backend = _local_backend(info.base_model_path, settings, "transformers")
        backend.load_adapter(info.path)
    except BackendError:
        raise
    except (OSError, RuntimeError, ValueError, ImportError) as exc:
        raise BackendError(f"adapter {str(info.path)!r} or its base model {info.base_model!r} could not "
                           f"be loaded: {exc}") from exc
    return backend
