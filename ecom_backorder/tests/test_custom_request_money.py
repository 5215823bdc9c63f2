# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Custom orders (订制): the deposit and the balance, real invoices and payments."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import CustomRequestCase


class TestCustomRequestMoney(CustomRequestCase):
    """Deposit and balance: amounts, payments, who confirms them."""

    # ------------------------------------------------------------------
    # Money
    # ------------------------------------------------------------------
    def test_deposit_30_percent_of_1000_01_and_balance_sum_to_the_total(self):
        request = self._request(self._plain_order(price=1000.01, qty=1))
        self.assertEqual(request.deposit_percent, 30.0)
        self.assertEqual(request.deposit_amount, 300.0)
        self.assertEqual(request.balance_amount, 700.01)
        self.assertEqual(round(request.deposit_amount + request.balance_amount, 2),
                         request.order_id.amount_total)
        self._advance(request, "ready")
        self.assertEqual(request.deposit_invoice_id.amount_total, 300.0)
        self.assertEqual(request.deposit_payment_id.amount, 300.0)
        self.assertEqual(request.balance_payment_id.amount, 700.01)
        self.assertEqual(request.balance_invoice_id.amount_total, 700.01)
        self.assertEqual(request.deposit_amount + request.balance_amount, 1000.01)

    def test_deposit_and_balance_are_real_payments(self):
        request = self._advance(self._request(), "deposit_paid")
        invoice, payment = request.deposit_invoice_id, request.deposit_payment_id
        self.assertEqual((invoice.state, invoice.amount_total, invoice.residual),
                         ("paid", 60.0, 0.0))
        self.assertEqual(payment.state, "posted")
        self.assertEqual(payment.invoice_ids, invoice)
        self.assertEqual(payment.partner_id, self.buyer)
        self.assertEqual(request.deposit_user_id, self.users["finance"])
        self.assertEqual(request.order_id.state, "sale")
        self._advance(request, "ready")
        final = request.balance_invoice_id
        self.assertEqual((final.state, final.amount_total, final.residual),
                         ("paid", 140.0, 0.0))
        self.assertEqual(request.balance_payment_id.invoice_ids, final)
        self.assertEqual(request.balance_user_id, self.users["finance"])
        self.assertEqual(request.order_id.invoice_status, "invoiced")

    def test_balance_of_an_order_invoiced_on_delivery_is_a_customer_payment(self):
        self.product_custom.invoice_policy = "delivery"
        request = self._advance(self._request(), "ready")
        self.assertFalse(request.balance_invoice_id)
        payment = request.balance_payment_id
        self.assertEqual((payment.state, payment.amount, payment.partner_id),
                         ("posted", 140.0, self.buyer))
        self.assertIn(request.order_id.name, payment.communication)

    def test_cs_cannot_confirm_a_deposit(self):
        request = self._advance(self._request(), "deposit_pending")
        self.assertFalse(self._as("cs", request).can_confirm_deposit)
        with self.assertRaises(AccessError):
            self._as("cs", request).action_confirm_deposit()
        for role in ("warehouse", "purchase"):
            with self.assertRaises(AccessError):
                self._as(role, request).action_confirm_deposit()
        self.assertEqual(request.state, "deposit_pending")
        self.assertFalse(request.deposit_payment_id)
        self._advance(request, "received")
        self._as("cs", request).action_request_balance()
        with self.assertRaises(AccessError):
            self._as("cs", request).action_confirm_balance()

    def test_deposit_confirmed_twice_is_refused(self):
        request = self._advance(self._request(), "deposit_paid")
        with self.assertRaisesRegex(UserError, "only requests waiting for the deposit"):
            self._as("finance", request).action_confirm_deposit()
        payments = self.env["account.payment"].search([("communication", "like", request.name)])
        self.assertEqual(len(payments), 1)

    def test_channel_order_needs_cs_review_before_the_deposit(self):
        order = self._order([(self.product_custom, 2)], paid=False)
        request = self._advance(self._request(order), "deposit_pending")
        with self.assertRaisesRegex(UserError, "must pass CS review"):
            self._as("finance", request).action_confirm_deposit()
        self.assertEqual(order.state, "draft")

    def test_deposit_percent_outside_0_100_is_refused(self):
        request = self._request()
        for percent in (-1, 100.5, 150):
            with self.assertRaises(ValidationError), self.cr.savepoint():
                self._as("cs", request).write({"deposit_percent": percent})
            with self.assertRaises(ValidationError), self.cr.savepoint():
                self._request(deposit_percent=percent)
            with self.assertRaises(ValidationError), self.cr.savepoint():
                self.env.user.company_id.ecom_deposit_percent = percent
        self._as("cs", request).write({"deposit_percent": 50})
        self.assertEqual((request.deposit_amount, request.balance_amount), (100.0, 100.0))
        company = self.env.user.company_id
        company.ecom_deposit_percent = 40
        self.assertEqual(self._request().deposit_percent, 40)

    def test_amounts_are_computed_never_typed(self):
        request = self._request()
        for field, value in (("deposit_amount", 1.0), ("balance_amount", 1.0),
                             ("deposit_received", 1.0), ("state", "ready")):
            with self.assertRaises(AccessError):
                self._as("finance", request).write({field: value})
        with self.assertRaises(AccessError):
            self._request(deposit_amount=10.0)
        self.assertEqual((request.deposit_amount, request.balance_amount), (60.0, 140.0))
        request.order_id.order_line.product_uom_qty = 3
        self.assertEqual((request.deposit_amount, request.balance_amount), (90.0, 210.0))

    def test_deposit_percent_is_frozen_after_the_draft(self):
        request = self._advance(self._request(), "deposit_pending")
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            self._as("cs", request).write({"deposit_percent": 50})
        self.assertEqual(request.deposit_percent, 30.0)
