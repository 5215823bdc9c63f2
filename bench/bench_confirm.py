"""Review and confirm in volume (issue 7, goal 2).

Paid channel orders pass the automatic review (a pass-both rule) and are
confirmed by finance in batches of BENCH_CONFIRM_BATCH orders, one
transaction per batch (as the background jobs do). Figures: rate over the
whole run, the last window's rate against the first window's (linear?), the
run against a loop of plain ``action_confirm`` on identical non-channel
orders batched the same way (measured in the same run, first), and how one
big transaction of plain confirmations slows down (why batches). The
machine's own speed is sampled during the run (machine_speed.py) and the
linearity is also given at constant machine speed.

Plain Odoo's loop slows down with the size of its transaction (every order
read through the batch's recordset shares its prefetch, so each read also
loads the lines, moves and deliveries of the orders before); a second
baseline gives each order a prefetch of its own, as the suite does, on a
sample (BENCH_CONFIRM_FAIR orders): the cost of the review itself.

Approval invoices and pays each order (the channel's invoice policy,
issue 20): the same review+confirm is also run, in the same run and just
before, on orders received while the channel invoiced at shipment (nothing
invoiced at approval, the review+confirm of before issue 20); the ratio of
the two is what invoicing and payment add per order (goal: at most 1.5).

Sizes (environment): BENCH_CONFIRM_ORDERS (15000), BENCH_CONFIRM_BASELINE
(as many), BENCH_CONFIRM_FAIR (1000, 0 to skip), BENCH_CONFIRM_WINDOW (1000),
BENCH_CONFIRM_BATCH (100), BENCH_CONFIRM_ONETX (200, 0 to skip),
BENCH_CONFIRM_UNINVOICED (as many as BENCH_CONFIRM_ORDERS, 0 to skip). Runs
on a scratch copy of the database.
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


def _batched(ctx, ids, batch, uid, work, label):
    """Run work(env, ids) per batch in its own transaction;
    [(done, seconds since the start, batch start, batch end)]."""
    marks, started, done = [], time.time(), 0
    for start in range(0, len(ids), batch):
        part = ids[start:start + batch]
        begun = time.time()
        with ctx.cursor() as cr:
            work(perf_data.env_for(cr, uid), part)
        ended = time.time()
        done += len(part)
        marks.append((done, ended - started, begun, ended))
        if len(marks) % 10 == 0 or done == len(ids):
            ctx.log("  %s: %d/%d (%.2f orders/s)" % (label, done, len(ids),
                                                     done / marks[-1][1]))
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


def _plain_confirm(env, ids):
    for order in env["sale.order"].browse(ids):
        order.action_confirm()


def _plain_confirm_own_prefetch(env, ids):
    for order in env["sale.order"].browse(ids):
        order.with_prefetch().action_confirm()


def _set_invoice_policy(ctx, data, policy):
    """The benchmark channel's invoice policy, for the orders created next."""
    with ctx.cursor() as cr:
        perf_data.env_for(cr)["ecom.channel"].browse(data["channel_id"]).invoice_policy = policy


def _paid_invoices(ctx, ids):
    """Customer invoices of the orders `ids` that are paid, read from accounting."""
    with ctx.cursor() as cr:
        cr.execute("""SELECT count(DISTINCT inv.id) FROM account_invoice inv
                        JOIN account_invoice_line ail ON ail.invoice_id = inv.id
                        JOIN sale_order_line_invoice_rel rel ON rel.invoice_line_id = ail.id
                        JOIN sale_order_line sol ON sol.id = rel.order_line_id
                       WHERE sol.order_id IN %s AND inv.state = 'paid'
                         AND inv.type = 'out_invoice'""", (tuple(ids) or (0,),))
        return cr.fetchone()[0]


def run(ctx):
    # --quick: a smoke run of a few orders (the test of the generator).
    count = _int("BENCH_CONFIRM_ORDERS", 6 if ctx.quick else 15000)
    baseline_count = _int("BENCH_CONFIRM_BASELINE", count)
    fair_count = min(_int("BENCH_CONFIRM_FAIR", 3 if ctx.quick else 1000), baseline_count)
    window = min(_int("BENCH_CONFIRM_WINDOW", 1000), count // 2 or 1)
    batch = _int("BENCH_CONFIRM_BATCH", 3 if ctx.quick else 100)
    onetx = _int("BENCH_CONFIRM_ONETX", 0 if ctx.quick else 200)
    uninvoiced_count = _int("BENCH_CONFIRM_UNINVOICED", count)
    figures = []
    with api.Environment.manage(), ctx.scratch() as sctx, MachineSpeed() as speed:
        data = perf_data.setup(sctx)
        finance = perf_data.user_id(sctx, "finance")
        tag = "C%d" % int(time.time())
        sctx.log("confirm: creating %d channel and %d plain orders" % (
            count, baseline_count + fair_count))
        uninvoiced_ids = []
        if uninvoiced_count:
            _set_invoice_policy(sctx, data, "shipment")
            uninvoiced_ids = perf_data.make_orders(sctx, data, uninvoiced_count, tag + "S")
        _set_invoice_policy(sctx, data, "approval")
        channel_ids = perf_data.make_orders(sctx, data, count, tag)
        plain_ids = perf_data.make_orders(sctx, data, baseline_count + fair_count, tag + "P",
                                          channel=False)
        fair_ids, plain_ids = plain_ids[baseline_count:], plain_ids[:baseline_count]
        perf_data.analyze(sctx)
        base = _batched(sctx, plain_ids, batch, finance, _plain_confirm, "plain confirm")
        fair = _batched(sctx, fair_ids, batch, finance, _plain_confirm_own_prefetch,
                        "plain confirm, own prefetch") if fair_ids else None
        uninvoiced = _batched(sctx, uninvoiced_ids, batch, finance, _review,
                              "review+confirm, invoiced at shipment") if uninvoiced_ids else None
        run_marks = _batched(sctx, channel_ids, batch, finance, _review,
                             "review+confirm+invoice+payment")
        paid = _paid_invoices(sctx, channel_ids)
        with sctx.cursor() as cr:
            env = perf_data.env_for(cr)
            orders = env["sale.order"].browse(channel_ids)
            approved = len(orders.filtered(lambda o: o.ecom_state == "approved"))
            reserved = len(orders.mapped("picking_ids").filtered(
                lambda p: p.state == "assigned"))
        if onetx:
            figures_onetx = _one_transaction(sctx, data, finance, onetx, tag)
    rate = count / run_marks[-1][1]
    base_rate = baseline_count / base[-1][1]
    first = _window_rate(run_marks, True, window)
    last = _window_rate(run_marks, False, window)
    run_adjusted = _at_median_speed(run_marks, speed)
    first_adj = _window_rate(run_adjusted, True, window)
    last_adj = _window_rate(run_adjusted, False, window)
    fastest, slowest = speed.spread()
    note = "%d orders x 3 lines, batches of %d; %d approved, %d deliveries reserved, " \
        "%d invoices paid from the clearing journal" % (count, batch, approved, reserved, paid)
    figures += [
        {"figure": "review+confirm rate", "value": round(rate, 3),
         "unit": "orders/s", "baseline": round(base_rate, 3),
         "goal": "linear, not slower than plain confirm", "note": note},
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
        {"figure": "review+confirm time vs plain action_confirm",
         "value": round(base_rate / rate, 3), "unit": "ratio", "baseline": None,
         "goal": "<= 1.0",
         "note": "plain loop on %d identical non-channel orders, batches of %d: %.2f/s" % (
             baseline_count, batch, base_rate)},
    ]
    if uninvoiced:
        uninvoiced_rate = len(uninvoiced_ids) / uninvoiced[-1][1]
        figures += [
            {"figure": "review+confirm, not invoiced at approval", "value": round(
                uninvoiced_rate, 3), "unit": "orders/s", "baseline": None, "goal": "",
             "note": "%d orders received while the channel invoiced at shipment, same "
                     "run, just before: the review+confirm of before issue 20" % len(
                         uninvoiced_ids)},
            {"figure": "invoice+payment at approval: time per order vs without",
             "value": round(uninvoiced_rate / rate, 3), "unit": "ratio", "baseline": None,
             "goal": "<= 1.5",
             "note": "%.0f ms per order with the invoice and its payment, %.0f ms without" % (
                 1000.0 / rate, 1000.0 / uninvoiced_rate)},
        ]
    if fair:
        fair_rate = len(fair_ids) / fair[-1][1]
        figures.append({
            "figure": "review+confirm time vs plain, each order its own prefetch",
            "value": round(fair_rate / rate, 3), "unit": "ratio", "baseline": None,
            "goal": "", "note": "plain loop with with_prefetch() per order on %d orders: "
            "%.2f/s (what the review itself costs)" % (len(fair_ids), fair_rate)})
    if onetx:
        figures.append(figures_onetx)
    return figures


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
            "note": "first %.2f/s, last %.2f/s (rolled back)" % (first, last)}
