# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Accounts review of a carrier handover batch, before the courier is called.

[000]: "之后交给账物组进行审核并由账物组通知物流公司": the batch of parcels
is reviewed by accounts (finance) before the courier takes it. Companies that
work this way tick *Accounts Review Before Handover* on the E-commerce
settings page; the batch then closes only once reviewed.
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..const import FINANCE
from ..tools.report_action import downloadable
from .ecom_guard_mixin import ecom_action

REPORT_MANIFEST = "ecom_order_mgmt.action_report_ecom_handover_manifest"
REVIEW_HELP = ("Carrier handover batches are reviewed by finance (账物组审核) before the "
               "courier takes the parcels: Close and Ship waits for the review.")


class ResCompany(models.Model):
    _inherit = "res.company"

    ecom_handover_review = fields.Boolean(
        string="Accounts Review Before Handover", default=False, help=REVIEW_HELP)


class EcomSettings(models.TransientModel):
    _inherit = "ecom.settings"

    ecom_handover_review = fields.Boolean(
        string="Accounts Review Before Handover", help=REVIEW_HELP)


class EcomHandover(models.Model):
    _inherit = "ecom.handover"
    _ecom_protected_fields = ("state", "closed_at", "reviewed_by_id", "reviewed_at")

    review_required = fields.Boolean(related="company_id.ecom_handover_review",
                                     readonly=True, string="Review Required")
    reviewed_by_id = fields.Many2one("res.users", string="Reviewed By", readonly=True,
                                     copy=False)
    reviewed_at = fields.Datetime(string="Reviewed At", readonly=True, copy=False)
    can_review = fields.Boolean(compute="_compute_ecom_can")

    @api.model
    def _ecom_actions(self):
        actions = super(EcomHandover, self)._ecom_actions()
        actions["review"] = ecom_action(
            [FINANCE], ["draft"], label=_("Accounts review of a handover"),
            refusal=_("Handover %(name)s is closed."))
        return actions

    def _ecom_why_not(self, action):
        why = super(EcomHandover, self)._ecom_why_not(action)
        if why:
            return why
        if action == "review" and self.reviewed_at:
            return _("Handover %s is already reviewed.") % self.name
        if action == "close" and self.review_required and not self.reviewed_at:
            return _("Handover %s waits for the accounts review before the courier "
                     "takes it.") % self.name
        return None

    def _ecom_problem(self, action):
        if action == "review" and not self.picking_ids:
            return _("Handover %s has no parcel.") % self.name
        return super(EcomHandover, self)._ecom_problem(action)

    @api.multi
    def action_review(self):
        """Accounts review (账物组审核): finance checks the batch's parcels and
        counts on the manifest; the courier may then be called."""
        self._ecom_ensure("review")
        now = fields.Datetime.now()
        for batch in self:
            # finance reads the batch; the review is written by the system
            # once the guard allowed it
            batch.sudo()._ecom_write({"reviewed_by_id": self.env.uid, "reviewed_at": now})
            batch.sudo().message_post(
                author_id=self.env.user.partner_id.id,
                body=_("Reviewed by accounts: %d parcels for %s.") % (
                    batch.parcel_count, batch.carrier_id.name))
        return True

    @api.multi
    def action_scan_parcel(self, code):
        # a parcel added after the review is a batch accounts did not see
        reviewed = self.filtered("reviewed_at")
        result = super(EcomHandover, self).action_scan_parcel(code)
        if reviewed:
            reviewed.sudo()._ecom_write({"reviewed_by_id": False, "reviewed_at": False})
            reviewed.sudo().message_post(body=_(
                "Parcel %s added after the accounts review: the batch needs a new "
                "review.") % code)
        return result

    @api.multi
    def action_print_manifest(self):
        """The handover manifest (交接清单) to print and sign."""
        return downloadable(self.env.ref(REPORT_MANIFEST).report_action(self, config=False),
                            self._name, self.ids)

    @api.model
    def _ecom_hand_over_now(self, pickings, carrier_count):
        if any(pickings.mapped("company_id.ecom_handover_review")):
            raise UserError(_(
                "Parcels are reviewed by accounts before the courier takes them: put "
                "%s in a carrier handover batch and have it reviewed.")
                % ", ".join(pickings.mapped("name")))
        return super(EcomHandover, self)._ecom_hand_over_now(pickings, carrier_count)

    @api.model
    def _ecom_demo_handover(self, order_ids, carrier_id):
        """A batch of the checked deliveries of these orders, counted by the
        courier and waiting for the accounts review (demo data only)."""
        pickings = self.env["sale.order"].browse(order_ids).mapped("picking_ids").filtered(
            lambda p: p.ecom_fulfil_state == "checked" and not p.ecom_handover_id)
        if pickings:  # (not again when the module is updated)
            batch = self.create({"carrier_id": carrier_id})
            for picking in pickings:
                batch.action_scan_parcel(picking.carrier_tracking_ref)
            batch.carrier_count = batch.parcel_count
        return True
