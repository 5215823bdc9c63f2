# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who handles each channel order, and expedited orders (加急) [004].

New channel orders are given to CS users by ``ecom.assignment.rule``; a
manager re-assigns them (logged in the chatter). An expedited order has the
channel's shorter SLA and comes first in the CS, finance and delivery queues.
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..const import CS, MANAGER
from .ecom_guard_mixin import ecom_action

# Only the assignment and the manager's re-assignment write these.
ASSIGNMENT_FIELDS = ("ecom_assignee_id", "ecom_assignment_rule_id")


class EcomChannel(models.Model):
    _inherit = "ecom.channel"

    expedited_sla_hours = fields.Float(
        string="Expedited SLA (working hours)", default=0.5,
        help="Expedited orders (加急) are reviewed, picked and packed within this many "
             "working hours of receipt instead of the channel's SLA.")

    @api.constrains("expedited_sla_hours")
    def _check_expedited_sla_hours(self):
        for channel in self:
            if channel.expedited_sla_hours <= 0:
                raise UserError(_("Channel %s: the expedited SLA must be a positive number "
                                  "of hours.") % channel.display_name)

    @api.multi
    def _ecom_recompute_sla_deadlines(self):
        count = super(EcomChannel, self)._ecom_recompute_sla_deadlines()
        # the bulk recomputation uses the channel's SLA: expedited orders
        # take their own again
        expedited = self.env["sale.order"].search([
            ("ecom_channel_id", "in", self.ids), ("ecom_expedited", "=", True),
            ("ecom_sla_done_at", "=", False),
            ("ecom_state", "in", ("to_review", "to_finance", "approved", "exception"))])
        if expedited:
            self.env.add_todo(expedited._fields["ecom_sla_deadline"], expedited)
            expedited.recompute()
        return count


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ecom_assignee_id = fields.Many2one(
        "res.users", string="Assigned To", index=True, copy=False, readonly=True,
        track_visibility="onchange",
        help="The customer-service user who handles the order (assignment rules; a "
             "manager re-assigns it).")
    ecom_assignment_rule_id = fields.Many2one(
        "ecom.assignment.rule", string="Assigned by Rule", index=True, copy=False,
        readonly=True)
    ecom_expedited = fields.Boolean(
        string="Expedited", index=True, copy=False, track_visibility="onchange",
        help="加急: the channel's shorter SLA applies and the order comes first in every "
             "queue.")
    can_ecom_reassign = fields.Boolean(compute="_compute_ecom_can")

    @api.depends("ecom_received_at", "ecom_channel_id", "ecom_expedited")
    def _compute_ecom_sla_deadline(self):
        super(SaleOrder, self)._compute_ecom_sla_deadline()
        expedited = self.filtered(lambda o: o.ecom_expedited and o.ecom_sla_deadline)
        if not expedited:
            return
        channels = expedited.mapped("ecom_channel_id")
        deadlines = channels._ecom_sla_deadlines(
            [(order.ecom_channel_id.id, order.ecom_received_at) for order in expedited],
            hours={channel.id: channel.expedited_sla_hours for channel in channels})
        for order in expedited:
            order.ecom_sla_deadline = deadlines[(order.ecom_channel_id.id,
                                                 order.ecom_received_at)]

    def _ecom_locked_fields(self, vals):
        locked = super(SaleOrder, self)._ecom_locked_fields(vals)
        return locked + [name for name in vals if name in ASSIGNMENT_FIELDS]

    @api.model
    def _ecom_actions(self):
        actions = super(SaleOrder, self)._ecom_actions()
        actions["reassign"] = ecom_action([MANAGER], label=_("Re-assigning orders"))
        return actions

    @api.model
    def create(self, vals):
        order = super(SaleOrder, self).create(vals)
        # an import assigns its orders itself, a batch at a time
        if order.ecom_channel_id and not self.env.context.get("ecom_defer_received_mail"):
            order._ecom_assign()
        return order

    @api.multi
    def _ecom_assign(self):
        """Give the unassigned channel orders of `self` to CS users by the
        assignment rules, in one pass (imports call it once per file)."""
        if self.ids:
            self.env["ecom.assignment.rule"]._ecom_assign_orders(self.ids)
            self.invalidate_cache(list(ASSIGNMENT_FIELDS), self.ids)
        return True

    @api.multi
    def action_ecom_reassign(self, user_id):
        """Give these orders to another CS user (managers), logged in the chatter."""
        self._ecom_ensure("reassign")
        user = self.env["res.users"].browse(user_id).exists()
        if not user or not user.has_group(CS):
            raise UserError(_("Orders are assigned to customer-service users only."))
        for order in self:
            before = order.ecom_assignee_id
            if before == user:
                continue
            order._ecom_write({"ecom_assignee_id": user.id, "ecom_assignment_rule_id": False})
            order.message_post(body=_("Re-assigned from %s to %s by %s.") % (
                before.name or _("nobody"), user.name, self.env.user.name))
        return True

    @api.multi
    def action_ecom_open_reassign(self):
        """The dialog that picks the user to re-assign these orders to."""
        self._ecom_ensure("reassign")
        return {
            "type": "ir.actions.act_window", "name": _("Re-assign"),
            "res_model": "ecom.reassign.wizard", "view_mode": "form", "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }


class EcomReassignWizard(models.TransientModel):
    _name = "ecom.reassign.wizard"
    _description = "Re-assign Channel Orders"

    user_id = fields.Many2one(
        "res.users", string="Assign To", required=True,
        domain=lambda self: [("groups_id", "in", self.env.ref(CS).id)])

    @api.multi
    def action_confirm(self):
        """Re-assign the selected orders to the chosen user."""
        orders = self.env["sale.order"].browse(self.env.context.get("active_ids") or [])
        orders.action_ecom_reassign(self.user_id.id)
        return {"type": "ir.actions.act_window_close"}


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # computed with the channel and the province (stock_picking.py)
    ecom_expedited = fields.Boolean(
        compute="_compute_ecom_order_values", store=True, readonly=True,
        string="Expedited",
        help="加急: the channel's shorter SLA applies and the order comes first in every "
             "queue.")
