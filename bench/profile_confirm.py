#!/usr/bin/env python
# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Where the time of review + confirm + reserve + invoicing goes (issue 23).

The work bench_confirm.py times (paid 3-line channel orders, automatic
review by the finance user, batches committed), profiled: per phase (CS
review, finance approval's confirmations, reservation, invoicing, payment)
the wall time, the time spent in PostgreSQL (``cursor.execute``) and the
queries; then cProfile's top entries by cumulative and by own time. Not a
benchmark (the profiler slows Python down): the shares, not the rates.

    .venv/bin/python bench/profile_confirm.py -c .local/odoo-test.conf \
        -d ecom_bench_perf3 [--orders 150] [--batch 50] [--plain] [--top 40]

Commits its orders in the database given: use a database of your own.
"""
import argparse
import cProfile
import functools
import io
import os
import pstats
import sys
import time
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


class SqlClock(object):
    """Time and queries spent in cursor.execute, total and per open phase."""

    def __init__(self):
        self.seconds = 0.0
        self.queries = 0
        self.phases = defaultdict(lambda: [0.0, 0.0, 0, 0])  # wall, sql, queries, calls
        self.stack = []

    def install(self):
        from odoo import sql_db
        clock, real = self, sql_db.Cursor.execute

        def execute(cr, query, params=None, log_exceptions=None):
            started = time.time()
            try:
                return real(cr, query, params, log_exceptions)
            finally:
                spent = time.time() - started
                clock.seconds += spent
                clock.queries += 1
        sql_db.Cursor.execute = execute

    def wrap(self, cls, name, phase, within=None):
        """Count the calls of cls.name under `phase` (outermost call only;
        only inside phase `within` when given)."""
        clock, real = self, getattr(cls, name)

        def wrapper(*args, **kwargs):
            if phase in clock.stack or (within and within not in clock.stack):
                return real(*args, **kwargs)
            clock.stack.append(phase)
            wall, sql, queries = time.time(), clock.seconds, clock.queries
            try:
                return real(*args, **kwargs)
            finally:
                clock.stack.pop()
                row = clock.phases[phase]
                row[0] += time.time() - wall
                row[1] += clock.seconds - sql
                row[2] += clock.queries - queries
                row[3] += 1
        setattr(cls, name, functools.wraps(real)(wrapper))


def parser_for(description):
    """The arguments every profiling script takes (database, cProfile's top
    entries, a dump of its stats, or no profiler at all)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--dump", help="write the cProfile stats to this file")
    parser.add_argument("--no-cprofile", action="store_true",
                        help="figures only (no profiler overhead on the times)")
    return parser


def open_database(args, phases):
    """Odoo on args.database, its queries clocked and the methods of
    `phases`(clock, registry) wrapped: (clock, a bench Context)."""
    sys.path.insert(0, os.path.dirname(HERE))
    import odoo
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database,
                                    "--log-level=warn"])
    from run import Context
    clock = SqlClock()
    clock.install()
    registry = odoo.registry(args.database)
    phases(clock, registry)
    return clock, Context(args.database, registry)


def main():
    parser = parser_for(__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=150)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--plain", action="store_true",
                        help="profile plain action_confirm (own prefetch) instead")
    parser.add_argument("--shipment", action="store_true",
                        help="orders of the channel that invoices at shipment "
                             "(nothing invoiced at approval)")
    args = parser.parse_args()
    clock, ctx = open_database(args, _phases)
    import bench_confirm
    import perf_data

    from odoo import api
    with api.Environment.manage():
        data = perf_data.setup(ctx)
        finance = perf_data.user_id(ctx, "finance")
        tag = "PR%d" % int(time.time())
        channel = data["channel_at_shipment_id"] if args.shipment else not args.plain
        ids = perf_data.make_orders(ctx, data, args.orders, tag, channel=channel)
        work = bench_confirm._plain_confirm if args.plain else bench_confirm._review
        # warm-up batch (registry caches), not counted
        bench_confirm._batch(ctx, ids[:3], finance, work)
        ids = ids[3:]
        # after the warm-up, as bench_confirm.py: statistics that know the
        # new orders' invoices (a generated database has next to none, and
        # PostgreSQL then plans the searches of the invoiced order lines as
        # scans of all the order lines, 3 ms each instead of 0.2)
        perf_data.analyze(ctx)
        clock.phases.clear()
        profile = cProfile.Profile()
        wall, sql, queries = time.time(), clock.seconds, clock.queries
        cpu = time.process_time()
        for start in range(0, len(ids), args.batch):
            if not args.no_cprofile:
                profile.enable()
            bench_confirm._batch(ctx, ids[start:start + args.batch], finance, work)
            if not args.no_cprofile:
                profile.disable()
        wall, sql, queries = time.time() - wall, clock.seconds - sql, clock.queries - queries
        cpu = time.process_time() - cpu
    _report(clock, profile, args, len(ids), (wall, sql, queries, cpu))


def _report(clock, profile, args, count, totals):
    """Print the totals, the phases and cProfile's top entries."""
    wall, sql, queries, cpu = totals
    print("%d orders, batches of %d: %.2f s wall (%.2f orders/s%s), %.2f s in "
          "cursor.execute (%.0f %%), %.2f s CPU of this process, %d queries (%.0f per order)"
          % (count, args.batch, wall, count / wall,
             "" if args.no_cprofile else ", under the profiler", sql, 100 * sql / wall, cpu,
             queries, queries / float(count)))
    print("\nphase                              wall s   sql s  queries  per order  calls")
    for phase, (p_wall, p_sql, p_queries, calls) in sorted(
            clock.phases.items(), key=lambda item: -item[1][0]):
        print("%-32s %8.2f %7.2f %8d %10.1f %6d" % (
            phase, p_wall, p_sql, p_queries, p_queries / float(count), calls))
    if args.no_cprofile:
        return
    if args.dump:
        profile.dump_stats(args.dump)
    for key in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).strip_dirs().sort_stats(key).print_stats(args.top)
        print("\n=== by %s ===" % key)
        print(out.getvalue().split("\n", 6)[-1])


def _phases(clock, registry):
    """The phases, as the methods that run them (outermost call counted)."""
    from odoo.addons.ecom_order_mgmt.models import stock_picking
    models = registry.models
    SaleOrder = models["sale.order"]
    clock.wrap(SaleOrder, "action_ecom_apply_review_rules", "0 whole review (all)")
    clock.wrap(SaleOrder, "_ecom_do_cs_approve", "1 CS review")
    clock.wrap(SaleOrder, "_ecom_do_finance_approve", "2 finance approval (all)")
    clock.wrap(SaleOrder, "action_confirm", "2a action_confirm")
    clock.wrap(SaleOrder, "_action_confirm", "2b _action_confirm (procure)")
    clock.wrap(stock_picking.ReservationBatch, "close", "3 reservation")
    clock.wrap(SaleOrder, "_ecom_invoice_and_pay", "4 invoicing + payment (all)")
    clock.wrap(SaleOrder, "action_invoice_create", "4a action_invoice_create")
    clock.wrap(models["account.invoice"], "action_invoice_open", "4b invoice validation")
    clock.wrap(SaleOrder, "_ecom_pay_invoices", "4c payment + reconcile")
    clock.wrap(models["account.payment"], "create", "4c1 payment create")
    clock.wrap(models["account.payment"], "post", "4c2 payment post")
    clock.wrap(SaleOrder, "recompute", "4d recompute", within="4 invoicing + payment (all)")
    clock.wrap(SaleOrder, "_ecom_invoice_due", "4e invoice due",
               within="4 invoicing + payment (all)")
    clock.wrap(models["ecom.review.result"], "_show", "5 review summary")


if __name__ == "__main__":
    main()
