# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""After-sales: 1,000 return cases received and refunded, in batches of 100.

Cases are opened on generated orders delivered within the return window and
walked by the roles that do it: customer service opens each case, the
manager approves the batch (one return receipt per case), the warehouse
validates the batch's return receipts (Odoo's immediate transfer over the
receipts: everything announced arrives, inspected good) and finance refunds
the batch (one credit note per case, posted). One batch of 100 after the
other, each in its own transaction committed as a click's request would be
(``BENCH_RETURNS`` and ``BENCH_RETURNS_BATCH`` change the 1,000 and the 100;
every timer ends after the commit), on a scratch copy of the database
dropped afterwards. The rate must stay linear: the last batch within 20 % of
the first; the machine's speed is sampled beside it (machine_speed.py) and
the ratio given also at the run's median machine speed. Plain Odoo baseline,
on other orders of the same kind and by the same users, the same work by
hand: the warehouse runs Odoo's return wizard on the delivery and validates
the receipt, finance makes Odoo's credit note of the order's invoice, cuts
it to the unit returned, validates it and pays it back, per order, each
order in its own transaction; the same again as the superuser (no access rules) is given
in the note, when there are orders enough.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from machine_speed import MachineSpeed, adjusted_seconds  # noqa: E402

from odoo import api  # noqa: E402

BATCH = 100
ROLES = {role: "ecom_order_mgmt.user_ecom_%s" % role
         for role in ("cs", "manager", "warehouse", "finance")}


def _orders(env, count):
    """Recently delivered generated orders without an after-sales case, paid
    in advance (a cash-on-delivery order has nothing paid to refund until
    its carrier remits: the refund would be refused)."""
    from odoo.addons.ecom_order_mgmt.const import COD_MODES
    days = env.user.company_id.ecom_return_days or 7
    env.cr.execute("""
        SELECT o.id FROM sale_order o
          JOIN stock_picking p ON p.sale_id = o.id
         WHERE o.name LIKE 'SB%%' AND p.ecom_fulfil_state = 'delivered'
           AND o.ecom_payment_mode NOT IN %s
           AND p.ecom_delivered_at > (now() at time zone 'UTC') - %s * interval '1 day'
           AND NOT EXISTS (SELECT 1 FROM ecom_return r WHERE r.order_id = o.id)
         GROUP BY o.id HAVING count(p.id) = 1
         ORDER BY o.id LIMIT %s""", (COD_MODES, max(days - 1, 1), count))
    return env["sale.order"].browse([r[0] for r in env.cr.fetchall()])


def users(env):
    """{role: environment of that role's demo user}."""
    return {role: env(user=env.ref(xmlid).id) for role, xmlid in ROLES.items()}


def open_cases(env, orders, reason):
    """Customer service opens one case per order, as in the case form."""
    Case = env["ecom.return"]
    cases = Case
    for order in orders:
        line = order.order_line[:1]
        cases |= Case.create({
            "order_id": order.id, "type": "return_refund", "evidence": "bench",
            "line_ids": [(0, 0, {"product_id": line.product_id.id, "quantity": 1,
                                 "reason_id": reason.id, "responsibility": "customer"})]})
    return cases


def receive(env, cases):
    """The warehouse validates the cases' return receipts together."""
    pickings = cases.with_env(env).mapped("return_picking_id")
    env["stock.immediate.transfer"].create({"pick_ids": [(6, 0, pickings.ids)]}).process()


def walk(envs, orders, reason):
    """One batch: opened, approved, received, refunded, each by its role."""
    cases = open_cases(envs["cs"], orders, reason)
    cases.with_env(envs["manager"]).action_approve()
    receive(envs["warehouse"], cases)
    cases.with_env(envs["finance"]).action_refund()
    return cases


def plain(envs, orders):
    """Plain Odoo, the suite's work by hand: the return wizard on the
    delivery (one unit of the first product), the receipt validated; then
    Odoo's credit note of the order's invoice (what the *Add Credit Note*
    button makes) cut to the unit returned, validated, and paid back to the
    buyer out of the channel's clearing journal by a payment reconciled
    with it."""
    stock = envs.get("warehouse") or envs["root"]
    finance = envs.get("finance") or envs["root"]
    method = finance.ref("account.account_payment_method_manual_out")
    for order in orders.with_env(stock):
        order = order.with_prefetch()
        delivery = order.picking_ids[:1]
        wizard = stock["stock.return.picking"].with_context(
            active_id=delivery.id, active_ids=delivery.ids,
            active_model="stock.picking").create({})
        returned = wizard.product_return_moves[:1]
        returned.quantity = 1
        (wizard.product_return_moves - returned).unlink()
        picking = stock["stock.picking"].browse(wizard._create_returns()[0])
        for move_line in picking.move_line_ids:
            move_line.qty_done = move_line.product_uom_qty
        picking.button_validate()
        order = order.with_env(finance)
        invoice = order.invoice_ids.filtered(lambda i: i.type == "out_invoice")[:1]
        note = invoice.refund(description="Return", journal_id=invoice.journal_id.id)
        kept = note.invoice_line_ids.filtered(
            lambda ln: ln.product_id == returned.product_id)[:1]
        note.write({"invoice_line_ids": [(1, kept.id, {"quantity": 1})] + [
            (2, line.id) for line in note.invoice_line_ids - kept]})
        note.compute_taxes()
        note.action_invoice_open()
        finance["account.payment"].create({
            "payment_type": "outbound", "partner_type": "customer",
            "partner_id": note.commercial_partner_id.id, "amount": note.residual,
            "currency_id": note.currency_id.id,
            "journal_id": order.ecom_channel_id.journal_id.id,
            "payment_method_id": method.id, "communication": order.name,
            "invoice_ids": [(6, 0, note.ids)]}).post()
        assert note.state == "paid", note.state


def _timed(ctx, func, *args):
    """func(cr, *args) in a transaction of its own, committed: (seconds with
    the commit, queries, CPU seconds of the process, start)."""
    cpu, start = time.process_time(), time.time()
    began = time.perf_counter()
    with ctx.cursor() as cr:
        queries = cr.sql_log_count
        func(cr, *args)
        queries = cr.sql_log_count - queries
    # the cursor commits when the block ends: the time includes the commit
    return time.perf_counter() - began, queries, time.process_time() - cpu, start


def _new_request(ctx, cr):
    """A superuser environment as a new request starts: empty cache (shared
    in Odoo 11 by the cursors of one ``Environment.manage()``)."""
    env = ctx.env(cr)
    env["res.users"].invalidate_cache()
    return env


def _batch(ctx, order_ids, reason_id):
    """One batch walked in a transaction of its own, committed: _timed's figures."""
    def work(cr):
        env = _new_request(ctx, cr)
        walk(users(env), env["sale.order"].browse(order_ids),
             env["ecom.return.reason"].browse(reason_id))
    return _timed(ctx, work)


def _plain_each(ctx, ids, root=False):
    """Plain Odoo per order, each order one transaction: (seconds, queries)."""
    seconds = queries = 0
    for order_id in ids:
        def work(cr, order_id=order_id):
            env = _new_request(ctx, cr)
            envs = {"root": env} if root else users(env)
            plain(envs, env["sale.order"].browse(order_id))
        spent, count, _cpu, _start = _timed(ctx, work)
        seconds += spent
        queries += count
    return seconds / len(ids), queries / len(ids)


def _timed_batches(ctx, sctx, speed, ids, batch, reason_id):
    """Cases opened, received and refunded batch by batch: per case, the
    seconds, the seconds at constant machine speed, the queries and the CPU
    of each batch; and the seconds of all."""
    times, adjusted, queries, cpus, spent = [], [], [], [], 0.0
    for start in range(0, len(ids), batch):
        chunk = ids[start:start + batch]
        seconds, count, cpu, began = _batch(sctx, chunk, reason_id)
        spent += seconds
        times.append(seconds / len(chunk))
        adjusted.append(adjusted_seconds(speed, began, began + seconds) / len(chunk))
        queries.append(count / len(chunk))
        cpus.append(cpu / len(chunk))
        ctx.log("returns: %d / %d, %.0f ms (CPU %.0f ms) and %.0f queries per case" % (
            start + len(chunk), len(ids), times[-1] * 1000, cpus[-1] * 1000,
            queries[-1]))
    return times, adjusted, queries, cpus, spent


def run(ctx):
    total, batch = (4, 2) if ctx.quick else (
        int(os.environ.get("BENCH_RETURNS", 1000)),
        int(os.environ.get("BENCH_RETURNS_BATCH", BATCH)))
    with api.Environment.manage(), ctx.scratch() as sctx, MachineSpeed() as speed:
        with sctx.cursor() as cr:
            env = sctx.env(cr)
            wanted = total + 2 * batch
            orders = _orders(env, wanted + wanted // 10 + 2)
            # The volume data writes delivered orders without the invoice and
            # payment an approval makes since issue 20: make them first, as
            # the approval would (not timed), so that refunds credit them.
            orders.filtered(lambda o: not o.invoice_ids)._ecom_invoice_and_pay()
            # a custom order's money is its deposit and balance, which the
            # volume data does not write: nothing paid, nothing to refund
            ids = orders.filtered(lambda o: o._ecom_money().payments).ids[:wanted]
            reason_id = env["ecom.return.reason"].search([], limit=1).id
        if len(ids) < 2 * batch:
            raise RuntimeError("only %d recently delivered orders" % len(ids))
        opened = min(total, len(ids) - batch)
        baseline_ids = ids[opened:opened + batch]
        root_ids = ids[opened + batch:]
        ids = ids[:opened]
        times, adjusted, queries, cpus, spent = _timed_batches(
            ctx, sctx, speed, ids, batch, reason_id)
        plain_time, plain_queries = _plain_each(sctx, baseline_ids)
        root_note = ""
        if len(root_ids) == batch:
            root_time, root_queries = _plain_each(sctx, root_ids, root=True)
            root_note = "; plain Odoo as the superuser: %.0f ms, %.0f queries per case" % (
                root_time * 1000, root_queries)
    first, last = times[0], times[-1]
    half = max(1, len(times) // 2)
    fastest, slowest = speed.spread()
    return [
        {"figure": "Returns: %d cases approved, received, refunded" % len(ids),
         "value": spent, "unit": "s", "baseline": None, "goal": "",
         "note": "batches of %d, each committed (timed with the commit), by the CS, "
                 "manager, warehouse and finance demo users" % batch},
        {"figure": "  per case, first batch", "value": first * 1000, "unit": "ms",
         "baseline": plain_time * 1000, "goal": "",
         "note": "%.0f queries and %.0f ms of CPU per case (plain Odoo %.0f queries); "
                 "plain Odoo: return wizard + receipt + credit note of the order's "
                 "invoice + payment back, by the same users, one order per "
                 "transaction%s" % (
                     queries[0], cpus[0] * 1000, plain_queries, root_note)},
        {"figure": "  per case, last batch", "value": last * 1000, "unit": "ms",
         "baseline": plain_time * 1000, "goal": "within 20 % of the first",
         "note": "last / first = %.2f; %.0f queries and %.0f ms of CPU per case" % (
             last / first, queries[-1], cpus[-1] * 1000)},
        {"figure": "  last / first batch at constant machine speed",
         "value": adjusted[-1] / adjusted[0], "unit": "ratio", "baseline": None,
         "goal": "<= 1.2",
         "note": "first %.0f ms, last %.0f ms per case at the run's median machine speed; "
                 "the same fixed work took %.0f-%.0f ms during the run, median %.1f "
                 "(machine_speed.py)" % (adjusted[0] * 1000, adjusted[-1] * 1000,
                                         fastest, slowest, speed.median_ms())},
        {"figure": "  second half / first half of the batches", "value":
         sum(times[-half:]) / sum(times[:half]), "unit": "ratio", "baseline": None,
         "goal": "", "note": "mean of the last %d batches over the first %d (one batch is "
         "one sample of a noisy machine); at constant machine speed %.2f" % (
             half, half, sum(adjusted[-half:]) / sum(adjusted[:half]))},
    ]
