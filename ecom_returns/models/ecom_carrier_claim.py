# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from odoo.addons.ecom_order_mgmt.const import CS, FINANCE
from odoo.addons.ecom_order_mgmt.models.ecom_guard_mixin import ecom_action

CLAIM_STATES = [
    ("draft", "To Claim"),
    ("claimed", "Claimed"),
    ("accepted", "Accepted"),
    ("refused", "Refused"),
    ("paid", "Paid"),
]
# action: (states it starts from, state it leads to, groups allowed)
TRANSITIONS = {
    "claim": (("draft",), "claimed", (CS,)),
    "accept": (("claimed",), "accepted", (CS, FINANCE)),
    "refuse": (("claimed",), "refused", (CS, FINANCE)),
    "paid": (("accepted",), "paid", (FINANCE,)),
}


class EcomCarrierClaim(models.Model):
    """What the company claims from a carrier for a parcel lost or damaged."""

    _name = "ecom.carrier.claim"
    _description = "Carrier Claim"
    _inherit = ["mail.thread", "ecom.guard.mixin"]
    _order = "id desc"
    _ecom_protected_fields = ("state",)

    name = fields.Char(readonly=True, default="/", copy=False)
    return_id = fields.Many2one("ecom.return", string="Case", index=True, ondelete="cascade")
    order_id = fields.Many2one(related="return_id.order_id", store=True, readonly=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    carrier_id = fields.Many2one("delivery.carrier", string="Carrier",
                                 track_visibility="onchange")
    tracking_ref = fields.Char(string="Tracking Number")
    amount = fields.Monetary(string="Claimed Amount", track_visibility="onchange")
    state = fields.Selection(CLAIM_STATES, default="draft", required=True, readonly=True,
                             copy=False, track_visibility="onchange")
    note = fields.Text()

    can_claim = fields.Boolean(compute="_compute_ecom_can")
    can_accept = fields.Boolean(compute="_compute_ecom_can")
    can_refuse = fields.Boolean(compute="_compute_ecom_can")
    can_paid = fields.Boolean(compute="_compute_ecom_can")

    _sql_constraints = [("amount_positive", "CHECK(amount >= 0)",
                         "The claimed amount cannot be negative.")]

    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code("ecom.carrier.claim") or "/"
        if vals.get("return_id") and not vals.get("company_id"):
            vals["company_id"] = self.env["ecom.return"].browse(
                vals["return_id"]).company_id.id
        return super(EcomCarrierClaim, self).create(vals)

    @api.model
    def _ecom_actions(self):
        actions = super(EcomCarrierClaim, self)._ecom_actions()
        labels = {
            "claim": _("Claiming from the carrier"),
            "accept": _("Recording the carrier's acceptance"),
            "refuse": _("Recording the carrier's refusal"),
            "paid": _("Recording the carrier's payment"),
        }
        for action, (starts, end, groups) in TRANSITIONS.items():
            actions[action] = ecom_action(groups, starts, end, labels[action],
                                          _("Claim %(name)s is %(stage)s."))
        return actions

    def _advance(self, action):
        self._ecom_ensure(action)
        self._ecom_advance(action)
        return True

    @api.multi
    def action_claim(self):
        return self._advance("claim")

    @api.multi
    def action_accept(self):
        return self._advance("accept")

    @api.multi
    def action_refuse(self):
        return self._advance("refuse")

    @api.multi
    def action_paid(self):
        return self._advance("paid")
