# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models


class EcomExceptionWizard(models.TransientModel):
    """Ask for the reason and a note before holding orders as exceptions."""

    _name = "ecom.exception.wizard"
    _description = "Hold Orders as Exception"

    order_ids = fields.Many2many(
        "sale.order", string="Orders",
        default=lambda self: self.env.context.get("active_ids"))
    reason_id = fields.Many2one("ecom.exception.reason", string="Reason", required=True)
    note = fields.Text(help="What is wrong and what the next person should do.")

    @api.model
    def default_get(self, fields_list):
        # Opened from the Action menu of any sale order: say at once when
        # the selection holds orders that are not channel orders.
        if self.env.context.get("active_model") == "sale.order":
            self.env["sale.order"].browse(self.env.context.get("active_ids") or []) \
                ._ecom_check_channel_orders(_("Holding as exception"))
        return super(EcomExceptionWizard, self).default_get(fields_list)

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.order_ids.action_ecom_set_exception(self.reason_id.code, self.note)
        return {"type": "ir.actions.act_window_close"}
