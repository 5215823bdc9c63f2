# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Dialogs in front of the custom request's actions: they only collect what
the action needs and call it, so every rule stays in the request."""
from odoo import api, fields, models

from odoo.addons import decimal_precision as dp


class EcomCustomRequestWizardMixin(models.AbstractModel):
    _name = "ecom.custom.request.wizard.mixin"
    _description = "Custom request dialog"

    request_id = fields.Many2one(
        "ecom.custom.request", string="Custom Request", required=True, readonly=True,
        default=lambda self: self.env.context.get("active_id"))

    def _close(self):
        return {"type": "ir.actions.act_window_close"}


class EcomCustomRequestDecisionWizard(models.TransientModel):
    """Approve with a comment, reject, decline or cancel with a reason."""

    _name = "ecom.custom.request.decision.wizard"
    _inherit = "ecom.custom.request.wizard.mixin"
    _description = "Custom Request Decision"

    decision = fields.Selection(
        [("approve", "Approve"), ("reject", "Reject"), ("buyer_decline", "Buyer Declines"),
         ("cancel", "Cancel")],
        required=True, readonly=True,
        default=lambda self: self.env.context.get("ecom_decision", "approve"))
    comment = fields.Text(help="A comment for an approval; the reason, required, "
                               "otherwise.")

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        request = self.request_id
        if self.decision == "approve":
            request.action_approve(self.comment)
        elif self.decision == "reject":
            request.action_reject(self.comment)
        elif self.decision == "buyer_decline":
            request.action_buyer_decline(self.comment)
        else:
            request.action_cancel(self.comment)
        return self._close()


class EcomCustomRequestFeasibilityWizard(models.TransientModel):
    """Purchasing's answer: can it be made, when and how many would arrive."""

    _name = "ecom.custom.request.feasibility.wizard"
    _inherit = "ecom.custom.request.wizard.mixin"
    _description = "Purchasing Answer on a Custom Request"

    feasible = fields.Selection([("yes", "Can Be Made"), ("no", "Cannot Be Made")],
                                required=True, default="yes")
    inbound_date = fields.Date(string="Inbound Date")
    inbound_qty = fields.Float(string="Inbound Quantity",
                               digits=dp.get_precision("Product Unit of Measure"))
    vendor_id = fields.Many2one("res.partner", string="Vendor",
                                domain="[('supplier', '=', True)]")
    production_cycle_days = fields.Integer(string="Production Cycle (days)")
    note = fields.Text(help="Why it cannot be made, or anything the buyer should know.")

    @api.model
    def default_get(self, field_names):
        values = super(EcomCustomRequestFeasibilityWizard, self).default_get(field_names)
        request = self.env["ecom.custom.request"].browse(values.get("request_id"))
        if request:
            values.setdefault("inbound_qty", request.inbound_qty or request.quantity)
            if request.inbound_date:
                values.setdefault("inbound_date", request.inbound_date)
            if request.vendor_id:
                values.setdefault("vendor_id", request.vendor_id.id)
            elif request.product_id.seller_ids:
                values.setdefault("vendor_id", request.product_id.seller_ids[0].name.id)
        return values

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.request_id.action_record_feasibility(
            self.feasible == "yes", inbound_date=self.inbound_date,
            inbound_qty=self.inbound_qty, vendor_id=self.vendor_id.id,
            production_cycle_days=self.production_cycle_days, note=self.note)
        return self._close()


class EcomCustomRequestBuyerWizard(models.TransientModel):
    """The buyer agrees: production cycle and standard, and the comparison."""

    _name = "ecom.custom.request.buyer.wizard"
    _inherit = "ecom.custom.request.wizard.mixin"
    _description = "Buyer Agrees to a Custom Order"

    production_cycle_days = fields.Integer(string="Production Cycle (days)", required=True)
    production_standard = fields.Text(string="Production Standard", required=True)
    comparison = fields.Selection(related="request_id.comparison", readonly=True)
    comparison_note = fields.Char(related="request_id.comparison_note", readonly=True)
    accepts_inbound = fields.Boolean(
        string="The Buyer Accepts the Inbound Date and Quantity",
        help="Tick when the inbound date or quantity does not meet the buyer's and the "
             "buyer agreed to them.")

    @api.model
    def default_get(self, field_names):
        values = super(EcomCustomRequestBuyerWizard, self).default_get(field_names)
        request = self.env["ecom.custom.request"].browse(values.get("request_id"))
        if request and request.production_cycle_days:
            values.setdefault("production_cycle_days", request.production_cycle_days)
        return values

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.request_id.action_buyer_accept(self.production_cycle_days,
                                            self.production_standard, self.accepts_inbound)
        return self._close()
