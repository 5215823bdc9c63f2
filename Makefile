# E-commerce order management for Odoo 11 -- the two commands are
# `make run` (set up, create or upgrade ecom_demo, serve the web client)
# and `make test` (every test, on a fresh throw-away database).
SHELL := /bin/bash

.PHONY: help setup run start stop test lint

help:
	@echo "make run    set everything up and serve http://127.0.0.1:8069 (Ctrl-C or make stop)"
	@echo "make start  the same, returning once the server answers"
	@echo "make stop   stop the server"
	@echo "make test   run every test on a fresh test database"
	@echo "make lint   flake8 and isort"

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
