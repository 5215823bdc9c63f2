"""Two finance users importing the same COD statement at the same moment end
with one import: one statement, one payment per parcel (issue 20).

Forced like the races of test_concurrency.py (whose helpers it uses): the
documents are committed in a throw-away copy of the test database, then two
threads, each with its own cursor, open their transaction, meet at a
barrier and press the button.
"""
import base64

import pytest
from ecom_db import throwaway_registry
from test_concurrency import _base, _channel_order, _commit, _one_wins, _race


@pytest.fixture(scope="module")
def registry():
    with throwaway_registry("moneyrace") as copy:
        yield copy


@pytest.mark.slow
def test_same_cod_statement_imported_twice_at_once(registry):
    def build(env):
        channel, product, buyer, _wh = _base(env, "cod")
        order = _channel_order(env, channel, product, buyer, qty=2)
        order.write({"ecom_payment_mode": "cod", "ecom_paid_amount": 0.0})
        order.action_ecom_cs_approve()
        order.action_ecom_finance_approve()
        carrier = env["delivery.carrier"].search([], limit=1)
        order._ecom_demo_fulfil("shipped", carrier.id)
        ref = order.picking_ids.carrier_tracking_ref
        content = ("运单号,代收金额,日期\n%s,200.00,2026-12-01\nSF-RACE-UNKNOWN,9.90,2026-12-01\n"
                   % ref).encode("utf-8")
        wizards = []
        for n in (1, 2):
            user = env["res.users"].search([("login", "=", "race_cod_finance%d" % n)])
            wizards.append(env["ecom.cod.import"].sudo(user).create({
                "file": base64.b64encode(content), "filename": "sf-race.csv"}).id)
        return order.id, wizards
    order_id, wizards = _commit(registry, build)
    outcomes = _race(registry, ["race_cod_finance1", "race_cod_finance2"], "ecom.cod.import",
                     wizards, lambda wizard: wizard.action_import())
    _one_wins(outcomes)

    def check(env):
        order = env["sale.order"].browse(order_id)
        statements = env["ecom.cod.statement"].search([("filename", "=", "sf-race.csv")])
        assert len(statements) == 1, "one import"
        assert len(statements.line_ids) == 2
        invoice = order.invoice_ids
        assert (invoice.state, invoice.residual) == ("paid", 0.0)
        payments = env["account.payment"].search([("communication", "like", "COD %")])
        assert len(payments) == 1 and payments.amount == 200.0, "one payment"
        assert payments == invoice.payment_ids
    _commit(registry, check)
