"""Odoo as production runs it, for the multi-node and fault tests (and bench/).

Two Odoo servers in prefork mode (``--workers=2`` each, their own HTTP and
long-polling ports in 18300-18399, loopback only) serve the same database.
Both load ``web,queue_job`` as server-wide modules (the suite's
configuration), so queue_job's job runner would start in both: queue_job
11.0 starts its runner thread in the main process of any server that loads
its ``jobrunner`` module, unless the root channel's capacity is 0
(``queue_job.jobrunner._is_runner_enabled``). Node A therefore gets the
suite's channels (those of the configuration, ``[queue_job] channels``:
without ``root.ecom_invoicing:1`` the runner would run the invoicing jobs in
the root channel, two at a time, which production never does) and node B
``ODOO_QUEUE_JOB_CHANNELS=root:0``: one runner, which sends the jobs to node
A's own HTTP port (``ODOO_QUEUE_JOB_PORT``). Crons are off in both
(``--max-cron-threads=0``): the automatic review cron would decide the test
orders.

Each server is its own process group, stopped by its pid only.
"""
import os
import re
import signal
import socket
import subprocess
import sys
import time
import xmlrpc.client

import psutil
from ecom_day import TimeoutTransport
from ecom_db import copy_test_db, drop_db

import odoo

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORTS = range(18300, 18400)
# what scripts/env.sh configures (QUEUE_CHANNELS), when the configuration has none
DEFAULT_CHANNELS = "root:2,root.ecom_reservation:1,root.ecom_invoicing:1"
READY_TIMEOUT = 300  # a busy 2-core machine loads the registry slowly


def runner_channels():
    """The job runner's channels: the configuration's, as production runs."""
    return odoo.tools.config.misc.get("queue_job", {}).get("channels") or DEFAULT_CHANNELS


def free_ports(count, start=18300):
    """`count` free TCP ports of 127.0.0.1 in 18300-18399 (this machine's share)."""
    found = []
    for port in PORTS:
        if port < start:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        found.append(port)
        if len(found) == count:
            return found
    raise AssertionError("not %d free ports in 18300-18399" % count)


class Node(object):
    """One prefork Odoo server on `db`."""

    def __init__(self, name, db, conf, logfile, http_port, longpolling_port, runner,
                 workers=2, extra_args=()):
        self.name, self.db, self.conf, self.logfile = name, db, conf, logfile
        self.extra_args = list(extra_args)
        self.port, self.longpolling_port = http_port, longpolling_port
        self.runner, self.workers = runner, workers
        self.proc = None
        self.url = "http://127.0.0.1:%d" % http_port

    def start(self):
        env = dict(os.environ,
                   ODOO_QUEUE_JOB_CHANNELS=runner_channels() if self.runner else "root:0",
                   ODOO_QUEUE_JOB_HOST="127.0.0.1", ODOO_QUEUE_JOB_PORT=str(self.port))
        cmd = [sys.executable, os.path.join(ROOT, "scripts", "odoo-bin"), "-c", self.conf,
               "-d", self.db, "--db-filter=^%s$" % self.db,
               "--workers=%d" % self.workers, "--max-cron-threads=0",
               "--http-interface=127.0.0.1", "--http-port=%d" % self.port,
               "--longpolling-port=%d" % self.longpolling_port,
               "--load=web,queue_job", "--logfile=%s" % self.logfile, "--log-level=info"
               ] + self.extra_args
        open(self.logfile, "w").close()
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        return self

    def log_text(self, offset=0):
        with open(self.logfile, encoding="utf-8", errors="replace") as handle:
            handle.seek(offset)
            return handle.read()

    def log_size(self):
        return os.path.getsize(self.logfile)

    def wait_ready(self, timeout=READY_TIMEOUT):
        """Until the server answers XML-RPC (and, for the runner node, the job
        runner is ready for the database); fail with the log otherwise."""
        deadline = time.time() + timeout
        common = xmlrpc.client.ServerProxy(self.url + "/xmlrpc/2/common",
                                           transport=TimeoutTransport(30))
        while True:
            assert self.proc.poll() is None, "%s exited:\n%s" % (self.name,
                                                                 self.log_text()[-3000:])
            try:
                if common.authenticate(self.db, "admin", "admin", {}):
                    break
            except (OSError, xmlrpc.client.ProtocolError, xmlrpc.client.Fault):
                pass
            assert time.time() < deadline, "%s did not answer in %ds:\n%s" % (
                self.name, timeout, self.log_text()[-3000:])
            time.sleep(1)
        mark = "queue job runner ready for db %s" % self.db if self.runner else \
            "jobrunner thread (in prefork server) NOT started"
        while mark not in self.log_text():
            assert time.time() < deadline, "%s: no %r in its log:\n%s" % (
                self.name, mark, self.log_text()[-3000:])
            time.sleep(1)
        return self

    def http_workers(self):
        """The pids of the HTTP worker processes (not the long-polling one)."""
        pids = []
        for child in psutil.Process(self.proc.pid).children():
            try:
                if "gevent" not in " ".join(child.cmdline()):
                    pids.append(child.pid)
            except (psutil.NoSuchProcess, FileNotFoundError):
                continue  # a worker that just ended
        return pids

    def process_of_backend_port(self, client_port):
        """The pid of this server's process whose socket to PostgreSQL has
        `client_port` as its local port, or None."""
        processes = [psutil.Process(self.proc.pid)] + psutil.Process(self.proc.pid).children()
        for process in processes:
            try:
                for conn in process.connections(kind="tcp"):
                    if conn.laddr and conn.laddr.port == client_port:
                        return process.pid
            except (psutil.NoSuchProcess, FileNotFoundError):
                continue
        return None

    def stop(self):
        if not self.proc or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(30)
        except ProcessLookupError:
            pass


class Cluster(object):
    """Node A (the job runner) and node B on one database (`extra_args`: more
    options of both servers, e.g. another PostgreSQL server's address)."""

    def __init__(self, db, conf, logdir, extra_args=()):
        ports = free_ports(4)
        self.db = db
        self.nodes = [
            Node("node A", db, conf, os.path.join(logdir, "node_a.log"), ports[0], ports[1],
                 runner=True, extra_args=extra_args),
            Node("node B", db, conf, os.path.join(logdir, "node_b.log"), ports[2], ports[3],
                 runner=False, extra_args=extra_args),
        ]

    def start(self):
        try:
            for node in self.nodes:
                node.start()
            for node in self.nodes:
                node.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self):
        for node in self.nodes:
            node.stop()

    @property
    def runner(self):
        return self.nodes[0]

    def log_offsets(self):
        return [node.log_size() for node in self.nodes]

    def log_lines(self, offsets, levels=(" ERROR ", " CRITICAL ")):
        """Lines of `levels` logged by either node since `offsets`, with the
        traceback lines that follow them."""
        found = []
        for node, offset in zip(self.nodes, offsets):
            keep = False
            for line in node.log_text(offset).splitlines():
                if any(level in line for level in levels):
                    found.append("%s: %s" % (node.name, line))
                    keep = True
                elif keep and not line[:4].isdigit():
                    found[-1] += "\n" + line
                else:
                    keep = False
        return found


# ERROR lines that concurrent work produces and the suite handles, and why.
# (odoo.sql_db logs every failed query at ERROR, even one the code expects.)
EXPECTED_ERRORS = [
    (r"odoo\.sql_db: bad query: .*FOR UPDATE NOWAIT[\s\S]*could not obtain lock on row",
     "the guard's lock (ecom.guard.mixin._ecom_lock) found the document taken: the "
     "second person is refused with 'someone else is processing ... right now'"),
    (r"odoo\.sql_db: bad query: [\s\S]*could not serialize access due to concurrent update",
     "two transactions changed the same rows: Odoo retries the XML-RPC call "
     "(odoo.service.model, SERIALIZATION_FAILURE) and queue_job the job, whole"),
    (r"odoo\.sql_db: bad query: [\s\S]*deadlock detected",
     "two transactions took the same row locks in two orders (seen: stock quants, Odoo's "
     "own quant updates of a validation against the reservation's ordered lock; a review "
     "result line's foreign key on an order another transaction updates): PostgreSQL "
     "ends one, which Odoo retries whole (DEADLOCK_DETECTED is one of "
     "odoo.service.model's retried codes, and queue_job's); the day's end checks prove "
     "nothing was lost or done twice. A cost, not a wrong result: seen in loaded make "
     "test runs (2026-12-05)"),
]


def unexpected(lines, allowed=()):
    """The log lines not explained by EXPECTED_ERRORS or `allowed`."""
    return [line for line in lines
            if not any(re.search(pattern, line) for pattern, _why in
                       list(EXPECTED_ERRORS) + list(allowed))]


_SHARED = {}


def shared_cluster(request):
    """The session's cluster, on a copy of the test database: started by the
    first test that needs it, stopped (and the copy dropped) when the test
    session ends, so that the fault and multi-node tests pay for one start."""
    if "error" in _SHARED:
        raise AssertionError("the cluster could not start: %s" % _SHARED["error"])
    if "cluster" in _SHARED:
        return _SHARED["cluster"]
    db = copy_test_db("nodes")
    logdir = os.path.join(ROOT, ".local", "nodes")
    os.makedirs(logdir, exist_ok=True)
    cluster = Cluster(db, odoo.tools.config.rcfile, logdir)

    def cleanup():
        cluster.stop()
        odoo.sql_db.close_db(db)
        odoo.modules.registry.Registry.delete(db)
        drop_db(db)
    request.config.add_cleanup(cleanup)
    try:
        cluster.start()
    except BaseException as error:
        _SHARED["error"] = str(error)[:2000]
        raise
    cluster.registry = odoo.registry(db)
    _SHARED["cluster"] = cluster
    return cluster
