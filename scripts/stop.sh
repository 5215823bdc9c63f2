#!/usr/bin/env bash
# Stop the Odoo server that `make run` started.
set -uo pipefail
source "$(dirname "$0")/env.sh"
pidfile="$LOCAL/odoo.pid"
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    pid=$(cat "$pidfile")
    # a pid file written before run.sh exec'd Odoo names its parent shell
    pkill -TERM -P "$pid" 2>/dev/null
    kill "$pid"
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null
    [ "${1:-}" = --quiet ] || log "Odoo stopped"
else
    [ "${1:-}" = --quiet ] || log "Odoo is not running"
fi
rm -f "$pidfile"
exit 0
