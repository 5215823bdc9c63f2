#!/usr/bin/env bash
# Start the local PostgreSQL 15 cluster and make sure Odoo's role exists.
# With PGHOST set in the environment, an external server is used as it is.
set -euo pipefail
source "$(dirname "$0")/env.sh"

if [ "$PG_EXTERNAL" = 1 ]; then
    psql -d postgres -Atc 'select 1' >/dev/null || die "cannot reach PostgreSQL at $PGHOST:$PGPORT as $PGUSER"
    exit 0
fi
if ! pg_lsclusters -h 2>/dev/null | grep -q '^15 *main'; then
    log "Creating the PostgreSQL 15 cluster"
    pg_createcluster 15 main >/dev/null
fi
if ! pg_lsclusters -h | grep -q '^15 *main .*online'; then
    log "Starting PostgreSQL 15"
    pg_ctlcluster 15 main start
fi
# psql as the postgres superuser over the local socket (not as Odoo's role)
as_postgres() {
    local cmd="env -u PGHOST -u PGUSER -u PGPASSWORD $*"
    if [ "$(id -u)" -eq 0 ]; then su postgres -c "$cmd"; else sudo -u postgres sh -c "$cmd"; fi
}
for _ in $(seq 1 30); do
    as_postgres "psql -p $PGPORT -Atqc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
done
if [ "$(as_postgres "psql -p $PGPORT -Atqc \"select 1 from pg_roles where rolname='$PGUSER'\"")" != 1 ]; then
    log "Creating the PostgreSQL role $PGUSER"
    as_postgres "psql -p $PGPORT -qc \"create role $PGUSER login createdb password '$PGPASSWORD'\""
fi
