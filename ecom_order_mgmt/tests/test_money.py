# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The money of channel orders in Odoo's own accounting (issue 20).

The oracles are Odoo's accounting records: journal items and their
balances per account, the invoice's residual, the reconciliation records
(``account.partial.reconcile``), never the suite's own fields.
"""
from odoo.exceptions import ValidationError

from .common import EcomCase


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
        """Debit minus credit of the posted journal items of `account`."""
        domain = [("account_id", "=", account.id), ("move_id.state", "=", "posted")]
        if partner:
            domain.append(("partner_id", "=", partner.id))
        lines = self.env["account.move.line"].search(domain)
        return round(sum(lines.mapped("debit")) - sum(lines.mapped("credit")), 2)


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
        order.sudo().action_invoice_create()
        invoice = order.invoice_ids
        invoice.action_invoice_open()
        payment = self.env["account.payment"].create({
            "payment_type": "inbound", "partner_type": "customer",
            "partner_id": invoice.commercial_partner_id.id, "amount": invoice.residual,
            "journal_id": self.journal.id,
            "payment_method_id": self.env.ref("account.account_payment_method_manual_in").id,
            "invoice_ids": [(6, 0, invoice.ids)]})
        payment.post()
        money = order._ecom_money()
        self.assertEqual(money.invoices, invoice)
        self.assertFalse(money.refunds)
        self.assertEqual(money.payments, payment)
        self.assertEqual(money.clearing_lines.mapped("account_id"), self.clearing)
        self.assertEqual(sum(money.clearing_lines.mapped("debit")), 100.0)
