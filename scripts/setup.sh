#!/usr/bin/env bash
# Install everything the suite needs on a fresh machine; fast when nothing changed.
#   system packages (apt), a Python 3.7 virtualenv with the pinned Odoo 11,
#   the OCA addons, lessc (npm) and a running PostgreSQL with a role for Odoo.
set -euo pipefail
source "$(dirname "$0")/env.sh"

APT_PACKAGES=(wkhtmltopdf libldap2-dev libsasl2-dev libpq-dev fonts-noto-cjk
              postgresql-15 postgresql-client-15 xz-utils)
[ "${WITH_BROWSER:-1}" = 1 ] && APT_PACKAGES+=(chromium chromium-driver)

install_system() {
    local missing=()
    for p in "${APT_PACKAGES[@]}"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    command -v node >/dev/null || missing+=(nodejs npm)
    [ ${#missing[@]} -eq 0 ] && return 0
    log "Installing system packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

find_python37() {
    for c in "${PYTHON37:-}" /root/.pyenv/versions/3.7.16/bin/python \
             "$HOME/.pyenv/versions/3.7.16/bin/python" python3.7; do
        [ -n "$c" ] && command -v "$c" >/dev/null 2>&1 && { command -v "$c"; return; }
    done
    die "Python 3.7 not found: Odoo 11 needs it. Set PYTHON37=/path/to/python3.7"
}

install_python() {
    local stamp="$VENV/.installed"
    local inputs=("$ROOT/requirements/requirements.txt" "$ROOT/requirements/oca.txt"
                  "$ROOT/requirements/constraints.txt")
    if [ -f "$stamp" ]; then
        local stale=0
        for f in "${inputs[@]}"; do [ "$f" -nt "$stamp" ] && stale=1; done
        [ $stale = 0 ] && return 0
    fi
    if [ ! -x "$PY" ]; then
        log "Creating the Python 3.7 virtualenv in $VENV"
        "$(find_python37)" -m venv "$VENV"
    fi
    log "Installing Odoo 11 and the Python dependencies (pinned)"
    # vatnumber (an Odoo 11 requirement) only builds with setuptools < 58.
    pip_q install "setuptools<58" wheel
    pip_q install -c "$ROOT/requirements/constraints.txt" -r "$ROOT/requirements/requirements.txt"
    pip_q install --no-deps -r "$ROOT/requirements/oca.txt"
    touch "$stamp"
}

install_node_tools() {
    [ -x "$LOCAL/node/node_modules/.bin/lessc" ] && return 0
    log "Installing lessc (the web client compiles its LESS with it)"
    mkdir -p "$LOCAL/node"
    npm install --silent --no-audit --no-fund --prefix "$LOCAL/node" \
        less@3.13.1 less-plugin-clean-css@1.5.1 >/dev/null
}

install_system
install_python
install_node_tools
"$ROOT/scripts/pg.sh"
write_conf "$ODOO_CONF"
