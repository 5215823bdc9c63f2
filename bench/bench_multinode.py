"""A day's work on two Odoo servers at once, at volume (issue 24).

The long version of tests/test_multinode.py, on a scratch copy of the
benchmark database (its hundreds of thousands of orders make the queues
and the searches real): two prefork servers (2 HTTP workers each, one job
runner: tests/ecom_cluster.py), and client threads doing the day's work by
role over XML-RPC as the demo users (tests/ecom_day.py): import, review,
bulk approval in background jobs, fulfilment scans, handovers, returns,
refunds, sign-offs. It reports the throughput and the p50/p95 latency of
the main calls, and the end-of-day check (tests/ecom_day_check.py) in the
note: a failed check is reported, not raised (benchmarks print).

Sizes (environment): BENCH_DAY_ORDERS (300; quick 20), BENCH_DAY_CLIENTS (12;
quick 4), BENCH_DAY_SECONDS (1800; quick 300).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))

from ecom_cluster import Cluster, unexpected  # noqa: E402
from ecom_day import Day, Stats, prepare  # noqa: E402
from ecom_day_check import check  # noqa: E402

import odoo  # noqa: E402
from odoo import api  # noqa: E402

CALLS = ["sale.order.action_ecom_cs_approve", "sale.order.action_ecom_finance_approve",
         "sale.order.action_ecom_bulk_review", "stock.picking.action_ecom_scan",
         "stock.picking.action_ecom_check", "ecom.handover.action_close",
         "ecom.return.action_refund", "ecom.order.import.import_file"]


def run(ctx):
    orders = int(os.environ.get("BENCH_DAY_ORDERS", 20 if ctx.quick else 300))
    clients = int(os.environ.get("BENCH_DAY_CLIENTS", 4 if ctx.quick else 12))
    seconds = int(os.environ.get("BENCH_DAY_SECONDS", 300 if ctx.quick else 1800))
    logdir = os.path.join(os.path.dirname(HERE), ".local", "nodes")
    os.makedirs(logdir, exist_ok=True)
    with api.Environment.manage(), ctx.scratch() as sctx:
        cluster = Cluster(sctx.dbname, odoo.tools.config.rcfile, logdir).start()
        try:
            offsets = cluster.log_offsets()
            world = prepare(sctx.registry, "BENCH", orders=orders, imported=max(6, orders // 10),
                            requests=max(2, orders // 50), chunk=20)
            stats = Stats()
            day = Day([node.url for node in cluster.nodes], sctx.dbname, world,
                      clients=clients, seconds=seconds, stats=stats)
            wall = day.run()
            left = day.wait_jobs(600)
            problems, figures = check(sctx.registry, world)
            if left:
                problems.insert(0, "jobs not done 600 s after the day: %s" % left[:10])
            logged = cluster.log_lines(offsets)
            errors = unexpected(logged)
        finally:
            cluster.stop()
    ctx.log(stats.report(wall))
    for failure in stats.errors[:10]:
        ctx.log("failed call: %s" % failure[-600:])
    for failure in day.failures[:10]:
        ctx.log("client error (the client went on): %s" % failure[-300:])
    for line in errors[:10]:
        ctx.log("server log: %s" % line[:300])
    verdict = "end-of-day check: %s; money: %s; %d calls failed (other than by a clean " \
        "refusal), %d unexpected server log errors (%d expected: refused or retried " \
        "concurrent work, as tests/ecom_cluster.py lists them)" % (
            "all held" if not problems else "%d problems, e.g. %s" % (
                len(problems), problems[0]),
            figures["money"], len(stats.errors), len(errors), len(logged) - len(errors))
    rows = [
        {"figure": "multi-node day: orders through the whole day", "value": round(
            figures["finished"] / wall, 3), "unit": "orders/s", "baseline": None, "goal": "",
         "note": "%d of %d orders finished (shipped or cancelled) in %.0f s (the day ends "
                 "when the work is done or at %d s), %d clients, 2 servers x 2 workers; "
                 "%s" % (figures["finished"], figures["orders"], wall, seconds,
                         len(day.people), verdict)},
        {"figure": "  XML-RPC calls", "value": round(stats.total() / wall, 1),
         "unit": "calls/s", "baseline": None, "goal": "", "note": ""},
    ]
    for name in CALLS:
        p50, p95 = stats.percentiles(name)
        rows.append({"figure": "  %s p50" % name, "value": round(p50), "unit": "ms",
                     "baseline": None, "goal": "", "note": "p95 %.0f ms, %d calls" % (
                         p95, len(stats.calls[name]))})
    return rows
