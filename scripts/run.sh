#!/usr/bin/env bash
# Set everything up, create or upgrade the demo database, serve the web client.
#   DETACH=1  return once the server answers (stop it with `make stop`)
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$ROOT/scripts/db.sh"

"$ROOT/scripts/setup.sh"
"$ROOT/scripts/stop.sh" --quiet

LOG="$LOCAL/odoo-$DB_NAME.log"
if db_exists "$DB_NAME"; then
    # Installed addons are upgraded (-u), missing ones installed (-i). An
    # installed addon must not be given to -i: Odoo would load it as if
    # installed anew and replay its demo data.
    installed=$(psql -d "$DB_NAME" -Atc "select string_agg(name, ',') from ir_module_module
                where state = 'installed' and name = any(string_to_array('$ADDONS', ','))")
    missing=$(comm -23 <(tr , '\n' <<<"$ADDONS" | sort) <(tr , '\n' <<<"$installed" | sort) \
              | paste -sd, -)
    args=()
    [ -n "$installed" ] && args+=(-u "$installed")
    [ -n "$missing" ] && args+=(-i "$missing")
    log "Upgrading the suite in database $DB_NAME (${installed:-nothing installed yet}${missing:+; installing $missing})"
    odoo -d "$DB_NAME" "${args[@]}" --stop-after-init --log-level=warn
else
    log "Creating database $DB_NAME with the suite and its demo data"
    create_from_template "$DB_NAME"
    odoo -d "$DB_NAME" -i "$ADDONS" --load-language=zh_CN --stop-after-init --log-level=warn
fi

url=$(local_url "$HTTP_INTERFACE" "$HTTP_PORT")
point_urls "$DB_NAME" "$url"

log "Starting Odoo (workers=$WORKERS)"
: > "$LOG"
# --exec: the pid recorded is Odoo's own, not a subshell's that `make stop`
# would kill while Odoo kept serving; detached from the caller's terminal
# and pipes, which a background server would hold open
( odoo --exec -d "$DB_NAME" --db-filter="^$DB_NAME\$" --logfile="$LOG" \
    </dev/null >/dev/null 2>>"$LOG" ) &
echo $! > "$LOCAL/odoo.pid"
# First wait for the registry: a request during Odoo 11's preload races with
# the import of every addon (an Odoo bug that logs a failed registry load).
for _ in $(seq 1 120); do
    grep -q "Modules loaded." "$LOG" && break
    kill -0 "$(cat "$LOCAL/odoo.pid")" 2>/dev/null || { tail -30 "$LOG"; die "Odoo did not start"; }
    sleep 1
done
for _ in $(seq 1 120); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url/web/login" || true)
    [ "$code" = 200 ] && break
    kill -0 "$(cat "$LOCAL/odoo.pid")" 2>/dev/null || { tail -30 "$LOG"; die "Odoo did not start"; }
    sleep 1
done
[ "$code" = 200 ] || die "Odoo did not answer on $url (see $LOG)"
if grep -q ' ERROR ' "$LOG"; then
    grep ' ERROR ' "$LOG" | head -5 >&2
    log "The server log has errors: $LOG"
fi
cat <<MSG

  Odoo serves the web client on $url  (database $DB_NAME)
  Log in as admin/admin, or as a role: ecom_cs, ecom_finance, ecom_warehouse,
  ecom_manager, ecom_director, ecom_gm (password = login).
  Server log: $LOG
  Stop with Ctrl-C$( [ "${DETACH:-0}" = 1 ] && echo " is not available: run 'make stop'" || echo " or 'make stop'").

MSG
[ "${DETACH:-0}" = 1 ] && exit 0
trap '"$ROOT/scripts/stop.sh" --quiet; exit 0' INT TERM
wait "$(cat "$LOCAL/odoo.pid")"
