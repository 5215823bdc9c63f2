# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The automatic invoices' values complete enough to skip account's partner
onchange.

``account.invoice.create`` runs ``_onchange_partner_id`` on a new record
whenever one of account, payment term, fiscal position or bank account is
missing from the values, and keeps only the missing ones. sale's values
lack only ``partner_bank_id``, which that onchange never sets on a customer
invoice: given here as the invoice's creation would default it, the
onchange (the buyer's accounts and the fiscal positions read again) is not
run for each invoice of an approval batch (off: account runs it).
"""
from odoo import api, models

from ..models.account_invoice import AUTOMATIC_INVOICING
from .switch import bulk_layer_on


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.multi
    def _prepare_invoice(self):
        values = super(SaleOrder, self)._prepare_invoice()
        if self.env.context.get(AUTOMATIC_INVOICING) and "partner_bank_id" not in values \
                and bulk_layer_on(self.env):
            values["partner_bank_id"] = self.env["account.invoice"].default_get(
                ["partner_bank_id"]).get("partner_bank_id", False)
        return values
