# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    @api.model
    def _prepare_refund(self, invoice, date_invoice=None, date=None, description=None,
                        journal_id=None):
        """Odoo's credit note of `invoice`, with the lines of an after-sales
        case when the context gives them: ``ecom_refund_keep`` ({invoice
        line id: quantity}: the invoice's lines kept, at that quantity) and
        ``ecom_refund_lines`` (line commands added). Created as it ends,
        instead of a copy of every line rewritten line by line afterwards
        (each write of a draft invoice recomputes and tracks it). The taxes
        are those of these lines: create() computes them; tax lines entered
        by hand stay."""
        values = super(AccountInvoice, self)._prepare_refund(
            invoice, date_invoice=date_invoice, date=date, description=description,
            journal_id=journal_id)
        keep = self.env.context.get("ecom_refund_keep")
        if keep is None:
            return values
        # Odoo's values of each line, in the order of invoice_line_ids
        kept = []
        for line, command in zip(invoice.invoice_line_ids, values["invoice_line_ids"]):
            if line.id in keep:
                command[2]["quantity"] = keep[line.id]
                kept.append(command)
        values["invoice_line_ids"] = kept + list(self.env.context.get("ecom_refund_lines", ()))
        values["tax_line_ids"] = [command for command in values.get("tax_line_ids", ())
                                  if command[2].get("manual")]
        return values
