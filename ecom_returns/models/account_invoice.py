# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    @api.model
    def _prepare_refund(self, invoice, date_invoice=None, date=None, description=None,
                        journal_id=None):
        """Odoo's credit note of `invoice`, with the lines of an after-sales
        case when the context gives them (``ecom_refund_lines``: line
        commands): created as it ends, instead of a copy of every line
        rewritten line by line afterwards (each write of a draft invoice
        recomputes and tracks it). The taxes are then those of these lines:
        create() computes them; tax lines entered by hand stay."""
        values = super(AccountInvoice, self)._prepare_refund(
            invoice, date_invoice=date_invoice, date=date, description=description,
            journal_id=journal_id)
        lines = self.env.context.get("ecom_refund_lines")
        if lines is not None:
            values["invoice_line_ids"] = lines
            values["tax_line_ids"] = [command for command in values.get("tax_line_ids", ())
                                      if command[2].get("manual")]
        return values
