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
