# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

RESPONSIBILITIES = [
    ("customer", "Customer"),
    ("company", "Company"),
    ("carrier", "Carrier"),
]


class EcomReturnReason(models.Model):
    """Why the buyer returns goods; the reason suggests who is responsible."""

    _name = "ecom.return.reason"
    _description = "After-sales Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    responsibility = fields.Selection(RESPONSIBILITIES, required=True, default="customer",
                                      help="Suggested for the lines with this reason.")
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "UNIQUE(code)", "The reason code must be unique.")]
