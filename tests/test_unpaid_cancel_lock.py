"""The unpaid-order cron never waits for, nor touches, an order another
transaction holds (``FOR UPDATE SKIP LOCKED``): two real cursors on a
throw-away copy of the test database."""
from datetime import datetime, timedelta

import pytest
from ecom_db import throwaway_registry

from odoo import SUPERUSER_ID, api, fields


@pytest.fixture(scope="module")
def registry():
    with throwaway_registry("unpaid") as copy:
        yield copy


def _env(cr):
    return api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tz": "UTC"})


def test_locked_order_is_skipped_then_cancelled(registry):
    received = fields.Datetime.to_string(datetime.utcnow() - timedelta(hours=30))
    with api.Environment.manage(), registry.cursor() as cr:
        env = _env(cr)
        channel = env.ref("ecom_order_mgmt.channel_tmall")
        channel.unpaid_cancel_hours = 24
        product = env.ref("ecom_order_mgmt.product_cap_blk")
        ids = []
        for ref in ("LOCKUNPAID1", "LOCKUNPAID2"):
            ids.append(env["sale.order"].create({
                "partner_id": env.ref("ecom_order_mgmt.buyer_zhang").id,
                "ecom_channel_id": channel.id, "ecom_platform_ref": ref,
                "ecom_received_at": received, "ecom_payment_mode": "prepaid",
                "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1,
                                       "price_unit": 59})]}).id)
        cr.commit()
    held, free = ids
    with api.Environment.manage():
        worker = registry.cursor()  # someone pressing a button on `held`
        try:
            worker.execute("SELECT id FROM sale_order WHERE id = %s FOR UPDATE", (held,))
            with registry.cursor() as cr:
                env = _env(cr)
                env["sale.order"]._cron_ecom_cancel_unpaid()
                cr.commit()
                states = dict(env["sale.order"].browse(ids).mapped(lambda o: (o.id, o.state)))
            assert states == {held: "draft", free: "cancel"}
        finally:
            worker.rollback()
            worker.close()
        # the next run, once the order is free, cancels it
        with registry.cursor() as cr:
            env = _env(cr)
            assert env["sale.order"]._cron_ecom_cancel_unpaid() == 1
            cr.commit()
            assert env["sale.order"].browse(held).state == "cancel"
