# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class EcomReturnRejectWizard(models.TransientModel):
    _name = "ecom.return.reject.wizard"
    _description = "Reject an After-sales Case"

    return_id = fields.Many2one("ecom.return", required=True)
    reason = fields.Text(required=True)

    @api.multi
    def action_confirm(self):
        self.return_id.action_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
