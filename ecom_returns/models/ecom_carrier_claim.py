# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

CS = "ecom_order_mgmt.group_ecom_cs"
FINANCE = "ecom_order_mgmt.group_ecom_finance"

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

    can_claim = fields.Boolean(compute="_compute_can")
    can_accept = fields.Boolean(compute="_compute_can")
    can_refuse = fields.Boolean(compute="_compute_can")
    can_paid = fields.Boolean(compute="_compute_can")

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

    def _compute_can(self):
        for claim in self:
            for action in TRANSITIONS:
                claim["can_%s" % action] = not claim._why_not(action)

    def _why_not(self, action):
        self.ensure_one()
        starts, _end, groups = TRANSITIONS[action]
        if not self._ecom_user_in(*groups) and self.env.uid != 1:
            return _("You are not allowed to do this.")
        if self.state not in starts:
            return _("Claim %s is %s.") % (
                self.name, dict(self._fields["state"]._description_selection(self.env))[
                    self.state])
        return None

    def _advance(self, action, label):
        self._ecom_require_groups(label, *TRANSITIONS[action][2])
        self._ecom_lock()
        for claim in self:
            why = claim._why_not(action)
            if why:
                raise UserError(why)
        self.write({"state": TRANSITIONS[action][1]})
        return True

    @api.multi
    def action_claim(self):
        return self._advance("claim", _("Claiming from the carrier"))

    @api.multi
    def action_accept(self):
        return self._advance("accept", _("Recording the carrier's acceptance"))

    @api.multi
    def action_refuse(self):
        return self._advance("refuse", _("Recording the carrier's refusal"))

    @api.multi
    def action_paid(self):
        return self._advance("paid", _("Recording the carrier's payment"))
