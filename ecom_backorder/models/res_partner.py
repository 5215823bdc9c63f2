# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    ecom_priority = fields.Selection(
        [("0", "Normal"), ("1", "Important"), ("2", "Key Account"), ("3", "Strategic")],
        string="Customer Priority", default="0", index=True,
        help="Importance ranking: scarce stock goes to higher priorities first, then "
             "to the earlier order.")
