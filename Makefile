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
	@echo "make lint   flake8 and isort"
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

lint: setup
	@.venv/bin/flake8
	@.venv/bin/isort --check-only --diff .

SIZE ?= 300000
demo-data:
	@SIZE=$(SIZE) scripts/demo_data.sh

bench:
	@scripts/bench.sh $(ARGS)
