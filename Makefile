PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install extract eval test gold-check bench clean

help:  ## list the targets
	@echo "make extract     create .venv on first use, then run the pipeline on corpus/ into outputs/ (CSV tables, report.html, events.xlsx)"
	@echo "make test        create .venv on first use, then run the test suite (the report browser test needs Debian chromium)"
	@echo "make eval        score outputs/ against corpus/gold/ (after make extract) into outputs/eval/ (metrics.json, report.md, report.html)"
	@echo "make gold-check  validate the gold set"
	@echo "make bench       throughput, cache and memory benchmark -> bench/results.md (about 15 min)"
	@echo "make clean       remove outputs/ and caches (keeps .venv)"

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; set PYTHON=/path/to/python3.11"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c requirements.lock -e .
	touch $(STAMP)

install: $(STAMP)

extract: $(STAMP)
	$(PY) -m pipeline extract corpus --out outputs

eval: $(STAMP)
	$(PY) -m pipeline eval --gold corpus/gold --pred outputs --out outputs/eval

gold-check: $(STAMP)
	$(PY) -m pipeline gold-check corpus/gold

test: $(STAMP)
	$(PY) -m pytest
	@if [ -f corpus/gold/timex.csv ]; then $(PY) -m pipeline gold-check corpus/gold; else echo 'gold-check: corpus/gold/*.csv not labelled yet (issue 3)'; fi

bench: $(STAMP)
	$(PY) bench/bench.py

clean:
	rm -rf outputs .pytest_cache .hypothesis
