# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PurchaseOrderUrgency(models.Model):
    _inherit = "purchase.order"

    ecom_urgent = fields.Boolean(
        string="Urgent", index=True, copy=False, track_visibility="onchange",
        help="Emergency or local purchase for a buyer who cannot wait.")
