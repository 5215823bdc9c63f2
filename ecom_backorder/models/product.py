# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons import decimal_precision as dp

# first key of the advisory locks taken while allocating stock
ALLOCATION_LOCK = 7710


class ProductProduct(models.Model):
    _inherit = "product.product"

    ecom_safety_stock = fields.Float(
        string="Safety Stock", digits=dp.get_precision("Product Unit of Measure"),
        help="Kept back from channel orders: only a manager may release it, and the "
             "supplier is then asked to replenish it.")

    @api.constrains("ecom_safety_stock")
    def _check_ecom_safety_stock(self):
        if any(product.ecom_safety_stock < 0 for product in self):
            raise ValidationError(_("The safety stock cannot be negative."))

    def _ecom_lock_for_allocation(self):
        """Take a transaction lock per product so that two allocations of the
        same stock never run at once; refuse at once if one is running."""
        if not self:
            return
        # one query for all the products (thousands in a big allocation)
        self.env.cr.execute("""
            SELECT id FROM (SELECT unnest(%s::int[]) AS id ORDER BY 1) AS products
             WHERE NOT pg_try_advisory_xact_lock(%s, id)""", (self.ids, ALLOCATION_LOCK))
        busy = self.browse([row[0] for row in self.env.cr.fetchall()])
        if busy:
            raise UserError(_("Someone else is allocating %s right now. Try again in a "
                              "moment.") % busy[0].display_name)
