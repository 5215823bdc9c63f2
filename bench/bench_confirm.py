"""Review and confirm in volume (issue 7, goal 2; baselines: issue 23).

Paid channel orders pass the automatic review (a pass-both rule) and are
confirmed by finance in batches of BENCH_CONFIRM_BATCH orders, one
transaction per batch, committed (as the background jobs do); every timer
ends after the commit. Figures: rate over the whole run, the last window's
rate against the first window's (linear?), at wall clock and at constant
machine speed (machine_speed.py samples the machine during the run).

Baselines (plain Odoo, issue 23): the best plain loop, one order per loop
step with a prefetch of its own (``with_prefetch()``), on as many
identical orders (same products, quantities, buyer and batches; quotations
without a channel, so nothing of the suite's review runs on them), by the
same finance user, in the same run; all runs' batches alternate (plain
batch, suite batch, ...) so that all meet the same machine. Each suite path
is compared with the plain loop doing the same work:

- review + confirm + reserve of orders invoiced and paid at approval (the
  suite's default channel) against ``action_confirm`` +
  ``action_invoice_create`` + ``action_invoice_open`` + a customer payment
  posted into the channel's clearing journal, reconciled with the invoice
  (BENCH_CONFIRM_PLAININVOICE orders, as many by default, 0 to skip);
- review + confirm + reserve of orders of a second channel that invoices at
  shipment (its approval invoices nothing) against ``action_confirm``
  (BENCH_CONFIRM_NOINVOICE orders, as many by default, 0 to skip); the
  ratio of the two suite paths is what invoicing and payment at approval
  add (issue 20, goal <= 1.5).

The naive loop (one recordset for the batch, whose records share their
prefetch: Odoo 11 then re-reads the lines, moves and deliveries of every
order before) is timed too, on BENCH_CONFIRM_NAIVE orders (as many by
default, 0 to skip), its ratio labelled naive. BENCH_CONFIRM_ONETX: plain
confirmations in one transaction (rolled back, no commit: it only shows why
batches). Before the timed batches, one untimed batch of each kind warms
the database up and its statistics are refreshed (_warm_up).

Sizes (environment): BENCH_CONFIRM_ORDERS (15000), BENCH_CONFIRM_NAIVE (as
many), BENCH_CONFIRM_WINDOW (1000), BENCH_CONFIRM_BATCH (100),
BENCH_CONFIRM_ONETX (200, 0 to skip). Runs on a scratch copy of the
database.
"""
import functools
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
    kinds = [(None, _review), (False, _plain_confirm),
             (False, functools.partial(_plain_invoice, data["journal_id"]))]
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


def _plain_invoice(journal_id, env, ids):
    """Plain Odoo doing the suite's work at approval: confirm, invoice,
    validate, and pay the invoice into the clearing journal `journal_id`."""
    journal = env["account.journal"].browse(journal_id)
    method = env.ref("account.account_payment_method_manual_in")
    for order in env["sale.order"].browse(ids):
        order = order.with_prefetch()
        order.action_confirm()
        invoice = env["account.invoice"].browse(order.action_invoice_create())
        invoice.action_invoice_open()
        env["account.payment"].create({
            "payment_type": "inbound", "partner_type": "customer",
            "partner_id": invoice.commercial_partner_id.id, "amount": invoice.residual,
            "currency_id": invoice.currency_id.id, "journal_id": journal.id,
            "payment_method_id": method.id, "communication": order.name,
            "invoice_ids": [(6, 0, invoice.ids)]}).post()


def _done(ctx, ids, channel):
    """(orders confirmed, their deliveries reserved, their invoices paid)."""
    with ctx.cursor() as cr:
        orders = perf_data.env_for(cr)["sale.order"].browse(ids)
        if channel:
            confirmed = orders.filtered(lambda o: o.ecom_state == "approved")
        else:
            confirmed = orders.filtered(lambda o: o.state == "sale")
        reserved = orders.mapped("picking_ids").filtered(lambda p: p.state == "assigned")
        paid = orders.mapped("invoice_ids").filtered(lambda i: i.state == "paid")
        return len(confirmed), len(reserved), len(paid)


SUITE = "review+confirm"
SUITE_NOINVOICE = "review+confirm, invoiced at shipment"
PLAIN = "plain confirm, own prefetch"
PLAIN_INVOICE = "plain confirm + invoice + payment, own prefetch"
NAIVE = "plain confirm, shared prefetch"


def run(ctx):
    # --quick: a smoke run of a few orders (the test of the generator).
    count = _int("BENCH_CONFIRM_ORDERS", 6 if ctx.quick else 15000)
    naive_count = _int("BENCH_CONFIRM_NAIVE", count)
    window = min(_int("BENCH_CONFIRM_WINDOW", 1000), count // 2 or 1)
    batch = _int("BENCH_CONFIRM_BATCH", 3 if ctx.quick else 100)
    onetx = _int("BENCH_CONFIRM_ONETX", 0 if ctx.quick else 200)
    noinvoice_count = _int("BENCH_CONFIRM_NOINVOICE", count)
    invoice_count = _int("BENCH_CONFIRM_PLAININVOICE", count)
    with api.Environment.manage(), ctx.scratch() as sctx, MachineSpeed() as speed:
        data = perf_data.setup(sctx)
        finance = perf_data.user_id(sctx, "finance")
        tag = "C%d" % int(time.time())
        sctx.log("confirm: creating %d channel and %d plain orders" % (
            count + noinvoice_count, count + naive_count + invoice_count))
        ids = {SUITE: perf_data.make_orders(sctx, data, count, tag)}
        plain_ids = perf_data.make_orders(sctx, data, count + naive_count + invoice_count,
                                          tag + "P", channel=False)
        ids[PLAIN], plain_ids = plain_ids[:count], plain_ids[count:]
        ids[PLAIN_INVOICE], ids[NAIVE] = plain_ids[:invoice_count], plain_ids[invoice_count:]
        ids[SUITE_NOINVOICE] = perf_data.make_orders(
            sctx, data, noinvoice_count, tag + "S",
            channel=data["channel_at_shipment_id"]) if noinvoice_count else []
        _warm_up(sctx, data, batch, finance, tag, noinvoice_count)
        works = {PLAIN: _plain_confirm, SUITE: _review, SUITE_NOINVOICE: _review,
                 PLAIN_INVOICE: functools.partial(_plain_invoice, data["journal_id"])}
        marks = _interleaved(sctx, [(label, ids[label], works[label]) for label in (
            PLAIN_INVOICE, SUITE, PLAIN, SUITE_NOINVOICE) if ids[label]], batch, finance)
        if ids[NAIVE]:
            marks.update(_interleaved(sctx, [(NAIVE, ids[NAIVE], _plain_confirm_naive)],
                                      batch, finance))
        # what each compared run did (the naive loop's is not reported)
        done = {label: _done(sctx, ids[label], label in (SUITE, SUITE_NOINVOICE))
                for label in marks if label != NAIVE}
        if onetx:
            figures_onetx = _one_transaction(sctx, data, finance, onetx, tag)
    figures = _rate_figures(batch, window, ids, marks, speed, done)
    if onetx:
        figures.append(figures_onetx)
    return figures


def _rate(ids, marks, label):
    return len(ids[label]) / marks[label][-1][1]


def _ratio(figure, value, goal, note):
    """A row of a ratio (no baseline of its own)."""
    return {"figure": figure, "value": round(value, 3), "unit": "ratio", "baseline": None,
            "goal": goal, "note": note}


def _rate_figures(batch, window, ids, marks, speed, done):
    """The rates of the suite's paths against the plain loops doing the same
    work, the linearity of the main path, and what invoicing adds."""
    count, rate = len(ids[SUITE]), _rate(ids, marks, SUITE)
    figures = [_main_rate(batch, ids, marks, done)]
    figures += _linearity(marks[SUITE], window, speed)
    if ids[PLAIN_INVOICE]:
        base = _rate(ids, marks, PLAIN_INVOICE)
        figures.append(_ratio(
            "  review+confirm time vs plain confirm + invoice + payment (fair)",
            base / rate, "<= 1.0", "%d orders each, same run, batches of %d: plain "
            "%.2f/s, suite %.2f/s" % (count, batch, base, rate)))
    if ids[SUITE_NOINVOICE] and ids[PLAIN]:
        figures += _without_invoicing(batch, ids, marks, done, rate)
    if ids[NAIVE]:
        naive_rate = _rate(ids, marks, NAIVE)
        figures.append(_ratio(
            "review+confirm time vs plain action_confirm (naive: shared prefetch)",
            naive_rate / rate, "", "invoiced at approval against a plain loop over the "
            "batch's recordset (quadratic in the batch) that only confirms, on %d "
            "identical non-channel orders after the others, batches of %d: %.2f/s; "
            "not the same work, for history only" % (len(ids[NAIVE]), batch, naive_rate)))
    return figures


def _main_rate(batch, ids, marks, done):
    count = len(ids[SUITE])
    approved, reserved, paid = done[SUITE]
    note = "%d orders x 3 lines of a channel invoicing at approval, batches of %d, each " \
           "committed; %d approved, %d deliveries reserved, %d invoices paid" % (
               count, batch, approved, reserved, paid)
    base = None
    if ids[PLAIN_INVOICE]:
        base = round(_rate(ids, marks, PLAIN_INVOICE), 3)
        confirmed, plain_reserved, plain_paid = done[PLAIN_INVOICE]
        note += "; plain Odoo (fair, the same work): action_confirm, action_invoice_create, " \
                "action_invoice_open and a payment posted into the channel's clearing " \
                "journal, one order per loop step with its own prefetch, on %d identical " \
                "non-channel orders (%d confirmed, %d deliveries reserved, %d invoices " \
                "paid), batches alternating with the suite's" % (
                    len(ids[PLAIN_INVOICE]), confirmed, plain_reserved, plain_paid)
    return {"figure": "review+confirm+reserve+invoice+payment rate",
            "value": round(_rate(ids, marks, SUITE), 3), "unit": "orders/s",
            "baseline": base, "goal": ">= 3/s; not slower than plain (fair)", "note": note}


def _linearity(run_marks, window, speed):
    first = _window_rate(run_marks, True, window)
    last = _window_rate(run_marks, False, window)
    run_adjusted = _at_median_speed(run_marks, speed)
    first_adj = _window_rate(run_adjusted, True, window)
    last_adj = _window_rate(run_adjusted, False, window)
    fastest, slowest = speed.spread()
    return [
        _ratio("  last/first %d orders' rate" % window, last / first, ">= 0.8",
               "first %.2f/s, last %.2f/s (wall clock)" % (first, last)),
        _ratio("  the same at constant machine speed", last_adj / first_adj, ">= 0.8",
               "first %.2f/s, last %.2f/s at the run's median machine speed; the same "
               "fixed work took %.0f-%.0f ms during the run, median %.1f "
               "(machine_speed.py)" % (first_adj, last_adj, fastest, slowest,
                                       speed.median_ms())),
    ]


def _without_invoicing(batch, ids, marks, done, rate):
    """Review + confirm + reserve of a channel invoicing at shipment against
    plain action_confirm, and what invoicing at approval adds."""
    count = len(ids[SUITE_NOINVOICE])
    own, base = _rate(ids, marks, SUITE_NOINVOICE), _rate(ids, marks, PLAIN)
    approved, reserved, _paid = done[SUITE_NOINVOICE]
    confirmed, plain_reserved, _plain_paid = done[PLAIN]
    return [
        {"figure": "review+confirm+reserve rate, nothing invoiced at approval",
         "value": round(own, 3), "unit": "orders/s", "baseline": round(base, 3),
         "goal": "not slower than plain confirm (fair)",
         "note": "%d orders x 3 lines of a channel invoicing at shipment, batches of %d; "
                 "%d approved, %d deliveries reserved; plain Odoo (fair, the same work): "
                 "action_confirm one order per loop step with its own prefetch on %d "
                 "identical non-channel orders (%d confirmed, %d deliveries reserved)" % (
                     count, batch, approved, reserved, len(ids[PLAIN]), confirmed,
                     plain_reserved)},
        _ratio("  review+confirm time vs plain action_confirm (fair)", base / own, "<= 1.0",
               "same run, batches of %d: plain %.2f/s, suite %.2f/s" % (batch, base, own)),
        _ratio("review+confirm time with invoicing + payment at approval vs without",
               own / rate, "<= 1.5 (issue 20)",
               "the two suite paths above, batches alternating: %.2f/s without, %.2f/s "
               "with invoice, validation, payment and reconciliation" % (own, rate)),
    ]


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
