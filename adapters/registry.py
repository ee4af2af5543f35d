"""Find, validate and describe peft adapter folders (safetensors only; pickle checkpoints are refused)."""

from __future__ import annotations

import json
import logging
from dataclasses import (
    dataclass,
    field,
)
from pathlib import Path

from bot.errors import BackendError

log = logging.getLogger(__name__)

WEIGHTS = "adapter_model.safetensors"
CONFIG = "adapter_config.json"
CARD = "card.json"
_PICKLES = ("*.bin", "*.pt", "*.pth", "*.pkl", "*.ckpt")


@dataclass(frozen=True)
class AdapterInfo:
    """A usable adapter folder and what its files say about it."""

    name: str
    path: Path
    base_model: str  # as written in card.json / adapter_config.json
    card: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def base_model_path(self) -> str:
        """The base model as a local path (relative ones resolved against the folder) or a hub id."""
        return resolve_base(self.base_model, self.path)

    @property
    def prompt_style(self) -> str:
        """``"full"`` (trained with the advisor's decision in the prompt) or ``"question"`` (question only)."""
        return str(self.card.get("prompt_style", "full"))

    def to_json(self) -> dict:
        return {"name": self.name, "path": str(self.path), "base_model": self.base_model,
                "metrics": self.card.get("metrics", {}), "evaluation": self.card.get("evaluation", {})}


def resolve_base(base_model: str, adapter_dir: Path) -> str:
    """A relative or absolute path that exists -> absolute path string; anything else is a hub id."""
    candidate = Path(base_model).expanduser()
    if not candidate.is_absolute():
        candidate = Path(adapter_dir) / candidate
    if candidate.exists():
        return str(candidate.resolve())
    if Path(base_model).is_absolute() or base_model.startswith((".", "~")):
        raise BackendError(
            f"the base model {base_model!r} of adapter {str(adapter_dir)!r} does not exist; "
            f"put it back or edit base_model in {CARD}"
        )
    return base_model


def resolve_adapter(ref: str | Path, adapters_dir: Path | None = None) -> Path:
    """An adapter reference as given (path) or as a folder name under ``adapters_dir``."""
    path = Path(ref).expanduser()
    if not path.exists() and adapters_dir is not None and (Path(adapters_dir) / path).exists():
        path = Path(adapters_dir) / path
    return path.resolve()


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackendError(f"cannot read {str(path)!r}: {exc}; the adapter folder is damaged") from exc
    if not isinstance(data, dict):
        raise BackendError(f"{str(path)!r} is not a JSON object; the adapter folder is damaged")
    return data


def validate_adapter(path: str | Path) -> AdapterInfo:
    """Check an adapter folder and describe it; raise BackendError saying what is wrong."""
    path = Path(path).expanduser().resolve()
    if not path.is_dir():
        raise BackendError(f"adapter folder {str(path)!r} does not exist; check ADVISOR_ADAPTER or the path")
    if not (path / WEIGHTS).is_file():
        pickles = sorted(p.name for pattern in _PICKLES for p in path.glob(pattern))
        found = f" (found {', '.join(pickles)})" if pickles else ""
        raise BackendError(
            f"adapter folder {str(path)!r} has no {WEIGHTS}{found}: adapters load from safetensors only, "
            f"never from pickle files; re-save it with save_pretrained(..., safe_serialization=True)"
        )
    if not (path / CONFIG).is_file():
        raise BackendError(f"adapter folder {str(path)!r} has no {CONFIG}; it is not a peft adapter")
    config = _read_json(path / CONFIG)
    card = _read_json(path / CARD) if (path / CARD).is_file() else {}
    base = str(card.get("base_model") or config.get("base_model_name_or_path") or "")
    if not base:
        raise BackendError(
            f"adapter {str(path)!r} names no base model; add base_model to {CARD} or "
            f"base_model_name_or_path to {CONFIG}"
        )
    return AdapterInfo(name=path.name, path=path, base_model=base, card=card)


def list_adapters(adapters_dir: str | Path) -> list[AdapterInfo]:
    """Every valid adapter folder below ``adapters_dir`` (any depth), sorted by path; others are logged."""
    root = Path(adapters_dir)
    if not root.is_dir():
        return []
    found = []
    for config in sorted(root.rglob(CONFIG)):
        try:
            found.append(validate_adapter(config.parent))
        except BackendError as exc:
            log.warning("skipping adapter: %s", exc)
    return found
