#!/usr/bin/env bash
# make bench: run every benchmark (bench/bench_*.py) on a generated database
# and print one table (also written to bench/last_run.md). It prints; it
# asserts nothing.
#   BENCH_DB=name   generated database (default ecom_bench); made with
#                   scripts/demo_data.sh (SIZE orders) when it is missing
#   BENCH_QUICK=1   small workloads (smoke run)
#   extra arguments go to bench/run.py, e.g. --only bench_queues
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$ROOT/scripts/db.sh"
BENCH_DB="${BENCH_DB:-ecom_bench}"
export BENCH_DB

"$ROOT/scripts/setup.sh"
if ! db_exists "$BENCH_DB" || [ "$(psql -d "$BENCH_DB" -Atc \
        "select count(*) from sale_order where name like 'SB%'" 2>/dev/null || echo 0)" = 0 ]; then
    log "$BENCH_DB has no generated orders: generating them first"
    "$ROOT/scripts/demo_data.sh"
fi
log "Running the benchmarks on $BENCH_DB"
"$PY" "$ROOT/bench/run.py" -c "$ODOO_CONF" -d "$BENCH_DB" "$@"
