# `make app` and `make test` each do all set-up first (see scripts/setup.sh).
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
PY := .venv/bin/python

.PHONY: setup app test lint bench

setup:
	bash scripts/setup.sh

app: setup
	$(PY) -m bot web

test: setup
	bash scripts/setup_browser.sh
	$(PY) -m pytest

lint: setup
	$(PY) -m ruff check .

bench: setup
	$(PY) scripts/bench_retrieval.py
	$(PY) scripts/bench_advisor.py
