# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class EcomExceptionWizard(models.TransientModel):
    """Ask for the reason and a note before holding orders as exceptions."""

    _name = "ecom.exception.wizard"
    _description = "Hold Orders as Exception"

    order_ids = fields.Many2many(
        "sale.order", string="Orders",
        default=lambda self: self.env.context.get("active_ids"))
    reason_id = fields.Many2one("ecom.exception.reason", string="Reason", required=True)
    note = fields.Text(help="What is wrong and what the next person should do.")

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.order_ids.action_ecom_set_exception(self.reason_id.code, self.note)
        return {"type": "ir.actions.act_window_close"}
