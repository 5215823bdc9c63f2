"""Data the volume benchmarks (bench_import, bench_confirm, bench_queue) share.

Everything is created under its own names (channel PERF*, products PERF-*),
so it never mixes with the demo data. These benchmarks commit: they run on a
scratch copy of the benchmark database (``ctx.scratch()``), dropped after.
"""
import time

import odoo
from odoo import SUPERUSER_ID, api

CHANNEL_CODE = "PERFBENCH"
# The same shop invoicing at shipment: its approvals invoice nothing (what
# review + confirm costs without the money work of issue 20).
CHANNEL_CODE_AT_SHIPMENT = "PERFBENCHS"
PRODUCT_COUNT = 50
# Enough stock that no order of any run is short: reservations must succeed.
STOCK_PER_PRODUCT = 1000000.0


def env_for(cr, uid=SUPERUSER_ID, context=None):
    return api.Environment(cr, uid, dict(context or {}, tz="Asia/Shanghai"))


def setup(ctx):
    """Channel, products with stock and a pass-both review rule; returns ids."""
    with ctx.cursor() as cr:
        env = env_for(cr)
        warehouse = env.ref("stock.warehouse0")
        channel = env["ecom.channel"].with_context(active_test=False).search(
            [("code", "=", CHANNEL_CODE)], limit=1)
        if not channel:
            channel = env["ecom.channel"].create({
                "name": "Benchmark shop", "code": CHANNEL_CODE, "platform": "tmall",
                "warehouse_id": warehouse.id, "work_days": "all"})
        channel.active = True
        at_shipment = env["ecom.channel"].with_context(active_test=False).search(
            [("code", "=", CHANNEL_CODE_AT_SHIPMENT)], limit=1)
        if not at_shipment:
            at_shipment = env["ecom.channel"].create({
                "name": "Benchmark shop (invoiced at shipment)",
                "code": CHANNEL_CODE_AT_SHIPMENT, "platform": "tmall",
                "warehouse_id": warehouse.id, "work_days": "all",
                "invoice_policy": "shipment"})
        at_shipment.active = True
        Product = env["product.product"]
        products = Product.search([("default_code", "=like", "PERF-%")], order="id")
        for index in range(len(products), PRODUCT_COUNT):
            product = Product.create({
                "name": "Benchmark item %03d" % index, "default_code": "PERF-%03d" % index,
                "type": "product", "list_price": 10.0 + index, "taxes_id": [(5,)],
                "weight": 0.2})
            products |= product
        stock = warehouse.lot_stock_id
        for product in products:
            free = product.with_context(location=stock.id).qty_available
            if free < STOCK_PER_PRODUCT / 2:
                env["stock.quant"]._update_available_quantity(
                    product, stock, STOCK_PER_PRODUCT - free)
        Rule = env["ecom.review.rule"]
        rule = Rule.search([("name", "=", "Benchmark: pass paid orders")], limit=1)
        channels = channel | at_shipment
        if not rule:
            rule = Rule.create({
                "name": "Benchmark: pass paid orders", "sequence": -100,
                "channel_ids": [(6, 0, channels.ids)], "require_paid": True,
                "require_address_complete": True, "outcome": "pass_both"})
        elif rule.channel_ids != channels:
            rule.channel_ids = [(6, 0, channels.ids)]
        return {"channel_id": channel.id, "channel_at_shipment_id": at_shipment.id,
                "journal_id": channel.journal_id.id,
                "product_ids": products.ids,
                "warehouse_id": warehouse.id, "rule_id": rule.id}


def user_id(ctx, login):
    with ctx.cursor() as cr:
        return env_for(cr).ref("ecom_order_mgmt.user_ecom_%s" % login).id


def make_orders(ctx, data, count, prefix, channel=True, lines=3, chunk=500):
    """`count` paid orders of `lines` lines, committed per chunk; returns ids.

    Channel orders wait for CS review (`channel`: True for the benchmark's
    channel, or a channel's id); non-channel orders (the baseline) are plain
    quotations of the same products, quantities and buyer. Written in
    bulk (``_ecom_create_many``: the records create() makes, faster).
    """
    ids = []
    products = data["product_ids"]
    started = time.time()
    for start in range(0, count, chunk):
        with ctx.cursor() as cr:
            env = env_for(cr, context={"tracking_disable": True, "mail_create_nolog": True,
                                       "mail_create_nosubscribe": True, "mail_notrack": True,
                                       "ecom_defer_received_mail": True})
            partner = env.ref("base.res_partner_2")
            Product = env["product.product"]
            vals_list = []
            for index in range(start, min(count, start + chunk)):
                vals = {
                    "partner_id": partner.id,
                    "partner_invoice_id": partner.id,
                    "partner_shipping_id": partner.id,
                    "pricelist_id": partner.property_product_pricelist.id,
                    "warehouse_id": data["warehouse_id"],
                    "order_line": [],
                }
                for k in range(lines):
                    product = Product.browse(products[(index * lines + k) % len(products)])
                    vals["order_line"].append((0, 0, {
                        "product_id": product.id, "name": product.display_name,
                        "product_uom": product.uom_id.id, "tax_id": [(6, 0, [])],
                        "product_uom_qty": 1 + k, "price_unit": 10.0}))
                if channel:
                    vals.update({
                        "ecom_channel_id": data["channel_id"] if channel is True
                        else channel,
                        "ecom_platform_ref": "%s%07d" % (prefix, index),
                        "ecom_buyer_name": "王小明", "ecom_buyer_phone": "13800138000",
                        "ecom_province": "浙江省", "ecom_city": "杭州市",
                        "ecom_district": "西湖区", "ecom_street": "文三路 90 号",
                        "ecom_payment_mode": "prepaid",
                        "ecom_paid_amount": 10.0 * sum(1 + k for k in range(lines)),
                    })
                else:
                    vals["client_order_ref"] = "%s%07d" % (prefix, index)
                vals_list.append(vals)
            ids += env["sale.order"]._ecom_create_many(vals_list).ids
        ctx.log("  %d/%d orders created (%.0f/s)" % (
            len(ids), count, len(ids) / (time.time() - started)))
    return ids


def analyze(ctx):
    """Fresh table statistics, as autovacuum would give a long-lived database."""
    db = odoo.sql_db.db_connect(ctx.dbname)
    with db.cursor() as cr:
        cr._cnx.autocommit = True
        for table in ("sale_order", "sale_order_line", "stock_picking", "stock_move",
                      "stock_quant", "procurement_group", "stock_move_line",
                      "account_invoice", "account_invoice_line", "account_move",
                      "account_move_line", "account_payment",
                      "account_partial_reconcile", "sale_order_line_invoice_rel"):
            cr.execute("ANALYZE %s" % table)
