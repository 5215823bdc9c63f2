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
data_dir = $LOCAL/data
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
