# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from ..const import WAREHOUSE

# The stages the warehouse still has work in (the deliveries' "In Progress").
WAREHOUSE_STAGES = ("to_print", "printed", "picked", "packed", "checked")


class StockPicking(models.Model):
    _inherit = "stock.picking"

    @api.model
    def _needaction_domain_get(self):
        """The channel deliveries waiting for the warehouse: not yet handed
        to the carrier; False for other users."""
        if not self.env.user.has_group(WAREHOUSE):
            return False
        return [("ecom_fulfil_state", "in", WAREHOUSE_STAGES)]
