# masterplan: build the Masterplan Smart City book.
# `make build` and `make test` set up everything they need first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SYSTEM := $(VENV)/.system-checked
ARGS   ?=

.PHONY: help setup build draft validate serve test bench clean

help: ## Show this help
	@echo "masterplan — Masterplan Smart City pipeline"
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@tools/setup-system.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,redline]'
	@touch $(STAMP)

$(SYSTEM): tools/setup-system.sh | $(STAMP)
	@tools/setup-system.sh
	@touch $(SYSTEM)

setup: $(STAMP) $(SYSTEM) ## Create .venv and install system packages (LibreOffice, poppler, fonts)

build: setup ## Build the sample book into build/ (.docx and .pdf)
	$(BIN)/masterplan build $(ARGS)

draft: setup ## Build a numbered, stamped draft into build/drafts/
	$(BIN)/masterplan build --draft $(ARGS)

validate: setup ## Check every chapter file and write build/reports/
	$(BIN)/masterplan validate $(ARGS)

serve: setup ## Serve the web desk on the sample project (http://127.0.0.1:8000; ARGS="--port 8080")
	$(BIN)/masterplan serve $(ARGS)

test: setup ## Run the whole test suite
	@# whole modules to one worker: a module-scoped fixture (a built book) is then built once, not once per worker
	$(BIN)/python -m pytest -n 2 --dist loadscope $(ARGS)

bench: setup ## Benchmark the build against raw pandoc and LibreOffice (build/bench.json)
	@# compiled as an installed package is: with PYTHONDONTWRITEBYTECODE set, every process would compile the pipeline anew
	$(BIN)/python -m compileall -q pipeline
	$(BIN)/python tools/bench.py $(ARGS)

clean: ## Remove build/ (keeps .venv)
	rm -rf build
