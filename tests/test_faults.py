"""Faults of production, survived: a worker killed mid-job, the database
connections lost mid-run, a job channel filled then cancelled.

They run on the cluster of tests/ecom_cluster.py (two prefork servers, one
job runner, a copy of the test database) and drive it over XML-RPC as the
demo users.

- A worker killed (SIGKILL) while it runs a bulk-approval job: its
  transaction dies with it (no order of the chunk half approved), the
  prefork server starts a new worker, and the job, left `started` (queue_job
  cannot tell a dead job from a slow one), is requeued the way production
  does it: the suite's cron *E-commerce: requeue abandoned jobs*, once the
  job started longer ago than `limit_time_real` (no worker can still be
  running it; the test moves the job's start back instead of waiting). The
  rerun approves every order once (the job skips orders that left review).
- Connections lost mid-run: every connection of both servers (and of the
  job runner) to this test's database is ended with `pg_terminate_backend`,
  three times while people work. That is what the servers see of a restart
  (their pooled connections die, the transactions in flight are rolled
  back); what it does not cover is the time the server is down (new
  connections refused). The servers reconnect, the clients retry the calls
  that failed with a lost connection, the jobs that lost theirs are retried
  by the suite (never left failed: ecom_order_mgmt/controllers/queue_job.py)
  and those that could not even be set to retry are requeued as the garbage
  collector does, while people still work; at the end every document is in
  one consistent state (tests/ecom_day_check.check).
- PostgreSQL restarted during a run: the same day, but the PostgreSQL
  server itself is restarted (``pg_ctl restart -m fast``), so that for a
  moment new connections are refused too. Not the machine's server, which
  every engineer and test run shares: a server of the test's own
  (tests/ecom_pg.py: initdb into .local, its own port and socket folder, a
  copy of the test database), with a cluster of two servers of its own on
  it, all removed at the end.
- A job channel filled (more bulk-review jobs than its capacity) and the
  jobs cancelled (queue_job 11.0 has no cancelled state: "Set to Done",
  `button_done`, is how a job is cancelled): no order is left locked or half
  approved, the orders of the cancelled jobs can be approved by hand and by
  a new bulk review.

Shown to fail: without the requeue the killed job's orders stay in finance
review; a bulk-review job that did not skip the orders that left review
would approve them twice (the chatter check); a lock kept past a cancelled
job would make the NOWAIT lock of the orders fail.
"""
import os
import signal
import threading
import time
from datetime import datetime

import pytest
from ecom_cluster import ROOT, Cluster, shared_cluster, unexpected
from ecom_day import Day, Refused, Rpc, Stats, prepare
from ecom_day_check import changed_once, check
from ecom_db import OWN_SESSIONS, test_db_name
from ecom_pg import PrivatePostgres

import odoo
from odoo import SUPERUSER_ID, api
from odoo.sql_db import close_all, db_connect

pytestmark = pytest.mark.slow

# What a lost connection says, in the server logs and in a job's failure.
LOST = (r"terminating connection due to administrator command|server closed the connection"
        r" unexpectedly|connection already closed|cursor already closed|Unable to use a "
        r"closed cursor|SSL SYSCALL|connection not open")
# Log entries (a line and its traceback) the lost connections produce.
CONNECTION_LOSS = [
    (LOST, "a request, a job or the job runner whose connection was ended: the request is "
           "rolled back and retried by its client, the job is requeued, the runner "
           "reconnects after 5 s"),
    (r"queue_job\.jobrunner\.runner: exception in GET \S+/queue_job/runjob[\s\S]*"
     r"raise_for_status",
     "the job runner asked a server to run a job just as that server's connection was "
     "ended: the server answered 500 (its own log shows the lost connection), the job "
     "stayed enqueued and is requeued (the end checks: each job done once)"),
    (r"queue_job\.jobrunner\.runner: exception: sleeping \d+s and retrying[\s\S]*"
     r"_async_http_get[\s\S]*raise_for_status",
     "the job runner asked a server for its session (its first call after its cookies "
     "were lost) while that server could not reach the database: the server answered "
     "500 and the runner started over after 5 s, re-reading the queue from the database "
     "(queue_job may then trip over its own job dictionary as it closes the database, "
     "'dictionary changed size during iteration': caught and logged by queue_job); the "
     "end checks: each job done once"),
    # the last line of those tracebacks, an entry of its own ("SERVER ERROR")
    (r"^node \w+: requests\.exceptions\.HTTPError: 500 Server Error: INTERNAL SERVER ERROR "
     r"for url: \S+/queue_job/(runjob|session)", "the same"),
]
JOB_WAIT = int(os.environ.get("ECOM_FAULTS_JOB_WAIT") or 240)
# The short run of `make test`: the day ends as soon as its work is done,
# at the latest after DAY_SECONDS (ECOM_FAULTS_SECONDS); on a loaded machine
# the work of a short day takes longer than on an idle one, not more.
DAY_SECONDS = int(os.environ.get("ECOM_FAULTS_SECONDS") or 300)


@pytest.fixture(scope="module")
def cluster(request):
    return shared_cluster(request)


def _orders(cluster, tag, count, chunk, threshold=None):
    """`count` orders waiting for finance review (prepared as for a day)."""
    world = prepare(cluster.registry, tag, orders=count, imported=0, requests=0, chunk=chunk,
                    threshold=threshold)
    with api.Environment.manage(), cluster.registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        orders = env["sale.order"].browse(world["orders"])
        orders.write({"ecom_buyer_remark": False})
        orders.sudo(env.ref("ecom_order_mgmt.user_ecom_cs")).action_ecom_cs_approve()
        cr.commit()
    return world


def _jobs(cluster, world, states=None):
    with db_connect(cluster.db).cursor() as cr:
        cr.execute("SELECT id, uuid, state, method_name FROM queue_job WHERE id >= %s "
                   + ("AND state IN %s " if states else "") + "ORDER BY id",
                   (world["first_job"], tuple(states)) if states else (world["first_job"],))
        return cr.fetchall()


def _wait_jobs(cluster, world, timeout=JOB_WAIT, settle=0):
    """Until no job of `world` waits or runs (for `settle` seconds in a row:
    a /runjob request already on its way may still start a job)."""
    deadline = time.time() + timeout
    quiet_since = None
    while True:
        if _jobs(cluster, world, ("pending", "enqueued", "started")):
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.time()
        if quiet_since is not None and time.time() - quiet_since >= settle:
            return
        assert time.time() < deadline, "jobs still waiting: %s" % _jobs(cluster, world)
        time.sleep(1)


def _consistent(cluster, world):
    """Each order approved with its one delivery, or in review with none."""
    with api.Environment.manage(), cluster.registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        wrong = []
        for order in env["sale.order"].browse(world["orders"]):
            deliveries = len(order.picking_ids)
            if (order.ecom_state, order.state, deliveries) not in (
                    ("approved", "sale", 1), ("to_finance", "draft", 0)):
                wrong.append((order.name, order.ecom_state, order.state, deliveries))
        states = sorted(set(env["sale.order"].browse(world["orders"]).mapped("ecom_state")))
        cr.rollback()
    assert not wrong, "half-written orders: %s" % wrong
    return states


def _approved_once(cluster, world):
    with api.Environment.manage(), cluster.registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        orders = env["sale.order"].browse(world["orders"])
        problems = changed_once(env, orders, "sale.order", "ecom_state", "approved")
        cr.rollback()
    assert not problems, "\n".join(problems)


def _unexpected_errors(cluster, offsets, allowed=()):
    return unexpected(cluster.log_lines(offsets), allowed)


def _busy_worker(cluster):
    """(worker pid, backend pid) of node A's worker running a query on the
    database right now, or None."""
    with db_connect("postgres").cursor() as cr:
        cr.execute("""SELECT pid, client_port FROM pg_stat_activity
                       WHERE datname = %s AND state = 'active' AND pid != pg_backend_pid()
                         AND query NOT ILIKE 'LISTEN%%'""", (cluster.db,))
        backends = cr.fetchall()
    workers = set(cluster.runner.http_workers())
    for backend, port in backends:
        pid = cluster.runner.process_of_backend_port(port)
        if pid in workers:
            return pid, backend
    return None


def _garbage_collect(cluster):
    """What production's crons do every 5 minutes: queue_job's garbage
    collector requeues the jobs left enqueued, the suite's
    (ecom_order_mgmt/models/queue_job.py) those left started longer ago
    than a worker may run (limit_time_real, 1200 s here, and a minute)."""
    admin = Rpc(cluster.runner.url, cluster.db, "admin", Stats())
    for xmlid in ("queue_job.ir_cron_queue_job_garbage_collector",
                  "ecom_order_mgmt.ir_cron_ecom_requeue_abandoned_jobs"):
        # one at a time: Odoo 11's method_direct_trigger reads its user as
        # one record's
        admin("ir.cron", "method_direct_trigger",
              [admin("ir.model.data", "xmlid_to_res_id", xmlid, True)])


def test_worker_killed_mid_job_the_job_reruns_and_each_order_is_approved_once(cluster):
    node = cluster.runner
    offsets = cluster.log_offsets()
    # one job of 16 orders: while it runs, it is the only job
    world = _orders(cluster, "KILL", 16, chunk=16, threshold=4)
    finance = Rpc(node.url, cluster.db, "ecom_finance", Stats())
    finance("sale.order", "action_ecom_bulk_review", world["orders"])
    killed = None
    deadline = time.time() + JOB_WAIT
    while not killed and time.time() < deadline:
        started = [job for job in _jobs(cluster, world, ("started",))
                   if job[3] == "_ecom_job_bulk_review"]
        busy = started and _busy_worker(cluster)
        if busy:
            os.kill(busy[0], signal.SIGKILL)
            killed = (busy[0], started[0])
            break
        assert _jobs(cluster, world, ("pending", "enqueued", "started")), \
            "every job ended before a worker could be killed in one"
        time.sleep(0.05)
    assert killed, "no worker was seen running a bulk-review job"
    pid, job = killed
    # The prefork server replaces the worker; the dead job's work is gone.
    deadline = time.time() + 120
    while pid in node.http_workers() or len(node.http_workers()) < node.workers:
        assert time.time() < deadline, "node A did not replace worker %s" % pid
        time.sleep(1)
    time.sleep(5)  # the other jobs go on meanwhile
    _consistent(cluster, world)
    stuck = [j for j in _jobs(cluster, world, ("started",)) if j[0] == job[0]]
    assert stuck, "the killed job should stay started: %s" % _jobs(cluster, world)
    # What the garbage collector does once limit_time_real (1200 s) is past.
    with db_connect(cluster.db).cursor() as cr:
        cr.execute("UPDATE queue_job SET date_started = date_started - interval '25 minutes' "
                   "WHERE id = %s", (job[0],))
        cr.commit()
    _garbage_collect(cluster)
    _wait_jobs(cluster, world)
    assert _consistent(cluster, world) == ["approved"]
    _approved_once(cluster, world)
    assert not [j for j in _jobs(cluster, world) if j[2] != "done"]
    errors = _unexpected_errors(cluster, offsets, [
        (r"Worker \(%d\)|%d" % (pid, pid), "the worker this test killed"),
        (r"queue_job\.jobrunner\.runner: exception in GET .*/queue_job/runjob\?",
         "the job runner's request to the killed worker got no answer")])
    assert not errors, "\n".join(errors)


def _terminate(cluster):
    """End every connection of the servers to the test database; return how
    many each node had."""
    with db_connect("postgres").cursor() as cr:
        cr.execute("SELECT pid, client_port " + OWN_SESSIONS, (cluster.db,))
        backends = cr.fetchall()
    per_node = [0] * len(cluster.nodes)
    for backend, port in backends:
        for n, node in enumerate(cluster.nodes):
            if node.process_of_backend_port(port):
                per_node[n] += 1
    with db_connect("postgres").cursor() as cr:
        cr.autocommit(True)
        cr.execute("SELECT count(pg_terminate_backend(pid)) " + OWN_SESSIONS, (cluster.db,))
    return per_node


def _recover_jobs(cluster, world, day):
    """A job whose connection was ended is retried by the suite (its
    controller, ecom_order_mgmt/controllers/queue_job.py), never failed; one
    that could not even be set to retry stayed started with nobody running
    it, or stayed enqueued when the runner's request could not start it:
    requeue those as production's garbage collector does (once its delays
    are past), then wait for every job."""
    stuck = day.wait_jobs(60)
    admin = Rpc(cluster.runner.url, cluster.db, "admin", Stats())
    failed = admin("queue.job", "search_read", [("id", ">=", world["first_job"]),
                                                ("state", "=", "failed")], ["exc_info"])
    assert not failed, "jobs failed instead of being retried:\n%s" % "\n".join(
        "%s: %s" % (job["id"], (job["exc_info"] or "")[-600:]) for job in failed)
    if stuck:
        # started: its worker lost the connection; enqueued: the runner's
        # /runjob request failed (the server could not reach PostgreSQL)
        with db_connect(cluster.db).cursor() as cr:
            cr.execute("UPDATE queue_job SET date_started = date_started - "
                       "interval '25 minutes' WHERE id IN %s AND state = 'started'",
                       (tuple(stuck),))
            cr.execute("UPDATE queue_job SET date_enqueued = date_enqueued - "
                       "interval '25 minutes' WHERE id IN %s AND state = 'enqueued'",
                       (tuple(stuck),))
            cr.commit()
        _garbage_collect(cluster)
    left = day.wait_jobs(JOB_WAIT)
    assert not left, "jobs still not done after the requeue: %s" % left
    retried = admin("queue.job", "search_count", [("id", ">=", world["first_job"]),
                                                  ("retry", ">", 1)])
    print("jobs run more than once (a lost connection or a serialization failure "
          "retried): %d; left started or enqueued at the end: %d, requeued during the "
          "day: %d; all done" % (retried, len(stuck), len(world.get("killed", []))))
    return list(stuck) + world.get("killed", [])


def _requeue_killed(cluster, world, moment):
    """Requeue the jobs still started or enqueued since before `moment`, when
    the last fault ended every connection (a restart of PostgreSQL, the
    backends terminated): nobody runs them any more. Production's garbage
    collector (queue_job's cron, every 5 minutes, for jobs started longer ago
    than its delay) does the same; done here while people still work, so
    that the day finishes what waited on those jobs (seen: a reservation
    left started, its delivery never shipped that day; and, before the suite
    retried the jobs that lost their connection, a reservation job failed
    and was requeued only after the day: the day's clients waited for its
    delivery until their time was up, CI of 2026-12-05). Returns their ids."""
    before = datetime.utcfromtimestamp(moment)
    with db_connect(cluster.db).cursor() as cr:
        cr.execute("""SELECT id FROM queue_job WHERE id >= %s
                         AND ((state = 'started' AND date_started < %s)
                           OR (state = 'enqueued' AND date_enqueued < %s))""",
                   (world["first_job"], before, before))
        killed = [row[0] for row in cr.fetchall()]
        if killed:
            # past the garbage collector's delays (see _recover_jobs)
            cr.execute("UPDATE queue_job SET date_started = date_started - interval "
                       "'25 minutes', date_enqueued = date_enqueued - interval '25 minutes' "
                       "WHERE id IN %s", (tuple(killed),))
            cr.commit()
    if killed:
        _garbage_collect(cluster)
    return killed


def _day_with_faults(cluster, tag, fault, requeue_killed=False):
    """A short day on both nodes, `fault()` three times while people work;
    with `requeue_killed`, the jobs the last fault killed are requeued then."""
    world = prepare(cluster.registry, tag, orders=10, imported=2, requests=1, chunk=4)
    stats = Stats()
    day = Day([node.url for node in cluster.nodes], cluster.db, world, clients=4,
              seconds=DAY_SECONDS, stats=stats)
    runner = threading.Thread(target=day.run, daemon=True)
    runner.start()
    results = []
    try:
        for _round in range(3):
            time.sleep(8)
            last = time.time()
            results.append(fault())
    except BaseException:
        # stop the clients: left running they would go on queueing jobs
        # into the next test's database
        day.stop.set()
        runner.join(DAY_SECONDS + 120)
        raise
    close_all()  # this process's own pooled connections were ended too
    if requeue_killed:
        time.sleep(5)  # the servers and the job runner reconnect
        world["killed"] = _requeue_killed(cluster, world, last)
    runner.join(DAY_SECONDS + 120)
    assert not runner.is_alive(), "the day's clients did not stop"
    world["requeued"] = _recover_jobs(cluster, world, day)
    return world, day, stats, results


def test_connections_lost_mid_run_servers_recover_and_nothing_is_half_written(cluster):
    offsets = cluster.log_offsets()
    world, day, stats, counts = _day_with_faults(cluster, "LOSS",
                                                 lambda: _terminate(cluster),
                                                 requeue_killed=True)
    assert all(count for count in map(sum, zip(*counts))), \
        "each node had connections to end: %s" % counts
    problems, _figures = check(cluster.registry, world, world["requeued"])
    assert not day.failures, day.failures
    assert not stats.errors, "\n".join(stats.errors[:10])
    assert not problems, "\n".join(problems[:40])
    # Both servers answer fresh calls, the job runner runs jobs again.
    for node in cluster.nodes:
        assert Rpc(node.url, cluster.db, "ecom_cs", Stats()).uid
    errors = _unexpected_errors(cluster, offsets, CONNECTION_LOSS)
    assert not errors, "\n".join(errors[:20])
    print("connections ended per round (node A, node B): %s; calls retried: %d" % (
        counts, sum(c["retried"] for c in stats.outcomes.values())))


def test_filled_channel_cancelled_leaves_no_order_locked(cluster):
    node_a, node_b = cluster.nodes
    offsets = cluster.log_offsets()
    world = _orders(cluster, "FILL", 20, chunk=2)
    finance = Rpc(node_b.url, cluster.db, "ecom_finance", Stats())
    admin = Rpc(node_a.url, cluster.db, "admin", Stats())
    finance("sale.order", "action_ecom_bulk_review", world["orders"])
    queued = [job[0] for job in _jobs(cluster, world)]
    assert len(queued) == 10, queued
    # The channel runs two at a time: cancel everything not done yet.
    waiting = admin("queue.job", "search", [("id", "in", queued),
                                            ("state", "in", ("pending", "enqueued"))])
    admin("queue.job", "button_done", waiting)
    assert len(waiting) >= 4, "the runner emptied the channel before the cancel: %s" % (
        _jobs(cluster, world),)
    # queue_job 11.0 marks a job started without checking that it is still
    # enqueued: a job cancelled while its /runjob request was on its way may
    # still run. Wait until nothing has run for a while.
    _wait_jobs(cluster, world, settle=10)
    states = _consistent(cluster, world)
    assert "to_finance" in states, "no cancelled job left its orders: %s" % states
    with db_connect(cluster.db).cursor() as cr:
        cr.execute("SELECT id FROM sale_order WHERE id IN %s FOR UPDATE NOWAIT",
                   (tuple(world["orders"]),))
        assert len(cr.fetchall()) == len(world["orders"])
        cr.rollback()
    left = finance("sale.order", "search", [("id", "in", world["orders"]),
                                            ("ecom_state", "=", "to_finance")], order="id")
    # by hand, one order; then a new bulk review of the rest (queued again:
    # the cancelled jobs no longer hold their orders)
    finance("sale.order", "action_ecom_finance_approve", left[:1])
    if len(left) > 1:
        result = finance("sale.order", "action_ecom_bulk_review", left[1:])
        assert result, result
    _wait_jobs(cluster, world)
    assert _consistent(cluster, world) == ["approved"]
    _approved_once(cluster, world)
    try:
        finance("sale.order", "action_ecom_finance_approve", left[:1])
        raise AssertionError("an approved order was approved again")
    except Refused:
        pass
    errors = _unexpected_errors(cluster, offsets)
    assert not errors, "\n".join(errors[:20])


@pytest.fixture
def private_cluster():
    """Two servers on a copy of the test database in a PostgreSQL server of
    the test's own (tests/ecom_pg.py), which the test may restart; all of it
    stopped and removed at the end."""
    pg = PrivatePostgres()
    try:
        pg.start()
        db = pg.copy_database(test_db_name(), test_db_name() + "_pgrs")
        logdir = os.path.join(ROOT, ".local", "nodes", "pg_restart")
        os.makedirs(logdir, exist_ok=True)
        with pg.serving_this_process():
            cluster = Cluster(db, odoo.tools.config.rcfile, logdir, pg.odoo_args())
            try:
                cluster.start()
                cluster.registry = odoo.registry(db)
                cluster.pg = pg
                yield cluster
            finally:
                cluster.stop()
                odoo.modules.registry.Registry.delete(db)
    finally:
        pg.remove()


def _restart_postgresql(pg):
    """Restart the test's PostgreSQL server; return how long until this
    process could connect again (seconds)."""
    started = time.time()
    pg.restart()
    pg.wait_up()
    return time.time() - started


def test_postgresql_restarted_mid_run_servers_recover_and_nothing_is_half_written(
        private_cluster):
    """The same day and end-of-day checks as the lost connections above, but
    the PostgreSQL server itself is restarted three times (``pg_ctl restart
    -m fast``), so that for a moment new connections are refused too: the
    calls made meanwhile fail ("could not connect", "Connection refused")
    and are retried by their clients. The server is the test's own
    (tests/ecom_pg.py: initdb in .local, its own port and socket folder, a
    copy of the test database), never the machine's shared one."""
    cluster = private_cluster
    offsets = cluster.log_offsets()
    world, day, stats, downtimes = _day_with_faults(
        cluster, "PGRS", lambda: _restart_postgresql(cluster.pg), requeue_killed=True)
    problems, _figures = check(cluster.registry, world, world["requeued"])
    assert not day.failures, day.failures
    assert not stats.errors, "\n".join(stats.errors[:10])
    assert not problems, "\n".join(problems[:40])
    for node in cluster.nodes:
        assert Rpc(node.url, cluster.db, "ecom_cs", Stats()).uid
    errors = _unexpected_errors(cluster, offsets, CONNECTION_LOSS + [
        (r"could not connect to server|connection to server at .* failed|the database system "
         r"is (starting up|shutting down)|Connection refused",
         "a connection asked for while PostgreSQL restarted")])
    assert not errors, "\n".join(errors[:20])
    print("PostgreSQL restarted 3 times (%s s each); calls retried: %d" % (
        ", ".join("%.1f" % d for d in downtimes),
        sum(c["retried"] for c in stats.outcomes.values())))
