# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Refunds against the order's invoice (issue 20, SPEC 8).

The oracles are Odoo's accounting: the credit note's link to the invoice
(``refund_invoice_id``), its lines and taxes, residuals, reconciliations,
payments in and out of the channel's clearing journal and its account's
balance; never the case's own figures.
"""
from odoo.exceptions import UserError

from odoo.addons.ecom_order_mgmt.tests.money_helpers import balance, invoice_and_pay

from .test_returns import ReturnsCase


class RefundCase(ReturnsCase):
    """The channel's buyers pay into a clearing journal of its own."""

    @classmethod
    def setUpClass(cls):
        super(RefundCase, cls).setUpClass()
        env = cls.env
        cls.clearing = env["account.account"].create({
            "code": "1012R1", "name": "Test refunds clearing",
            "user_type_id": env.ref("account.data_account_type_liquidity").id,
            "reconcile": True, "company_id": cls.company.id})
        cls.journal = env["account.journal"].create({
            "name": "Test refunds pay", "code": "TRFP", "type": "bank", "sequence": 95,
            "default_debit_account_id": cls.clearing.id,
            "default_credit_account_id": cls.clearing.id, "company_id": cls.company.id})
        cls.channel.write({"journal_id": cls.journal.id, "allow_cod": True})
        cls.vat = env["account.tax"].create({
            "name": "Test VAT 13%", "amount": 13.0, "amount_type": "percent",
            "type_tax_use": "sale", "price_include": False, "company_id": cls.company.id})
        cls.product_t = cls._product("Test taxed jacket", "TST-JACKET", "6990000000066",
                                     100.0, 20)
        cls.product_t.taxes_id = cls.vat

    def _payments(self, order):
        """(received, paid back) of the order, from its payments in accounting."""
        payments = order.sudo()._ecom_money().payments
        return (round(sum(payments.filtered(lambda p: p.payment_type == "inbound")
                          .mapped("amount")), 2),
                round(sum(payments.filtered(lambda p: p.payment_type == "outbound")
                          .mapped("amount")), 2))

    def _returned(self, order, lines, **values):
        """A return case approved, its parcel received."""
        case = self._case(order, "return_refund", lines, **values)
        self._as("manager", case).action_approve()
        self._receive(case)
        return case


class TestRefundAgainstTheInvoice(RefundCase):

    def test_partial_return_is_a_credit_note_of_the_invoice_paid_back(self):
        order = self._delivered([(self.product_t, 2)])
        invoice = order.invoice_ids
        self.assertEqual((invoice.amount_total, invoice.state), (226.0, "paid"))
        case = self._returned(order, [(self.product_t, 1, "customer")])
        self._as("finance", case).action_refund()
        note = case.refund_invoice_id.sudo()
        self.assertEqual((note.type, note.refund_invoice_id), ("out_refund", invoice))
        self.assertEqual(invoice.refund_invoice_ids, note)  # the invoice shows it
        self.assertIn(note, order.invoice_ids)
        goods = note.invoice_line_ids.filtered("product_id")
        self.assertEqual((goods.product_id, goods.quantity, goods.price_unit),
                         (self.product_t, 1.0, 100.0))
        self.assertEqual(goods.invoice_line_tax_ids, invoice.invoice_line_ids.filtered(
            lambda ln: ln.product_id == self.product_t).invoice_line_tax_ids)
        self.assertEqual(note.amount_tax, 13.0)
        # 113 paid for the unit, less the buyer's 10 of return shipping
        self.assertEqual(note.amount_total, 103.0)
        self.assertEqual((note.state, note.residual), ("paid", 0.0))
        payment = note.payment_ids
        self.assertEqual((payment.payment_type, payment.amount, payment.journal_id),
                         ("outbound", 103.0, self.journal))
        self.assertTrue(payment.move_line_ids.filtered(
            lambda ln: ln.account_id == note.account_id).full_reconcile_id)
        self.assertEqual((invoice.state, invoice.residual), ("paid", 0.0))
        self.assertEqual(self._payments(order), (226.0, 103.0))
        self.assertEqual(balance(self.env, self.clearing), 123.0)
        self.assertEqual(case.refund_amount, 103.0)

    def test_the_refund_documents_are_the_cases_a_credit_note_by_hand_is_odoos(self):
        # the case's credit note and payment: recorded in the case's chatter,
        # not followed by the buyer, without tracking
        order = self._delivered([(self.product_a, 2)])
        buyer = order.partner_invoice_id.commercial_partner_id
        case = self._returned(order, [(self.product_a, 1, "company")])
        self._as("finance", case).action_refund()
        note = case.refund_invoice_id.sudo()
        self.assertEqual(note.state, "paid")
        self.assertIn(note.number, case.message_ids[0].body)
        self.assertNotIn(buyer, note.message_partner_ids)
        self.assertFalse(note.message_ids.mapped("tracking_value_ids"))
        # the same order's invoice credited and paid back by hand: Odoo's own
        invoice = order.invoice_ids.filtered(lambda i: i.type == "out_invoice")
        manual = invoice.refund(description="By hand", journal_id=invoice.journal_id.id)
        manual.action_invoice_open()
        self.assertIn(buyer, manual.message_partner_ids)
        self.assertTrue(manual.message_ids.mapped("tracking_value_ids"))

    def test_refund_only_before_shipment_credits_the_invoice_of_approval(self):
        order = self._approved([(self.product_a, 2)])
        case = self._case(order, "refund_only", [(self.product_a, 2, "customer")])
        self._as("manager", case).action_approve()
        self.assertEqual(order.state, "cancel")
        self._as("finance", case).action_refund()
        note = case.refund_invoice_id.sudo()
        self.assertEqual((note.refund_invoice_id, note.amount_total, note.state),
                         (order.invoice_ids.filtered(lambda i: i.type == "out_invoice"),
                          200.0, "paid"))
        self.assertEqual(balance(self.env, self.clearing), 0.0)

    def test_cash_on_delivery_refused_at_the_door_credits_the_open_invoice(self):
        order = self._delivered([(self.product_a, 1)], ecom_payment_mode="cod_inspect",
                                ecom_paid_amount=0.0)
        invoice = order.invoice_ids
        self.assertEqual((invoice.state, invoice.residual), ("open", 100.0))
        case = self._returned(order, [(self.product_a, 1, "company")])
        self._as("finance", case).action_refund()
        note = case.refund_invoice_id.sudo()
        self.assertEqual((note.refund_invoice_id, note.amount_total), (invoice, 100.0))
        self.assertEqual((note.state, invoice.state, invoice.residual), ("paid", "paid", 0.0))
        self.assertFalse(note.payment_ids)  # nothing was paid, nothing is paid back
        self.assertEqual(self._payments(order), (0.0, 0.0))

    def test_a_refund_needs_the_order_invoice(self):
        order = self._delivered([(self.product_a, 1)], ecom_payment_mode="cod",
                                ecom_paid_amount=0.0)
        order.invoice_ids.journal_id.update_posted = True
        order.invoice_ids.action_invoice_cancel()
        case = self._returned(order, [(self.product_a, 1, "company")])
        with self.assertRaisesRegex(UserError, "no customer invoice"):
            self._as("finance", case).action_refund()
        self.assertFalse(self.env["account.invoice"].search(
            [("type", "=", "out_refund"), ("partner_id", "=", order.partner_invoice_id.id),
             ("name", "=", case.name)]))


class TestRefundBeforeInvoice(RefundCase):
    """A channel invoicing at shipment: a refund before it ships has no
    invoice to credit."""

    @classmethod
    def setUpClass(cls):
        super(TestRefundBeforeInvoice, cls).setUpClass()
        cls.channel.invoice_policy = "shipment"
        cls.product_a.invoice_policy = "delivery"

    def _order_invoices(self, order):
        return self.env["account.invoice"].search(
            ["|", ("id", "in", order.invoice_ids.ids), ("origin", "ilike", order.name)])

    def test_refund_only_of_everything_leaves_no_invoice_and_no_credit_note(self):
        order = self._approved([(self.product_a, 2)])
        self.assertFalse(order.invoice_ids)
        case = self._case(order, "refund_only", [(self.product_a, 2, "customer")])
        self._as("manager", case).action_approve()
        self._as("finance", case).action_refund()
        self.assertEqual((case.state, case.refund_amount), ("done", 200.0))
        self.assertFalse(case.refund_invoice_id)
        self.assertEqual((order.state, order.invoice_status), ("cancel", "no"))
        self.assertFalse(self._order_invoices(order))
        self.assertEqual(balance(self.env, self.clearing), 0.0)

    def test_refund_only_of_part_is_left_out_of_the_invoice(self):
        order = self._approved([(self.product_a, 2)])
        case = self._case(order, "refund_only", [(self.product_a, 1, "customer")])
        self._as("manager", case).action_approve()
        self._as("finance", case).action_refund()
        self.assertEqual((case.refund_amount, case.refund_invoice_id.id), (100.0, False))
        self._walk(self._delivery(order), "shipped")
        invoice = invoice_and_pay(order, self.journal)
        self.assertEqual(self._order_invoices(order), invoice)  # no credit note
        self.assertEqual((invoice.amount_total, invoice.state), (100.0, "paid"))
        self.assertEqual(invoice.invoice_line_ids.quantity, 1.0)
        self.assertEqual(self._payments(order), (100.0, 0.0))
        # what accounting received and what the platform refunded: what was paid
        self.assertEqual(100.0 + case.refund_amount, order.ecom_paid_amount)
        # a second case is capped by what is left of the payment
        second = self._case(order, "return_refund", [(self.product_a, 1, "company")])
        self.assertEqual(second.refund_preview, 100.0)


class TestExchangeDifference(RefundCase):

    def test_dearer_replacement_is_an_invoice_paid_like_the_order(self):
        order = self._approved([(self.product_a, 1)])
        original = order.invoice_ids
        case = self._case(order, "exchange", [(self.product_a, 1, "company", self.product_c)])
        self._as("manager", case).action_approve()
        self._as("finance", case).action_refund()
        charge = case.charge_invoice_id.sudo()
        self.assertEqual((charge.type, charge.amount_total, charge.state),
                         ("out_invoice", 30.0, "paid"))
        self.assertIn(original.number, charge.name)
        self.assertEqual(order.invoice_ids.filtered(lambda i: i.type == "out_invoice"),
                         original | charge)
        self.assertEqual(charge.payment_ids.journal_id, self.journal)
        self.assertEqual(balance(self.env, self.clearing), 130.0)
        self.assertFalse(case.refund_invoice_id)

    def test_cheaper_replacement_is_a_credit_note_of_the_original(self):
        order = self._approved([(self.product_a, 1)])
        original = order.invoice_ids
        case = self._case(order, "exchange", [(self.product_a, 1, "company", self.product_b)])
        self._as("manager", case).action_approve()
        self._as("finance", case).action_refund()
        note = case.refund_invoice_id.sudo()
        self.assertEqual((note.refund_invoice_id, note.amount_total, note.state),
                         (original, 50.0, "paid"))
        self.assertEqual(note.invoice_line_ids.product_id, self.product_b)
        self.assertEqual(balance(self.env, self.clearing), 50.0)


class TestRefundLimits(RefundCase):

    def test_refunds_in_accounting_never_exceed_payments_in_accounting(self):
        order = self._delivered([(self.product_a, 3)])
        invoice = order.invoice_ids
        # finance credited 50 by hand in accounting (Odoo's own refund)
        manual = invoice.refund(description="Goodwill", journal_id=invoice.journal_id.id)
        manual.invoice_line_ids.write({"quantity": 1, "price_unit": 50.0})
        manual.compute_taxes()
        manual.action_invoice_open()
        first = self._returned(order, [(self.product_a, 2, "company")])
        self.assertEqual(first.refund_preview, 200.0)
        self._as("finance", first).action_refund()
        second = self._returned(order, [(self.product_a, 1, "company")])
        self.assertEqual(second.refund_preview, 50.0)  # 300 paid - 50 - 200
        self._as("finance", second).action_refund()
        self.assertEqual(second.refund_invoice_id.amount_total, 50.0)
        received, paid_back = self._payments(order)
        self.assertEqual((received, paid_back), (300.0, 250.0))
        credited = sum(order.invoice_ids.filtered(
            lambda i: i.type == "out_refund").mapped("amount_total"))
        self.assertEqual(credited, 300.0)
        self.assertLessEqual(paid_back, received)

    def test_nothing_left_to_refund_is_refused(self):
        order = self._delivered([(self.product_a, 2)])
        order.ecom_paid_amount = 100.0  # a platform coupon paid the rest
        first = self._returned(order, [(self.product_a, 1, "company")])
        self._as("finance", first).action_refund()
        second = self._returned(order, [(self.product_a, 1, "company")])
        with self.assertRaisesRegex(UserError, "Nothing is left to refund"):
            self._as("finance", second).action_refund()
        self.assertEqual(self._payments(order), (200.0, 100.0))
