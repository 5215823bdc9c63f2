# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# What sale's create() asks the product onchange for when it is missing.
ONCHANGE_FIELDS = ("name", "price_unit", "product_uom", "tax_id")


class SaleOrderLine(models.Model):
    _name = "sale.order.line"
    _inherit = ["sale.order.line", "ecom.bulk.create.mixin"]
    # create() overrides of sale and sale_stock change nothing for these values
    _ecom_bulk_create_modules = ("sale", "sale_stock")

    @api.model
    def _ecom_bulk_values_ok(self, vals):
        # sale's create() fills missing product values by onchange; lines
        # added to a confirmed order start a procurement (sale_stock) and
        # post a message (sale): those go through create()
        if vals.get("product_id") and any(name not in vals for name in ONCHANGE_FIELDS):
            return False
        order = self.env["sale.order"].browse(vals.get("order_id"))
        return not order or order.state in ("draft", "sent")
