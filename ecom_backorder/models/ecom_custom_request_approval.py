# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

APPROVAL_STAGES = [
    ("price", "Price change"),
    ("procurement", "Custom procurement"),
]
TIERS = [
    ("director", "Director"),
    ("gm", "General Manager"),
]
DECISIONS = [
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]


class EcomCustomRequestApproval(models.Model):
    """One signature on a custom request: who decided what, when and why.

    Records are written only by the request's own actions (with the real
    signer in `user_id`) and are never changed or deleted afterwards: they
    are the audit trail of the sign-off.
    """

    _name = "ecom.custom.request.approval"
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
    tier = fields.Selection(TIERS, required=True, readonly=True,
                            help="The director signs first, the general manager last.")
    submission = fields.Integer(
        required=True, readonly=True,
        help="Which submission of the request the decision belongs to: a rejected "
             "request starts again from the director when it is resubmitted.")
    user_id = fields.Many2one("res.users", string="Signed By", required=True,
                              readonly=True)
    decision = fields.Selection(DECISIONS, required=True, readonly=True)
    comment = fields.Text(readonly=True, help="The signer's comment; the reason of a "
                                              "rejection.")
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)

    @api.multi
    def write(self, vals):
        raise UserError(_("A sign-off is part of the audit trail: it cannot be changed."))

    @api.multi
    def unlink(self):
        # Deleting the request itself is refused while it has sign-offs, so
        # the cascade never erases a decision either.
        raise UserError(_("A sign-off is part of the audit trail: it cannot be deleted."))
