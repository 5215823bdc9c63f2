"""Browser tests: the real Odoo 11 web client in headless Chromium.

They run in their own virtualenv (system Python 3.11 with Playwright, see
scripts/setup.sh): Odoo's Python 3.7 is too old for Playwright. What they
need from Odoo is a running server and fresh data, so this file

- starts an Odoo server (Odoo's own venv) on a free port against the test
  database, the database's report.url pointing at it, and waits for
  "Modules loaded.";
- prepares the data of each run with `odoo shell` (prepare.py);
- switches the demo users' language (each run once in English, once in
  Simplified Chinese) through XML-RPC, as each user would in Preferences;
- drives Debian's Chromium (never a downloaded browser) with a fresh profile.

Environment (set by scripts/test.sh): ODOO_PY, ODOO_CONF, TEST_DB,
SCREENS_DIR (where screenshots go).
"""
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import xmlrpc.client

import pytest
from playwright.sync_api import expect, sync_playwright

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
# The demo users (ecom_<role>, password = login); they work in zh_CN by
# default, each run sets its language and puts the previous one back.
ROLES = ("cs", "finance", "warehouse", "manager", "director", "gm", "purchase")
LANGS = ("en_US", "zh_CN")
READY_MARK = "Modules loaded."

# A user waits for the server: Odoo 11 on a busy 2-core machine can take
# seconds per click (the first page compiles assets).
expect.set_options(timeout=60000)


def _env(name):
    value = os.environ.get(name)
    if not value:
        pytest.exit("%s is not set: run the browser tests with scripts/test.sh "
                    "(BROWSER=only scripts/test.sh)" % name, returncode=4)
    return value


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def odoo(screens_dir):
    """A running Odoo server on the test database: its url and database.

    ODOO_URL=http://... uses a server that is already running instead (while
    writing tests). The server log is kept beside the screenshots.
    """
    db = _env("TEST_DB")
    if os.environ.get("ODOO_URL"):
        yield {"url": os.environ["ODOO_URL"], "db": db}
        return
    python, conf = _env("ODOO_PY"), _env("ODOO_CONF")
    port = _free_port()
    url = "http://127.0.0.1:%d" % port
    # The reports printed here fetch their stylesheets from this server, with
    # the user's session: never from another one (see point_urls, env.sh).
    subprocess.run(["bash", "-c", 'source scripts/env.sh && point_urls "$0" "$1"', db, url],
                   cwd=ROOT, check=True)
    logfile = os.path.join(screens_dir, "odoo-server.log")
    if os.path.exists(logfile):
        os.unlink(logfile)
    # No cron thread: the automatic review rules would pass the test orders.
    cmd = [python, os.path.join(ROOT, "scripts", "odoo-bin"), "-c", conf, "-d", db,
           "--db-filter=^%s$" % db, "--http-port=%d" % port, "--http-interface=127.0.0.1",
           "--workers=0", "--max-cron-threads=0", "--logfile=%s" % logfile]
    proc = subprocess.Popen(cmd, cwd=ROOT)
    try:
        # A request during Odoo 11's registry preload races with the import of
        # every addon: wait for the registry first.
        deadline = time.time() + 180
        while True:
            with open(logfile, "a+") as log:
                log.seek(0)
                if READY_MARK in log.read():
                    break
            assert proc.poll() is None, "the Odoo server exited, see %s" % logfile
            assert time.time() < deadline, "Odoo did not load its registry, see %s" % logfile
            time.sleep(0.5)
        yield {"url": url, "db": db}
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
    with open(logfile) as log:
        errors = [line for line in log if " ERROR " in line]
    assert not errors, "the Odoo server logged errors (%s):\n%s" % (
        logfile, "".join(errors[:10]))


def _prepare(tag):
    """Fresh data for one run, made by prepare.py inside `odoo shell`."""
    python, conf, db = _env("ODOO_PY"), _env("ODOO_CONF"), _env("TEST_DB")
    with open(os.path.join(ROOT, "browser_tests", "prepare.py"), "rb") as script:
        result = subprocess.run(
            [python, os.path.join(ROOT, "scripts", "odoo-bin"), "shell", "-c", conf, "-d", db,
             "--no-http", "--max-cron-threads=0", "--log-level=warn"],
            stdin=script, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT,
            env=dict(os.environ, BROWSER_TAG=tag), timeout=300)
    output = result.stdout.decode("utf-8", "replace")
    found = re.search(r"^BROWSER_DATA=(.*)$", output, re.M)
    assert found, "prepare.py failed:\n" + output[-3000:]
    return json.loads(found.group(1))


# Labels of the web client itself (Odoo's own catalogue, not the suite's).
CORE_TERMS = {"zh_CN": {"Print": "打印", "Action": "动作"}}


class Po(object):
    """The translations a user sees: msgid → msgstr of the addons' zh_CN.po."""

    def __init__(self, lang):
        self.lang = lang
        self.terms = dict(CORE_TERMS.get(lang, {}))
        if lang == "en_US":
            return
        for addon in ("ecom_order_mgmt", "ecom_backorder", "ecom_returns"):
            path = os.path.join(ROOT, addon, "i18n", "%s.po" % lang)
            if os.path.exists(path):
                self._read(path)

    def _read(self, path):
        with open(path, encoding="utf-8") as po:
            text = po.read()
        for block in text.split("\n\n"):
            msgid = self._string(block, "msgid")
            msgstr = self._string(block, "msgstr")
            if msgid and msgstr:
                self.terms.setdefault(msgid, msgstr)

    @staticmethod
    def _string(block, keyword):
        found = re.search(r'^%s ((?:".*"\n?)+)' % keyword, block, re.M)
        if not found:
            return None
        parts = re.findall(r'"(.*)"', found.group(1))
        return "".join(parts).encode("latin-1", "backslashreplace").decode("unicode_escape")

    def __call__(self, msgid):
        if self.lang == "en_US":
            return msgid
        assert msgid in self.terms, "no %s translation of %r" % (self.lang, msgid)
        return self.terms[msgid]


@pytest.fixture(scope="module", params=LANGS)
def run(request, odoo):
    """One run of the flows: the users' language, fresh data, translations."""
    lang = request.param
    url = odoo["url"]
    common = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/common")
    models = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/object", allow_none=True)
    before = {}
    for role in ROLES:
        login = "ecom_%s" % role
        uid = common.authenticate(odoo["db"], login, login, {})
        assert uid, "cannot log in as %s" % login
        before[role] = models.execute_kw(odoo["db"], uid, login, "res.users", "read",
                                         [[uid], ["lang"]])[0]["lang"]
        # A user may change their own language (Preferences).
        models.execute_kw(odoo["db"], uid, login, "res.users", "write",
                          [[uid], {"lang": lang}])
    data = _prepare("%s%d" % (lang[:2].upper(), int(time.time())))
    yield dict(data, lang=lang, tr=Po(lang), url=url, db=odoo["db"])
    for role, previous in before.items():
        login = "ecom_%s" % role
        uid = common.authenticate(odoo["db"], login, login, {})
        models.execute_kw(odoo["db"], uid, login, "res.users", "write",
                          [[uid], {"lang": previous or "en_US"}])


@pytest.fixture(scope="session")
def browser_context():
    """Debian's Chromium with a fresh profile, downloads accepted."""
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    downloads = tempfile.mkdtemp(prefix="chromium-downloads-")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 900}, accept_downloads=True,
            # (no "enable desktop notifications" banner in the screenshots)
            permissions=["notifications"],
            downloads_path=downloads)
        try:
            yield context
        finally:
            context.close()
    shutil.rmtree(profile, ignore_errors=True)
    shutil.rmtree(downloads, ignore_errors=True)


@pytest.fixture(scope="session")
def screens_dir():
    path = os.environ.get("SCREENS_DIR") or os.path.join(ROOT, ".local", "screens")
    os.makedirs(path, exist_ok=True)
    return path


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.failed_call = report.failed


@pytest.fixture(autouse=True)
def screenshot_on_failure(request, browser_context, screens_dir):
    """A failed flow leaves a picture of the page it failed on."""
    yield
    if getattr(request.node, "failed_call", False) and browser_context.pages:
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        browser_context.pages[0].screenshot(
            path=os.path.join(screens_dir, "FAILED_%s.png" % name))
