# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Custom orders (订制): the flow chart of the company process, step by step.

no stock → purchasing says whether it can be made and when it would arrive →
the buyer agrees (production cycle and standard recorded) or declines (order
cancelled) → the buyer's date and quantity are compared with the inbound ones
→ price change signed by the director, then the general manager → deposit
asked and confirmed by finance (the order is generated) → custom procurement
signed by the director, then the general manager → purchasing places the
purchase order (with the packaging design standard) → follow-up until the
goods arrive → receipt → balance asked and confirmed by finance → delivery
released.

This file holds the request, its stages and its draft steps (purchasing's
answer, the buyer's decision), cancelling and closing. The submission and
the sign-offs (on ``ecom.signoff.mixin``) are in
``ecom_custom_request_signoff.py``, the money in
``ecom_custom_request_payment.py``, the purchase order, its follow-up and
the receipt in ``ecom_custom_request_purchase.py``.
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, html_escape

from odoo.addons import decimal_precision as dp
from odoo.addons.ecom_order_mgmt.const import CS, PURCHASE, WAREHOUSE
from odoo.addons.ecom_order_mgmt.models.ecom_guard_mixin import ecom_action

STATES = [
    ("draft", "Draft"),
    ("price_approval", "Price Approval"),
    ("deposit_pending", "Waiting for Deposit"),
    ("deposit_paid", "Deposit Received"),
    ("procurement_approval", "Procurement Approval"),
    ("purchasing", "Purchasing"),
    ("received", "Goods Received"),
    ("balance_pending", "Waiting for Balance"),
    ("ready", "Delivery Released"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]
# A delivery of the order waits while a request is in any other state.
RELEASED_STATES = ("ready", "done", "cancel")
# The buyer may still walk away before the deposit is paid.
CANCELLABLE_STATES = ("draft", "price_approval", "deposit_pending")

# Fields people edit in the form, and the states in which they may.
# Everything else the actions set; see _ecom_locked_fields().
EDITABLE_IN = {
    "order_id": ("draft",),
    "line_id": ("draft",),
    "quantity": ("draft",),
    "buyer_date": ("draft",),
    "price_change": ("draft",),
    "new_price_unit": ("draft",),
    "price_change_reason": ("draft",),
    "deposit_percent": ("draft",),
    "vendor_id": ("draft", "price_approval", "deposit_pending", "deposit_paid",
                  "procurement_approval", "purchasing"),
    "purchase_price_unit": ("draft", "price_approval", "deposit_pending", "deposit_paid",
                            "procurement_approval", "purchasing"),
    "packaging_standard": ("draft", "price_approval", "deposit_pending", "deposit_paid",
                           "procurement_approval", "purchasing"),
    "payment_journal_id": ("draft", "price_approval", "deposit_pending", "deposit_paid",
                           "procurement_approval", "purchasing", "received",
                           "balance_pending"),
    "expected_date": ("purchasing",),
    "note": tuple(state for state, _label in STATES),
}


class EcomCustomRequest(models.Model):
    """A custom order (订制) request on a sale order line without stock."""

    _name = "ecom.custom.request"
    # ecom.signoff.mixin brings ecom.guard.mixin and ecom.notify.mixin
    _inherit = ["mail.thread", "mail.activity.mixin", "ecom.signoff.mixin"]
    _description = "Custom Order Request"
    _order = "id desc"

    # Only the actions write the stage; _ecom_locked_fields() widens this to
    # every field but those of EDITABLE_IN.
    _ecom_protected_fields = ("state",)
    _ecom_signoff_states = {"price_approval": "price", "procurement_approval": "procurement"}
    _ecom_signoff_rejected_to = {"price_approval": "draft", "procurement_approval": "deposit_paid"}
    _ecom_signoff_opener_field = "requester_id"
    _ecom_signoff_activity = "ecom_backorder.mail_activity_type_custom_sign"

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False,
                       default=lambda self: _("New"))
    state = fields.Selection(STATES, string="Stage", default="draft", required=True,
                             readonly=True, copy=False, index=True,
                             track_visibility="onchange")
    order_id = fields.Many2one(
        "sale.order", string="Sale Order", required=True, index=True, ondelete="restrict",
        track_visibility="onchange",
        domain="[('state', 'in', ('draft', 'sent', 'sale'))]")
    company_id = fields.Many2one("res.company", related="order_id.company_id", store=True,
                                 readonly=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Buyer",
                                 related="order_id.partner_id", store=True, readonly=True)
    currency_id = fields.Many2one("res.currency", related="order_id.currency_id",
                                  readonly=True)
    amount_total = fields.Monetary(string="Order Total", related="order_id.amount_total",
                                   readonly=True)
    line_id = fields.Many2one(
        "sale.order.line", string="Customised Line", required=True, ondelete="restrict",
        domain="[('order_id', '=', order_id), ('is_downpayment', '=', False)]",
        help="The order line the buyer wants made to order.")
    product_id = fields.Many2one("product.product", string="Product",
                                 related="line_id.product_id", store=True, readonly=True)
    quantity = fields.Float(string="Buyer's Quantity", track_visibility="onchange",
                            digits=dp.get_precision("Product Unit of Measure"),
                            help="How many the buyer wants (the line's quantity by default).")
    buyer_date = fields.Date(string="Buyer's Date", track_visibility="onchange",
                             help="When the buyer wants the goods.")
    requester_id = fields.Many2one(
        "res.users", string="Requested By", required=True, readonly=True, copy=False,
        default=lambda self: self.env.uid,
        help="Who opened the request. Nobody signs off a request they opened or "
             "submitted.")
    note = fields.Text(string="Notes")
    done_date = fields.Datetime(string="Closed At", readonly=True, copy=False)

    # Purchasing: can it be made, and when would it arrive?
    feasibility = fields.Selection(
        [("pending", "Waiting for Purchasing"), ("yes", "Can Be Made"),
         ("no", "Cannot Be Made")],
        string="Purchasing Answer", default="pending", required=True, readonly=True,
        copy=False, track_visibility="onchange")
    inbound_date = fields.Date(string="Inbound Date", readonly=True, copy=False,
                               track_visibility="onchange",
                               help="When purchasing expects the goods in the warehouse.")
    inbound_qty = fields.Float(string="Inbound Quantity", readonly=True, copy=False,
                               digits=dp.get_precision("Product Unit of Measure"))
    vendor_id = fields.Many2one("res.partner", string="Vendor",
                                domain="[('supplier', '=', True)]",
                                help="Who makes the goods; the purchase order goes to them.")
    purchase_price_unit = fields.Float(
        string="Purchase Unit Price", digits=dp.get_precision("Product Price"),
        help="Price agreed with the vendor; empty: the vendor's price list, then the "
             "product cost.")
    feasibility_note = fields.Text(string="Purchasing Note", readonly=True, copy=False)
    feasibility_user_id = fields.Many2one("res.users", string="Answered By", readonly=True,
                                          copy=False)
    feasibility_date = fields.Datetime(string="Answered At", readonly=True, copy=False)

    # The buyer's decision
    buyer_decision = fields.Selection(
        [("pending", "Not Asked Yet"), ("accepted", "Agreed"), ("declined", "Declined")],
        string="Buyer's Decision", default="pending", required=True, readonly=True,
        copy=False, track_visibility="onchange")
    production_cycle_days = fields.Integer(
        string="Production Cycle (days)", readonly=True, copy=False,
        help="做货周期: told to the buyer, who agreed to it.")
    production_standard = fields.Text(
        string="Production Standard", readonly=True, copy=False,
        help="做货标准: what will be made, as agreed with the buyer.")
    buyer_accepts_inbound = fields.Boolean(
        string="Buyer Accepts the Inbound Date and Quantity", readonly=True, copy=False,
        help="Set when the inbound date or quantity does not meet the buyer's and the "
             "buyer agreed anyway.")
    buyer_decision_user_id = fields.Many2one("res.users", string="Recorded By",
                                             readonly=True, copy=False)
    buyer_decision_date = fields.Datetime(string="Recorded At", readonly=True, copy=False)
    cancel_reason = fields.Text(string="Cancellation Reason", readonly=True, copy=False,
                                track_visibility="onchange")

    # Buyer's date and quantity against the inbound ones
    comparison = fields.Selection(
        [("unknown", "Not Comparable Yet"), ("ok", "Inbound Meets the Buyer's Needs"),
         ("late", "Inbound Too Late"), ("short", "Inbound Quantity Too Small"),
         ("late_short", "Inbound Too Late and Too Small")],
        string="Comparison", compute="_compute_comparison")
    comparison_note = fields.Char(string="Comparison Detail",
                                  compute="_compute_comparison")

    # Price change
    price_change = fields.Boolean(
        string="Price Change", track_visibility="onchange",
        help="The custom order is sold at another unit price: the director, then the "
             "general manager sign the change before the buyer is asked for the deposit.")
    current_price_unit = fields.Float(string="Current Unit Price",
                                      related="line_id.price_unit", readonly=True)
    new_price_unit = fields.Float(string="New Unit Price", digits=dp.get_precision("Product Price"),
                                  track_visibility="onchange")
    price_change_reason = fields.Text(string="Why the Price Changes")
    old_price_unit = fields.Float(string="Unit Price Before the Change", readonly=True,
                                  copy=False, digits=dp.get_precision("Product Price"))

    # Sign-off (the rules and the other fields: ecom.signoff.mixin)
    approval_ids = fields.One2many("ecom.custom.request.approval", "request_id",
                                   string="Sign-off History", readonly=True, copy=False)

    # One predicate per action: the view shows the button, the action obeys it
    # (those of the money and purchasing steps are declared with them).
    can_record_feasibility = fields.Boolean(compute="_compute_ecom_can")
    can_buyer_accept = fields.Boolean(compute="_compute_ecom_can")
    can_buyer_decline = fields.Boolean(compute="_compute_ecom_can")
    can_submit = fields.Boolean(compute="_compute_ecom_can")
    can_approve = fields.Boolean(compute="_compute_ecom_can")
    can_reject = fields.Boolean(compute="_compute_ecom_can")
    can_done = fields.Boolean(compute="_compute_ecom_can")
    can_cancel = fields.Boolean(compute="_compute_ecom_can")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)",
         "The reference of a custom request must be unique."),
    ]

    # ------------------------------------------------------------------
    # Computations
    # ------------------------------------------------------------------
    @api.depends("quantity", "buyer_date", "inbound_date", "inbound_qty", "feasibility")
    def _compute_comparison(self):
        for request in self:
            if request.feasibility != "yes" or not request.inbound_date \
                    or not request.buyer_date:
                request.comparison = "unknown"
                request.comparison_note = _(
                    "Needs the buyer's date and purchasing's inbound date.")
                continue
            buyer_date = fields.Date.from_string(request.buyer_date)
            inbound_date = fields.Date.from_string(request.inbound_date)
            late_days = (inbound_date - buyer_date).days
            short = request.quantity - request.inbound_qty
            late = late_days > 0
            is_short = float_compare(short, 0, precision_digits=2) > 0
            request.comparison = {(False, False): "ok", (True, False): "late",
                                  (False, True): "short", (True, True): "late_short"}[
                (late, is_short)]
            parts = [_("Inbound %s × %s; the buyer wants %s by %s.") % (
                request.inbound_date, request.inbound_qty, request.quantity,
                request.buyer_date)]
            if late:
                parts.append(_("%d day(s) late.") % late_days)
            if is_short:
                parts.append(_("%s short.") % short)
            if not late and not is_short:
                parts.append(_("In time and enough."))
            request.comparison_note = " ".join(parts)

    @api.depends("state", "feasibility", "buyer_decision")
    def _compute_ecom_can(self):
        return super(EcomCustomRequest, self)._compute_ecom_can()

    # ------------------------------------------------------------------
    # Constraints and ORM
    # ------------------------------------------------------------------
    @api.constrains("quantity")
    def _check_quantity(self):
        for request in self:
            if request.quantity <= 0:
                raise ValidationError(_("The buyer's quantity must be positive."))

    @api.constrains("new_price_unit", "price_change")
    def _check_new_price(self):
        for request in self:
            if request.price_change and request.new_price_unit < 0:
                raise ValidationError(_("The new unit price cannot be negative."))

    @api.constrains("order_id", "line_id")
    def _check_line(self):
        for request in self:
            if request.line_id and request.line_id.order_id != request.order_id:
                raise ValidationError(_("The customised line must belong to order %s.")
                                      % request.order_id.name)

    @api.onchange("order_id")
    def _onchange_order_id(self):
        lines = self.order_id.order_line.filtered(
            lambda l: l.product_id.type == "product" and not l.is_downpayment)
        if self.line_id.order_id != self.order_id:
            self.line_id = lines[:1]

    @api.onchange("line_id")
    def _onchange_line_id(self):
        if self.line_id:
            self.quantity = self.line_id.product_uom_qty
            self.new_price_unit = self.new_price_unit or self.line_id.price_unit

    @api.model
    def create(self, vals):
        # A request starts as a draft opened by whoever creates it; the rest
        # is the actions' business.
        self._ecom_check_protected(vals)
        if vals.get("name", _("New")) == _("New"):
            vals["name"] = self.env["ir.sequence"].next_by_code("ecom.custom.request") \
                or _("New")
        if not vals.get("line_id"):
            vals["line_id"] = self._ecom_default_line(vals.get("order_id")).id
        if vals.get("line_id") and not vals.get("quantity"):
            vals["quantity"] = self.env["sale.order.line"].browse(
                vals["line_id"]).product_uom_qty
        if "deposit_percent" not in vals and vals.get("order_id"):
            company = self.env["sale.order"].browse(vals["order_id"]).company_id
            vals["deposit_percent"] = company.ecom_deposit_percent
        return super(EcomCustomRequest, self).create(vals)

    @api.model
    def _ecom_default_line(self, order_id):
        """The line a request created with just its order customises: the
        order's only product line; refused with a clear message otherwise
        (external clients create requests from `order_id` alone)."""
        if not order_id:
            raise UserError(_("A custom request needs its sale order (order_id)."))
        order = self.env["sale.order"].browse(order_id)
        lines = order.order_line.filtered(
            lambda l: l.product_id.type == "product" and not l.is_downpayment)
        if len(lines) != 1:
            raise UserError(_(
                "Order %s has %d product lines: say which one is made to order "
                "(line_id, the customised order line).") % (order.name, len(lines)))
        return lines

    @api.multi
    def unlink(self):
        for request in self:
            if request.state not in ("draft", "cancel") or request.approval_ids \
                    or request.deposit_user_id:
                raise UserError(_("Request %s has a history: cancel it instead of deleting "
                                  "it.") % request.name)
        return super(EcomCustomRequest, self).unlink()

    def _ecom_locked_fields(self, vals):
        """The fields of `vals` that only the actions may write: all but those
        of EDITABLE_IN and the chatter's own (followers, messages, activities,
        the mail thread's business).

        The guard asks this of a person's write only, never of an action's:
        the fields of EDITABLE_IN are then refused outside their stages too
        (`_ecom_check_editable`).
        """
        locked = super(EcomCustomRequest, self)._ecom_locked_fields(vals)
        locked = set(locked) | {name for name in vals if name not in EDITABLE_IN
                                and not name.startswith(("message_", "activity_"))}
        if not locked:
            self._ecom_check_editable(vals)
        return sorted(locked)

    def _ecom_check_editable(self, vals):
        """Refuse a change of a field outside the stages of EDITABLE_IN."""
        for request in self:
            closed = [name for name in vals if name in EDITABLE_IN
                      and request.state not in EDITABLE_IN[name]
                      and vals[name] != request._fields[name].convert_to_write(
                          request[name], request)]
            if closed:
                raise UserError(_(
                    "Request %s is at stage %s: %s can no longer be changed.") % (
                    request.name, request._ecom_state_label(),
                    ", ".join(sorted(self._fields[name].string for name in closed))))

    # ------------------------------------------------------------------
    # Rules of each action (the money and purchasing steps add theirs)
    # ------------------------------------------------------------------
    @api.model
    def _ecom_actions(self):
        actions = super(EcomCustomRequest, self)._ecom_actions()
        decision = _("Recording the buyer's decision")
        decided = _("Request %(name)s: the buyer's decision is recorded once, while the "
                    "request is a draft.")
        actions.update({
            "record_feasibility": ecom_action(
                [PURCHASE], ["draft"], label=_("Answering for purchasing"), refusal=_(
                    "Request %(name)s: purchasing answers while the request is a draft "
                    "and the buyer has not decided yet.")),
            "buyer_accept": ecom_action([CS], ["draft"], label=decision, refusal=decided),
            "buyer_decline": ecom_action([CS], ["draft"], "cancel", decision, decided),
            "done": ecom_action([CS, WAREHOUSE], ["ready"], "done", _(
                "Closing a custom request"), _(
                "Request %(name)s is at stage %(stage)s: only released requests can be "
                "closed.")),
            "cancel": ecom_action([CS], CANCELLABLE_STATES, "cancel", _(
                "Cancelling a custom request"), _(
                "Request %(name)s is at stage %(stage)s: once the deposit is paid the custom "
                "order cannot be cancelled here (refund it as an after-sales case).")),
        })
        return actions

    def _ecom_why_not(self, action):
        """Why `action` cannot run on this request now, or None when it can.

        Rights, stage and sign-off rules; missing data is checked by
        `_ecom_problem` when the button is pressed, so that the button shows
        and says what is missing.
        """
        why = super(EcomCustomRequest, self)._ecom_why_not(action)
        if not why and action in ("record_feasibility", "buyer_accept", "buyer_decline") \
                and self.buyer_decision != "pending":
            # Purchasing answers, and the buyer decides, once.
            return self._ecom_action_table()[action].refusal % {"name": self.name}
        return why

    def _ecom_problem(self, action):
        """What data is missing for `action`, or None."""
        if action == "done":
            deliveries = self._customer_deliveries()
            if not deliveries or any(p.state not in ("done", "cancel") for p in deliveries):
                return _("Request %s: the delivery to the buyer is not done yet.") % self.name
        return super(EcomCustomRequest, self)._ecom_problem(action)

    # ------------------------------------------------------------------
    # Helpers of every step
    # ------------------------------------------------------------------
    def _log(self, body):
        """A chatter note: the message carries who and when, the body what and why."""
        for request in self:
            request.message_post(body=body, subtype="mail.mt_note")

    def _state_label(self):
        # Read by stock.picking of this addon (the delivery's refusal);
        # the guard's _ecom_state_label() is the one to use.
        return self._ecom_state_label()

    def _fmt(self, amount):
        return "%s %.2f" % (self.currency_id.symbol or "", amount)

    def _send_template(self, xmlid):
        """Queue the buyer mail `xmlid` (see ecom.notify.mixin for who gets one)."""
        return self._ecom_notify_buyer("ecom_backorder.%s" % xmlid)

    def _ecom_notify_standard_sales(self):
        # The deposit and balance requests are part of every custom order,
        # channel order or not (the company switch still applies).
        return True

    def _customer_deliveries(self):
        # Purchasing and the warehouse need not read sales orders.
        return self.order_id.sudo().picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing")

    # ------------------------------------------------------------------
    # Draft: purchasing's answer, the buyer's decision; cancelling, closing
    # ------------------------------------------------------------------
    @api.multi
    def action_record_feasibility(self, feasible, inbound_date=None, inbound_qty=None,
                                  vendor_id=None, production_cycle_days=None, note=None):
        """Purchasing's answer: can it be made, and when and how many would arrive.

        :param feasible: True when it can be made (then `inbound_date` and a
            positive `inbound_qty` are required), False when it cannot
        """
        self._ecom_ensure("record_feasibility")
        vals = {"feasibility": "yes" if feasible else "no",
                "feasibility_note": note or False,
                "feasibility_user_id": self.env.uid,
                "feasibility_date": fields.Datetime.now()}
        if feasible:
            if not inbound_date:
                raise UserError(_("Give the date the goods would arrive."))
            if not inbound_qty or inbound_qty <= 0:
                raise UserError(_("The inbound quantity must be positive."))
            if production_cycle_days is not None and production_cycle_days < 0:
                raise UserError(_("The production cycle cannot be negative."))
            vals.update(inbound_date=inbound_date, inbound_qty=inbound_qty)
            if vendor_id:
                vals["vendor_id"] = vendor_id
            if production_cycle_days:
                vals["production_cycle_days"] = production_cycle_days
        elif not (note or "").strip():
            raise UserError(_("Say why it cannot be made."))
        self._ecom_write(vals)
        for request in self:
            if feasible:
                request._log(_("Purchasing: <b>can be made</b>, %s arriving on %s.%s") % (
                    inbound_qty, inbound_date, (" " + html_escape(note)) if note else ""))
            else:
                request._log(_("Purchasing: <b>cannot be made</b>. %s") % html_escape(note))
        return True

    @api.multi
    def action_buyer_accept(self, production_cycle_days, production_standard,
                            accepts_inbound=False):
        """The buyer agrees to the custom order (同意订制).

        Records the production cycle (days) and standard told to the buyer.
        When the inbound date or quantity does not meet the buyer's,
        `accepts_inbound` must say that the buyer accepts them.
        """
        self._ecom_ensure("buyer_accept")
        if production_cycle_days is None or production_cycle_days <= 0:
            raise UserError(_("Give the production cycle in days, as told to the buyer."))
        if not (production_standard or "").strip():
            raise UserError(_("Give the production standard, as agreed with the buyer."))
        for request in self:
            if request.feasibility != "yes":
                raise UserError(_("Request %s: purchasing has not confirmed that it can be "
                                  "made.") % request.name)
            if request.comparison != "ok" and not accepts_inbound:
                raise UserError(_("Request %s: %s The buyer must accept the inbound date "
                                  "and quantity.") % (request.name, request.comparison_note))
        self._ecom_write({
            "buyer_decision": "accepted",
            "production_cycle_days": production_cycle_days,
            "production_standard": production_standard,
            "buyer_accepts_inbound": bool(accepts_inbound),
            "buyer_decision_user_id": self.env.uid,
            "buyer_decision_date": fields.Datetime.now(),
        })
        for request in self:
            request._log(_("The buyer <b>agreed</b> to the custom order: production cycle "
                           "%s day(s), standard: %s. %s%s") % (
                production_cycle_days, html_escape(production_standard),
                request.comparison_note,
                _(" The buyer accepts the inbound date and quantity.")
                if accepts_inbound and request.comparison != "ok" else ""))
        return True

    @api.multi
    def action_buyer_decline(self, reason):
        """The buyer declines the custom order: the request and its order are cancelled."""
        self._ecom_ensure("buyer_decline")
        reason = self._ecom_required_reason(reason)
        self._ecom_write({"buyer_decision": "declined",
                          "buyer_decision_user_id": self.env.uid,
                          "buyer_decision_date": fields.Datetime.now()})
        self._ecom_do_cancel(_("The buyer declined the custom order: %s") % reason)
        return True

    @api.multi
    def action_cancel(self, reason):
        """Cancel the custom order before its deposit is paid (the buyer walked away).

        The sale order is cancelled with it.
        """
        self._ecom_ensure("cancel")
        reason = self._ecom_required_reason(reason)
        self._ecom_do_cancel(reason)
        return True

    def _ecom_do_cancel(self, reason):
        orders = self.mapped("order_id").filtered(
            lambda o: o.state in ("draft", "sent", "sale"))
        self._ecom_write({"state": "cancel", "cancel_reason": reason})
        self._log(_("<b>Cancelled</b>: %s") % html_escape(reason))
        if orders:
            orders.action_cancel()
            for order in orders:
                order.message_post(body=_("Cancelled with custom request %s: %s") % (
                    ", ".join(self.filtered(lambda r: r.order_id == order).mapped("name")),
                    html_escape(reason)))

    @api.multi
    def action_done(self):
        """Close the request once the delivery to the buyer is done."""
        self._ecom_ensure("done")
        self._ecom_advance("done", {"done_date": fields.Datetime.now()})
        self._log(_("Delivered: the custom order is done."))
        return True
