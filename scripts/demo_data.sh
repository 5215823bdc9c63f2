#!/usr/bin/env bash
# Volume data for benchmarks (make demo-data SIZE=N):
# a fresh database from the template with the three addons, then
# data/generator/generate.py fills it with SIZE channel orders.
#   BENCH_DB=name   database to (re)create (default ecom_bench)
#   SIZE=N          channel orders (default 300000)
#   FROM_DB=name    copy this database (the addons already installed) instead
#                   of installing them (saves the install, a few minutes)
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$ROOT/scripts/db.sh"
BENCH_DB="${BENCH_DB:-ecom_bench}"
SIZE="${SIZE:-300000}"

"$ROOT/scripts/setup.sh"
start=$(date +%s)
drop_db "$BENCH_DB"
if [ -n "${FROM_DB:-}" ]; then
    log "Copying $FROM_DB into $BENCH_DB"
    psql -d postgres -qc "create database \"$BENCH_DB\" template \"$FROM_DB\""
else
    create_from_template "$BENCH_DB"
    log "Installing the suite into $BENCH_DB"
    odoo -d "$BENCH_DB" -i "$ADDONS" --stop-after-init --log-level=warn
fi
log "Generating $SIZE channel orders into $BENCH_DB"
"$PY" "$ROOT/data/generator/generate.py" -c "$ODOO_CONF" -d "$BENCH_DB" --size "$SIZE"
log "$BENCH_DB ready in $(( $(date +%s) - start ))s (database set-up included)"
