"""Scale out (issue 7, goal 3): automatic review and confirmation split into
queue_job jobs, run by an Odoo server with an HTTP worker per job slot (2 or more).

On a scratch copy of the database, the same run is made on fresh orders
with the job channel's capacity at 1 (one job at a time: the single-process
rate) and at 2 (two workers at once), alternated 1-2-2-1 so that neither
always meets the machine first or the bigger database (BENCH_QUEUE_SEQUENCE
changes it, e.g. 1,2,2,1,1,2); each capacity's figure is the mean of its
runs, with the spread (lowest-highest) in the note; the reservations
the confirmation jobs queue run in `root.ecom_reservation` at capacity 1.
The rate is orders / (last job done - first job started), reservation jobs
included, from the job records. The machine has
2 cores shared with PostgreSQL (and anything else running), which bounds what
the second worker can add.

Sizes (environment): BENCH_QUEUE_ORDERS (15000 per run), BENCH_QUEUE_CHUNK
(100 orders per job), BENCH_QUEUE_TIMEOUT (seconds per run, 7200),
BENCH_QUEUE_SEQUENCE (1,2,2,1; a capacity of 4, e.g. 1,2,4,4,2,1, adds a row
per capacity with its speed-up and per-worker efficiency: speed-up / workers).
"""
import calendar
import os
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import perf_data  # noqa: E402
from machine_speed import MachineSpeed  # noqa: E402

import odoo  # noqa: E402
from odoo import api  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARAMS = ("ecom_order_mgmt.bulk_job_threshold", "ecom_order_mgmt.bulk_job_chunk")


def _free_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def _server(ctx, capacity, logfile):
    """An Odoo server running this database's jobs only: as many HTTP workers
    as jobs may run at once (at least 2), since each job is a request."""
    port = _free_port()
    env = dict(os.environ,
               ODOO_QUEUE_JOB_CHANNELS="root:%d,root.ecom_reservation:1" % capacity,
               ODOO_QUEUE_JOB_PORT=str(port), ODOO_QUEUE_JOB_HOST="127.0.0.1")
    cmd = [sys.executable, os.path.join(ROOT, "scripts", "odoo-bin"),
           "-c", odoo.tools.config.rcfile, "-d", ctx.dbname,
           "--db-filter=^%s$" % ctx.dbname, "--workers=%d" % max(2, capacity),
           "--max-cron-threads=0",
           "--http-interface=127.0.0.1", "--http-port=%d" % port,
           "--load=web,queue_job", "--logfile=%s" % logfile, "--log-level=warn"]
    return subprocess.Popen(cmd, env=env, start_new_session=True)


def _stop(proc):
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(60)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def _epoch(value):
    return calendar.timegm(odoo.fields.Datetime.from_string(value).timetuple())


def _one_run(ctx, data, count, chunk, capacity, timeout, uid, speed):
    tag = "Q%d_%d" % (int(time.time()), capacity)
    ids = perf_data.make_orders(ctx, data, count, tag)
    perf_data.analyze(ctx)
    with ctx.cursor() as cr:
        env = perf_data.env_for(cr)
        params = env["ir.config_parameter"]
        saved = [params.get_param(key) for key in PARAMS]
        for key in PARAMS:
            params.set_param(key, str(chunk))
        cr.execute("SELECT COALESCE(MAX(id), 0) FROM queue_job")
        last_job = cr.fetchone()[0]
        env = perf_data.env_for(cr, uid)
        env["sale.order"].browse(ids).action_ecom_apply_review_rules()
        params = perf_data.env_for(cr)["ir.config_parameter"]
        for key, value in zip(PARAMS, saved):
            params.set_param(key, value or False)
        cr.execute("SELECT COUNT(*) FROM queue_job WHERE id > %s", (last_job,))
        jobs = cr.fetchone()[0]
    ctx.log("queue: %d orders in %d jobs, channel capacity %d" % (count, jobs, capacity))
    logfile = "/tmp/bench_queue_%s_%d.log" % (ctx.dbname, capacity)
    open(logfile, "w").close()  # Odoo appends; count this run's reruns only
    proc = _server(ctx, capacity, logfile)
    started = time.time()
    try:
        while True:
            time.sleep(3)
            with ctx.cursor() as cr:
                cr.execute("""SELECT state, COUNT(*) FROM queue_job WHERE id > %s
                              GROUP BY state""", (last_job,))
                states = dict(cr.fetchall())
            finished = states.get("done", 0) + states.get("failed", 0)
            waiting = sum(states.get(state, 0) for state in ("pending", "enqueued", "started"))
            # the confirmation jobs queue the reservation jobs as they finish
            if (finished >= jobs and not waiting) or time.time() - started > timeout \
                    or proc.poll() is not None:
                break
        ctx.log("queue: jobs %s after %.0fs" % (states, time.time() - started))
    finally:
        _stop(proc)
    with ctx.cursor() as cr:
        cr.execute("""SELECT MIN(date_started), MAX(date_done) FROM queue_job
                      WHERE id > %s AND state = 'done'""", (last_job,))
        first, last = cr.fetchone()
        env = perf_data.env_for(cr)
        approved = env["sale.order"].search_count([("id", "in", ids),
                                                   ("ecom_state", "=", "approved")])
        reserved = env["stock.picking"].search_count([("sale_id", "in", ids),
                                                      ("state", "=", "assigned")])
        cr.execute("""SELECT COUNT(*) FROM queue_job WHERE id > %s AND state = 'done'
                      AND method_name = '_ecom_job_reserve'""", (last_job,))
        states["reservation jobs"] = cr.fetchone()[0]
        states["reserved"] = reserved
    with open(logfile) as handle:
        states["serialization reruns"] = handle.read().count("could not serialize access")
    seconds = _epoch(last) - _epoch(first) if last else 0
    factor = speed.speed(_epoch(first), _epoch(last)) if last else None
    rate = approved / seconds if seconds else 0.0
    return rate, rate / factor if factor else rate, approved, states


def _mean(values):
    return sum(values) / float(len(values)) if values else 0.0


def _spread(values):
    return "%s" % "-".join("%.2f" % v for v in (min(values), max(values))) if values else "-"


def run(ctx):
    count = int(os.environ.get("BENCH_QUEUE_ORDERS", 4 if ctx.quick else 15000))
    chunk = int(os.environ.get("BENCH_QUEUE_CHUNK", 2 if ctx.quick else 100))
    timeout = int(os.environ.get("BENCH_QUEUE_TIMEOUT", 600 if ctx.quick else 7200))
    sequence = [int(c) for c in os.environ.get("BENCH_QUEUE_SEQUENCE", "1,2,2,1").split(",")]
    runs = {1: [], 2: []}
    with api.Environment.manage(), ctx.scratch() as sctx, MachineSpeed() as speed:
        data = perf_data.setup(sctx)
        uid = perf_data.user_id(sctx, "finance")
        for capacity in sequence:
            runs.setdefault(capacity, []).append(
                _one_run(sctx, data, count, chunk, capacity, timeout, uid, speed))
    rates = {c: [r[0] for r in done] for c, done in runs.items()}
    adjusted = {c: [r[1] for r in done] for c, done in runs.items()}
    single, double = _mean(rates[1]), _mean(rates[2])
    single_adj, double_adj = _mean(adjusted[1]), _mean(adjusted[2])
    note = "%d orders per run, jobs of %d, runs in the order %s; per run: %s; %d cores " \
           "shared with PostgreSQL" % (
               count, chunk, "-".join(str(c) for c in sequence),
               "; ".join("capacity %d: %d approved %s" % (c, r[2], r[3])
                         for c in sorted(runs) for r in runs[c]), os.cpu_count())
    return [
        {"figure": "queued review+confirm, 1 job at a time", "value": round(single, 2),
         "unit": "orders/s", "baseline": None, "goal": "",
         "note": "mean of %d runs, spread %s orders/s; %s" % (
             len(rates[1]), _spread(rates[1]), note)},
        {"figure": "queued review+confirm, 2 workers", "value": round(double, 2),
         "unit": "orders/s", "baseline": round(single, 2), "goal": ">= 1.6x single",
         "note": "mean of %d runs, spread %s orders/s; speed-up %.2fx" % (
             len(rates[2]), _spread(rates[2]), double / single if single else 0)},
        {"figure": "  2 workers vs 1, at constant machine speed",
         "value": round(double_adj / single_adj if single_adj else 0, 2), "unit": "ratio",
         "baseline": None, "goal": ">= 1.6",
         "note": "%.2f vs %.2f orders/s (means) at the median machine speed of all runs; "
                 "spread %s vs %s; the same fixed work took %.0f-%.0f ms, median %.1f "
                 "(machine_speed.py)" % (
                     (double_adj, single_adj, _spread(adjusted[2]), _spread(adjusted[1]))
                     + speed.spread() + (speed.median_ms(),))},
    ] + [_scale_row(capacity, runs[capacity], single, single_adj)
         for capacity in sorted(runs) if capacity > 2]


def _scale_row(capacity, done, single, single_adj):
    """Capacity `capacity` against one job at a time: speed-up, efficiency."""
    rates, adjusted = [r[0] for r in done], [r[1] for r in done]
    speedup = _mean(adjusted) / single_adj if single_adj else 0
    return {"figure": "queued review+confirm, %d workers" % capacity,
            "value": round(_mean(rates), 2), "unit": "orders/s",
            "baseline": round(single, 2), "goal": "",
            "note": "mean of %d runs, spread %s orders/s; at constant machine speed "
                    "%.2fx one job at a time, i.e. %.0f %% per worker; %d cores shared "
                    "with PostgreSQL" % (len(rates), _spread(rates), speedup,
                                         100.0 * speedup / capacity, os.cpu_count())}
