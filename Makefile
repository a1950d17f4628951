# Policy Library: the two commands a newcomer needs are `make serve` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint format check bench clean messages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## Serve the sample library at http://127.0.0.1:8000, rebuilding on every edit.
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## Write the static site to site/.
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## Check every record without building the site.
check: $(STAMP)
	$(BIN)/library check

## Lint, then run the whole test suite (browser tests need Debian's chromium).
test: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/pytest

## The interface's strings: extract every _() and ngettext() into messages.pot and merge it into each language's catalogue.
LOCALES := generator/policy_library/site/locales
messages: $(STAMP)
	$(BIN)/pybabel extract --no-location --omit-header --sort-output -F $(LOCALES)/babel.cfg -k gettext -k N_ -k ngettext:1,2 -o $(LOCALES)/messages.pot generator/policy_library
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete --no-wrap -i $(LOCALES)/messages.pot -d $(LOCALES)

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench

format: $(STAMP)
	$(BIN)/ruff format generator tests bench
	$(BIN)/ruff check --fix generator tests bench

## Benchmark against Pagefind and mkdocs-material's search: make bench N=10000
N ?= 1000
BENCH_STAMP := $(VENV)/.installed-bench
$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python -m bench.run --records $(N)

clean:
	rm -rf site $(VENV) .pytest_cache .ruff_cache
