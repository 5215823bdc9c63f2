# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Backorder allocation: 5,000 open backorder lines over 500 products.

The scenario is written with the generator's bulk writers inside the
benchmark's transaction (approved orders whose deliveries wait for stock,
one open backorder per line, then free stock for about 60 % of the demand),
allocated with the allocation wizard (preview, then commit) by the demo
manager (``ecom_order_mgmt.user_ecom_manager``: access rights and record
rules apply, as for a real user), each step with an empty cache as a request
starts, and rolled back. Plain Odoo baseline: ``stock.picking.action_assign``
by the same user on the same deliveries, from the same state (a savepoint).
Each figure notes its queries and the CPU time of this process (on a shared
machine the CPU time moves less than the wall time).
"""
import importlib.util
import os
import random
import time
from collections import defaultdict
from datetime import timedelta

HERE = os.path.dirname(os.path.abspath(__file__))


def generator():
    path = os.path.join(os.path.dirname(HERE), "data", "generator", "generate.py")
    spec = importlib.util.spec_from_file_location("ecom_data_generator", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_backorders(env, n_lines, n_products, rng):
    """Approved orders with one line each, waiting for stock, and their
    open backorders; free stock for ~60 % of the demand. Returns the backorders."""
    gen = generator()
    cr = env.cr
    ctx = gen.Context(env)
    products = env["product.product"].search([("default_code", "=like", "BN%"),
                                              ("type", "=", "product")],
                                             limit=n_products, order="id")
    prows = gen.product_rows(env, products)
    cr.execute("SELECT id FROM res_partner WHERE customer AND active ORDER BY id DESC LIMIT 2000")
    buyers = [r[0] for r in cr.fetchall()]
    cr.execute("SELECT id FROM ecom_channel ORDER BY id")
    channels = [r[0] for r in cr.fetchall()]
    now = ctx.now
    specs = []
    demand = defaultdict(float)
    for i in range(n_lines):
        product = prows[i % len(prows)]
        qty = float(rng.choice((1, 1, 2, 3)))
        demand[product["id"]] += qty
        partner = rng.choice(buyers)
        received = now - timedelta(hours=rng.uniform(1, 240))
        received = received.replace(microsecond=0)
        times = {"finance": received + timedelta(minutes=30)}
        specs.append({
            "order": {
                "name": "SBA%06d" % i, "state": "sale", "date_order": received,
                "create_date": received, "confirmation_date": times["finance"],
                "user_id": 1, "partner_id": partner, "partner_invoice_id": partner,
                "partner_shipping_id": partner, "pricelist_id": ctx.pricelist.id,
                "invoice_status": "to invoice", "amount_untaxed": qty * product["price"],
                "amount_tax": 0.0, "amount_total": qty * product["price"],
                "company_id": ctx.company.id, "team_id": ctx.team_id, "create_uid": 1,
                "write_uid": 1, "write_date": received, "picking_policy": "one",
                "warehouse_id": ctx.warehouse.id, "ecom_channel_id": rng.choice(channels),
                "ecom_platform_ref": "ALLOC%08d" % i, "ecom_state": "approved",
                "ecom_buyer_name": "买家", "ecom_buyer_phone": "13800000000",
                "ecom_province": "浙江省", "ecom_city": "杭州市", "ecom_street": "文一路1号",
                "ecom_payment_mode": "prepaid", "ecom_paid_amount": qty * product["price"],
                "ecom_payment_state": "paid", "ecom_received_at": received,
                "ecom_shortage": "backorder", "ecom_finance_date": times["finance"]},
            "lines": [(product, qty, product["price"], "backorder")],
            "fulfil": "to_print", "times": times, "reserve": False, "backorder": True})
    writer = gen.OrderWriter(cr, ctx)
    result = writer.write(specs)
    writer.flush()
    cr.execute("UPDATE procurement_group g SET sale_id = o.id FROM sale_order o "
               "WHERE o.procurement_group_id = g.id AND g.sale_id IS NULL")
    written = [(oid, spec, line_ids, pid) for spec, (oid, line_ids, pid, _m)
               in zip(specs, result)]
    gen._write_backorders(cr, ctx, written)
    # Free stock for about 60 % of each product's demand, on top of what is there
    free = {p: float(int(q * 0.6)) for p, q in demand.items()}
    gen.write_stock(cr, ctx, prows, free, {}, {}, now)
    env.cache.invalidate()
    backorders = env["ecom.backorder"].search([("order_id", "in", [r[0] for r in result])])
    pickings = env["stock.picking"].browse([r[2] for r in result])
    return backorders, pickings


def _timed(cr, step):
    """Run `step()`: (its result, (wall seconds, queries, CPU seconds of this process))."""
    queries, cpu, start = cr.sql_log_count, time.process_time(), time.perf_counter()
    result = step()
    return result, (time.perf_counter() - start, cr.sql_log_count - queries,
                    time.process_time() - cpu)


def run(ctx):
    n_lines, n_products = (200, 20) if ctx.quick else (5000, 500)
    rng = random.Random(7)
    rows = []
    with ctx.cursor() as cr:
        env = ctx.env(cr)
        try:
            start = time.perf_counter()
            backorders, pickings = make_backorders(env, n_lines, n_products, rng)
            n_products = len(backorders.mapped("product_id"))
            ctx.log("scenario: %d backorders over %d products (%.1fs)" % (
                len(backorders), n_products, time.perf_counter() - start))
            manager = env.ref("ecom_order_mgmt.user_ecom_manager")
            user_env = ctx.env(cr, manager.id)
            user_env = ctx.env(cr, manager.id, user_env["res.users"].context_get())
            cr.execute("SAVEPOINT bench_allocation")
            env.cache.invalidate()

            def open_and_preview():
                wizard = user_env["ecom.backorder.allocation"].create(
                    {"backorder_ids": [(6, 0, backorders.ids)]})
                wizard.action_preview()
                return wizard

            wizard, preview = _timed(cr, open_and_preview)
            # the commit is another request: nothing of the preview in cache
            env.cache.invalidate()
            _result, commit = _timed(cr, wizard.action_commit)
            env.cache.invalidate()
            allocated = sum(backorders.mapped("quantity_allocated"))
            wanted = sum(backorders.mapped("quantity"))
            cr.execute("ROLLBACK TO SAVEPOINT bench_allocation")
            env.cache.invalidate()
            # Odoo reserves delivery by delivery: measured on at most 100 of
            # them and scaled to all (linear), to keep the run short.
            sample = pickings[:100].with_env(user_env)
            _result, baseline = _timed(cr, sample.action_assign)
            scale = len(pickings) / len(sample)
            reserved = sum(sample.mapped("move_lines.reserved_availability"))
        finally:
            cr.rollback()
    note = "%d lines over %d products; %.0f of %.0f units allocated; as the demo manager" % (
        len(backorders), n_products, allocated, wanted)
    rows.append({"figure": "Allocation preview + commit (%d backorder lines)" % len(backorders),
                 "value": preview[0] + commit[0], "unit": "s",
                 "baseline": baseline[0] * scale,
                 "goal": "< 10 s" if not ctx.quick else "",
                 "note": note + "; %d queries, CPU %.1f s; plain Odoo: action_assign on the "
                 "same deliveries by the same user (%d of them timed, scaled to all: "
                 "%.0f queries, CPU %.0f s; %.0f units reserved)" % (
                     preview[1] + commit[1], preview[2] + commit[2], len(sample),
                     baseline[1] * scale, baseline[2] * scale, reserved)})
    for label, (seconds, queries, cpu) in (("preview", preview), ("commit", commit)):
        rows.append({"figure": "  allocation %s" % label, "value": seconds, "unit": "s",
                     "baseline": None, "goal": "",
                     "note": "%d queries, CPU %.2f s" % (queries, cpu)})
    return rows
