#!/usr/bin/env bash
# Run every test: a fresh throw-away database with the three addons and their
# demo data, then pytest (pytest-odoo) over each addon's tests/ and tests/.
#   TEST_DB=name   database to (re)create; KEEP_DB=1 reuses it if present
#   TEST_PATHS="a b"  what pytest collects (default: every addon and tests/)
#   extra arguments go to pytest, e.g. scripts/test.sh -k sla
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$ROOT/scripts/db.sh"
TEST_DB="${TEST_DB:-ecom_test}"
export TEST_DB

"$ROOT/scripts/setup.sh"
if [ "${KEEP_DB:-0}" = 1 ] && db_exists "$TEST_DB"; then
    log "Upgrading the suite in $TEST_DB"
    odoo -d "$TEST_DB" -u "$ADDONS" --stop-after-init --log-level=warn 2>&1 \
        | tee "$LOCAL/test-install.log"
else
    drop_db "$TEST_DB"
    create_from_template "$TEST_DB"
    log "Installing the suite into $TEST_DB"
    odoo -d "$TEST_DB" -i "$ADDONS" --stop-after-init --log-level=warn 2>&1 \
        | tee "$LOCAL/test-install.log"
fi
# The three addons together must install (or upgrade) without an ERROR line:
# the separate install-combination tests cover each addon on its own.
if grep -q " ERROR " "$LOCAL/test-install.log"; then
    grep " ERROR " "$LOCAL/test-install.log" >&2
    die "installing the suite into $TEST_DB logged errors"
fi
log "Running the tests"
cd "$ROOT"
set +e
"$PY" -m pytest --odoo-config="$ODOO_CONF" --odoo-database="$TEST_DB" \
    ${TEST_PATHS:-ecom_order_mgmt ecom_backorder ecom_returns tests} "$@"
rc=$?
set -e
# pytest's 5 means "no test ran": that is a failure here, never a pass.
[ $rc = 5 ] && echo "No test was collected." >&2
exit $rc
