# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from ..const import CS, FINANCE


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model
    def _needaction_domain_get(self):
        """The channel orders waiting for the current user: CS review (客审)
        for customer service, finance review (财审) for finance; False when
        none can wait for them. The E-commerce menus count them
        (ir.ui.menu.ecom_needaction_counts)."""
        user = self.env.user
        states = [state for state, group in (("to_review", CS), ("to_finance", FINANCE))
                  if user.has_group(group)]
        if not states:
            return False
        return [("ecom_channel_id", "!=", False), ("ecom_state", "in", states)]
