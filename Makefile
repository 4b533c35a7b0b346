PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# extras of pyproject.toml installed with the package: the tools of the tests, the browser tests, the benchmark
EXTRAS ?= test,browser,bench

.DEFAULT_GOAL := help
.PHONY: help install extract eval test gold-check bench clean

help:  ## list the targets
	@echo "make extract     create .venv on first use, then run the pipeline on corpus/ into outputs/ (CSV tables, report.html, events.xlsx)"
	@echo "make test        create .venv on first use, then run the test suite (the report browser test needs Debian chromium)"
	@echo "make eval        score outputs/ (after make extract) against each corpus's gold (seed corpus/gold, dev corpus/dev/gold, test corpus/test/gold) and per genre into outputs/eval/<corpus>/; prints one summary table"
	@echo "make gold-check  validate the gold set"
	@echo "make bench       throughput, cache and memory benchmark -> bench/results.md (about 15 min, then about 70 min of one-article memory runs up to 20 MB)"
	@echo "make clean       remove outputs/ and caches (keeps .venv)"

# (`pipeline` was the distribution's name before issue 19: a venv made then is tidied up)
$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; set PYTHON=/path/to/python3.11"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip uninstall -q -y pipeline 2>/dev/null || true
	$(PY) -m pip install -q -c requirements.lock -e '.[$(EXTRAS)]'
	touch $(STAMP)

install: $(STAMP)

extract: $(STAMP)
	$(PY) -m pipeline extract corpus --out outputs

eval: $(STAMP)
	$(PY) -m pipeline eval-all --pred outputs --out outputs/eval

GOLD_DIRS := $(wildcard corpus/gold corpus/dev/gold corpus/test/gold)

gold-check: $(STAMP)
	@for g in $(GOLD_DIRS); do if [ -f $$g/timex.csv ]; then $(PY) -m pipeline gold-check $$g || exit 1; fi; done

test: $(STAMP)
	$(PY) -m pytest
	@for g in $(GOLD_DIRS); do if [ -f $$g/timex.csv ]; then $(PY) -m pipeline gold-check $$g || exit 1; else echo "gold-check: $$g not labelled yet"; fi; done

bench: $(STAMP)
	$(PY) bench/bench.py

clean:
	rm -rf outputs .pytest_cache .hypothesis
