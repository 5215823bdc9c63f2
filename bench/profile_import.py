#!/usr/bin/env python
# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Where the CPU of the order import goes, per line (issue 19).

The exports bench_import.py times (the suite's template, a Tmall/Taobao
order + item report pair, a Pinduoduo export), imported as the CS user on
the direct path, profiled: wall, CPU of this process, time in
``cursor.execute`` and queries per line, then cProfile's top entries by
cumulative and by own time. Not a benchmark (the profiler slows Python
down): the shares, not the rates.

    .venv/bin/python bench/profile_import.py -c .local/odoo-test.conf \
        -d ecom_bench_imp [--lines 1000] [--only taobao] [--top 40]

Each import is rolled back: the database stays as it was (but for the
benchmark channel and products perf_data.setup makes once).
"""
import argparse
import cProfile
import io
import os
import pstats
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

KINDS = ("template", "taobao", "pinduoduo")


def _files(kind, tag, lines, codes):
    """(content, filename, items content, items filename) of one export."""
    import bench_import
    if kind == "template":
        return bench_import.export(tag, lines, codes, "137"), "bench.csv", False, False
    if kind == "taobao":
        orders, items = bench_import.taobao_pair(tag, lines, codes)
        return orders, "orders.csv", items, "items.csv"
    return bench_import.pinduoduo_export(tag, lines, codes), "pdd.csv", False, False


def _profile(ctx, clock, kind, args, cs, codes, channel_id):
    """Import one export under the profiler, rolled back; print its figures."""
    import perf_data
    content = _files(kind, "PF%s%d" % (kind[0].upper(), int(time.time())), args.lines, codes)
    profile = cProfile.Profile()
    with ctx.cursor() as cr:
        env = perf_data.env_for(cr, cs, {"ecom_import_direct": True})
        clock.phases.clear()
        wall, sql, queries = time.time(), clock.seconds, clock.queries
        cpu = time.process_time()
        if not args.no_cprofile:
            profile.enable()
        summary = env["ecom.order.import"].import_file(
            *content, channel_id=None if kind == "template" else channel_id)
        if not args.no_cprofile:
            profile.disable()
        cpu = time.process_time() - cpu
        wall, sql, queries = time.time() - wall, clock.seconds - sql, clock.queries - queries
        cr.rollback()
    lines = summary["lines"] or 1
    print("\n##### %s: %d lines imported, %d orders, %d skipped, %d rejected rows"
          % (kind, summary["lines"], summary["imported"], summary.get("skipped", 0),
             summary["rejected_rows"]))
    print("%.2f s wall, %.2f s CPU (%.0f lines/s of CPU%s), %.2f s in cursor.execute, "
          "%d queries (%.2f per line)" % (
              wall, cpu, lines / cpu, ", under the profiler" if not args.no_cprofile else "",
              sql, queries, queries / float(lines)))
    print("phase                              wall s   sql s  queries   per line  calls")
    for phase, (p_wall, p_sql, p_queries, calls) in sorted(clock.phases.items()):
        print("%-32s %8.2f %7.2f %8d %10.2f %6d" % (
            phase, p_wall, p_sql, p_queries, p_queries / float(lines), calls))
    if args.no_cprofile:
        return
    if args.dump:
        profile.dump_stats("%s.%s" % (args.dump, kind))
    for key in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).strip_dirs().sort_stats(key).print_stats(args.top)
        print("\n=== %s by %s ===" % (kind, key))
        print(out.getvalue().split("\n", 6)[-1])


def main():
    from profile_confirm import open_database, parser_for
    parser = parser_for(__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--only", choices=KINDS, action="append")
    args = parser.parse_args()
    clock, ctx = open_database(args, _phases)
    import perf_data

    from odoo import api
    with api.Environment.manage():
        data = perf_data.setup(ctx)
        cs = perf_data.user_id(ctx, "cs")
        with ctx.cursor() as cr:
            env = perf_data.env_for(cr)
            codes = env["product.product"].browse(data["product_ids"]).mapped("default_code")
        for kind in args.only or KINDS:
            # warm-up (registry caches, first-use imports), not counted
            import_args = argparse.Namespace(**dict(vars(args), lines=20, no_cprofile=True))
            _profile(ctx, clock, kind, import_args, cs, codes, data["channel_id"])
            _profile(ctx, clock, kind, args, cs, codes, data["channel_id"])


def _phases(clock, registry):
    """The steps of an import, as the methods that run them (outermost call)."""
    from odoo.addons.ecom_order_mgmt.bulk import create_mixin
    from odoo.addons.ecom_order_mgmt.models import ecom_order_import_values as values
    Wizard = registry.models["ecom.order.import"]
    SaleOrder = registry.models["sale.order"]
    clock.wrap(Wizard, "_read_upload", "1 read + parse")
    clock.wrap(Wizard, "_check_orders", "2 checks")
    clock.wrap(Wizard, "_create_orders", "3 write (all)")
    clock.wrap(values.ImportBuyers, "create_missing", "3a new buyers")
    clock.wrap(Wizard, "_full_order_values", "3b order values")
    clock.wrap(SaleOrder, "_ecom_create_many", "3c orders bulk create", within="3 write (all)")
    clock.wrap(create_mixin, "recompute_new", "3d recompute (in 3a, 3c)")
    clock.wrap(SaleOrder, "_ecom_assign", "3e assign")
    clock.wrap(SaleOrder, "_ecom_notify_received", "3f received mails")
    clock.wrap(Wizard, "_summarise", "4 summary")


if __name__ == "__main__":
    main()
