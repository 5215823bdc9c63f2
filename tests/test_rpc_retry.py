"""An XML-RPC call that Odoo retries after a concurrency error succeeds.

Odoo 11 retries a call that failed with a serialization failure, a lock not
available or a deadlock (``odoo.service.model.check``), with a new cursor
but, unpatched, in the environments of the failed attempt: the retry then
recomputed the records the failed attempt had left to recompute, bound to
its closed cursor, and failed with "Unable to use a closed cursor" (a
handover of the multi-node day, tests/test_multinode.py). The suite's
``post_load`` (ecom_order_mgmt/hooks.py) clears them when an attempt fails.

Forced on a throw-away copy of the test database: a trigger makes the first
update of one order's row fail with a serialization failure, which happens
in the middle of the recomputations of a write on its order line (the
order's amounts). The call goes through ``odoo.service.model.execute_kw``,
the XML-RPC entry point, as a server runs it (in ``Environment.manage()``).
Shown to fail: without the hook, the retried write raises "Unable to use a
closed cursor".
"""
import pytest
from ecom_db import throwaway_registry

import odoo
from odoo import SUPERUSER_ID, api


@pytest.fixture(scope="module")
def registry():
    with throwaway_registry("rpcretry") as copy:
        yield copy


FAIL_ONCE = """
CREATE SEQUENCE ecom_test_attempts;
CREATE FUNCTION ecom_test_fail_once() RETURNS trigger AS $$
BEGIN
    IF NEW.id = %(order)s THEN
        -- a sequence: counted across rolled-back transactions
        IF nextval('ecom_test_attempts') = 1 THEN
            RAISE EXCEPTION 'first attempt' USING ERRCODE = 'serialization_failure';
        END IF;
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER ecom_test_fail_once BEFORE UPDATE ON sale_order
    FOR EACH ROW EXECUTE PROCEDURE ecom_test_fail_once();
"""


@pytest.mark.slow
def test_a_call_retried_after_a_serialization_failure_succeeds(registry):
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        product = env["product.product"].create({"name": "Retry shirt", "list_price": 10.0,
                                                 "taxes_id": [(5,)]})
        order = env["sale.order"].create({
            "partner_id": env.ref("base.res_partner_2").id,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1,
                                   "price_unit": 10.0})]})
        line_id, order_id = order.order_line.id, order.id
        cr.execute(FAIL_ONCE % {"order": order_id})
        cr.commit()

    with api.Environment.manage():
        result = odoo.service.model.execute_kw(
            registry.db_name, SUPERUSER_ID, "sale.order.line", "write", [[line_id],
                                                                         {"product_uom_qty": 3}])
    assert result is True

    with api.Environment.manage(), registry.cursor() as cr:
        cr.execute("SELECT last_value FROM ecom_test_attempts")
        # the first update of the order raised, so the call passed on a retry
        assert cr.fetchone()[0] > 1
        order = api.Environment(cr, SUPERUSER_ID, {})["sale.order"].browse(order_id)
        assert (order.order_line.product_uom_qty, order.amount_total) == (3, 30.0)
