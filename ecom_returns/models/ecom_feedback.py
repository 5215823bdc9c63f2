# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models

from odoo.addons.ecom_order_mgmt.const import CS
from odoo.addons.ecom_order_mgmt.models.ecom_guard_mixin import ecom_action

from ..tools import promise

KINDS = [
    ("question", "Question"),
    ("suggestion", "Suggestion"),
    ("complaint", "Complaint"),
    ("return_request", "Return Request"),
    ("delivery_followup", "Delivery Follow-up"),
]
CHANNELS = [
    ("platform_chat", "Platform chat"),
    ("phone", "Phone"),
    ("wechat", "WeChat"),
    ("email", "Email"),
    ("review", "Product review"),
    ("other", "Other"),
]
# Kinds a buyer waits an answer for (a delivery follow-up is CS asking).
ANSWERED_KINDS = ("question", "suggestion", "complaint", "return_request")
FEEDBACK_STATES = [
    ("new", "New"),
    ("in_progress", "In Progress"),
    ("resolved", "Resolved"),
    ("cancel", "Cancelled"),
]


class EcomFeedback(models.Model):
    """One buyer contact (客户反馈): tracked from receipt to resolution."""

    _name = "ecom.feedback"
    _description = "Buyer Feedback"
    _inherit = ["mail.thread", "mail.activity.mixin", "ecom.guard.mixin"]
    _order = "deadline, id desc"
    _ecom_protected_fields = ("state", "answered_at", "answer_breached", "answer_deadline")

    name = fields.Char(string="Subject", required=True)
    kind = fields.Selection(KINDS, required=True, default="question",
                            track_visibility="onchange")
    contact_channel = fields.Selection(CHANNELS, string="Contact Channel",
                                       default="platform_chat")
    order_id = fields.Many2one("sale.order", string="Order", index=True)
    channel_id = fields.Many2one(related="order_id.ecom_channel_id", store=True,
                                 readonly=True, string="Sales Channel")
    partner_id = fields.Many2one("res.partner", string="Buyer", index=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.user.company_id)
    user_id = fields.Many2one("res.users", string="Assigned To", track_visibility="onchange",
                              default=lambda self: self.env.uid)
    deadline = fields.Date(default=lambda self: fields.Date.to_string(
        fields.Date.from_string(fields.Date.context_today(self)) + timedelta(days=1)),
        track_visibility="onchange")
    description = fields.Text()
    resolution = fields.Text(track_visibility="onchange")
    state = fields.Selection(FEEDBACK_STATES, default="new", required=True, readonly=True,
                             track_visibility="onchange", index=True)
    picking_id = fields.Many2one("stock.picking", string="Delivery", index=True,
                                 readonly=True)
    return_ids = fields.One2many("ecom.return", "feedback_id", string="Cases")
    answer_deadline = fields.Datetime(
        string="Answer Due", compute="_compute_answer_deadline", store=True, index=True,
        help="The first answer is due within the channel's promise (Answer Feedback "
             "Within, working hours) of the contact being recorded.")
    answered_at = fields.Datetime(
        string="First Answer", readonly=True, copy=False,
        help="When customer service first took it up (started, resolved or closed).")
    answer_breached = fields.Boolean(
        string="Answer Late", readonly=True, copy=False, index=True,
        help="Not answered by its due time (checked every few minutes).")
    overdue = fields.Boolean(compute="_compute_overdue")
    can_start = fields.Boolean(compute="_compute_ecom_can")
    can_resolve = fields.Boolean(compute="_compute_ecom_can")
    can_open_return = fields.Boolean(compute="_compute_ecom_can")
    can_cancel = fields.Boolean(compute="_compute_ecom_can")
    color = fields.Integer(compute="_compute_overdue")

    def _compute_overdue(self):
        today = fields.Date.context_today(self)
        for feedback in self:
            feedback.overdue = bool(feedback.deadline and feedback.deadline < today
                                    and feedback.state in ("new", "in_progress"))
            feedback.color = 1 if feedback.overdue or feedback.answer_breached else 0

    @api.depends("create_date", "kind", "channel_id")
    def _compute_answer_deadline(self):
        Channel = self.env["ecom.channel"]
        clocks = {}
        for feedback in self:
            if feedback.kind not in ANSWERED_KINDS or not feedback.create_date:
                feedback.answer_deadline = False
                continue
            if feedback.channel_id.id not in clocks:
                clocks[feedback.channel_id.id] = Channel._ecom_promise_clock(
                    feedback.channel_id)
            channel = clocks[feedback.channel_id.id]
            feedback.answer_deadline = fields.Datetime.to_string(
                channel._ecom_add_working_hours(
                    fields.Datetime.from_string(feedback.create_date),
                    channel.answer_promise_hours))

    def _ecom_advance(self, action, values=None):
        # The first step customer service takes is the buyer's first answer.
        now = fields.Datetime.now()
        todo = self.filtered(lambda f: not f.answered_at)
        late = todo.filtered(lambda f: not promise.met(f.answer_deadline, now))
        if todo - late:
            (todo - late)._ecom_write({"answered_at": now})
        if late:
            late._ecom_write({"answered_at": now, "answer_breached": True})
        return super(EcomFeedback, self)._ecom_advance(action, values)

    @api.model
    def _cron_ecom_sla_breach(self):
        """Flag every feedback still new after its answer is due (one UPDATE):
        any step out of 'new' is an answer."""
        self.env.cr.execute("""
            UPDATE ecom_feedback SET answer_breached = TRUE
             WHERE answered_at IS NULL
               AND state = 'new'
               AND NOT COALESCE(answer_breached, FALSE)
               AND answer_deadline < (now() at time zone 'UTC')
        """)
        count = self.env.cr.rowcount
        self.invalidate_cache(["answer_breached"])
        return count

    @api.onchange("order_id")
    def _onchange_order_id(self):
        if self.order_id:
            self.partner_id = self.order_id.partner_id
            self.company_id = self.order_id.company_id

    @api.model
    def _ecom_actions(self):
        actions = super(EcomFeedback, self)._ecom_actions()
        actions.update({
            "start": ecom_action([CS], ["new"], "in_progress", _("Handling feedback")),
            "resolve": ecom_action([CS], ["new", "in_progress"], "resolved",
                                   _("Resolving feedback"), _("%(name)s is already closed.")),
            "open_return": ecom_action([CS], ["new", "in_progress"],
                                       label=_("Opening an after-sales case")),
            "cancel": ecom_action([CS], ["new", "in_progress"], "cancel",
                                  _("Cancelling feedback"), _("%(name)s is already closed.")),
        })
        return actions

    def _ecom_problem(self, action):
        if action == "resolve" and not (self.resolution or "").strip():
            return _("Write the resolution of %s first.") % self.name
        if action == "open_return" and not self.order_id:
            return _("Link the order first.")
        return super(EcomFeedback, self)._ecom_problem(action)

    @api.multi
    def action_start(self):
        """Start handling the new feedback of the selection."""
        self._ecom_check_rights("start")
        self.filtered(lambda f: not f._ecom_why_not("start"))._ecom_advance("start")
        return True

    @api.multi
    def action_resolve(self):
        """Close the feedback with its resolution."""
        self._ecom_ensure("resolve")
        self._ecom_advance("resolve")
        return True

    @api.multi
    def action_cancel(self):
        """Close feedback that needs no answer (a duplicate, spam)."""
        self._ecom_ensure("cancel")
        self._ecom_advance("cancel")
        return True

    @api.multi
    def action_open_return(self):
        """Open an after-sales case from this feedback."""
        self.ensure_one()
        self._ecom_ensure("open_return")
        return {
            "type": "ir.actions.act_window", "name": _("After-sales Case"),
            "res_model": "ecom.return", "view_mode": "form", "target": "current",
            "context": {"default_order_id": self.order_id.id,
                        "default_feedback_id": self.id,
                        "default_evidence": self.description},
        }

    @api.multi
    def _ecom_demo_backdate(self, hours):
        """Record these contacts `hours` earlier, then flag what is late as
        the cron does (demo data only)."""
        self.env.cr.execute(
            "UPDATE ecom_feedback SET create_date = create_date - %s * INTERVAL '1 hour' "
            "WHERE id IN %s", (hours, tuple(self.ids)))
        self.invalidate_cache(["create_date"], self.ids)
        self.modified(["create_date"])
        self.recompute()
        self._cron_ecom_sla_breach()
        return True

    @api.model
    def _cron_delivery_followup(self, limit=1000):
        """Ask each buyer whether the parcel arrived, N days after shipping.

        One follow-up per delivery shipped and not confirmed received, assigned
        to the order's salesperson (CS), due the next day.
        """
        Picking = self.env["stock.picking"]
        created = self.browse()
        now = fields.Datetime.from_string(fields.Datetime.now())
        for company in self.env["res.company"].search([]):
            days = company.ecom_followup_days
            if days <= 0:
                continue
            cutoff = fields.Datetime.to_string(now - timedelta(days=days))
            pickings = Picking.search([
                ("company_id", "=", company.id), ("ecom_fulfil_state", "=", "shipped"),
                ("ecom_shipped_at", "<=", cutoff), ("ecom_followup_id", "=", False),
            ], limit=limit)
            today = fields.Date.context_today(self)
            for picking in pickings:
                order = picking.sale_id
                feedback = self.create({
                    "name": _("Did the buyer receive %s?") % (order.name or picking.name),
                    "kind": "delivery_followup", "contact_channel": "platform_chat",
                    "order_id": order.id, "partner_id": (order.partner_id or
                                                         picking.partner_id).id,
                    "company_id": company.id, "picking_id": picking.id,
                    "user_id": order.user_id.id or False,
                    "deadline": today,
                    "description": _("Shipped %s by %s, tracking %s.") % (
                        picking.ecom_shipped_at, picking.carrier_id.name or "",
                        picking.carrier_tracking_ref or ""),
                })
                picking.ecom_followup_id = feedback
                created |= feedback
        return created
