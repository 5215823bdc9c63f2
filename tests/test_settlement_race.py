"""Two finance users import the same platform settlement at the same moment.

A forced race, as in test_concurrency.py: the orders and each user's upload
are committed first on a throw-away copy of the test database, then two
threads, each with its own cursor, open their transaction, meet at a barrier
and press Import together. One import wins; the other is refused with a
clear message; the database holds one settlement and one set of journal
entries, and every payment is settled once.
"""
import base64

import pytest
from ecom_db import throwaway_registry
from test_concurrency import _commit, _one_wins, _race

from odoo.addons.ecom_order_mgmt.tests.money_helpers import balance, invoice_and_pay


@pytest.fixture(scope="module")
def registry():
    with throwaway_registry("stlrace") as copy:
        yield copy


def _build(env):
    """A platform channel with three paid orders, two finance users, and the
    settlement of the three orders uploaded by each of them."""
    company = env.user.company_id
    clearing = env["account.account"].create({
        "code": "1012RC", "name": "Race clearing", "reconcile": True,
        "user_type_id": env.ref("account.data_account_type_liquidity").id,
        "company_id": company.id})
    fees = env["account.account"].create({
        "code": "5601RC", "name": "Race commissions", "company_id": company.id,
        "user_type_id": env.ref("account.data_account_type_expenses").id})
    journal = env["account.journal"].create({
        "name": "Race Alipay", "code": "RCALI", "type": "bank", "sequence": 99,
        "default_debit_account_id": clearing.id, "default_credit_account_id": clearing.id,
        "company_id": company.id})
    warehouse = env.ref("stock.warehouse0")
    channel = env["ecom.channel"].create({
        "name": "Race settlement shop", "code": "RACESTL", "platform": "tmall",
        "warehouse_id": warehouse.id, "journal_id": journal.id,
        "fee_account_id": fees.id})
    product = env["product.product"].create({
        "name": "Race settled shirt", "default_code": "RACE-STL", "type": "product",
        "list_price": 100.0, "taxes_id": [(5,)]})
    env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 10)
    buyer = env["res.partner"].create({"name": "Race settled buyer", "customer": True})
    rows = ["Line No.,Platform Order No.,Date,Gross,Commission,Other Fees,Net"]
    for n in range(3):
        order = env["sale.order"].create({
            "partner_id": buyer.id, "ecom_channel_id": channel.id,
            "ecom_platform_ref": "RACESTL-%d" % n, "ecom_buyer_name": "王小明",
            "ecom_buyer_phone": "13800138000", "ecom_province": "浙江省",
            "ecom_city": "杭州市", "ecom_street": "文三路 90 号",
            "ecom_payment_mode": "prepaid",
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1,
                                   "price_unit": 100.0})]})
        order.ecom_paid_amount = order.amount_total
        order.action_ecom_cs_approve()
        order.action_ecom_finance_approve()
        invoice_and_pay(order, journal)
        rows.append("RS%d,RACESTL-%d,2026-11-20,100.00,5.00,0.00,95.00" % (n, n))
    content = base64.b64encode("\r\n".join(rows).encode("utf-8"))
    wizards = []
    for n in (1, 2):
        login = "race_stl_finance%d" % n
        user = env["res.users"].create({
            "name": login, "login": login, "email": "%s@example.com" % login,
            "groups_id": [(6, 0, [env.ref("ecom_order_mgmt.group_ecom_finance").id])]})
        wizards.append(env["ecom.settlement.import"].sudo(user).create({
            "channel_id": channel.id, "file": content, "filename": "race.csv"}).id)
    return channel.id, clearing.id, wizards


@pytest.mark.slow
def test_same_settlement_imported_twice_at_once(registry):
    channel_id, clearing_id, wizards = _commit(registry, _build)
    outcomes = _race(registry, ["race_stl_finance1", "race_stl_finance2"],
                     "ecom.settlement.import", wizards, lambda wizard: wizard.action_import())
    _one_wins(outcomes)

    def check(env):
        settlements = env["ecom.settlement"].search([("channel_id", "=", channel_id)])
        assert len(settlements) == 1, "one import"
        assert len(settlements.line_ids) == 3
        assert settlements.line_ids.mapped("state") == ["matched"] * 3
        moves = env["account.move.line"].search(
            [("account_id", "=", clearing_id), ("credit", ">", 0)]).mapped("move_id")
        assert moves == settlements.move_ids and len(moves) == 1, "one set of entries"
        assert balance(env, env["account.account"].browse(clearing_id)) == 0.0
    _commit(registry, check)
