# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.osv.expression import OR

from odoo.addons.ecom_order_mgmt.const import CS, PURCHASE, WAREHOUSE

# Still short: stock may be allocated to them.
SHORT = ("open", "notified", "partial")


class EcomBackorder(models.Model):
    _inherit = "ecom.backorder"

    @api.model
    def _needaction_domain_get(self):
        """The backorders waiting for the current user: purchasing asks the
        supplier for those nobody asked yet; customer service and the
        warehouse allocate those still short. False for other users (the
        E-commerce menus count them)."""
        user = self.env.user
        domains = []
        if user.has_group(PURCHASE):
            domains.append([("state", "=", "open")])
        if user.has_group(CS) or user.has_group(WAREHOUSE):
            domains.append([("state", "in", SHORT)])
        return OR(domains) if domains else False
