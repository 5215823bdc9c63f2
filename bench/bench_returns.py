# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""After-sales: 1,000 return cases received and refunded, in batches of 100.

Cases are opened on generated orders delivered within the return window and
walked by the roles that do it: customer service opens each case, the
manager approves the batch (one return receipt per case), the warehouse
validates the batch's return receipts (Odoo's immediate transfer over the
receipts: everything announced arrives, inspected good) and finance refunds
the batch (one credit note per case, posted). One batch of 100 after the
other, all in one transaction that is rolled back (``BENCH_RETURNS`` and
``BENCH_RETURNS_BATCH`` change the 1,000 and the 100). The rate must stay
linear: the last batch within 20 % of the first. Plain Odoo baseline, on
other orders of the same kind and by the same users: the warehouse runs
Odoo's return wizard on the delivery and validates the receipt, finance
creates a customer credit note and posts it, per order; the same again as
the superuser (no access rules) is given in the note, when there are
orders enough.
"""
import os
import time

BATCH = 100
ROLES = {role: "ecom_order_mgmt.user_ecom_%s" % role
         for role in ("cs", "manager", "warehouse", "finance")}


def _orders(env, count):
    """Recently delivered generated orders without an after-sales case."""
    days = env.user.company_id.ecom_return_days or 7
    env.cr.execute("""
        SELECT o.id FROM sale_order o
          JOIN stock_picking p ON p.sale_id = o.id
         WHERE o.name LIKE 'SB%%' AND p.ecom_fulfil_state = 'delivered'
           AND p.ecom_delivered_at > (now() at time zone 'UTC') - %s * interval '1 day'
           AND NOT EXISTS (SELECT 1 FROM ecom_return r WHERE r.order_id = o.id)
         GROUP BY o.id HAVING count(p.id) = 1
         ORDER BY o.id LIMIT %s""", (max(days - 1, 1), count))
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
    """Plain Odoo: return wizard, receipt validated, credit note posted."""
    stock = envs.get("warehouse") or envs["root"]
    finance = envs.get("finance") or envs["root"]
    Invoice = finance["account.invoice"].with_context(type="out_refund")
    for order in orders.with_env(stock):
        delivery = order.picking_ids[:1]
        wizard = stock["stock.return.picking"].with_context(
            active_id=delivery.id, active_ids=delivery.ids,
            active_model="stock.picking").create({})
        for line in wizard.product_return_moves:
            line.quantity = 1
            break
        picking = stock["stock.picking"].browse(wizard._create_returns()[0])
        for move_line in picking.move_line_ids:
            move_line.qty_done = move_line.product_uom_qty
        picking.button_validate()
        order = order.with_env(finance)
        line = order.order_line[:1]
        partner = order.partner_invoice_id
        account = line.product_id.property_account_income_id or \
            line.product_id.categ_id.property_account_income_categ_id
        invoice = Invoice.create({
            "type": "out_refund", "partner_id": partner.id, "origin": order.name,
            "account_id": partner.property_account_receivable_id.id,
            "invoice_line_ids": [(0, 0, {
                "product_id": line.product_id.id, "name": line.name, "quantity": 1,
                "price_unit": line.price_unit, "account_id": account.id})]})
        invoice.action_invoice_open()


def _timed(cr, func, *args):
    """(seconds, queries) taken by func(*args)."""
    queries = cr.sql_log_count
    began = time.perf_counter()
    func(*args)
    return time.perf_counter() - began, cr.sql_log_count - queries


def run(ctx):
    total, batch = (4, 2) if ctx.quick else (
        int(os.environ.get("BENCH_RETURNS", 1000)),
        int(os.environ.get("BENCH_RETURNS_BATCH", BATCH)))
    with ctx.cursor() as cr:
        env = ctx.env(cr)
        try:
            orders = _orders(env, total + 2 * batch)
            if len(orders) < 2 * batch:
                raise RuntimeError("only %d recently delivered orders" % len(orders))
            opened = min(total, len(orders) - batch)
            baseline_orders = orders[opened:opened + batch]
            root_orders = orders[opened + batch:]
            orders = orders[:opened]
            reason = env["ecom.return.reason"].search([], limit=1)
            envs = users(env)
            times, queries = [], []
            for start in range(0, len(orders), batch):
                chunk = orders[start:start + batch]
                seconds, count = _timed(cr, walk, envs, chunk, reason)
                times.append(seconds / len(chunk))
                queries.append(count / len(chunk))
                ctx.log("returns: %d / %d, %.0f ms and %.0f queries per case" % (
                    start + len(chunk), len(orders), times[-1] * 1000, queries[-1]))
            cr.execute("SAVEPOINT bench_returns_plain")
            seconds, count = _timed(cr, plain, envs, baseline_orders)
            plain_time = seconds / len(baseline_orders)
            plain_queries = count / len(baseline_orders)
            root_note = ""
            if len(root_orders) == batch:
                seconds, count = _timed(cr, plain, {"root": env}, root_orders)
                root_note = "; plain Odoo as the superuser: %.0f ms, %.0f queries per case" % (
                    seconds * 1000 / batch, count / batch)
            cr.execute("ROLLBACK TO SAVEPOINT bench_returns_plain")
        finally:
            cr.rollback()
    first, last = times[0], times[-1]
    return [
        {"figure": "Returns: %d cases approved, received, refunded" % len(orders),
         "value": sum(times) * batch, "unit": "s", "baseline": None, "goal": "",
         "note": "batches of %d, by the CS, manager, warehouse and finance demo users; "
                 "all rolled back" % batch},
        {"figure": "  per case, first batch", "value": first * 1000, "unit": "ms",
         "baseline": plain_time * 1000, "goal": "",
         "note": "%.0f queries per case (plain Odoo %.0f); plain Odoo: return wizard + "
                 "receipt + credit note by the same users%s" % (
                     queries[0], plain_queries, root_note)},
        {"figure": "  per case, last batch", "value": last * 1000, "unit": "ms",
         "baseline": plain_time * 1000, "goal": "within 20 % of the first",
         "note": "last / first = %.2f; %.0f queries per case" % (last / first, queries[-1])},
    ]
