#!/usr/bin/env bash
# Run every test: a fresh throw-away database with the three addons and their
# demo data, then pytest (pytest-odoo) over each addon's tests/ and tests/.
#   TEST_DB=name   database to (re)create; KEEP_DB=1 reuses it if present
#   TEST_PATHS="a b"  what pytest collects (default: every addon and tests/)
#   extra arguments go to pytest, e.g. scripts/test.sh -k sla
#   BROWSER=1|0|only  the browser tests (browser_tests/, headless Chromium)
#                  after the Odoo tests; default 1 for the whole suite, 0 when
#                  TEST_PATHS is given; "only" runs nothing else (extra
#                  arguments then go to their pytest)
#   SCREENS_DIR=dir   where the browser tests save screenshots (.local/screens)
#   BULK_LAYER=1|0    the performance layer (ecom_order_mgmt/bulk/) on (default)
#                  or off: sets the system parameter ecom_order_mgmt.bulk_layer
#                  in TEST_DB after the install, so that the whole run takes
#                  the plain ORM paths (create() per record, Odoo's reservation)
#   CORE=1|0|only  Odoo's own tests of the apps the suite stands on, against a
#                  database of their own with the suite installed
#                  (scripts/core_tests.sh, its CORE_* settings), after the
#                  others; default 1 for the whole suite, 0 when TEST_PATHS is
#                  given or BROWSER=only; "only" runs nothing else (extra
#                  arguments then go to its pytest)
#   PARALLEL=1|0   run the browser tests and Odoo's own tests beside the Odoo
#                  tests, each on a copy of the freshly installed database
#                  (a 2-core machine runs the whole suite in about two thirds
#                  of the time); default 1 for a fresh database, 0 with KEEP_DB
#                  or BROWSER=only; their output follows the Odoo tests' output.
#                  For the whole suite (no TEST_PATHS), the suite-level tests
#                  (tests/: servers, clusters, upgrades) run in a pytest of
#                  their own on a third copy too (output: .local/test-suite.log)
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$ROOT/scripts/db.sh"
TEST_DB="${TEST_DB:-ecom_test}"
export TEST_DB
case "${BULK_LAYER:-1}" in 0|1) ;; *) die "BULK_LAYER=$BULK_LAYER: 1 (on) or 0 (off)" ;; esac
# The tests' own Odoo configuration and data_dir: the servers the tests start
# keep their sessions apart from `make run`'s (a server handed the session of
# a database it does not serve logs it out). The filestores stay where db.sh
# keeps them, one per database. Exported: setup.sh writes this configuration,
# and the scripts the tests run use it too.
export ODOO_CONF="${TEST_ODOO_CONF:-$LOCAL/odoo-test.conf}"
export DATA_DIR="${TEST_DATA_DIR:-$LOCAL/test-data}"
mkdir -p "$DATA_DIR" "$LOCAL/data/filestore"
[ -e "$DATA_DIR/filestore" ] || ln -s "$LOCAL/data/filestore" "$DATA_DIR/filestore"
# No server serves the test database during the Odoo tests: its addresses
# (report.url, web.base.url) name a port of its own, never `make run`'s; the
# browser tests point them at their server (browser_tests/conftest.py).
export HTTP_PORT="${TEST_HTTP_PORT:-$(free_port)}"

if [ -n "${TEST_PATHS:-}" ] || [ "${BROWSER:-}" = only ]; then CORE="${CORE:-0}"; else CORE="${CORE:-1}"; fi
export CORE_DB="${CORE_DB:-${TEST_DB}_core}"

"$ROOT/scripts/setup.sh"
[ "$CORE" = only ] && exec "$ROOT/scripts/core_tests.sh" "$@"
fresh=0
if [ "${KEEP_DB:-0}" = 1 ] && db_exists "$TEST_DB"; then
    log "Upgrading the suite in $TEST_DB"
    odoo -d "$TEST_DB" -u "$ADDONS" --stop-after-init --log-level=warn 2>&1 \
        | tee "$LOCAL/test-install.log"
else
    fresh=1
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
# The performance layer's switch (ecom_order_mgmt/bulk/switch.py), set for
# every run so that a kept database does not stay as an earlier run left it.
case "${BULK_LAYER:-1}" in
    1) psql -d "$TEST_DB" -qc "delete from ir_config_parameter where key = 'ecom_order_mgmt.bulk_layer'" ;;
    0) log "Performance layer switched off (ecom_order_mgmt.bulk_layer = 0)"
       psql -d "$TEST_DB" -qc "insert into ir_config_parameter
            (key, value, create_uid, write_uid, create_date, write_date)
            values ('ecom_order_mgmt.bulk_layer', '0', 1, 1, now() at time zone 'UTC',
                    now() at time zone 'UTC')
            on conflict (key) do update set value = excluded.value" ;;
esac
# Odoo's own tests get a copy of the database just installed, before any
# test runs on it: the same as installing the suite anew, minutes sooner.
copy_db() {  # copy_db SOURCE TARGET: a database and its filestore
    drop_db "$2"
    psql -d postgres -qc "create database \"$2\" template \"$1\""
    rm -rf "$LOCAL/data/filestore/$2"
    if [ -d "$LOCAL/data/filestore/$1" ]; then
        cp -r "$LOCAL/data/filestore/$1" "$LOCAL/data/filestore/$2"
    fi
}
core_ready=0
if [ "$CORE" != 0 ] && [ $fresh = 1 ]; then
    copy_db "$TEST_DB" "$CORE_DB"
    core_ready=1
fi
point_urls "$TEST_DB" "$(local_url 127.0.0.1 "$HTTP_PORT")"
if [ -n "${TEST_PATHS:-}" ]; then BROWSER="${BROWSER:-0}"; else BROWSER="${BROWSER:-1}"; fi
[ "${WITH_BROWSER:-1}" = 1 ] || [ "$BROWSER" = 0 ] \
    || die "BROWSER=$BROWSER needs the browser tests' set-up (WITH_BROWSER=1)"
if [ $fresh = 1 ] && [ "$BROWSER" != only ]; then PARALLEL="${PARALLEL:-1}"; else PARALLEL=0; fi
[ "$BROWSER" = 0 ] && [ "$CORE" = 0 ] && PARALLEL=0
cd "$ROOT"

browser_tests() {  # the browser tests on database $1; their exit code
    local db="$1" brc=0
    browser_args=()
    [ "$BROWSER" = only ] && browser_args=("${pytest_args[@]}")
    log "Running the browser tests on $db (headless Chromium; screenshots in ${SCREENS_DIR:-$LOCAL/screens})"
    TEST_DB="$db" ODOO_PY="$PY" ODOO_CONF="$ODOO_CONF" SCREENS_DIR="${SCREENS_DIR:-$LOCAL/screens}" \
        "$BROWSER_VENV/bin/python" -m pytest -c "$ROOT/browser_tests/pytest.ini" \
        --rootdir="$ROOT/browser_tests" "$ROOT/browser_tests" "${browser_args[@]}" || brc=$?
    [ $brc = 5 ] && echo "No browser test was collected." >&2
    return $brc
}
core_tests() {  # Odoo's own tests (scripts/core_tests.sh); their exit code
    log "Running Odoo's own tests with the suite installed (scripts/core_tests.sh)"
    CORE_READY=$core_ready "$ROOT/scripts/core_tests.sh"
}
pytest_args=("$@")
rc=0
side_pid=
suite_pid=
# pytest's own report of where the time goes, and a machine-readable result
report_args=(--durations=25)
if [ "$PARALLEL" = 1 ]; then
    # The browser tests on a copy of the new database (they prepare their own
    # data; the Odoo tests' commits must not meet theirs), then Odoo's own
    # tests on theirs: one process beside the Odoo tests, output in a log.
    BROWSER_DB="${TEST_DB}_browser"
    [ "$BROWSER" != 0 ] && copy_db "$TEST_DB" "$BROWSER_DB"
    side_log="$LOCAL/test-side.log"
    log "Browser tests and Odoo's own tests run beside the Odoo tests (output: $side_log)"
    (
        set +e
        src=0
        if [ "$BROWSER" != 0 ]; then browser_tests "$BROWSER_DB"; src=$?; fi
        if [ "$CORE" != 0 ]; then core_tests; crc=$?; [ $src = 0 ] && src=$crc; fi
        exit $src
    ) > "$side_log" 2>&1 &
    side_pid=$!
fi
paths="${TEST_PATHS:-ecom_order_mgmt ecom_backorder ecom_returns tests}"
if [ "$PARALLEL" = 1 ] && [ -z "${TEST_PATHS:-}" ] && [ "$BROWSER" != only ]; then
    # The suite-level tests start servers, clusters and installs of their
    # own, mostly waiting on them: beside the addons' tests, on a copy.
    SUITE_DB="${TEST_DB}_suite"
    copy_db "$TEST_DB" "$SUITE_DB"
    suite_log="$LOCAL/test-suite.log"
    log "The suite-level tests (tests/) run beside the addons' tests (output: $suite_log)"
    "$PY" -m pytest --odoo-config="$ODOO_CONF" --odoo-database="$SUITE_DB" \
        "${report_args[@]}" tests "$@" > "$suite_log" 2>&1 &
    suite_pid=$!
    paths="ecom_order_mgmt ecom_backorder ecom_returns"
fi
if [ "$BROWSER" != only ]; then
    log "Running the tests"
    set +e
    "$PY" -m pytest --odoo-config="$ODOO_CONF" --odoo-database="$TEST_DB" \
        "${report_args[@]}" $paths "$@"
    rc=$?
    set -e
    # pytest's 5 means "no test ran": that is a failure here, never a pass.
    [ $rc = 5 ] && echo "No test was collected." >&2
fi
if [ -n "$suite_pid" ]; then
    set +e
    wait "$suite_pid"
    trc=$?
    set -e
    log "The suite-level tests (run beside the addons' tests):"
    cat "$suite_log"
    [ $trc = 5 ] && echo "No suite-level test was collected." >&2
    [ $rc = 0 ] && rc=$trc
    drop_db "$SUITE_DB"
fi
if [ -n "$side_pid" ]; then
    set +e
    wait "$side_pid"
    src=$?
    set -e
    log "Browser tests and Odoo's own tests (run beside the Odoo tests):"
    cat "$side_log"
    [ $rc = 0 ] && rc=$src
    exit $rc
fi
if [ "$BROWSER" != 0 ]; then
    set +e
    browser_tests "$TEST_DB"
    brc=$?
    set -e
    [ $rc = 0 ] && rc=$brc
fi
if [ "$CORE" != 0 ]; then
    set +e
    core_tests
    crc=$?
    set -e
    [ $rc = 0 ] && rc=$crc
fi
exit $rc
