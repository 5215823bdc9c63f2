# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""After-sales: 1,000 return cases received and refunded, in batches of 100.

Cases are opened on generated orders delivered within the return window,
approved (return receipt), received (the receipt validated, goods put back)
and refunded (credit note posted), one batch of 100 after the other, all in
one transaction that is rolled back (``BENCH_RETURNS`` and
``BENCH_RETURNS_BATCH`` change the 1,000 and the 100). The rate must stay linear: the last
batch within 20 % of the first. Plain Odoo baseline: Odoo's return wizard
on the delivery, the receipt validated and a customer credit note posted,
per order, on other orders of the same kind.
"""
import os
import time

BATCH = 100


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


def _cases(env, orders, reason):
    Case = env["ecom.return"]
    cases = Case
    for order in orders:
        line = order.order_line[:1]
        cases |= Case.create({
            "order_id": order.id, "type": "return_refund", "evidence": "bench",
            "line_ids": [(0, 0, {"product_id": line.product_id.id, "quantity": 1,
                                 "reason_id": reason.id, "responsibility": "customer"})]})
    cases.action_approve()
    cases._ecom_demo_receive()
    cases.action_refund()
    return cases


def _plain(env, orders):
    """Plain Odoo: return wizard, receipt validated, credit note posted."""
    Invoice = env["account.invoice"].with_context(type="out_refund")
    for order in orders:
        delivery = order.picking_ids[:1]
        wizard = env["stock.return.picking"].with_context(
            active_id=delivery.id, active_ids=delivery.ids,
            active_model="stock.picking").create({})
        for line in wizard.product_return_moves:
            line.quantity = 1
            break
        picking = env["stock.picking"].browse(wizard._create_returns()[0])
        for move_line in picking.move_line_ids:
            move_line.qty_done = move_line.product_uom_qty
        picking.button_validate()
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


def run(ctx):
    total, batch = (4, 2) if ctx.quick else (
        int(os.environ.get("BENCH_RETURNS", 1000)),
        int(os.environ.get("BENCH_RETURNS_BATCH", BATCH)))
    with ctx.cursor() as cr:
        env = ctx.env(cr)
        try:
            orders = _orders(env, total + batch)
            if len(orders) < 2 * batch:
                raise RuntimeError("only %d recently delivered orders" % len(orders))
            baseline_orders = orders[-batch:]
            orders = orders[:-batch][:total]
            reason = env["ecom.return.reason"].search([], limit=1)
            times = []
            for start in range(0, len(orders), batch):
                chunk = orders[start:start + batch]
                began = time.perf_counter()
                _cases(env, chunk, reason)
                times.append((time.perf_counter() - began) / len(chunk))
                ctx.log("returns: %d / %d, %.0f ms per case" % (
                    start + len(chunk), len(orders), times[-1] * 1000))
            cr.execute("SAVEPOINT bench_returns_plain")
            began = time.perf_counter()
            _plain(env, baseline_orders)
            plain = (time.perf_counter() - began) / len(baseline_orders)
            cr.execute("ROLLBACK TO SAVEPOINT bench_returns_plain")
        finally:
            cr.rollback()
    first, last = times[0], times[-1]
    return [
        {"figure": "Returns: %d cases approved, received, refunded" % len(orders),
         "value": sum(times) * batch, "unit": "s", "baseline": None, "goal": "",
         "note": "batches of %d; all rolled back" % batch},
        {"figure": "  per case, first batch", "value": first * 1000, "unit": "ms",
         "baseline": plain * 1000, "goal": "",
         "note": "plain Odoo: return wizard + receipt + credit note"},
        {"figure": "  per case, last batch", "value": last * 1000, "unit": "ms",
         "baseline": plain * 1000, "goal": "within 20 % of the first",
         "note": "last / first = %.2f" % (last / first)},
    ]
