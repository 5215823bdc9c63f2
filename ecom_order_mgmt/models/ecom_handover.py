# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import Counter

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..const import WAREHOUSE
from .ecom_guard_mixin import ecom_action


class EcomHandover(models.Model):
    """Parcels handed to one carrier's courier (交接), counted on both sides.

    The warehouse scans each checked parcel into the batch, the courier
    states how many parcels they take; the batch closes only when the two
    counts agree, and closing ships every parcel.
    """

    _name = "ecom.handover"
    _description = "Carrier Handover Batch"
    _inherit = ["mail.thread", "ecom.guard.mixin"]
    _order = "id desc"
    _ecom_protected_fields = ("state", "closed_at")

    name = fields.Char(required=True, copy=False, readonly=True, default="/")
    carrier_id = fields.Many2one("delivery.carrier", string="Carrier", required=True,
                                 readonly=True, states={"draft": [("readonly", False)]})
    user_id = fields.Many2one("res.users", string="Handed Over By", readonly=True,
                              default=lambda self: self.env.uid)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True,
        default=lambda self: self.env["res.company"]._company_default_get("ecom.handover"))
    state = fields.Selection([("draft", "Counting"), ("done", "Handed Over")],
                             default="draft", readonly=True, track_visibility="onchange")
    picking_ids = fields.One2many("stock.picking", "ecom_handover_id", string="Parcels",
                                  readonly=True)
    parcel_count = fields.Integer(compute="_compute_counts", string="Parcels Scanned")
    carrier_count = fields.Integer(
        string="Parcels Counted by Courier", readonly=True,
        states={"draft": [("readonly", False)]}, track_visibility="onchange",
        help="How many parcels the courier counts when taking them.")
    region_summary = fields.Text(compute="_compute_counts", string="Parcels by Province")
    closed_at = fields.Datetime(readonly=True)
    can_scan_parcel = fields.Boolean(compute="_compute_ecom_can")
    can_close = fields.Boolean(compute="_compute_ecom_can")

    @api.depends("picking_ids.ecom_package_count", "picking_ids.ecom_province")
    def _compute_counts(self):
        for batch in self:
            batch.parcel_count = sum(batch.picking_ids.mapped("ecom_package_count"))
            by_region = Counter()
            for picking in batch.picking_ids:
                by_region[picking.ecom_province or _("(no province)")] += \
                    picking.ecom_package_count
            batch.region_summary = "\n".join(
                "%s: %d" % item for item in sorted(by_region.items()))

    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code("ecom.handover") or "/"
        return super(EcomHandover, self).create(vals)

    @api.model
    def _ecom_actions(self):
        actions = super(EcomHandover, self)._ecom_actions()
        closed = _("Handover %(name)s is closed.")
        for action in ("scan_parcel", "close"):
            actions[action] = ecom_action([WAREHOUSE], ["draft"], "done" if action == "close"
                                          else None, _("Carrier handover"), closed)
        return actions

    def _ecom_problem(self, action):
        if action == "close":
            if not self.picking_ids:
                return _("Handover %s has no parcel.") % self.name
            if self.carrier_count != self.parcel_count:
                return _("Handover %s: %d parcels scanned but the courier counts %d. Find "
                         "the difference before closing.") % (
                    self.name, self.parcel_count, self.carrier_count)
        return super(EcomHandover, self)._ecom_problem(action)

    @api.multi
    def action_scan_parcel(self, code):
        """Add the checked delivery whose tracking number (or name) is `code`."""
        self.ensure_one()
        self._ecom_ensure("scan_parcel")
        code = (code or "").strip()
        picking = self.env["stock.picking"].search([
            "|", ("carrier_tracking_ref", "=", code), ("name", "=", code),
            ("ecom_fulfil_state", "!=", False)], limit=1)
        if not picking:
            raise UserError(_("No channel delivery has the tracking number %s.") % code)
        if picking.ecom_handover_id == self:
            raise UserError(_("Parcel %s is already in this batch.") % code)
        if picking.ecom_handover_id:
            raise UserError(_("Parcel %s is already in batch %s.") % (
                code, picking.ecom_handover_id.name))
        if picking.carrier_id != self.carrier_id:
            raise UserError(_("Parcel %s goes with %s, not %s.") % (
                code, picking.carrier_id.name or "-", self.carrier_id.name))
        if picking.ecom_fulfil_state != "checked":
            raise UserError(_("Parcel %s has not passed the check yet.") % code)
        picking._ecom_write({"ecom_handover_id": self.id})
        return True

    @api.multi
    def action_open_scanner(self):
        """Open the scanner that adds parcels by tracking number."""
        self.ensure_one()
        self._ecom_ensure("scan_parcel")
        return {
            "type": "ir.actions.act_window", "name": _("Scan"),
            "res_model": "ecom.scan.wizard", "view_mode": "form", "target": "new",
            "context": {"default_handover_id": self.id},
        }

    @api.model
    def _ecom_hand_over_now(self, pickings, carrier_count):
        """Ship `pickings` in a batch of their own, closed at once: the
        per-delivery Ship button and `stock.picking.action_ecom_ship`.

        Both sides count before the parcels leave: `carrier_count` (the
        courier's count) must equal the parcels packed. Returns the batch.
        """
        carriers = pickings.mapped("carrier_id")
        if len(carriers) != 1 or pickings.filtered(lambda p: not p.carrier_id):
            raise UserError(_("Deliveries %s do not go with one carrier: hand them over to "
                              "each courier separately.") % ", ".join(pickings.mapped("name")))
        packed = sum(pickings.mapped("ecom_package_count"))
        if carrier_count != packed:
            raise UserError(_("%s: %d parcels packed but the courier counts %d. Find the "
                              "difference before shipping.") % (
                ", ".join(pickings.mapped("name")), packed, carrier_count))
        # (the caller's default_* keys, e.g. a wizard's, are not this batch's)
        batch = self.with_context({key: value for key, value in self.env.context.items()
                                   if not key.startswith("default_")}).create(
            {"carrier_id": carriers.id, "carrier_count": carrier_count})
        pickings._ecom_write({"ecom_handover_id": batch.id})
        batch.action_close()
        return batch

    @api.multi
    def action_close(self):
        """Close the batch when both counts agree, and ship every parcel."""
        self._ecom_ensure("close")
        for batch in self:
            batch.picking_ids._ecom_hand_over()
            batch._ecom_advance("close", {"closed_at": fields.Datetime.now()})
            batch.message_post(body=_("%d parcels handed over to %s.\n%s") % (
                batch.parcel_count, batch.carrier_id.name, batch.region_summary))
        return True
