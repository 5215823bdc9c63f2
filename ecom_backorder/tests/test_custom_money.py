# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A custom order's money in accounting (issue 20): the deposit invoice and
the balance or final invoice net to the order total, each paid through the
suite's one payment mechanism, into the channel's clearing journal (or the
company's bank for an order without channel).

Oracles: the customer invoices and payments found in accounting by the
order's name, the balances of the accounts from the journal items.
"""
from datetime import date, timedelta

from odoo import fields

from odoo.addons.ecom_order_mgmt.tests.common import EcomCase
from odoo.addons.ecom_order_mgmt.tests.money_helpers import balance


def _day(offset):
    return fields.Date.to_string(date.today() + timedelta(days=offset))


class TestCustomOrderMoney(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestCustomOrderMoney, cls).setUpClass()
        env = cls.env
        company = env.user.company_id
        cls.users["purchase"] = env["res.users"].create({
            "name": "Test Purchasing", "login": "test_money_purchase",
            "email": "test_money_purchase@example.com",
            "groups_id": [(6, 0, [env.ref("purchase.group_purchase_user").id])]})
        cls.vendor = env["res.partner"].create({"name": "Test workshop", "supplier": True})
        cls.product_custom = cls._product("Custom cap", "TST-CAP-MONEY", "6990000000097",
                                          100.0, 0)
        cls.clearing = env["account.account"].create({
            "code": "1012TCUS", "name": "Test custom clearing",
            "user_type_id": env.ref("account.data_account_type_liquidity").id,
            "reconcile": True, "company_id": company.id})
        cls.channel.journal_id = env["account.journal"].create({
            "name": "Test custom pay", "code": "TCUS", "type": "bank",
            "default_debit_account_id": cls.clearing.id,
            "default_credit_account_id": cls.clearing.id, "company_id": company.id})

    def _request(self, order):
        request = self._as("cs", self.env["ecom.custom.request"]).create({
            "order_id": order.id, "line_id": order.order_line[0].id, "buyer_date": _day(30),
            "packaging_standard": "Kraft box"})
        request = self.env["ecom.custom.request"].browse(request.id)
        self._as("purchase", request).action_record_feasibility(
            True, inbound_date=_day(20), inbound_qty=request.quantity,
            vendor_id=self.vendor.id, production_cycle_days=15)
        self._as("cs", request).action_buyer_accept(15, "Black cotton", False)
        self._as("cs", request).action_submit()
        self._as("finance", request).action_confirm_deposit()
        self._as("cs", request).action_submit()
        self._as("director", request).action_approve()
        self._as("gm", request).action_approve()
        self._as("purchase", request).action_place_po()
        request.purchase_order_id.button_confirm()
        self._as("purchase", request).action_receive()
        self._as("cs", request).action_request_balance()
        self._as("finance", request).action_confirm_balance()
        self.assertEqual(request.state, "ready")
        return request

    def _invoices(self, order):
        return self.env["account.invoice"].search(
            [("origin", "=", order.name), ("type", "=", "out_invoice")], order="id")

    def _balance(self, account, partner=None):
        return balance(self.env, account, partner)

    def _assert_nets_to_the_total(self, order, journal):
        invoices = self._invoices(order)
        self.assertEqual(len(invoices), 2, "the deposit invoice and the final invoice")
        self.assertEqual(invoices.mapped("amount_total"), [60.0, 140.0])
        self.assertEqual(sum(invoices.mapped("amount_total")), order.amount_total)
        self.assertEqual(set(invoices.mapped("state")), {"paid"})
        final = invoices[1]
        down = final.invoice_line_ids.filtered(lambda l: l.quantity < 0)
        self.assertEqual(down.price_subtotal, -60.0, "the deposit is deducted")
        payments = invoices.mapped("payment_ids")
        self.assertEqual(sorted(payments.mapped("amount")), [60.0, 140.0])
        self.assertEqual(payments.mapped("journal_id"), journal)
        receivable = invoices[0].account_id
        self.assertEqual(self._balance(receivable, self.buyer), 0.0)
        self.assertEqual(order.invoice_status, "invoiced")

    def test_channel_custom_order_paid_into_the_clearing_journal(self):
        order = self._order([(self.product_custom, 2)], paid=False)
        self._as("cs", order).action_ecom_cs_approve()
        request = self._request(order)
        # approval (the deposit) invoiced the deposit only
        self._assert_nets_to_the_total(order, self.channel.journal_id)
        self.assertEqual(self._balance(self.clearing), 200.0)
        self._walk(self._delivery(order), "shipped")
        self._as("cs", request).action_done()
        self.assertEqual(len(self._invoices(order)), 2, "nothing invoiced twice")
        self.assertEqual(self._balance(self.clearing), 200.0)

    def test_channel_invoicing_at_shipment_makes_the_final_invoice_on_delivery(self):
        self.channel.invoice_policy = "shipment"
        order = self._order([(self.product_custom, 2)], paid=False)
        self._as("cs", order).action_ecom_cs_approve()
        request = self._request(order)
        self.assertEqual(len(self._invoices(order)), 1, "the balance waits for the delivery")
        self.assertEqual(request.balance_payment_id.amount, 140.0)
        self.assertEqual(self._balance(self.clearing), 200.0)
        self._walk(self._delivery(order), "shipped")
        self._assert_nets_to_the_total(order, self.channel.journal_id)
        self.assertEqual(request.balance_invoice_id, self._invoices(order)[1])
        self.assertEqual(self._balance(self.clearing), 200.0)

    def test_plain_order_invoiced_on_delivery_gets_its_final_invoice_when_closed(self):
        self.product_custom.invoice_policy = "delivery"
        order = self.env["sale.order"].create({
            "partner_id": self.buyer.id,
            "order_line": [(0, 0, {"product_id": self.product_custom.id, "product_uom_qty": 2,
                                   "price_unit": 100.0})]})
        request = self._request(order)
        bank = request._payment_journal()
        self.assertEqual(bank.type, "bank")
        self.assertFalse(request.balance_invoice_id)
        self.assertEqual(self._balance(self._invoices(order).account_id, self.buyer), -140.0,
                         "the balance waits on the buyer's account")
        delivery = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        for move_line in delivery.move_line_ids:
            move_line.qty_done = move_line.product_uom_qty
        delivery.button_validate()
        self._as("cs", request).action_done()
        self._assert_nets_to_the_total(order, bank)
        self.assertEqual(request.balance_invoice_id, self._invoices(order)[1])
