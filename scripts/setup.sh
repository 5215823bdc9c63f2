#!/usr/bin/env bash
# Install everything the suite needs on a fresh machine; fast when nothing changed.
#   system packages (apt), a Python 3.7 virtualenv with the pinned Odoo 11,
#   the OCA addons, lessc (npm) and a running PostgreSQL with a role for Odoo;
#   with WITH_BROWSER=1 (the default) Chromium and the browser tests' venv;
#   pylint-odoo for `make lint` (in the browser tests' venv, created if needed).
set -euo pipefail
source "$(dirname "$0")/env.sh"

# (python3-venv: the Python 3.11 venv of pylint-odoo and the browser tests)
APT_PACKAGES=(wkhtmltopdf libldap2-dev libsasl2-dev libpq-dev fonts-noto-cjk
              postgresql-15 postgresql-client-15 xz-utils python3-venv)
# (poppler-utils: the browser tests look at printed PDFs as PNG pages and text)
[ "${WITH_BROWSER:-1}" = 1 ] && APT_PACKAGES+=(chromium chromium-driver poppler-utils)

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

# Playwright for Python needs Python >= 3.8: the browser tests get a venv of
# the system Python 3 (Debian 12: 3.11). Playwright drives Debian's Chromium
# (/usr/bin/chromium); it never downloads a browser of its own.
install_browser_tests() {
    [ "${WITH_BROWSER:-1}" = 1 ] || return 0
    local req="$ROOT/browser_tests/requirements.txt" stamp="$BROWSER_VENV/.installed"
    [ -f "$stamp" ] && [ ! "$req" -nt "$stamp" ] && return 0
    log "Installing Playwright and pytest for the browser tests in $BROWSER_VENV"
    [ -x "$BROWSER_VENV/bin/python" ] || /usr/bin/python3 -m venv "$BROWSER_VENV"
    # (pipefail: the pipeline fails when pip does)
    if ! "$BROWSER_VENV/bin/python" -m pip --disable-pip-version-check -q install -r "$req" \
            2>&1 | sed '/^WARNING: Location/d'; then
        die "pip could not install $req"
    fi
    touch "$stamp"
}

# pylint-odoo (make lint) needs a newer Python than Odoo 11's 3.7: it goes
# into the browser tests' venv, with a stamp of its own, so that neither
# install repeats the other's.
install_lint() {
    local req="$ROOT/requirements/lint/requirements.txt" stamp="$BROWSER_VENV/.lint-installed"
    [ -f "$stamp" ] && [ ! "$req" -nt "$stamp" ] && return 0
    log "Installing pylint-odoo for make lint in $BROWSER_VENV"
    [ -x "$BROWSER_VENV/bin/python" ] || /usr/bin/python3 -m venv "$BROWSER_VENV"
    if ! "$BROWSER_VENV/bin/python" -m pip --disable-pip-version-check -q install -r "$req" \
            2>&1 | sed '/^WARNING: Location/d'; then
        die "pip could not install $req"
    fi
    touch "$stamp"
}

install_system
install_python
install_node_tools
install_browser_tests
install_lint
"$ROOT/scripts/pg.sh"
write_conf "$ODOO_CONF"
