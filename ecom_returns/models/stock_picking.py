# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

WAREHOUSE = "ecom_order_mgmt.group_ecom_warehouse"


class StockPicking(models.Model):
    _inherit = "stock.picking"

    ecom_return_id = fields.Many2one("ecom.return", string="After-sales Case (return)",
                                     readonly=True, copy=False, index=True)
    ecom_replacement_of_id = fields.Many2one(
        "ecom.return", string="After-sales Case (replacement)", readonly=True, copy=False,
        index=True)
    ecom_followup_id = fields.Many2one("ecom.feedback", string="Delivery Follow-up",
                                       readonly=True, copy=False)

    @api.multi
    def button_validate(self):
        if self.filtered("ecom_return_id"):
            self._ecom_require_groups(_("Receiving returns"), WAREHOUSE)
        return super(StockPicking, self).button_validate()

    @api.multi
    def action_done(self):
        # Also here: Odoo's immediate transfer validates without button_validate.
        if self.filtered("ecom_return_id"):
            self._ecom_require_groups(_("Receiving returns"), WAREHOUSE)
        result = super(StockPicking, self).action_done()
        returned = self.filtered(lambda p: p.ecom_return_id and p.state == "done")
        if returned:
            self.env["ecom.return"]._ecom_on_returned(returned)
        return result
