# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Backorder allocation: 5,000 open backorder lines over 500 products.

The scenario is written with the generator's bulk writers on a scratch copy
of the database (approved orders whose deliveries wait for stock, one open
backorder per line, then free stock for about 60 % of the demand) and
committed; the demo manager (``ecom_order_mgmt.user_ecom_manager``: access
rights and record rules apply, as for a real user) then allocates it with
the allocation wizard: the preview in one transaction, the commit in
another (two requests, each with an empty cache), each timer ending after
its transaction's commit.

Plain Odoo baseline: ``stock.picking.action_assign`` by the same user on
the same deliveries of the same scenario, written again (same seed) on a
second scratch copy, in one committed transaction. By default on all the
deliveries; BENCH_ALLOCATION_BASELINE=N times N of them only, and the row
then says the figure is extrapolated. Sizes: BENCH_ALLOCATION_LINES (5000),
BENCH_ALLOCATION_PRODUCTS (500). Each figure notes its queries and the CPU
time of this process (on a shared machine the CPU time moves less than the
wall time).
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


def _timed(ctx, uid, step):
    """step(env of `uid`) in a transaction of its own, committed: (its result,
    (wall seconds with the commit, queries, CPU seconds of this process))."""
    cpu, start = time.process_time(), time.perf_counter()
    with ctx.cursor() as cr:
        env = ctx.env(cr, uid)
        env = ctx.env(cr, uid, env["res.users"].context_get())
        env["res.users"].invalidate_cache()  # a request starts with an empty cache
        queries = cr.sql_log_count
        result = step(env)
        queries = cr.sql_log_count - queries
    # the cursor commits when the block ends: the time includes the commit
    return result, (time.perf_counter() - start, queries, time.process_time() - cpu)


def _scenario(ctx, n_lines, n_products):
    """The scenario written and committed: (backorder ids, picking ids, products)."""
    start = time.perf_counter()
    with ctx.cursor() as cr:
        backorders, pickings = make_backorders(ctx.env(cr), n_lines, n_products,
                                               random.Random(7))
        result = backorders.ids, pickings.ids, len(backorders.mapped("product_id"))
    ctx.log("scenario: %d backorders over %d products (%.1fs)" % (
        len(result[0]), result[2], time.perf_counter() - start))
    return result


def _suite(ctx, n_lines, n_products):
    backorder_ids, _pickings, n_products = _scenario(ctx, n_lines, n_products)
    with ctx.cursor() as cr:
        manager = ctx.env(cr).ref("ecom_order_mgmt.user_ecom_manager").id

    def open_and_preview(env):
        wizard = env["ecom.backorder.allocation"].create(
            {"backorder_ids": [(6, 0, backorder_ids)]})
        wizard.action_preview()
        return wizard.id

    wizard_id, preview = _timed(ctx, manager, open_and_preview)
    _result, commit = _timed(
        ctx, manager, lambda env: env["ecom.backorder.allocation"].browse(
            wizard_id).action_commit())
    with ctx.cursor() as cr:
        backorders = ctx.env(cr)["ecom.backorder"].browse(backorder_ids)
        allocated = sum(backorders.mapped("quantity_allocated"))
        wanted = sum(backorders.mapped("quantity"))
    return len(backorder_ids), n_products, preview, commit, allocated, wanted


def _plain(ctx, n_lines, n_products, sample):
    _backorders, picking_ids, _n = _scenario(ctx, n_lines, n_products)
    with ctx.cursor() as cr:
        manager = ctx.env(cr).ref("ecom_order_mgmt.user_ecom_manager").id
    timed = picking_ids[:sample] if sample else picking_ids
    _result, baseline = _timed(
        ctx, manager, lambda env: env["stock.picking"].browse(timed).action_assign())
    with ctx.cursor() as cr:
        reserved = sum(ctx.env(cr)["stock.picking"].browse(timed).mapped(
            "move_lines.reserved_availability"))
    return baseline, len(timed), len(picking_ids), reserved


def run(ctx):
    n_lines = int(os.environ.get("BENCH_ALLOCATION_LINES", 200 if ctx.quick else 5000))
    n_products = int(os.environ.get("BENCH_ALLOCATION_PRODUCTS", 20 if ctx.quick else 500))
    sample = int(os.environ.get("BENCH_ALLOCATION_BASELINE", 0))
    with ctx.scratch() as sctx:
        lines, n_products, preview, commit, allocated, wanted = _suite(
            sctx, n_lines, n_products)
    with ctx.scratch() as sctx:
        baseline, timed, deliveries, reserved = _plain(sctx, n_lines, n_products, sample)
    scale = deliveries / float(timed)
    if timed < deliveries:
        how = "%d of the %d deliveries timed and the figure EXTRAPOLATED (x%.1f)" % (
            timed, deliveries, scale)
    else:
        how = "all %d deliveries, one committed transaction" % deliveries
    note = "%d lines over %d products; %.0f of %.0f units allocated; as the demo manager, " \
           "preview and commit each a committed transaction; %d queries, CPU %.1f s; plain " \
           "Odoo: action_assign by the same user on the same deliveries of the same " \
           "scenario (second scratch copy), %s: %.0f queries, CPU %.0f s, %.0f units " \
           "reserved" % (lines, n_products, allocated, wanted, preview[1] + commit[1],
                         preview[2] + commit[2], how, baseline[1] * scale,
                         baseline[2] * scale, reserved)
    label = "plain Odoo extrapolated" if timed < deliveries else "plain Odoo whole"
    rows = [{"figure": "Allocation preview + commit (%d backorder lines; %s)" % (lines, label),
             "value": preview[0] + commit[0], "unit": "s", "baseline": baseline[0] * scale,
             "goal": "< 10 s" if not ctx.quick else "", "note": note}]
    for name, (seconds, queries, cpu) in (("preview", preview), ("commit", commit)):
        rows.append({"figure": "  allocation %s" % name, "value": seconds, "unit": "s",
                     "baseline": None, "goal": "",
                     "note": "%d queries, CPU %.2f s" % (queries, cpu)})
    return rows
