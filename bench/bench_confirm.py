"""Review and confirm in volume (issue 7, goal 2; baselines: issue 23).

Paid channel orders pass the automatic review (a pass-both rule) and are
confirmed by finance in batches of BENCH_CONFIRM_BATCH orders, one
transaction per batch, committed (as the background jobs do); every timer
ends after the commit. Figures: rate over the whole run, the last window's
rate against the first window's (linear?), at wall clock and at constant
machine speed (machine_speed.py samples the machine during the run).

Baseline (plain Odoo, issue 23): the best plain loop, ``action_confirm``
one order per loop step with a prefetch of its own (``with_prefetch()``),
on as many identical orders (same products, quantities, buyer and batches;
quotations without a channel, so nothing of the suite's review runs on
them), by the same finance user, in the same run: its batches alternate
with the suite's (plain batch, suite batch, ...) so that both meet the same
machine. The fair ratio compares with it. The naive loop (one recordset
for the batch, whose records share their prefetch: Odoo 11 then re-reads
the lines, moves and deliveries of every order before) is timed too, on
BENCH_CONFIRM_NAIVE orders (as many by default, 0 to skip), its ratio
labelled naive. Invoicing (issue 20): the same review + confirm on as many
orders of a second channel that invoices at shipment (its approval invoices
nothing), batches alternating with the others: the ratio of the two is what
invoicing and payment at approval add (goal <= 1.5; BENCH_CONFIRM_NOINVOICE
orders, as many by default, 0 to skip). BENCH_CONFIRM_ONETX: plain confirmations in one transaction
(rolled back, no commit: it only shows why batches). Before the timed
batches, one untimed batch of each kind warms the database up and its
statistics are refreshed (_warm_up).

Sizes (environment): BENCH_CONFIRM_ORDERS (15000), BENCH_CONFIRM_NAIVE (as
many), BENCH_CONFIRM_WINDOW (1000), BENCH_CONFIRM_BATCH (100),
BENCH_CONFIRM_ONETX (200, 0 to skip). Runs on a scratch copy of the
database.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import perf_data  # noqa: E402
from machine_speed import MachineSpeed, adjusted_seconds  # noqa: E402

from odoo import api  # noqa: E402


def _int(name, default):
    return int(os.environ.get(name, default))


def _batch(ctx, part, uid, work):
    """work(env, part) in a transaction of its own, committed: (begun, ended)."""
    begun = time.time()
    with ctx.cursor() as cr:
        work(perf_data.env_for(cr, uid), part)
    # the cursor commits when the block ends: the time includes the commit
    return begun, time.time()


def _interleaved(ctx, runs, batch, uid):
    """Run each of `runs` ([(label, ids, work)]) in batches of `batch`, one
    batch of each in turn (so that all meet the same machine); per run, the
    marks [(done, its own seconds so far, batch start, batch end)]."""
    marks = {label: [] for label, _ids, _work in runs}
    longest = max(len(ids) for _label, ids, _work in runs)
    for start in range(0, longest, batch):
        for label, ids, work in runs:
            part = ids[start:start + batch]
            if not part:
                continue
            begun, ended = _batch(ctx, part, uid, work)
            own = marks[label]
            done = (own[-1][0] if own else 0) + len(part)
            spent = (own[-1][1] if own else 0.0) + ended - begun
            own.append((done, spent, begun, ended))
            if len(own) % 10 == 0 or done == len(ids):
                ctx.log("  %s: %d/%d (%.2f orders/s)" % (label, done, len(ids), done / spent))
    return marks


def _at_median_speed(marks, speed):
    """The same marks, each batch's time at the run's median machine speed."""
    adjusted, elapsed = [], 0.0
    for done, _seconds, begun, ended in marks:
        elapsed += adjusted_seconds(speed, begun, ended)
        adjusted.append((done, elapsed))
    return adjusted


def _window_rate(marks, first, window):
    """Orders per second over the first (or last) `window` orders of a run."""
    total = marks[-1][0]
    if first:
        end = next(m for m in marks if m[0] >= min(window, total))
        return end[0] / end[1]
    cut = total - window
    before = [m for m in marks if m[0] <= cut] or [(0, 0.0)]
    start = before[-1]
    return (total - start[0]) / (marks[-1][1] - start[1])


def _review(env, ids):
    orders = env["sale.order"].browse(ids).with_context(ecom_no_jobs=True)
    orders.action_ecom_apply_review_rules()


def _warm_up(ctx, data, batch, uid, tag, noinvoice):
    """One untimed batch of each kind, then fresh statistics. A generated
    database has sales but next to no invoices: until autovacuum analyses
    the accounting tables that the first invoices fill, PostgreSQL plans
    their reads as scans of the whole order lines' index (40-70 ms a query,
    seen on 2026-12-05), which a shop that invoices every day never meets."""
    kinds = [(None, _review), (False, _plain_confirm)]
    if noinvoice:
        kinds.append((data["channel_at_shipment_id"], _review))
    for number, (channel, work) in enumerate(kinds):
        options = {} if channel is None else {"channel": channel}
        ids = perf_data.make_orders(ctx, data, batch, "%sW%d" % (tag, number), **options)
        _batch(ctx, ids, uid, work)
    perf_data.analyze(ctx)


def _plain_confirm_naive(env, ids):
    for order in env["sale.order"].browse(ids):
        order.action_confirm()


def _plain_confirm(env, ids):
    for order in env["sale.order"].browse(ids):
        order.with_prefetch().action_confirm()


def _done(ctx, ids, channel):
    """(orders confirmed, their deliveries reserved)."""
    with ctx.cursor() as cr:
        orders = perf_data.env_for(cr)["sale.order"].browse(ids)
        if channel:
            confirmed = orders.filtered(lambda o: o.ecom_state == "approved")
        else:
            confirmed = orders.filtered(lambda o: o.state == "sale")
        reserved = orders.mapped("picking_ids").filtered(lambda p: p.state == "assigned")
        return len(confirmed), len(reserved)


def run(ctx):
    # --quick: a smoke run of a few orders (the test of the generator).
    count = _int("BENCH_CONFIRM_ORDERS", 6 if ctx.quick else 15000)
    naive_count = _int("BENCH_CONFIRM_NAIVE", count)
    window = min(_int("BENCH_CONFIRM_WINDOW", 1000), count // 2 or 1)
    batch = _int("BENCH_CONFIRM_BATCH", 3 if ctx.quick else 100)
    onetx = _int("BENCH_CONFIRM_ONETX", 0 if ctx.quick else 200)
    noinvoice_count = _int("BENCH_CONFIRM_NOINVOICE", count)
    with api.Environment.manage(), ctx.scratch() as sctx, MachineSpeed() as speed:
        data = perf_data.setup(sctx)
        finance = perf_data.user_id(sctx, "finance")
        tag = "C%d" % int(time.time())
        sctx.log("confirm: creating %d channel and %d plain orders" % (
            count, count + naive_count))
        channel_ids = perf_data.make_orders(sctx, data, count, tag)
        plain_ids = perf_data.make_orders(sctx, data, count + naive_count, tag + "P",
                                          channel=False)
        naive_ids, plain_ids = plain_ids[count:], plain_ids[:count]
        noinvoice_ids = perf_data.make_orders(
            sctx, data, noinvoice_count, tag + "S",
            channel=data["channel_at_shipment_id"]) if noinvoice_count else []
        _warm_up(sctx, data, batch, finance, tag, noinvoice_count)
        runs = [("plain confirm, own prefetch", plain_ids, _plain_confirm),
                ("review+confirm", channel_ids, _review)]
        if noinvoice_ids:
            runs.append(("review+confirm, invoiced at shipment", noinvoice_ids, _review))
        marks = _interleaved(sctx, runs, batch, finance)
        base, run_marks = marks["plain confirm, own prefetch"], marks["review+confirm"]
        naive = _interleaved(sctx, [("plain confirm, shared prefetch", naive_ids,
                                     _plain_confirm_naive)], batch, finance)[
            "plain confirm, shared prefetch"] if naive_ids else None
        approved, reserved = _done(sctx, channel_ids, True)
        plain_done, plain_reserved = _done(sctx, plain_ids, False)
        if onetx:
            figures_onetx = _one_transaction(sctx, data, finance, onetx, tag)
    rate = count / run_marks[-1][1]
    figures = _rate_figures(count, batch, window, run_marks, base, speed,
                            (approved, reserved, plain_done, plain_reserved))
    if noinvoice_ids:
        figures.append(_invoicing_figure(marks, len(noinvoice_ids), rate))
    if naive:
        naive_rate = len(naive_ids) / naive[-1][1]
        figures.append({
            "figure": "review+confirm time vs plain action_confirm (naive: shared prefetch)",
            "value": round(naive_rate / rate, 3), "unit": "ratio", "baseline": None,
            "goal": "", "note": "plain loop over the batch's recordset (quadratic in the "
            "batch) on %d identical non-channel orders after the others, batches of %d: "
            "%.2f/s" % (len(naive_ids), batch, naive_rate)})
    if onetx:
        figures.append(figures_onetx)
    return figures


def _rate_figures(count, batch, window, run_marks, base, speed, done):
    """The rate of review + confirm, its linearity, and its ratio to the fair
    plain loop; `done`: orders approved, deliveries reserved, plain orders
    confirmed, plain deliveries reserved."""
    approved, reserved, plain_done, plain_reserved = done
    rate = count / run_marks[-1][1]
    base_rate = count / base[-1][1]
    first = _window_rate(run_marks, True, window)
    last = _window_rate(run_marks, False, window)
    run_adjusted = _at_median_speed(run_marks, speed)
    first_adj = _window_rate(run_adjusted, True, window)
    last_adj = _window_rate(run_adjusted, False, window)
    fastest, slowest = speed.spread()
    note = "%d orders x 3 lines, batches of %d, each committed; %d approved, %d deliveries " \
           "reserved; plain Odoo (fair): action_confirm one order per loop step with its " \
           "own prefetch on %d identical non-channel orders (%d confirmed, %d deliveries " \
           "reserved), batches alternating with the suite's" % (
               count, batch, approved, reserved, count, plain_done, plain_reserved)
    return [
        {"figure": "review+confirm rate", "value": round(rate, 3),
         "unit": "orders/s", "baseline": round(base_rate, 3),
         "goal": "not slower than plain confirm (fair)", "note": note},
        {"figure": "review+confirm last/first %d rate" % window,
         "value": round(last / first, 3), "unit": "ratio", "baseline": None,
         "goal": ">= 0.8", "note": "first %.2f/s, last %.2f/s (wall clock)" % (first, last)},
        {"figure": "  the same at constant machine speed",
         "value": round(last_adj / first_adj, 3), "unit": "ratio", "baseline": None,
         "goal": ">= 0.8",
         "note": "first %.2f/s, last %.2f/s at the run's median machine speed; the same "
                 "fixed work took %.0f-%.0f ms during the run, median %.1f "
                 "(machine_speed.py)" % (first_adj, last_adj, fastest, slowest,
                                         speed.median_ms())},
        {"figure": "review+confirm time vs plain action_confirm (fair: own prefetch)",
         "value": round(base_rate / rate, 3), "unit": "ratio", "baseline": None,
         "goal": "<= 1.0",
         "note": "the same %d orders' count, same run, batches of %d: plain %.2f/s, "
                 "suite %.2f/s" % (count, batch, base_rate, rate)},
    ]


def _invoicing_figure(marks, count, rate):
    """What invoicing and payment at approval add to review + confirm."""
    noinvoice_rate = count / marks["review+confirm, invoiced at shipment"][-1][1]
    return {
        "figure": "review+confirm time with invoicing + payment at approval vs without",
        "value": round(noinvoice_rate / rate, 3), "unit": "ratio", "baseline": None,
        "goal": "<= 1.5 (issue 20)",
        "note": "the same review + confirm + reserve on %d identical orders of a channel "
                "that invoices at shipment (nothing invoiced at approval), batches "
                "alternating with the others: %.2f/s without, %.2f/s with invoice, "
                "validation, payment and reconciliation" % (count, noinvoice_rate, rate)}


def _one_transaction(ctx, data, uid, count, tag):
    """Plain confirmations in one transaction: rate of the last fifth vs the first."""
    ids = perf_data.make_orders(ctx, data, count, tag + "T", channel=False)
    fifth = max(1, count // 5)
    with ctx.cursor() as cr:
        env = perf_data.env_for(cr, uid)
        started = time.time()
        stamps = []
        for order in env["sale.order"].browse(ids):
            order.action_confirm()
            stamps.append(time.time() - started)
        cr.rollback()
    first = fifth / stamps[fifth - 1]
    last = fifth / (stamps[-1] - stamps[-fifth - 1])
    return {"figure": "plain confirm, %d in one transaction: last/first fifth" % count,
            "value": round(last / first, 3), "unit": "ratio", "baseline": None,
            "goal": "why batches: < 1 means slowing down",
            "note": "first %.2f/s, last %.2f/s (one transaction, rolled back: no commit "
                    "in this timer, unlike the others)" % (first, last)}
