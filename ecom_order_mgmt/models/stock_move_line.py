# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools.sql import create_index


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    @api.model_cr
    def init(self):
        super(StockMoveLine, self).init()
        # Odoo 11 reads a move's reservations (move_line_ids) and a picking's
        # operations by these columns, which it does not index: every
        # reservation then scans all move lines ever made, and confirming
        # orders slows down as the table grows.
        create_index(self.env.cr, "stock_move_line_ecom_move_id_index", self._table,
                     ["move_id"])
        create_index(self.env.cr, "stock_move_line_ecom_picking_id_index", self._table,
                     ["picking_id"])
