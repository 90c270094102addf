# Bakhmut coverage notebooks — `make help` lists the targets.
# Only Python 3.11 and make are needed: the first target that needs the environment creates .venv from the
# pinned lock file (requirements.lock). Conda users: environment.yml has the same packages.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= data/raw
CONFLICT ?= $(conflict)
OUT ?= reports
NB ?=
export HELPERS_PROGRESS ?= 0
export PYTHONHASHSEED := 0
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := help
.PHONY: help setup report test test-fast notebooks sync lock reference bench clean

help: ## list the targets
	@echo "Bakhmut coverage notebooks"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-16s %s\n", $$1, $$2}'
	@echo
	@echo "  Options: make report CORPUS=<folder-or-file> OUT=<dir> CONFLICT=<profile>"
	@echo "           (defaults: CORPUS=data/raw OUT=reports CONFLICT=russia-ukraine; profiles: russia-ukraine israel-gaza sudan, or a folder)"

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version.split()[0]'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24,<25"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP) ## create .venv from the pinned lock file (done automatically by report and test)

report: $(STAMP) ## run every notebook on CORPUS, write executed notebooks, figures, HTML and index.html under OUT
	$(BIN)/python -m helpers.pipeline report --corpus "$(CORPUS)" --out "$(OUT)" $(if $(CONFLICT),--conflict "$(CONFLICT)",)

test: $(STAMP) ## unit tests, then every notebook under nbval (compares stored outputs)
	$(BIN)/python -m pytest tests notebooks --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider -q

test-fast: $(STAMP) ## unit tests only (no notebooks, no browser, nothing slow): the quick loop while changing code
	$(BIN)/python -m pytest tests -m "not slow and not browser and not notebook" -p no:cacheprovider -q

notebooks: $(STAMP) ## re-execute the committed notebooks in place (NB=notebooks/04-….py for one); run before committing
	$(BIN)/python -m helpers.pipeline refresh $(NB)

sync: $(STAMP) ## sync each notebook with its py:percent twin (jupytext)
	$(BIN)/python -m helpers.pipeline sync

reference: $(STAMP) ## download the public reference series into data/external/ and verify their checksums
	$(BIN)/python -m helpers.reference --dest data/external $(if $(filter 1 yes true,$(ACCEPT_NEW)),--accept-new,)

bench: $(STAMP) ## benchmark every stage on the real corpus and scaled corpora (DASK=1 for the Dask path)
	$(BIN)/python -m benchmarks.run $(if $(filter 1 yes true,$(DASK)),--dask,)

lock: ## re-resolve requirements.in into requirements.lock (needs network)
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet "pip>=24,<25" && .venv-lock/bin/python -m pip install --quiet -r requirements.in
	.venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^-e' > requirements.lock
	rm -rf .venv-lock

clean: ## remove generated reports and processed data (keeps .venv)
	rm -rf reports/* data/interim/* data/processed/*
	touch reports/.gitkeep data/interim/.gitkeep data/processed/.gitkeep
