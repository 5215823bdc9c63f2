# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from odoo.addons.ecom_order_mgmt.const import WAREHOUSE
from odoo.addons.ecom_order_mgmt.models.ecom_guard_mixin import ecom_action


class StockPicking(models.Model):
    _inherit = "stock.picking"

    ecom_return_id = fields.Many2one("ecom.return", string="After-sales Case (return)",
                                     readonly=True, copy=False, index=True)
    ecom_replacement_of_id = fields.Many2one(
        "ecom.return", string="After-sales Case (replacement)", readonly=True, copy=False,
        index=True)
    ecom_followup_id = fields.Many2one("ecom.feedback", string="Delivery Follow-up",
                                       readonly=True, copy=False)

    @api.model
    def _ecom_actions(self):
        actions = super(StockPicking, self)._ecom_actions()
        actions["receive_return"] = ecom_action([WAREHOUSE], label=_("Receiving returns"))
        return actions

    @api.multi
    def button_validate(self):
        if self.filtered("ecom_return_id"):
            self._ecom_check_rights("receive_return")
        return super(StockPicking, self).button_validate()

    @api.multi
    def action_done(self):
        # Also here: Odoo's immediate transfer validates without button_validate.
        if self.filtered("ecom_return_id"):
            self._ecom_check_rights("receive_return")
        result = super(StockPicking, self).action_done()
        returned = self.filtered(lambda p: p.ecom_return_id and p.state == "done")
        if returned:
            self.env["ecom.return"]._ecom_on_returned(returned)
        return result

    def _ecom_set_done_quantities(self, arrived):
        """Done quantities of this receipt: `arrived` ({product id: units})
        spread over its moves, the rest at zero (Odoo splits it off)."""
        self.ensure_one()
        for move in self.move_lines.filtered(lambda m: m.state not in ("done", "cancel")):
            take = min(arrived.get(move.product_id.id, 0.0), move.product_uom_qty)
            arrived[move.product_id.id] = arrived.get(move.product_id.id, 0.0) - take
            if not move.move_line_ids:
                move.quantity_done = take
                continue
            last = move.move_line_ids[-1]
            for move_line in move.move_line_ids:
                done = take if move_line == last else min(take, move_line.product_uom_qty)
                move_line.qty_done = done
                take -= done
        return True
