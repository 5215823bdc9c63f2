# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the automatic invoicing of a batch of orders leaves in the database.

The invoicing writes the stored figures of the invoices, their journal
items and the orders once per field for all the records pending
(``sale.order._ecom_recompute_together``): the oracle here is the database itself,
read by SQL after the approval (what any later screen, report or export
reads), the same with the performance layer switched off.
"""
from odoo import fields

from ..bulk.switch import PARAM
from ..models.sale_order_invoice import RECOMPUTE_EVERY
from .test_money import MoneyCase


class TestAutomaticInvoicingStored(MoneyCase):

    def _approve_batch(self):
        """Seven paid orders of different amounts approved in one bulk
        review (more than RECOMPUTE_EVERY: a group recomputed together and
        the rest)."""
        orders = self.env["sale.order"]
        for lines in ([(self.product_a, 1)], [(self.product_b, 2)],
                      [(self.product_a, 2), (self.product_b, 1)], [(self.product_b, 3)],
                      [(self.product_a, 3)], [(self.product_b, 1)],
                      [(self.product_a, 1), (self.product_b, 4)]):
            orders |= self._order(lines)
        self.assertGreater(len(orders), RECOMPUTE_EVERY)
        self._as("cs", orders).action_ecom_bulk_review()
        self._as("finance", orders).action_ecom_bulk_review()
        orders.invalidate_cache()
        return orders

    def _sql(self, query, ids):
        self.env.cr.execute(query, (tuple(ids),))
        return self.env.cr.fetchall()

    def _assert_stored(self, orders):
        today = fields.Date.context_today(self._as("finance", orders[:1]))
        invoices = self.env["account.invoice"].search([("origin", "in", orders.mapped("name"))])
        self.assertEqual(len(invoices), len(orders))
        rows = self._sql("""
            SELECT inv.origin, inv.state, inv.residual, inv.reconciled, inv.amount_total,
                   inv.date_invoice::text, inv.date_due::text, inv.date::text, so.ecom_paid_amount
              FROM account_invoice inv JOIN sale_order so ON so.name = inv.origin
             WHERE inv.id IN %s""", invoices.ids)
        for origin, state, residual, reconciled, total, dated, due, date, paid in rows:
            self.assertEqual((state, residual, reconciled, total, dated, due, date),
                             ("paid", 0.0, True, paid, today, today, today), origin)
        # every journal item on the buyer's receivable and the clearing
        # account is settled, and the moves are fully matched
        moves = invoices.mapped("move_id") | invoices.mapped("payment_ids.move_line_ids.move_id")
        self.assertEqual(len(moves), 2 * len(orders))
        rows = self._sql("""
            SELECT aml.amount_residual, aml.reconciled, am.matched_percentage
              FROM account_move_line aml JOIN account_move am ON am.id = aml.move_id
             WHERE aml.move_id IN %s AND aml.account_id IN (%s, %s)""" % (
            "%s", invoices[0].account_id.id, self.clearing.id), moves.ids)
        self.assertEqual(len(rows), 3 * len(orders))
        receivable = [row for row in rows if row[1]]
        self.assertEqual(len(receivable), 2 * len(orders))
        self.assertEqual({row[0] for row in receivable}, {0.0})
        self.assertEqual({row[2] for row in rows}, {1.0})
        rows = self._sql("""
            SELECT so.name, so.invoice_status, so.ecom_invoice_state,
                   bool_and(sol.qty_invoiced = sol.product_uom_qty AND sol.qty_to_invoice = 0
                            AND sol.invoice_status = 'invoiced')
              FROM sale_order so JOIN sale_order_line sol ON sol.order_id = so.id
             WHERE so.id IN %s GROUP BY so.id""", orders.ids)
        for name, status, invoice_state, lines_invoiced in rows:
            self.assertEqual((status, invoice_state, lines_invoiced),
                             ("invoiced", "paid", True), name)

    def test_a_batch_approval_stores_paid_invoices_and_invoiced_orders(self):
        self._assert_stored(self._approve_batch())

    def test_the_same_with_the_performance_layer_off(self):
        self.env["ir.config_parameter"].sudo().set_param(PARAM, "0")
        self._assert_stored(self._approve_batch())

    def test_an_automatic_invoice_is_headed_as_odoos_own_invoicing_heads_it(self):
        # the company's bank account, which account's invoice defaults look for
        self.env["res.partner.bank"].create({
            "acc_number": "6222 0000 0000 TEST", "partner_id": self.company.partner_id.id})
        order = self._order([(self.product_a, 1), (self.product_b, 2)])
        self._as("cs", order).action_ecom_cs_approve()
        self._as("finance", order).action_ecom_finance_approve()
        automatic = self.env["account.invoice"].search([("origin", "=", order.name)])
        # the same buyer and goods sold and invoiced as plain Odoo does it
        plain_order = self.env["sale.order"].create({
            "partner_id": self.buyer.id,
            "order_line": [(0, 0, {"product_id": line.product_id.id,
                                   "product_uom_qty": line.product_uom_qty,
                                   "price_unit": line.price_unit})
                           for line in order.order_line]})
        plain_order.action_confirm()
        plain = self.env["account.invoice"].browse(plain_order.action_invoice_create())
        header = ["type", "partner_id", "account_id", "journal_id", "currency_id",
                  "payment_term_id", "fiscal_position_id", "partner_bank_id", "company_id"]
        self.assertEqual(automatic.read(header)[0], dict(plain.read(header)[0], id=automatic.id))
        self.assertEqual(automatic.amount_total, plain.amount_total)

    def test_documents_are_dated_on_the_approvers_day(self):
        """Not on the day of the superuser, who makes them: with the two
        25 hours apart, their days differ whatever the hour of the run."""
        self.env.ref("base.user_root").tz = "Pacific/Pago_Pago"  # UTC-11
        finance = self.users["finance"]
        finance.tz = "Pacific/Kiritimati"  # UTC+14
        day = fields.Date.context_today(self.env["sale.order"].sudo(finance))
        self.assertNotEqual(day, fields.Date.context_today(self.env["sale.order"].sudo()))
        order = self._order()
        self._as("cs", order).action_ecom_cs_approve()
        self._as("finance", order).action_ecom_finance_approve()
        invoice = self.env["account.invoice"].search([("origin", "=", order.name)])
        self.assertEqual((invoice.state, invoice.date_invoice, invoice.date,
                          invoice.payment_ids.payment_date), ("paid", day, day, day))
        self.assertEqual(set(invoice.payment_ids.mapped("move_line_ids.date")), {day})
