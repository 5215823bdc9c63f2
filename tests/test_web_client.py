"""The web client answers from the very first request, with its assets compiled.

A real Odoo server is started on the test database (on a free port), the
login page is requested first, then a demo user logs in and loads the
backend: no page carries an asset error and the server log has no ERROR.
"""
import http.cookiejar
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from odoo.tools import config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ASSET_ERROR_MARK = "__assetsBundleErrorSeen"
READY_MARK = "Modules loaded."


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = _free_port()
    logfile = str(tmp_path_factory.mktemp("odoo") / "server.log")
    db = config["db_name"]
    cmd = [sys.executable, os.path.join(ROOT, "scripts", "odoo-bin"),
           "-c", config.rcfile, "-d", db, "--db-filter=^%s$" % db,
           "--http-port=%d" % port, "--http-interface=127.0.0.1",
           "--workers=0", "--max-cron-threads=0", "--logfile=%s" % logfile]
    proc = subprocess.Popen(cmd, cwd=ROOT)
    base = "http://127.0.0.1:%d" % port
    try:
        # Wait until the registry is loaded: a request that arrives while Odoo
        # 11 still preloads it races with the import of every addon (an Odoo
        # bug that logs "Model ... does not exist in registry").
        deadline = time.time() + 120
        while time.time() < deadline:
            with open(logfile, "a+") as log:
                log.seek(0)
                if READY_MARK in log.read():
                    break
            assert proc.poll() is None, "the Odoo server exited"
            time.sleep(0.5)
        else:
            # never go on with a server that is not ready: say so
            pytest.fail("Odoo did not load its registry in 120 s, see %s" % logfile)
        yield base, logfile
    finally:
        proc.terminate()
        proc.wait(30)


@pytest.mark.slow
def test_first_request_and_backend_assets(server):
    base, logfile = server
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    # The very first request: Odoo imports every addon on the path here.
    response = opener.open(base + "/web/login", timeout=120)
    assert response.status == 200
    assert ASSET_ERROR_MARK not in response.read().decode()

    payload = json.dumps({"jsonrpc": "2.0", "params": {
        "db": config["db_name"], "login": "ecom_cs", "password": "ecom_cs"}}).encode()
    request = urllib.request.Request(base + "/web/session/authenticate", payload,
                                     {"Content-Type": "application/json"})
    result = json.loads(opener.open(request, timeout=60).read().decode())
    assert result.get("result", {}).get("uid"), result

    page = opener.open(base + "/web", timeout=180).read().decode()
    assert "web.assets_backend" in page
    assert ASSET_ERROR_MARK not in page, "the backend assets did not compile"

    with open(logfile) as log:
        errors = [line for line in log if " ERROR " in line]
    assert not errors, "".join(errors)
