# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.osv.expression import OR

from odoo.addons.ecom_order_mgmt.const import DIRECTOR, GM, PURCHASE


class EcomCustomRequest(models.Model):
    _inherit = "ecom.custom.request"

    @api.model
    def _needaction_domain_get(self):
        """The custom requests waiting for the current user: the director's
        and the general manager's signature when it is theirs; for
        purchasing, the drafts it has not answered yet (can it be made, and
        when?) and the requests being purchased (order, follow up, receive).
        False for other users (the E-commerce menus count them)."""
        user = self.env.user
        domains = []
        if user.has_group(DIRECTOR) or user.has_group(GM):
            domains.append([("is_my_signature_due", "=", True)])
        if user.has_group(PURCHASE):
            domains.append(['|', "&", ("state", "=", "draft"), ("feasibility", "=", "pending"),
                            ("state", "=", "purchasing")])
        return OR(domains) if domains else False
