# The two commands of the README: `make run` (a running archive with sample documents) and `make test`.
# Each sets itself up from a fresh clone: system packages it needs, a virtualenv, the Python packages; the tests
# also start (and stop) a real OpenSearch node from Maven Central jars.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system run test bench clean

system:
	@bash scripts/setup-system

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: system $(STAMP)

run: setup
	$(BIN)/openarchief demo

test: setup
	bash scripts/test

bench: setup
	bash scripts/bench

clean:
	rm -rf $(VENV) data .pytest_cache
