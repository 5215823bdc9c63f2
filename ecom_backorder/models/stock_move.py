# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self):
        moves = super(StockMove, self)._action_done()
        # A backorder is done once its line is fully delivered.
        lines = moves.filtered(lambda m: m.picking_code == "outgoing").mapped("sale_line_id")
        backorders = self.env["ecom.backorder"].search([
            ("line_id", "in", lines.ids), ("closed", "=", False)])
        backorders.filtered(
            lambda b: b.line_id.qty_delivered >= b.line_id.product_uom_qty)._ecom_write(
            {"closed": "done"})
        return moves
