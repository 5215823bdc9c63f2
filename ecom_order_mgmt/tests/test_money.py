# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The money of channel orders in Odoo's own accounting (issue 20).

The oracles are Odoo's accounting records: journal items and their
balances per account, the invoice's residual, the reconciliation records
(``account.partial.reconcile``), never the suite's own fields.
"""
from odoo.exceptions import ValidationError
from odoo.tests.common import at_install, post_install

from .common import EcomCase
from .money_helpers import balance
from .test_bulk_jobs import perform


class MoneyCase(EcomCase):
    """A channel with a clearing journal and account of its own."""

    @classmethod
    def setUpClass(cls):
        super(MoneyCase, cls).setUpClass()
        env = cls.env
        cls.company = env.user.company_id
        cls.clearing = env["account.account"].create({
            "code": "1012TEST", "name": "Test platform clearing",
            "user_type_id": env.ref("account.data_account_type_liquidity").id,
            "reconcile": True, "company_id": cls.company.id})
        cls.journal = env["account.journal"].create({
            "name": "Test platform pay", "code": "TPAY", "type": "bank",
            "default_debit_account_id": cls.clearing.id,
            "default_credit_account_id": cls.clearing.id, "company_id": cls.company.id})
        cls.channel.journal_id = cls.journal

    def _balance(self, account, partner=None):
        return balance(self.env, account, partner)


class TestChannelMoney(MoneyCase):

    def test_new_channel_books_in_the_company_bank_until_told_otherwise(self):
        channel = self.env["ecom.channel"].create({"name": "New shop", "code": "NEW01"})
        bank = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.company.id)],
            order="sequence, id", limit=1)
        self.assertEqual(channel.journal_id, bank)
        self.assertEqual(channel.invoice_policy, "approval")

    def test_clearing_journal_must_be_a_bank_journal(self):
        sales = self.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", self.company.id)], limit=1)
        with self.assertRaisesRegex(ValidationError, "must be a bank journal"):
            self.channel.journal_id = sales

    def test_demo_channels_pay_into_their_platform(self):
        for channel, code in (("channel_tmall", "ALIPY"), ("channel_wechat", "WXPAY"),
                              ("channel_jd", "JDPAY")):
            journal = self.env.ref("ecom_order_mgmt.%s" % channel).journal_id
            self.assertEqual((journal.code, journal.type), (code, "bank"))
            self.assertEqual(journal.default_debit_account_id.internal_type, "liquidity")
            self.assertTrue(journal.default_debit_account_id.code.startswith("1012"))
        self.assertEqual(self.env.ref("ecom_order_mgmt.journal_clearing_pdd").name,
                         "拼多多货款")
        fee = self.env.ref("ecom_order_mgmt.channel_tmall").fee_account_id
        self.assertEqual(fee.user_type_id, self.env.ref("account.data_account_type_expenses"))

    def test_money_of_an_order_is_read_from_accounting(self):
        order = self._approved()
        money = order._ecom_money()
        invoice = self.env["account.invoice"].search([("origin", "=", order.name)])
        payment = self.env["account.payment"].search([("communication", "=",
                                                       order.ecom_platform_ref)])
        self.assertEqual(money.invoices, invoice)
        self.assertFalse(money.refunds)
        self.assertEqual(money.payments, payment)
        self.assertEqual(money.clearing_lines.mapped("account_id"), self.clearing)
        self.assertEqual(money.clearing_lines, payment.move_line_ids.filtered(
            lambda line: line.account_id == self.clearing))


class TestPrepaidOrders(MoneyCase):

    def _receivable(self, invoice):
        return invoice.move_id.line_ids.filtered(
            lambda line: line.account_id == invoice.account_id)

    def _assert_paid_from_clearing(self, order, amount):
        """The order's one invoice of `amount` is paid by one payment in the
        channel's journal, reconciled with it (accounting records only)."""
        invoice = self.env["account.invoice"].search([("origin", "=", order.name)])
        self.assertEqual(len(invoice), 1)
        self.assertEqual((invoice.type, invoice.state, invoice.amount_total, invoice.residual),
                         ("out_invoice", "paid", amount, 0.0))
        payment = invoice.payment_ids
        self.assertEqual(len(payment), 1)
        self.assertEqual((payment.journal_id, payment.amount, payment.state,
                          payment.payment_type, payment.partner_id),
                         (self.journal, amount, "posted", "inbound", self.buyer))
        receivable = self._receivable(invoice)
        self.assertTrue(receivable.reconciled)
        partials = self.env["account.partial.reconcile"].search(
            [("debit_move_id", "=", receivable.id)])
        self.assertEqual(partials.mapped("credit_move_id.payment_id"), payment)
        self.assertEqual(sum(partials.mapped("amount")), amount)
        self.assertTrue(receivable.full_reconcile_id)
        return invoice, payment

    def test_prepaid_order_approved_is_invoiced_and_paid_from_the_clearing_account(self):
        order = self._order([(self.product_a, 2), (self.product_b, 1)])
        self.assertEqual(order.ecom_paid_amount, 250.0)
        self._as("cs", order).action_ecom_cs_approve()
        self.assertFalse(order.invoice_ids)
        self._as("finance", order).action_ecom_finance_approve()
        invoice, _payment = self._assert_paid_from_clearing(order, 250.0)
        self.assertEqual(order.invoice_ids, invoice)
        self.assertEqual(self._balance(self.clearing), 250.0)
        self.assertEqual(self._balance(invoice.account_id, self.buyer), 0.0)
        income = invoice.move_id.line_ids.filtered(
            lambda line: line.account_id == invoice.invoice_line_ids[0].account_id)
        self.assertEqual(sum(income.mapped("credit")) - sum(income.mapped("debit")), 250.0)
        self.assertEqual(order.invoice_status, "invoiced")
        self.assertEqual(order.ecom_invoice_state, "paid")
        self.assertEqual(invoice.ecom_channel_id, self.channel)
        self.assertEqual(invoice.ecom_platform_ref, order.ecom_platform_ref)

    def test_products_invoiced_on_delivery_are_invoiced_as_ordered_at_approval(self):
        self.product_a.invoice_policy = "delivery"
        order = self._approved([(self.product_a, 3)])
        self.assertEqual(order.order_line.qty_delivered, 0.0)
        invoice, _payment = self._assert_paid_from_clearing(order, 300.0)
        self.assertEqual(invoice.invoice_line_ids.quantity, 3.0)

    def test_plain_order_keeps_odoos_invoicing_rule(self):
        self.product_a.invoice_policy = "delivery"
        order = self.env["sale.order"].create({
            "partner_id": self.buyer.id,
            "order_line": [(0, 0, {"product_id": self.product_a.id, "product_uom_qty": 2,
                                   "price_unit": 100.0})]})
        order.action_confirm()
        self.assertEqual(order.order_line.qty_to_invoice, 0.0)
        self.assertEqual(order.invoice_status, "no")
        self.assertFalse(order.invoice_ids)
        self.assertFalse(order.ecom_invoice_state)

    def test_cash_on_delivery_invoice_stays_open(self):
        order = self._approved([(self.product_a, 1)], ecom_payment_mode="cod", paid=False)
        invoice = order.invoice_ids
        self.assertEqual((invoice.state, invoice.residual), ("open", 100.0))
        self.assertFalse(invoice.payment_ids)
        self.assertEqual(self._balance(self.clearing), 0.0)
        self.assertEqual(self._balance(invoice.account_id, self.buyer), 100.0)
        self.assertEqual(order.ecom_invoice_state, "open")

    def test_shipment_policy_invoices_what_is_shipped_when_it_ships(self):
        self.channel.invoice_policy = "shipment"
        order = self._approved([(self.product_a, 2)])
        self.assertEqual(order.ecom_invoice_policy, "shipment")
        self.assertFalse(order.invoice_ids)
        self.assertEqual(order.ecom_invoice_state, "none")
        self.assertEqual(self._balance(self.clearing), 0.0)
        delivery = self._walk(self._delivery(order), "checked")
        self.assertFalse(order.invoice_ids)
        self._as("warehouse", delivery).action_ecom_ship(delivery.ecom_package_count)
        invoice, _payment = self._assert_paid_from_clearing(order, 200.0)
        self.assertEqual(invoice.invoice_line_ids.quantity, 2.0)
        self.assertEqual(self._balance(self.clearing), 200.0)
        self.assertEqual(order.invoice_status, "invoiced")

    def test_channel_policy_applies_to_orders_received_after(self):
        before = self._order()
        self.channel.invoice_policy = "shipment"
        after = self._order()
        self.assertEqual((before.ecom_invoice_policy, after.ecom_invoice_policy),
                         ("approval", "shipment"))

    def test_invoice_carries_and_prints_the_buyers_invoice_header(self):
        order = self._order(ecom_invoice_title="杭州某某科技有限公司",
                            ecom_invoice_tax_id="91330100MA2AXXXX1X")
        self._as("cs", order).action_ecom_cs_approve()
        self._as("finance", order).action_ecom_finance_approve()
        invoice = order.invoice_ids
        self.assertEqual((invoice.ecom_invoice_title, invoice.ecom_invoice_tax_id),
                         ("杭州某某科技有限公司", "91330100MA2AXXXX1X"))
        html = self.env.ref("account.account_invoices").render_qweb_html(invoice.ids)[0]
        html = html.decode() if isinstance(html, bytes) else html
        self.assertIn("杭州某某科技有限公司", html)
        self.assertIn("91330100MA2AXXXX1X", html)
        self.assertIn(order.ecom_platform_ref, html)

    def test_bulk_approval_invoices_and_pays_each_order(self):
        orders = self.env["sale.order"]
        for qty in range(1, 13):
            orders |= self._order([(self.product_b, qty % 3 + 1)])
        self._as("cs", orders).action_ecom_bulk_review()
        action = self._as("finance", orders).action_ecom_bulk_review()
        result = self.env["ecom.review.result"].browse(action["res_id"])
        self.assertEqual(result.passed_count, 12)
        total = sum(orders.mapped("amount_total"))
        self.assertEqual(self._balance(self.clearing), total)
        invoices = self.env["account.invoice"].search([("origin", "in", orders.mapped("name"))])
        self.assertEqual(len(invoices), 12)
        self.assertEqual(set(invoices.mapped("state")), {"paid"})
        self.assertEqual(sum(invoices.mapped("residual")), 0.0)
        self.assertEqual(set(orders.mapped("ecom_invoice_state")), {"paid"})
        for order in orders:
            self.assertEqual(order.invoice_ids.amount_total, order.ecom_paid_amount)

    def test_automatic_invoice_is_quiet_an_invoice_made_by_hand_is_odoos(self):
        # the approval's invoice: the buyer does not follow it, and neither it
        # nor the order carries a note of its making or payment
        order = self._approved([(self.product_a, 1)])
        invoice, _payment = self._assert_paid_from_clearing(order, 100.0)
        self.assertNotIn(self.buyer, invoice.message_partner_ids)
        self.assertFalse(invoice.message_ids.filtered(lambda m: order.name in (m.body or "")))
        self.assertFalse(order.message_ids.filtered(
            lambda m: invoice.number in (m.body or "")))
        # the same buyer's quotation invoiced and paid by hand: Odoo's own
        plain = self.env["sale.order"].create({
            "partner_id": self.buyer.id,
            "order_line": [(0, 0, {"product_id": self.product_a.id, "product_uom_qty": 1,
                                   "price_unit": 100.0})]})
        plain.action_confirm()
        manual = self.env["account.invoice"].browse(plain.action_invoice_create())
        manual.action_invoice_open()
        self.assertIn(self.buyer, manual.message_partner_ids)
        self.assertTrue(manual.message_ids.filtered(lambda m: plain.name in (m.body or "")))
        plain._ecom_register_payment(manual.residual, manual, self.journal, plain.name)
        self.assertEqual(manual.state, "paid")
        self.assertTrue(plain.message_ids.filtered(lambda m: manual.number in (m.body or "")))


# queue_job maps each job method to its channel in _register_hook, which Odoo
# runs once every module is loaded (see test_bulk_jobs).
@at_install(False)
@post_install(True)
class TestInvoicingJobs(MoneyCase):

    def setUp(self):
        super(TestInvoicingJobs, self).setUp()
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("ecom_order_mgmt.bulk_job_threshold", "2")
        params.set_param("ecom_order_mgmt.bulk_job_chunk", "2")

    def _jobs(self, method):
        return self.env["queue.job"].search([("method_name", "=", method)], order="id")

    def test_background_approval_queues_the_invoicing_one_job_at_a_time(self):
        orders = self._order() | self._order([(self.product_b, 2)]) | self._order()
        self._as("cs", orders).with_context(ecom_no_jobs=True).action_ecom_bulk_review()
        self._as("finance", orders).action_ecom_bulk_review()
        perform(self.env, self._jobs("_ecom_job_bulk_review"))
        self.assertEqual(set(orders.mapped("ecom_state")), {"approved"})
        self.assertFalse(orders.mapped("invoice_ids"), "invoiced after the commit")
        invoicing = self._jobs("_ecom_job_invoice")
        self.assertEqual(len(invoicing), 2)
        self.assertEqual(set(invoicing.mapped("channel")), {"root.ecom_invoicing"})
        self.assertEqual(set(invoicing.mapped("user_id")), {self.users["finance"]})
        perform(self.env, invoicing)
        self.assertEqual(set(orders.mapped("ecom_invoice_state")), {"paid"})
        self.assertEqual(self._balance(self.clearing), 300.0)
        # A retry changes nothing: no second invoice, no second payment.
        perform(self.env, invoicing)
        invoices = self.env["account.invoice"].search([("origin", "in", orders.mapped("name"))])
        self.assertEqual(len(invoices), 3)
        self.assertEqual(self._balance(self.clearing), 300.0)
