#!/usr/bin/env python
"""Benchmark: what the buyer mails cost on the bulk paths (prints, asserts nothing).

    scripts/bench_notifications.py -c .local/odoo.conf -d DB [N]

Creates N channel orders (default 200) for buyers with an email address
(half English, half Chinese) with the mail deferred, as the import wizard
does, then times the "order received" mails of those orders: in one batch
(the import), one order at a time (what each single create costs), and with
the channel's import switch off. Everything is rolled back.
"""
import sys
import time

import odoo
from odoo.tools import config


def main():
    args = sys.argv[1:]
    count = int(args.pop()) if args and args[-1].isdigit() else 200
    config.parse_config(args)
    registry = odoo.registry(config["db_name"])
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
        try:
            run(env, count)
        finally:
            cr.rollback()


def run(env, count):
    warehouse = env.ref("stock.warehouse0")
    channel = env["ecom.channel"].create({
        "name": "Bench shop", "code": "BENCH-NOTIFY", "warehouse_id": warehouse.id})
    product = env["product.product"].create({
        "name": "Bench shirt", "type": "product", "list_price": 99.0})
    buyers = [env["res.partner"].create({
        "name": "Bench buyer %s" % lang, "email": "bench-%s@example.com" % lang,
        "lang": lang}) for lang in ("en_US", "zh_CN")]
    refs = iter(range(10 ** 6))

    def create(orders_env, n):
        orders = env["sale.order"]
        for i in range(n):
            orders |= orders_env.create({
                "partner_id": buyers[i % 2].id, "ecom_channel_id": channel.id,
                "ecom_platform_ref": "BN%07d" % next(refs),
                "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1,
                                       "price_unit": 99.0})]})
        return orders

    Order = env["sale.order"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True,
        ecom_defer_received_mail=True)
    start = time.time()
    orders = create(Order, count)
    base = time.time() - start
    print("%d orders created (mails deferred):   %6.2f s" % (count, base))

    start = time.time()
    mails = orders._ecom_notify_received(imported=True)
    batch = time.time() - start
    print("one batch of 'order received' mails:  %6.2f s  (%d queued, %.0f ms each)"
          % (batch, len(mails), 1000.0 * batch / max(len(mails), 1)))
    mails.unlink()

    start = time.time()
    for order in orders:
        order._ecom_notify_received()
    single = time.time() - start
    print("the same mails one order at a time:   %6.2f s  (%.0f ms each)"
          % (single, 1000.0 * single / count))

    channel.notify_on_import = False
    start = time.time()
    skipped = orders._ecom_notify_received(imported=True)
    print("import with the channel's switch off: %6.2f s  (%d queued)"
          % (time.time() - start, len(skipped)))


if __name__ == "__main__":
    main()
