# Two entry points for a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench install clean teams-package

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

install: $(STAMP)

run: $(STAMP)
	$(BIN)/justera run

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_dates.py

# The Teams app package for the admin center: make teams-package TEAMS_BOT_ID=<client id> \
#   TEAMS_HOST=justera.kommun.se TEAMS_ORG="Exempel kommun" TEAMS_WEBSITE=https://www.kommun.se
teams-package: $(STAMP)
	$(BIN)/python deploy/teams/build_package.py --bot-id "$(TEAMS_BOT_ID)" --host "$(TEAMS_HOST)" \
		--organisation "$(TEAMS_ORG)" --website "$(TEAMS_WEBSITE)" --out justera-teams.zip

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
