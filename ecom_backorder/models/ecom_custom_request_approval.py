# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

APPROVAL_STAGES = [
    ("price", "Price change"),
    ("procurement", "Custom procurement"),
]


class EcomCustomRequestApproval(models.Model):
    """One signature on a custom request (see ecom.signoff.approval.mixin).

    Deleting the request itself is refused while it has sign-offs, so the
    cascade never erases a decision either.
    """

    _name = "ecom.custom.request.approval"
    _inherit = "ecom.signoff.approval.mixin"
    _description = "Custom Request Sign-off"
    _order = "date, id"
    _rec_name = "request_id"

    request_id = fields.Many2one(
        "ecom.custom.request", string="Custom Request", required=True, index=True,
        ondelete="cascade", readonly=True)
    company_id = fields.Many2one(
        "res.company", related="request_id.company_id", store=True, readonly=True)
    stage = fields.Selection(APPROVAL_STAGES, required=True, readonly=True,
                             help="What was signed: the price change or the custom "
                                  "procurement request.")
