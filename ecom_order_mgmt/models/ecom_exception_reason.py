# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EcomExceptionReason(models.Model):
    """Why an order was taken out of the review flow (异常原因)."""

    _name = "ecom.exception.reason"
    _description = "Order Exception Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True,
                       help="Stable code used by automatic rules and external systems.")
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True, help="What the person handling it should do.")
    active = fields.Boolean(default=True)
    notify_buyer = fields.Boolean(
        string="Tell the Buyer", default=True,
        help="Mail the buyer that the order is on hold, with this reason. Untick for "
             "reasons the buyer should not read (e.g. a suspected fraud).")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The exception reason code must be unique."),
    ]
