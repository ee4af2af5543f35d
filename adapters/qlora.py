"""QLoRA bits: a 4-bit NF4 base model through bitsandbytes. CUDA only; a clear error everywhere else."""

from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache
from typing import Any

from bot.errors import BotError

log = logging.getLogger(__name__)

NO_CUDA = ("QLoRA needs a CUDA GPU (bitsandbytes 4-bit kernels), and none is visible here; train plain "
           "LoRA instead (leave out --qlora), or run on a machine with an NVIDIA GPU")


@lru_cache(maxsize=1)
def is_bnb_available() -> bool:
    return importlib.util.find_spec("bitsandbytes") is not None


def cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


def require_qlora() -> None:
    """Raise BotError unless 4-bit training can run here."""
    if not cuda_available():
        raise BotError(NO_CUDA)
    if not is_bnb_available():
        raise BotError("QLoRA needs bitsandbytes; install it with "
                       "`pip install -c constraints.txt bitsandbytes`, or train plain LoRA")


def bnb_config() -> Any:
    """NF4 weights, double quantisation, bf16 (or fp16) compute: the QLoRA paper's recipe."""
    import torch
    from transformers import BitsAndBytesConfig

    compute = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    return BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
                              bnb_4bit_compute_dtype=compute)


def load_4bit(model_path: str, gradient_checkpointing: bool = True) -> Any:
    """A base model quantised to 4 bits on GPU 0 and prepared for k-bit training (norms in fp32)."""
    require_qlora()
    from peft import prepare_model_for_kbit_training
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(
        model_path, quantization_config=bnb_config(), device_map={"": 0}, use_safetensors=True,
        trust_remote_code=False, local_files_only=True,
    )
    log.info("loaded %s in 4-bit NF4", model_path)
    # Non-reentrant checkpointing: torch asks for the choice to be explicit, and it needs no input-grad hook.
    return prepare_model_for_kbit_training(model, use_gradient_checkpointing=gradient_checkpointing,
                                           gradient_checkpointing_kwargs={"use_reentrant": False})
