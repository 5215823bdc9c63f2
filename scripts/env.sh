# Shared settings for the scripts in this folder. Source it, do not run it.
# Every value can be overridden from the environment.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
LOCAL="${LOCAL:-$ROOT/.local}"
PY="$VENV/bin/python"
# The browser tests' virtualenv: system Python 3.11 with Playwright (too new
# for Odoo 11's Python 3.7, so apart from the Odoo one).
BROWSER_VENV="${BROWSER_VENV:-$LOCAL/browser-venv}"
DB_NAME="${DB_NAME:-ecom_demo}"
HTTP_INTERFACE="${HTTP_INTERFACE:-127.0.0.1}"
HTTP_PORT="${HTTP_PORT:-8069}"
WORKERS="${WORKERS:-0}"
QUEUE_CHANNELS="${QUEUE_CHANNELS:-root:2,root.ecom_reservation:1,root.ecom_invoicing:1}"
ADDONS="ecom_order_mgmt,ecom_backorder,ecom_returns"
# PostgreSQL: an external server when PGHOST is given, else a local cluster.
# (decided once, then inherited by the scripts this one calls)
if [ -z "${PG_EXTERNAL:-}" ]; then
    if [ -n "${PGHOST:-}" ]; then PG_EXTERNAL=1; else PG_EXTERNAL=0; fi
    export PG_EXTERNAL
fi
export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-ecom}"
export PGPASSWORD="${PGPASSWORD:-ecom}"
export PATH="$LOCAL/node/node_modules/.bin:$VENV/bin:$PATH"
ODOO_CONF="${ODOO_CONF:-$LOCAL/odoo.conf}"
# Odoo's data_dir: sessions and filestores (scripts/test.sh gives the tests
# their own, see there)
DATA_DIR="${DATA_DIR:-$LOCAL/data}"
mkdir -p "$LOCAL"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
# pip, without the noise of this machine's unused find-links locations
pip_q() {
    "$PY" -m pip --disable-pip-version-check -q "$@" 2>&1 | sed '/^WARNING: Location/d'
    return "${PIPESTATUS[0]}"
}
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Odoo's command line with this machine's configuration:
# `odoo [--exec] [shell] args`; --exec puts Odoo in place of the calling
# shell (a background subshell whose pid is kept, see run.sh)
odoo() {
    local run=() sub=()
    [ "${1:-}" = --exec ] && { run=(exec); shift; }
    [ "${1:-}" = shell ] && { sub=(shell); shift; }
    "${run[@]}" "$PY" "$ROOT/scripts/odoo-bin" "${sub[@]}" -c "$ODOO_CONF" "$@"
}

# Write the Odoo configuration for this machine (see etc/odoo.conf.example).
write_conf() {
    local conf="$1"
    cat > "$conf" <<CONF
[options]
addons_path = $ROOT
data_dir = $DATA_DIR
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_password = $PGPASSWORD
admin_passwd = ${ODOO_MASTER_PASSWORD:-admin}
http_interface = $HTTP_INTERFACE
http_port = $HTTP_PORT
workers = $WORKERS
max_cron_threads = ${MAX_CRON_THREADS:-1}
server_wide_modules = web,queue_job
limit_time_cpu = 600
limit_time_real = 1200
limit_memory_soft = 2147483648
limit_memory_hard = 2684354560
list_db = True
without_demo = False

[queue_job]
channels = $QUEUE_CHANNELS
CONF
}

# Point a database's own addresses at the server that serves it, before that
# server starts: wkhtmltopdf fetches a report's stylesheets from report.url
# (else web.base.url) with the printing user's session cookie. Left at another
# address (a new database says http://localhost:8069), the PDF prints without
# its styles, or the fetch reaches another server, which logs that session
# out (a database it does not serve). Plain SQL: no Odoo process to start,
# and no server of this database runs yet to cache the old values.
# (Here, not in db.sh: every change of db.sh builds a new template.)
point_urls() {
    local db="$1" url="$2"
    psql -d "$db" -qAt -v ON_ERROR_STOP=1 >/dev/null <<SQL
insert into ir_config_parameter (key, value, create_uid, write_uid, create_date, write_date)
select key, '$url', 1, 1, now() at time zone 'utc', now() at time zone 'utc'
  from unnest(array['report.url', 'web.base.url']) as key
on conflict (key) do update set value = excluded.value, write_date = excluded.write_date;
SQL
}

# The address of a server listening on $1 (interface) and $2 (port), as this
# machine reaches it
local_url() {
    local host="$1"
    case "$host" in ""|0.0.0.0|"::") host=127.0.0.1 ;; esac
    echo "http://$host:$2"
}

# A TCP port of 127.0.0.1 that nothing listens on now
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
