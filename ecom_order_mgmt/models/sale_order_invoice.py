# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The money of channel orders in Odoo's own accounting: what an order's
invoices and payments are (``_ecom_money``)."""
from collections import namedtuple

from odoo import api, models

# The money documents of orders, all read from Odoo's accounting.
EcomMoney = namedtuple("EcomMoney", "invoices refunds payments clearing_lines")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.multi
    def _ecom_money(self):
        """The money of these orders, read from Odoo's accounting.

        An ``EcomMoney`` of recordsets (sudo, for every caller the same):

        - ``invoices``: customer invoices (``out_invoice``) not cancelled, of
          the order's ``invoice_ids`` (Odoo's own link: invoice lines of the
          order lines, and invoices whose origin is the order);
        - ``refunds``: credit notes (``out_refund``) not cancelled, of the
          same ``invoice_ids`` (Odoo also counts the refunds of the invoices);
        - ``payments``: posted customer payments (``account.payment``) of
          those invoices and credit notes;
        - ``clearing_lines``: the journal items those payments booked on
          their journal's own account (for a channel order: the platform's
          clearing account), whether already settled (reconciled) or not.
        """
        documents = self.sudo().mapped("invoice_ids").filtered(lambda i: i.state != "cancel")
        invoices = documents.filtered(lambda i: i.type == "out_invoice")
        refunds = documents.filtered(lambda i: i.type == "out_refund")
        payments = documents.mapped("payment_ids").filtered(
            lambda p: p.state in ("posted", "sent", "reconciled")
            and p.partner_type == "customer")
        clearing_lines = payments.mapped("move_line_ids").filtered(
            lambda line: line.account_id in (
                line.payment_id.journal_id.default_debit_account_id
                | line.payment_id.journal_id.default_credit_account_id))
        return EcomMoney(invoices, refunds, payments, clearing_lines)
