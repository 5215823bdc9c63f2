"""A PostgreSQL server of the test's own, for the test that restarts it.

The machine's PostgreSQL serves every engineer and test run: restarting it
would break their work. `PrivatePostgres` runs a server of its own with the
machine's PostgreSQL 15 binaries (Debian's postgresql-15, as scripts/pg.sh;
PG_BIN overrides their folder): ``initdb`` into a temporary folder under
.local, its own port (18300-18399, this machine's share, loopback only) and
its own unix socket folder, ``pg_ctl`` to start, restart and stop it. The
test database is copied into it (``pg_dump | pg_restore``); the server and
its folder are removed at the end, whatever happened.

Authentication is ``trust``: the server listens on 127.0.0.1 and in a
socket folder of its own only, holds a throw-away copy of test data, and
lives for one test. As root (this machine's test runs) the server runs as
the ``postgres`` system user, which PostgreSQL requires.
"""
import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager

from ecom_cluster import ROOT, free_ports

import odoo
from odoo.sql_db import close_all, db_connect

PG_BIN = os.environ.get("PG_BIN") or "/usr/lib/postgresql/15/bin"
# the test's own server: no durability needed, a small footprint
SETTINGS = ("-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c shared_buffers=64MB -c max_connections=60")


class PrivatePostgres(object):
    """A PostgreSQL server in a temporary folder under .local."""

    def __init__(self):
        self.user = os.environ.get("PGUSER") or "ecom"
        self.folder = tempfile.mkdtemp(prefix="pg-", dir=os.path.join(ROOT, ".local"))
        self.data = os.path.join(self.folder, "data")
        self.sockets = os.path.join(self.folder, "run")
        self.logfile = os.path.join(self.folder, "postgresql.log")
        self.port = None
        self.started = False

    def _run(self, *args, timeout=120):
        """A server command of PG_BIN, as the postgres system user when root."""
        command = [os.path.join(PG_BIN, args[0])] + list(args[1:])
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--"] + command
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                universal_newlines=True, timeout=timeout, cwd=self.folder)
        assert result.returncode == 0, "%s failed:\n%s\n%s" % (
            " ".join(command), result.stdout, self.log_tail())
        return result.stdout

    def log_tail(self):
        if not os.path.exists(self.logfile):
            return ""
        with open(self.logfile, errors="replace") as handle:
            return handle.read()[-2000:]

    def start(self):
        """initdb, then start the server on a free port; returns self."""
        os.makedirs(self.sockets)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
            shutil.chown(self.sockets, "postgres")
        self._run("initdb", "-D", self.data, "-U", self.user, "--auth=trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        self.port = free_ports(1, start=18390)[0]
        self._run("pg_ctl", "-D", self.data, "-l", self.logfile, "-w", "-t", "60", "-o",
                  "-p %d -k %s %s" % (self.port, self.sockets, SETTINGS), "start")
        self.started = True
        return self

    def restart(self):
        """Restart the server (fast: the sessions are ended, the transactions
        in flight rolled back), as a database restart in production."""
        self._run("pg_ctl", "-D", self.data, "-l", self.logfile, "-w", "-t", "60", "-m",
                  "fast", "restart")

    def remove(self):
        """Stop the server (immediately: nothing in it is kept) and remove
        its folder."""
        try:
            if self.started:
                self._run("pg_ctl", "-D", self.data, "-w", "-t", "60", "-m", "immediate",
                          "stop")
                self.started = False
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def odoo_args(self):
        """The command-line options of an Odoo server using this one."""
        return ["--db_host=127.0.0.1", "--db_port=%d" % self.port]

    def copy_database(self, source, name):
        """Copy the database `source` of the machine's server (the one of
        Odoo's configuration) into this one as `name`."""
        client = dict(os.environ, PGHOST="127.0.0.1", PGPORT=str(self.port),
                      PGUSER=self.user)
        subprocess.run([os.path.join(PG_BIN, "createdb"), "-T", "template0", name],
                       env=client, check=True, timeout=60)
        dump = subprocess.Popen([os.path.join(PG_BIN, "pg_dump"), "-Fc", "-Z0", source],
                                stdout=subprocess.PIPE)
        restore = subprocess.run([os.path.join(PG_BIN, "pg_restore"), "--no-owner",
                                  "--no-acl", "-d", name], stdin=dump.stdout, env=client,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 universal_newlines=True, timeout=600)
        dump.stdout.close()
        assert dump.wait(60) == 0, "pg_dump %s failed" % source
        assert restore.returncode == 0, "pg_restore into %s failed:\n%s" % (
            name, restore.stdout[-2000:])
        return name

    @contextmanager
    def serving_this_process(self):
        """This test process's Odoo connections go to this server meanwhile
        (prepare, check, the registry of the copy); the machine's again after."""
        config = odoo.tools.config
        saved = config["db_host"], config["db_port"]
        close_all()
        config["db_host"], config["db_port"] = "127.0.0.1", self.port
        try:
            yield self
        finally:
            close_all()
            config["db_host"], config["db_port"] = saved

    def wait_up(self, timeout=60):
        """Until this process can connect again (its pooled connections
        died with the server); returns the seconds waited."""
        started = time.time()
        while True:
            close_all()
            try:
                with db_connect("postgres").cursor() as cr:
                    cr.execute("SELECT 1")
                return time.time() - started
            except Exception:  # noqa: B902 -- not up yet
                assert time.time() - started < timeout, \
                    "PostgreSQL did not come back in %d s" % timeout
                time.sleep(0.5)
