# E-commerce order management for Odoo 11 -- the two commands are
# `make run` (set up, create or upgrade ecom_demo, serve the web client)
# and `make test` (every test, on a fresh throw-away database).
SHELL := /bin/bash

.PHONY: help setup run start stop test lint demo-data bench

help:
	@echo "make run    set everything up and serve http://127.0.0.1:8069 (Ctrl-C or make stop)"
	@echo "make start  the same, returning once the server answers"
	@echo "make stop   stop the server"
	@echo "make test   run every test on a fresh test database"
	@echo "make lint   flake8, isort and pylint-odoo (CI runs it before make test)"
	@echo "make demo-data [SIZE=300000] [BENCH_DB=ecom_bench]  volume data for benchmarks"
	@echo "make bench [ARGS='--only bench_import --quick']  run the benchmarks on the generated database, print one table"

setup:
	@scripts/setup.sh

run:
	@scripts/run.sh

start:
	@DETACH=1 scripts/run.sh

stop:
	@scripts/stop.sh

test:
	@scripts/test.sh

# pylint-odoo runs in the browser tests' Python 3.11 venv (scripts/setup.sh);
# every linter runs, and the target fails if any of them found something.
BROWSER_VENV ?= .local/browser-venv
LINT_ADDONS = ecom_order_mgmt ecom_backorder ecom_returns
lint: setup
	@rc=0; \
	.venv/bin/flake8 || rc=1; \
	.venv/bin/isort --check-only --diff . || rc=1; \
	$(BROWSER_VENV)/bin/python -m pylint --rcfile=.pylintrc $(LINT_ADDONS) || rc=1; \
	exit $$rc

SIZE ?= 300000
demo-data:
	@SIZE=$(SIZE) scripts/demo_data.sh

bench:
	@scripts/bench.sh $(ARGS)
