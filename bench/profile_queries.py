#!/usr/bin/env python
# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Where the SQL queries of review + confirm + reserve + invoicing go (issue 23).

Paid 3-line orders (written in bulk, as an import gives them) go through
one path, after a warm-up order, with an empty cache, as a demo user:

- ``review``: the automatic review (a pass-both rule) by the finance user;
- ``finance``: the finance approval of orders CS approved;
- ``plain``: plain Odoo on the same orders without a channel, one
  ``with_prefetch()`` per order: ``action_confirm``,
  ``action_invoice_create``, ``action_invoice_open``, a payment
  ``create`` + ``post`` (``--user``, default finance);
- ``plainconfirm``: plain ``action_confirm`` only.

Every ``cursor.execute`` is counted against the innermost phase running
(the methods of PHASES; ``--fields``: also each computed field's
computation), and grouped by its text (numbers blanked). Prints the
queries per order of each phase and its most frequent statements. All is
rolled back: any database of the suite will do.

    .venv/bin/python bench/profile_queries.py -c .local/odoo-test.conf -d ecom_appq \
        [--mode review] [--orders 5] [--top 25] [--policy approval|shipment] \
        [--no-rule-expansion] [--fields]
"""
import argparse
import functools
import os
import re
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_confirm  # noqa: E402

# (model, method, phase)
PHASES = [
    ("sale.order", "_ecom_do_cs_approve", "CS review"),
    ("sale.order", "_ecom_do_finance_approve", "finance approval (own)"),
    ("sale.order", "_ecom_advance", "stage write"),
    ("sale.order", "action_confirm", "action_confirm"),
    ("stock.picking", "action_assign", "action_assign"),
    ("sale.order", "_ecom_invoice_and_pay", "invoicing bookkeeping"),
    ("sale.order", "action_invoice_create", "action_invoice_create"),
    ("account.invoice", "action_invoice_open", "action_invoice_open"),
    ("account.payment", "create", "payment create"),
    ("account.payment", "post", "payment post"),
    ("sale.order", "recompute", "recompute"),
    ("account.invoice", "recompute", "recompute"),
    ("mail.thread", "message_post", "chatter"),
    ("ecom.review.result", "_show", "review summary"),
]
QUIET = {"tracking_disable": True, "mail_create_nolog": True,
         "mail_create_nosubscribe": True, "mail_notrack": True,
         "ecom_defer_received_mail": True}


class QueryLog(object):
    """Queries per phase and per statement text."""

    def __init__(self, phases=None):
        self.phases = PHASES if phases is None else phases
        self.stack = ["other"]
        self.by_phase = defaultdict(Counter)
        self.on = False

    def install(self, registry):
        from odoo import sql_db
        log, real = self, sql_db.Cursor.execute

        def execute(cr, query, params=None, log_exceptions=None):
            if log.on:
                text = re.sub(r"\s+", " ", str(query)).strip()
                text = re.sub(r"\(N(, N)+\)", "(N..)", re.sub(r"\b\d+\b", "N", text))
                log.by_phase[log.stack[-1]][text[:220]] += 1
            return real(cr, query, params, log_exceptions)
        sql_db.Cursor.execute = execute
        for model, method, phase in self.phases:
            cls = registry[model]
            setattr(cls, method, self._wrap(getattr(cls, method), phase))
        from odoo.addons.ecom_order_mgmt.models import stock_picking
        batch = stock_picking.ReservationBatch
        batch.close = self._wrap(batch.close, "reservation batch")

    def install_fields(self):
        from odoo import fields
        fields.Field.compute_value = self._wrap(
            fields.Field.compute_value, None,
            lambda field: "compute %s.%s" % (field.model_name, field.name))

    def _wrap(self, real, phase, name_of=None):
        log = self

        def wrapper(*args, **kwargs):
            log.stack.append(phase or name_of(args[0]))
            try:
                return real(*args, **kwargs)
            finally:
                log.stack.pop()
        return functools.wraps(real)(wrapper)

    def report(self, count, top, unit="order"):
        total = sum(sum(c.values()) for c in self.by_phase.values())
        print("%d queries, %.1f per %s" % (total, total / float(count), unit))
        for phase, texts in sorted(self.by_phase.items(), key=lambda i: -sum(i[1].values())):
            print("\n== %-40s %8.1f per %s" % (phase, sum(texts.values()) / float(count), unit))
            for text, n in texts.most_common(top):
                print("  %6.1f  %s" % (n / float(count), text))


def _setup(env, policy):
    """A channel (invoicing at `policy`), two products in stock, a
    pass-both review rule; returns (channel, lines)."""
    warehouse = env.ref("stock.warehouse0")
    channel = env["ecom.channel"].create({
        "name": "Query profile shop", "code": "QPROFILE", "platform": "tmall",
        "warehouse_id": warehouse.id, "work_days": "all", "invoice_policy": policy})
    Product = env["product.product"]
    products = [Product.create({"name": "Query profile %s" % code, "default_code": code,
                                "type": "product", "list_price": price, "taxes_id": [(5,)]})
                for code, price in (("QPROF-A", 100.0), ("QPROF-B", 50.0))]
    for product in products:
        env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 10000)
    env["ecom.review.rule"].create({
        "name": "Query profile: pass", "sequence": -100,
        "channel_ids": [(6, 0, channel.ids)], "require_paid": True,
        "require_address_complete": True, "outcome": "pass_both"})
    return channel, [(products[0], 1), (products[1], 2), (products[0], 1)]


def _orders(env, count, channel, lines, serial):
    """`count` paid 3-line orders, channel orders waiting for CS review
    unless `channel` is empty."""
    buyer = env.ref("base.res_partner_2")
    vals_list = []
    for _i in range(count):
        serial.append(len(serial))
        vals = {"partner_id": buyer.id, "partner_invoice_id": buyer.id,
                "partner_shipping_id": buyer.id, "pricelist_id": env.ref("product.list0").id,
                "warehouse_id": env.ref("stock.warehouse0").id,
                "order_line": [(0, 0, {
                    "product_id": p.id, "name": p.name, "product_uom_qty": q,
                    "product_uom": p.uom_id.id, "price_unit": p.list_price,
                    "tax_id": [(6, 0, [])]}) for p, q in lines]}
        if channel:
            vals.update({
                "ecom_channel_id": channel.id, "ecom_platform_ref": "QP%06d" % len(serial),
                "ecom_buyer_name": "王小明", "ecom_buyer_phone": "13800138000",
                "ecom_province": "浙江省", "ecom_city": "杭州市", "ecom_district": "西湖区",
                "ecom_street": "文三路 90 号", "ecom_payment_mode": "prepaid",
                "ecom_paid_amount": sum(p.list_price * q for p, q in lines)})
        vals_list.append(vals)
    return env["sale.order"].with_context(**QUIET)._ecom_create_many(vals_list)


def _plain(orders, journal, confirm_only):
    """Plain Odoo, order by order: confirm (and invoice, validate, pay: the
    baseline of bench_confirm.py)."""
    if not confirm_only:
        bench_confirm._plain_invoice(journal.id, orders.env, orders.ids)
        return
    for order in orders:
        order.with_prefetch().action_confirm()


def _run(env, args, log):
    if args.no_rule_expansion:
        from odoo.addons.ecom_order_mgmt.bulk import rule_domain
        rule_domain.bulk_layer_on = lambda env: False
        env["ir.rule"].clear_caches()
    channel, lines = _setup(env, args.policy)
    user = lambda login: env.ref("ecom_order_mgmt.user_ecom_%s" % login)  # noqa: E731
    serial = []
    plain = args.mode.startswith("plain")

    def prepare(count):
        orders = _orders(env, count, not plain and channel, lines, serial)
        if args.mode == "finance":
            orders.sudo(user("cs")).action_ecom_cs_approve()
        return orders

    def run(orders):
        if args.mode == "review":
            orders.sudo(user("finance")).action_ecom_apply_review_rules()
        elif args.mode == "finance":
            orders.sudo(user("finance")).action_ecom_finance_approve()
        else:
            _plain(orders.sudo(user(args.user)), channel.journal_id,
                   args.mode == "plainconfirm")

    run(prepare(1))  # warm-up: the registry's caches
    orders = prepare(args.orders)
    env.cache.invalidate()
    log.on = True
    run(orders)
    log.on = False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--mode", default="review",
                        choices=["review", "finance", "plain", "plainconfirm"])
    parser.add_argument("--orders", type=int, default=5)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--user", default="finance", help="demo user of the plain modes")
    parser.add_argument("--policy", default="approval", choices=["approval", "shipment"],
                        help="the channel's invoicing moment")
    parser.add_argument("--no-rule-expansion", action="store_true",
                        help="the rules' company tree as Odoo expands it (bulk/rule_domain.py off)")
    parser.add_argument("--fields", action="store_true",
                        help="count each computed field's computation as a phase")
    args = parser.parse_args()
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import odoo
    from odoo import SUPERUSER_ID, api
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database,
                                    "--log-level=warn"])
    registry = odoo.registry(args.database)
    log = QueryLog()
    log.install(registry)
    if args.fields:
        log.install_fields()
    with api.Environment.manage(), registry.cursor() as cr:
        try:
            _run(api.Environment(cr, SUPERUSER_ID, {}), args, log)
        finally:
            cr.rollback()
    log.report(args.orders, args.top)


if __name__ == "__main__":
    main()
