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
        for product in self:
            self.env.cr.execute("SELECT pg_try_advisory_xact_lock(%s, %s)",
                                (ALLOCATION_LOCK, product.id))
            if not self.env.cr.fetchone()[0]:
                raise UserError(_("Someone else is allocating %s right now. Try again in a "
                                  "moment.") % product.display_name)
