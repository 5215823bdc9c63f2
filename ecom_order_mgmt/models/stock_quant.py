# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools.sql import create_index


class StockQuant(models.Model):
    _inherit = "stock.quant"

    @api.model_cr
    def init(self):
        super(StockQuant, self).init()
        # Reservation gathers the quants of a product in a location
        # (stock.quant._gather); Odoo 11 indexes neither column.
        create_index(self.env.cr, "stock_quant_ecom_product_location_index", self._table,
                     ["product_id", "location_id"])
