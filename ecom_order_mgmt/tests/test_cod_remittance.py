# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cash on delivery: the invoice stays open until the carrier's remittance
statement pays it; differences are listed; nothing is paid twice.

Oracles: the invoices' residual and state, the balances of the bank and
receivable accounts from the journal items, the payments in the database.
"""
import base64

from odoo.exceptions import AccessError, UserError

from .test_money import MoneyCase


class TestCodRemittance(MoneyCase):

    @classmethod
    def setUpClass(cls):
        super(TestCodRemittance, cls).setUpClass()
        env = cls.env
        cls.bank_account = env["account.account"].create({
            "code": "1002TCOD", "name": "Test COD bank",
            "user_type_id": env.ref("account.data_account_type_liquidity").id,
            "company_id": cls.company.id})
        cls.bank = env["account.journal"].create({
            "name": "Test COD bank", "code": "TCOD", "type": "bank",
            "default_debit_account_id": cls.bank_account.id,
            "default_credit_account_id": cls.bank_account.id,
            "company_id": cls.company.id})

    def _shipped_cod(self, qty, mode="cod"):
        order = self._approved([(self.product_a, qty)], ecom_payment_mode=mode, paid=False)
        delivery = self._walk(self._delivery(order), "shipped")
        return order, delivery.carrier_tracking_ref

    def _import(self, rows, role="finance", filename="sf.csv", bom=False):
        text = "运单号,代收金额,日期\n" + "".join("%s,%s,%s\n" % row for row in rows)
        content = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
        wizard = self.env["ecom.cod.import"].sudo(self.users[role]).create({
            "file": base64.b64encode(content), "filename": filename,
            "carrier_id": self.carrier.id, "journal_id": self.bank.id})
        action = wizard.action_import()
        return self.env["ecom.cod.statement"].browse(action["res_id"])

    def _payments(self):
        return self.env["account.payment"].search([("journal_id", "=", self.bank.id)])

    def test_three_parcels_one_short_one_unknown_then_imported_again(self):
        paid_order, paid_ref = self._shipped_cod(1)
        short_order, short_ref = self._shipped_cod(2)
        self.assertEqual(short_order.invoice_ids.residual, 200.0)
        self.assertEqual(self._balance(self.bank_account), 0.0)
        rows = [(paid_ref, "100.00", "2026-12-01"), (short_ref, "180", "2026-12-01"),
                ("SF-NOBODY-1", "55.5", "2026-12-02")]
        statement = self._import(rows)

        paid_invoice, short_invoice = paid_order.invoice_ids, short_order.invoice_ids
        self.assertEqual((paid_invoice.state, paid_invoice.residual), ("paid", 0.0))
        self.assertEqual((short_invoice.state, short_invoice.residual), ("open", 20.0))
        self.assertEqual(self._balance(self.bank_account), 280.0)
        self.assertEqual(self._balance(paid_invoice.account_id, self.buyer), 20.0)
        payments = self._payments()
        self.assertEqual(sorted(payments.mapped("amount")), [100.0, 180.0])
        self.assertEqual(paid_invoice.payment_ids.payment_date, "2026-12-01")
        self.assertEqual(paid_order.ecom_invoice_state, "paid")
        self.assertEqual(short_order.ecom_invoice_state, "open")
        by_ref = {line.tracking_ref: line for line in statement.line_ids}
        self.assertEqual([by_ref[ref].outcome for ref in (paid_ref, short_ref, "SF-NOBODY-1")],
                         ["paid", "short", "unknown"])
        self.assertEqual((by_ref[short_ref].difference, by_ref["SF-NOBODY-1"].difference),
                         (20.0, 55.5))
        self.assertEqual(by_ref[short_ref].order_id, short_order)
        self.assertEqual(statement.difference_count, 2)
        self.assertEqual((statement.collected_total, statement.registered_total),
                         (335.5, 280.0))

        # The same file again, twice: refused, nothing changes.
        for _attempt in range(2):
            with self.assertRaisesRegex(UserError, "already imported"):
                self._import(rows)
        # The same statement saved again (other bytes): every parcel is
        # recognised as imported before, nothing is registered.
        again = self._import(rows, filename="sf-resaved.csv", bom=True)
        self.assertEqual(set(again.line_ids.mapped("outcome")), {"imported_before"})
        self.assertEqual(again.registered_total, 0.0)
        self.assertEqual(self._payments(), payments)
        self.assertEqual(self._balance(self.bank_account), 280.0)
        self.assertEqual(short_invoice.residual, 20.0)

    def test_the_rest_of_a_short_parcel_then_an_extra_remittance(self):
        order, ref = self._shipped_cod(2)
        self._import([(ref, "150", "2026-12-01")])
        rest = self._import([(ref, "50", "2026-12-05")], filename="week2.csv")
        self.assertEqual(rest.line_ids.outcome, "paid")
        self.assertEqual((order.invoice_ids.state, order.invoice_ids.residual), ("paid", 0.0))
        extra = self._import([(ref, "50", "2026-12-06")], filename="week3.csv")
        self.assertEqual((extra.line_ids.outcome, extra.line_ids.registered),
                         ("already_paid", 0.0))
        self.assertEqual(self._balance(self.bank_account), 200.0)

    def test_prepaid_parcel_on_a_cod_statement_is_a_difference(self):
        order = self._approved([(self.product_a, 1)])
        ref = self._walk(self._delivery(order), "shipped").carrier_tracking_ref
        statement = self._import([(ref, "100", "2026-12-01")])
        self.assertEqual(statement.line_ids.outcome, "not_cod")
        self.assertEqual(len(order.invoice_ids.payment_ids), 1, "the platform's payment only")

    def test_cod_after_inspection_is_paid_like_cod(self):
        order, ref = self._shipped_cod(1, mode="cod_inspect")
        self._import([(ref, "100", "2026-12-01")])
        self.assertEqual(order.invoice_ids.state, "paid")

    def test_a_bad_row_imports_nothing(self):
        _order, ref = self._shipped_cod(1)
        with self.assertRaisesRegex(UserError, "Row 3"):
            self._import([(ref, "100", "2026-12-01"), (ref, "lots", "2026-12-01")])
        self.assertFalse(self._payments())
        self.assertFalse(self.env["ecom.cod.statement"].search([]))

    def test_only_finance_imports_and_resolves(self):
        _order, ref = self._shipped_cod(1)
        for role in ("cs", "warehouse", "manager", "director", "gm"):
            with self.assertRaises(AccessError, msg=role):
                self._import([(ref, "100", "2026-12-01")], role=role)
        self.assertFalse(self._payments())
        statement = self._import([("SF-NOBODY-2", "10", "2026-12-01")])
        line = statement.line_ids
        for role in ("cs", "manager"):
            with self.assertRaises(AccessError, msg=role):
                self._as(role, line).action_resolve()
        with self.assertRaises(AccessError):
            self._as("finance", line).write({"outcome": "paid"})
        self._as("finance", line).write({"resolution": "Carrier's typo, it was SF1"})
        self._as("finance", line).action_resolve()
        self.assertEqual((line.resolved, line.resolved_by), (True, self.users["finance"]))
        self.assertEqual(statement.difference_count, 0)
