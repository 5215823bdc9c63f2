# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.osv.expression import OR

from ..const import WAREHOUSE

# The stages the warehouse still has work in (the deliveries' "In Progress").
WAREHOUSE_STAGES = ("to_print", "printed", "picked", "packed", "checked")


class StockPicking(models.Model):
    _inherit = "stock.picking"

    @api.model
    def _needaction_domain_get(self):
        """What waits for the warehouse: the channel deliveries not yet handed
        to the carrier, and the receipts coming into a channel's warehouse
        (each queue's list and filters narrow it further); False for other
        users."""
        if not self.env.user.has_group(WAREHOUSE):
            return False
        return OR([
            [("ecom_fulfil_state", "in", WAREHOUSE_STAGES)],
            [("picking_type_code", "=", "incoming"), ("ecom_channel_warehouse", "=", True),
             ("state", "not in", ("draft", "done", "cancel"))],
        ])
