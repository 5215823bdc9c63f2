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
"""
from datetime import datetime, time
from decimal import Decimal

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, float_is_zero, float_round, html_escape

from odoo.addons import decimal_precision as dp

from ..tools.deposit import split_deposit

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
# Sign-off stages: state of the request → stage of its approval records.
APPROVAL_STAGES = {"price_approval": "price", "procurement_approval": "procurement"}
# Where a rejection sends the request back to.
REJECTED_TO = {"price_approval": "draft", "procurement_approval": "deposit_paid"}

CS = "ecom_order_mgmt.group_ecom_cs"
FINANCE = "ecom_order_mgmt.group_ecom_finance"
WAREHOUSE = "ecom_order_mgmt.group_ecom_warehouse"
DIRECTOR = "ecom_order_mgmt.group_ecom_director"
GM = "ecom_order_mgmt.group_ecom_gm"
PURCHASE = "purchase.group_purchase_user"
TIER_GROUPS = {"director": DIRECTOR, "gm": GM}
ACTIVITY_SIGN = "ecom_backorder.mail_activity_type_custom_sign"

# Who may press each button (checked on the server, shown in the view).
ACTION_GROUPS = {
    "record_feasibility": (PURCHASE,),
    "buyer_accept": (CS,),
    "buyer_decline": (CS,),
    "submit": (CS, PURCHASE),
    "approve": (DIRECTOR, GM),
    "reject": (DIRECTOR, GM),
    "confirm_deposit": (FINANCE,),
    "place_po": (PURCHASE,),
    "receive": (PURCHASE, WAREHOUSE),
    "request_balance": (CS,),
    "confirm_balance": (FINANCE,),
    "done": (CS, WAREHOUSE),
    "cancel": (CS,),
}

# Fields people edit in the form, and the states in which they may.
# Everything else the actions set; see write().
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
# Only the actions write these (the token below proves it).
_ACTION_WRITE = object()


class EcomCustomRequest(models.Model):
    """A custom order (订制) request on a sale order line without stock."""

    _name = "ecom.custom.request"
    _inherit = ["mail.thread", "mail.activity.mixin", "ecom.guard.mixin", "ecom.notify.mixin"]
    _description = "Custom Order Request"
    _order = "id desc"

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

    # Sign-off
    approval_ids = fields.One2many("ecom.custom.request.approval", "request_id",
                                   string="Sign-off History", readonly=True, copy=False)
    approval_submission = fields.Integer(
        string="Submissions", readonly=True, copy=False,
        help="Incremented at each submission for sign-off; signatures of an earlier "
             "submission no longer count.")
    submitted_by_id = fields.Many2one("res.users", string="Submitted By", readonly=True,
                                      copy=False)
    approval_tier_due = fields.Selection(
        [("director", "Director"), ("gm", "General Manager")], string="Signature Due",
        compute="_compute_approval_tier_due", store=True, index=True)
    is_my_signature_due = fields.Boolean(
        string="Waiting for My Sign-off", compute="_compute_is_my_signature_due",
        search="_search_is_my_signature_due")

    # Money: computed from the order total, never typed.
    deposit_percent = fields.Float(
        string="Deposit (%)", digits=(5, 2), track_visibility="onchange",
        default=lambda self: self.env.user.company_id.ecom_deposit_percent)
    deposit_amount = fields.Monetary(
        string="Deposit", compute="_compute_amounts", store=True, readonly=True,
        help="The deposit percentage of the order total, rounded to the cent; once "
             "received, what was received.")
    balance_amount = fields.Monetary(
        string="Balance", compute="_compute_amounts", store=True, readonly=True,
        help="The order total minus the deposit: deposit + balance = total, to the cent.")
    deposit_received = fields.Monetary(string="Deposit Received", readonly=True,
                                       copy=False)
    payment_journal_id = fields.Many2one(
        "account.journal", string="Payment Journal",
        domain="[('type', 'in', ('bank', 'cash')), ('company_id', '=', company_id)]",
        help="Bank or cash journal the buyer's payments are recorded in; empty: the "
             "company's first bank journal.")
    deposit_invoice_id = fields.Many2one("account.invoice", string="Deposit Invoice",
                                         readonly=True, copy=False)
    deposit_payment_id = fields.Many2one("account.payment", string="Deposit Payment",
                                         readonly=True, copy=False)
    deposit_user_id = fields.Many2one("res.users", string="Deposit Confirmed By",
                                      readonly=True, copy=False)
    deposit_date = fields.Datetime(string="Deposit Confirmed At", readonly=True,
                                   copy=False)
    balance_invoice_id = fields.Many2one("account.invoice", string="Balance Invoice",
                                         readonly=True, copy=False)
    balance_payment_id = fields.Many2one("account.payment", string="Balance Payment",
                                         readonly=True, copy=False)
    balance_user_id = fields.Many2one("res.users", string="Balance Confirmed By",
                                      readonly=True, copy=False)
    balance_date = fields.Datetime(string="Balance Confirmed At", readonly=True,
                                   copy=False)

    # Purchasing and follow-up
    packaging_standard = fields.Text(
        string="Packaging Design Standard",
        help="包装设计标准: printed on the purchase order for the vendor.")
    purchase_order_id = fields.Many2one("purchase.order", string="Purchase Order",
                                        readonly=True, copy=False)
    purchase_user_id = fields.Many2one("res.users", string="Placed By", readonly=True,
                                       copy=False,
                                       help="The buyer in purchasing who follows it up.")
    expected_date = fields.Date(string="Expected Date", copy=False,
                                track_visibility="onchange",
                                help="When the goods should arrive (production follow-up).")
    is_overdue = fields.Boolean(string="Overdue", compute="_compute_is_overdue",
                                search="_search_is_overdue")
    received_qty = fields.Float(string="Received Quantity", readonly=True, copy=False,
                                digits=dp.get_precision("Product Unit of Measure"))
    received_user_id = fields.Many2one("res.users", string="Received By", readonly=True,
                                       copy=False)
    received_date = fields.Datetime(string="Received At", readonly=True, copy=False)
    done_date = fields.Datetime(string="Closed At", readonly=True, copy=False)

    # One predicate per action: the view shows the button, the action obeys it.
    can_record_feasibility = fields.Boolean(compute="_compute_can")
    can_buyer_accept = fields.Boolean(compute="_compute_can")
    can_buyer_decline = fields.Boolean(compute="_compute_can")
    can_submit = fields.Boolean(compute="_compute_can")
    can_approve = fields.Boolean(compute="_compute_can")
    can_reject = fields.Boolean(compute="_compute_can")
    can_confirm_deposit = fields.Boolean(compute="_compute_can")
    can_place_po = fields.Boolean(compute="_compute_can")
    can_receive = fields.Boolean(compute="_compute_can")
    can_request_balance = fields.Boolean(compute="_compute_can")
    can_confirm_balance = fields.Boolean(compute="_compute_can")
    can_done = fields.Boolean(compute="_compute_can")
    can_cancel = fields.Boolean(compute="_compute_can")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)",
         "The reference of a custom request must be unique."),
    ]

    # ------------------------------------------------------------------
    # Computations
    # ------------------------------------------------------------------
    @api.depends("order_id.amount_total", "order_id.currency_id", "deposit_percent",
                 "deposit_user_id", "deposit_received")
    def _compute_amounts(self):
        for request in self:
            currency = request.order_id.currency_id
            rounding = currency.rounding or 0.01
            total = request.order_id.amount_total
            if request.deposit_user_id:
                # What was received is the deposit; the balance is the rest.
                deposit = Decimal(str(float_round(request.deposit_received,
                                                  precision_rounding=rounding)))
                balance = Decimal(str(float_round(total, precision_rounding=rounding))) \
                    - deposit
            else:
                try:
                    deposit, balance = split_deposit(total, request.deposit_percent,
                                                     rounding=str(rounding))
                except ValueError:
                    # The constraint on deposit_percent says why, clearly.
                    deposit, balance = Decimal(0), Decimal(str(total))
            request.deposit_amount = float(deposit)
            request.balance_amount = float(balance)

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

    @api.depends("state", "approval_submission", "approval_ids.decision",
                 "approval_ids.tier", "approval_ids.submission", "approval_ids.stage")
    def _compute_approval_tier_due(self):
        for request in self:
            if request.state not in APPROVAL_STAGES:
                request.approval_tier_due = False
                continue
            signed = request._current_approvals().filtered(
                lambda a: a.decision == "approved").mapped("tier")
            if "director" not in signed:
                request.approval_tier_due = "director"
            elif "gm" not in signed:
                request.approval_tier_due = "gm"
            else:
                request.approval_tier_due = False

    @api.depends("state", "approval_tier_due", "requester_id", "submitted_by_id",
                 "approval_ids")
    def _compute_is_my_signature_due(self):
        for request in self:
            request.is_my_signature_due = not request._ecom_why_not("approve")

    def _search_is_my_signature_due(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Unsupported search on 'Waiting for My Sign-off'."))
        tiers = [tier for tier, group in TIER_GROUPS.items() if self._ecom_user_in(group)]
        candidates = self.search([
            ("approval_tier_due", "in", tiers),
            ("requester_id", "!=", self.env.uid),
            ("submitted_by_id", "!=", self.env.uid),
        ]) if tiers else self.browse()
        # Few requests wait for a signature: the exact rule decides.
        ids = candidates.filtered("is_my_signature_due").ids
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", ids)]

    @api.depends("state", "expected_date")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for request in self:
            request.is_overdue = request.state == "purchasing" and bool(
                request.expected_date) and request.expected_date < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Unsupported search on 'Overdue'."))
        # Replaces one leaf: the domain must be in normal (prefix) form.
        domain = ["&", ("state", "=", "purchasing"),
                  ("expected_date", "<", fields.Date.context_today(self))]
        if (operator == "=") == bool(value):
            return domain
        return ["!"] + domain

    @api.depends("state", "approval_tier_due", "requester_id", "submitted_by_id",
                 "approval_ids", "feasibility", "buyer_decision", "purchase_order_id.state")
    def _compute_can(self):
        for request in self:
            for action in ACTION_GROUPS:
                request["can_%s" % action] = not request._ecom_why_not(action)

    def _current_approvals(self):
        """Sign-offs of the stage under way, in the current submission."""
        self.ensure_one()
        stage = APPROVAL_STAGES.get(self.state)
        return self.approval_ids.filtered(
            lambda a: a.stage == stage and a.submission == self.approval_submission)

    def _state_label(self, state=None):
        return dict(self._fields["state"]._description_selection(self.env)).get(
            state or self.state)

    # ------------------------------------------------------------------
    # Constraints and ORM
    # ------------------------------------------------------------------
    @api.constrains("deposit_percent")
    def _check_deposit_percent(self):
        for request in self:
            if not 0.0 <= request.deposit_percent <= 100.0:
                raise ValidationError(_(
                    "The deposit must lie between 0 and 100 %% of the order total "
                    "(%s %% given).") % request.deposit_percent)

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
        if self.env.uid != SUPERUSER_ID:
            # A request starts as a draft opened by whoever creates it; the
            # rest is the actions' business.
            forbidden = self._ecom_locked_fields(vals)
            if forbidden:
                raise AccessError(_("These fields are set by the request's actions, not "
                                    "typed: %s.") % ", ".join(self._field_labels(forbidden)))
        if vals.get("name", _("New")) == _("New"):
            vals["name"] = self.env["ir.sequence"].next_by_code("ecom.custom.request") \
                or _("New")
        if vals.get("line_id") and not vals.get("quantity"):
            vals["quantity"] = self.env["sale.order.line"].browse(
                vals["line_id"]).product_uom_qty
        if "deposit_percent" not in vals and vals.get("order_id"):
            company = self.env["sale.order"].browse(vals["order_id"]).company_id
            vals["deposit_percent"] = company.ecom_deposit_percent
        return super(EcomCustomRequest, self).create(vals)

    @api.multi
    def write(self, vals):
        if self.env.context.get("ecom_custom_request_write") is not _ACTION_WRITE \
                and self.env.uid != SUPERUSER_ID:
            locked = self._ecom_locked_fields(vals)
            if locked:
                raise AccessError(_("These fields are set by the request's actions, not "
                                    "typed: %s.") % ", ".join(self._field_labels(locked)))
            for request in self:
                closed = [name for name in vals if name in EDITABLE_IN
                          and request.state not in EDITABLE_IN[name]
                          and vals[name] != request._fields[name].convert_to_write(
                              request[name], request)]
                if closed:
                    raise UserError(_(
                        "Request %s is at stage %s: %s can no longer be changed.") % (
                        request.name, request._state_label(),
                        ", ".join(self._field_labels(closed))))
        return super(EcomCustomRequest, self).write(vals)

    @api.multi
    def unlink(self):
        for request in self:
            if request.state not in ("draft", "cancel") or request.approval_ids \
                    or request.deposit_user_id:
                raise UserError(_("Request %s has a history: cancel it instead of deleting "
                                  "it.") % request.name)
        return super(EcomCustomRequest, self).unlink()

    def _ecom_locked_fields(self, vals):
        """The fields of `vals` that only the actions may write.

        The chatter's own fields (followers, messages, activities) are the
        mail thread's business, not the request's.
        """
        return {name for name in vals if name not in EDITABLE_IN
                and not name.startswith(("message_", "activity_"))}

    def _field_labels(self, names):
        return sorted(self._fields[name].string for name in names if name in self._fields)

    def _ecom_write(self, vals):
        """Write fields that only the actions may set (state, decisions, money)."""
        return self.with_context(ecom_custom_request_write=_ACTION_WRITE).write(vals)

    # ------------------------------------------------------------------
    # Rules of each action (one place)
    # ------------------------------------------------------------------
    def _ecom_why_not(self, action):
        """Why `action` cannot run on this request now, or None when it can.

        Stage, group and sign-off rules; missing data is checked by
        `_ecom_problem` when the button is pressed, so that the button shows
        and says what is missing.
        """
        self.ensure_one()
        if not self._ecom_user_in(*ACTION_GROUPS[action]) and self.env.uid != SUPERUSER_ID:
            return _("You are not allowed to do this.")
        state, label = self.state, self._state_label()
        if action == "record_feasibility":
            if state != "draft" or self.buyer_decision != "pending":
                return _("Request %s: purchasing answers while the request is a draft "
                         "and the buyer has not decided yet.") % self.name
        elif action in ("buyer_accept", "buyer_decline"):
            if state != "draft" or self.buyer_decision != "pending":
                return _("Request %s: the buyer's decision is recorded once, while the "
                         "request is a draft.") % self.name
        elif action == "submit":
            if state == "draft":
                if not self._ecom_user_in(CS) and self.env.uid != SUPERUSER_ID:
                    return _("Customer service submits the custom request.")
            elif state != "deposit_paid":
                return _("Request %s is at stage %s: only drafts and requests whose "
                         "deposit is received can be submitted.") % (self.name, label)
        elif action in ("approve", "reject"):
            return self._ecom_why_not_sign()
        elif action == "confirm_deposit" and state != "deposit_pending":
            return _("Request %s is at stage %s: only requests waiting for the deposit "
                     "can have their deposit confirmed.") % (self.name, label)
        elif action == "place_po":
            if state != "purchasing":
                return _("Request %s is at stage %s: the purchase order is placed once "
                         "the procurement request is signed.") % (self.name, label)
            if self.purchase_order_id and self.purchase_order_id.state != "cancel":
                return _("Request %s already has purchase order %s.") % (
                    self.name, self.purchase_order_id.name)
        elif action == "receive":
            if state != "purchasing":
                return _("Request %s is at stage %s: goods are received while they are "
                         "being purchased.") % (self.name, label)
            if not self.purchase_order_id or self.purchase_order_id.state not in (
                    "purchase", "done"):
                return _("Request %s has no confirmed purchase order yet.") % self.name
        elif action == "request_balance" and state != "received":
            return _("Request %s is at stage %s: the balance is asked for once the goods "
                     "are received.") % (self.name, label)
        elif action == "confirm_balance" and state != "balance_pending":
            return _("Request %s is at stage %s: only requests waiting for the balance "
                     "can have their balance confirmed.") % (self.name, label)
        elif action == "done" and state != "ready":
            return _("Request %s is at stage %s: only released requests can be "
                     "closed.") % (self.name, label)
        elif action == "cancel" and state not in CANCELLABLE_STATES:
            return _("Request %s is at stage %s: once the deposit is paid the custom order "
                     "cannot be cancelled here (refund it as an after-sales case).") % (
                self.name, label)
        return None

    def _ecom_why_not_sign(self):
        """Whether the current user may sign the tier that is due."""
        if self.state not in APPROVAL_STAGES:
            return _("Request %s is at stage %s: there is nothing to sign.") % (
                self.name, self._state_label())
        tier = self.approval_tier_due
        if not tier:
            return _("Request %s is fully signed.") % self.name
        user = self.env.user
        if user in self.requester_id | self.submitted_by_id:
            return _("You opened or submitted request %s: someone else must sign it.") \
                % self.name
        if not user.has_group(TIER_GROUPS[tier]):
            if tier == "director":
                return _("Request %s waits for the director's signature: the general "
                         "manager signs after the director.") % self.name
            return _("Request %s waits for the general manager's signature.") % self.name
        if user in self._current_approvals().mapped("user_id"):
            return _("You already signed request %s: the next signature must come from "
                     "someone else.") % self.name
        return None

    def _ecom_problem(self, action):
        """What data is missing for `action`, or None."""
        self.ensure_one()
        if action == "submit" and self.state == "draft":
            if not self.line_id:
                return _("Request %s: choose the customised order line.") % self.name
            if self.feasibility != "yes":
                return _("Request %s: purchasing has not confirmed that it can be made.") \
                    % self.name
            if self.buyer_decision != "accepted":
                return _("Request %s: the buyer has not agreed to the custom order yet.") \
                    % self.name
            if self.comparison != "ok" and not self.buyer_accepts_inbound:
                return _("Request %s: the inbound date and quantity do not meet the "
                         "buyer's (%s) and the buyer has not accepted them.") % (
                    self.name, self.comparison_note)
            if self.price_change and float_compare(
                    self.new_price_unit, self.line_id.price_unit, precision_digits=6) == 0:
                return _("Request %s: the new unit price is the current one; untick "
                         "'Price Change' or give the new price.") % self.name
        if action == "confirm_deposit" and self._ecom_order_problem():
            return self._ecom_order_problem()
        if action == "place_po":
            missing = [label for label, value in (
                (_("vendor"), self.vendor_id), (_("product"), self.product_id),
                (_("packaging design standard"), (self.packaging_standard or "").strip()))
                if not value]
            if missing:
                return _("Request %s: the purchase order needs the %s.") % (
                    self.name, ", ".join(missing))
        if action in ("confirm_deposit", "confirm_balance") and not self._payment_journal():
            return _("Company %s has no bank or cash journal to record the payment in.") \
                % self.company_id.name
        if action == "done":
            deliveries = self._customer_deliveries()
            if not deliveries or any(p.state not in ("done", "cancel") for p in deliveries):
                return _("Request %s: the delivery to the buyer is not done yet.") % self.name
        return None

    def _ecom_order_problem(self):
        """Why the order cannot be confirmed with the deposit, or None."""
        order = self.order_id
        if order.state == "cancel":
            return _("Order %s is cancelled.") % order.name
        if order.state in ("draft", "sent") and order.ecom_channel_id \
                and order.ecom_state != "to_finance":
            # Channel orders are confirmed by the finance review only; the
            # deposit confirmation is that review for a custom order, and it
            # comes after the CS review (address, phone, items).
            return _("Channel order %s must pass CS review before its deposit is "
                     "confirmed (it is at review stage %s).") % (
                order.name, dict(order._fields["ecom_state"]._description_selection(
                    self.env)).get(order.ecom_state))
        return None

    def _ecom_ensure(self, action, label):
        """Refuse `action` on the server unless every request allows it now.

        The rows are locked first: of two people acting at once, the second
        is refused and sees the first one's decision when reloading.
        """
        self._ecom_require_groups(label, *ACTION_GROUPS[action])
        self._ecom_lock()
        for request in self:
            why = request._ecom_why_not(action) or request._ecom_problem(action)
            if why:
                raise UserError(why)

    def _log(self, body):
        """A chatter note: the message carries who and when, the body what and why."""
        for request in self:
            request.message_post(body=body, subtype="mail.mt_note")

    # ------------------------------------------------------------------
    # Draft: purchasing's answer, the buyer's decision
    # ------------------------------------------------------------------
    @api.multi
    def action_record_feasibility(self, feasible, inbound_date=None, inbound_qty=None,
                                  vendor_id=None, production_cycle_days=None, note=None):
        """Purchasing's answer: can it be made, and when and how many would arrive.

        :param feasible: True when it can be made (then `inbound_date` and a
            positive `inbound_qty` are required), False when it cannot
        """
        self._ecom_ensure("record_feasibility", _("Answering for purchasing"))
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
        self._ecom_ensure("buyer_accept", _("Recording the buyer's decision"))
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
        self._ecom_ensure("buyer_decline", _("Recording the buyer's decision"))
        reason = self._required_reason(reason)
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
        self._ecom_ensure("cancel", _("Cancelling a custom request"))
        reason = self._required_reason(reason)
        self._ecom_do_cancel(reason)
        return True

    def _required_reason(self, reason):
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Give the reason."))
        return reason

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

    # ------------------------------------------------------------------
    # Submission and sign-off (contract)
    # ------------------------------------------------------------------
    @api.multi
    def action_submit(self):
        """Submit the request for its next step.

        From ``draft``: to ``price_approval`` when there is a price change,
        else to ``deposit_pending`` (the buyer is mailed the deposit request).
        From ``deposit_paid``: to ``procurement_approval``.
        """
        self._ecom_ensure("submit", _("Submitting a custom request"))
        for request in self:
            if request.state == "draft" and request.price_change:
                request._ecom_start_approval("price_approval")
            elif request.state == "draft":
                request._ecom_write({"state": "deposit_pending",
                                     "submitted_by_id": self.env.uid})
                request._log(_("Submitted: no price change, the buyer is asked for the "
                               "deposit of %s.") % request._fmt(request.deposit_amount))
                request._send_template("mail_template_custom_deposit")
            else:
                request._ecom_start_approval("procurement_approval")
        return True

    def _ecom_start_approval(self, state):
        self._ecom_write({"state": state, "approval_submission": self.approval_submission + 1,
                          "submitted_by_id": self.env.uid})
        if state == "price_approval":
            what = _("the price change from %s to %s") % (
                self.line_id.price_unit, self.new_price_unit)
        else:
            what = _("the custom procurement request")
        self._log(_("Submitted %s for sign-off: the director, then the general manager.")
                  % what)
        self._ecom_sync_signer_activity()

    @api.multi
    def action_approve(self, comment=None):
        """Sign the tier that is due: the director, then the general manager.

        The last signature moves the request on: from ``price_approval`` to
        ``deposit_pending`` (the new unit price goes on the order line and the
        buyer is asked for the deposit), from ``procurement_approval`` to
        ``purchasing`` (purchasing then places the purchase order).
        """
        self._ecom_ensure("approve", _("Signing a custom request"))
        for request in self:
            tier = request.approval_tier_due
            request._ecom_record_decision(tier, "approved", comment)
            request._ecom_sync_signer_activity()
            if request.approval_tier_due:
                continue
            if request.state == "price_approval":
                request._ecom_apply_price()
                request._ecom_write({"state": "deposit_pending"})
                request._log(_("Price change signed off: the buyer is asked for the "
                               "deposit of %s.") % request._fmt(request.deposit_amount))
                request._send_template("mail_template_custom_deposit")
            else:
                request._ecom_write({"state": "purchasing"})
                request._log(_("Procurement signed off: purchasing places the purchase "
                               "order."))
                request._schedule_purchasing_activity()
        return True

    @api.multi
    def action_reject(self, reason):
        """Reject at the tier that is due; the reason is required.

        A rejected price change goes back to ``draft``, a rejected procurement
        request back to ``deposit_paid``; it must be resubmitted (and signed
        again from the director) before anyone can approve it.
        """
        self._ecom_ensure("reject", _("Rejecting a custom request"))
        reason = self._required_reason(reason)
        for request in self:
            back = REJECTED_TO[request.state]
            request._ecom_record_decision(request.approval_tier_due, "rejected", reason)
            request._ecom_write({"state": back})
            request._ecom_sync_signer_activity()
        return True

    def _ecom_record_decision(self, tier, decision, comment):
        """Store one signature (approval record + chatter message)."""
        self.ensure_one()
        stage = APPROVAL_STAGES[self.state]
        # Written as the system so that nobody can forge a signature through
        # the ORM; the signer is the real user.
        approval = self.env["ecom.custom.request.approval"].sudo().create({
            "request_id": self.id,
            "stage": stage,
            "tier": tier,
            "submission": self.approval_submission,
            "user_id": self.env.uid,
            "decision": decision,
            "comment": comment or False,
        })
        labels = {
            ("director", "approved"): _("Director approved"),
            ("gm", "approved"): _("General manager approved"),
            ("director", "rejected"): _("Director rejected"),
            ("gm", "rejected"): _("General manager rejected"),
        }
        stage_label = dict(approval._fields["stage"]._description_selection(self.env))[stage]
        self._log("<b>%s</b> (%s)%s" % (labels[(tier, decision)], stage_label,
                                        (": %s" % html_escape(comment)) if comment else "."))
        return approval

    def _ecom_apply_price(self):
        line = self.line_id
        old = line.price_unit
        line.write({"price_unit": self.new_price_unit})
        self._ecom_write({"old_price_unit": old})
        self.order_id.message_post(body=_(
            "Unit price of %s changed from %s to %s (custom request %s, signed by the "
            "director and the general manager).") % (
            line.product_id.display_name, old, self.new_price_unit, self.name))

    def _schedule_purchasing_activity(self):
        user = self.feasibility_user_id or self.requester_id
        self.sudo()._ecom_schedule_activity(
            "ecom_backorder.mail_activity_type_custom_place_po", user,
            _("Place the purchase order"),
            _("The custom procurement request %s is signed: place the purchase order "
              "with the packaging design standard.") % self.name)

    def _ecom_schedule_activity(self, type_xmlid, user, summary, note, deadline=None):
        """Create one activity (Odoo 11 has no activity_schedule)."""
        self.ensure_one()
        return self.env["mail.activity"].create({
            "res_model_id": self.env["ir.model"]._get(self._name).id,
            "res_id": self.id,
            "activity_type_id": self.env.ref(type_xmlid).id,
            "summary": summary,
            "note": note,
            "user_id": user.id,
            "date_deadline": deadline or fields.Date.context_today(self),
        })

    # ------------------------------------------------------------------
    # Money (finance only)
    # ------------------------------------------------------------------
    @api.multi
    def action_confirm_deposit(self):
        """Finance confirms the deposit is received (``deposit_pending`` → ``deposit_paid``).

        The order is generated (confirmed) if it is not yet: a channel order
        through its finance review, recorded as done by this finance user
        (the deposit, not the full total, is what is due at this point);
        another order with Odoo's standard confirmation. The deposit is then
        recorded as a real payment: a down-payment invoice of exactly the
        deposit (Odoo's `sale.advance.payment.inv`, fixed amount, with the
        untaxed "Custom order deposit" product so that the invoice total is
        the deposit) is validated and paid by a posted customer payment.
        """
        self._ecom_ensure("confirm_deposit", _("Confirming a deposit"))
        for request in self:
            amount = request.deposit_amount
            request._ecom_confirm_order()
            invoice, payment = self.env["account.invoice"], self.env["account.payment"]
            if not float_is_zero(amount, precision_rounding=request.currency_id.rounding):
                invoice = request._ecom_create_deposit_invoice(amount)
                payment = request._ecom_register_payment(amount, invoice, _("deposit"))
            request._ecom_write({
                "state": "deposit_paid",
                "deposit_received": amount,
                "deposit_invoice_id": invoice.id,
                "deposit_payment_id": payment.id,
                "deposit_user_id": self.env.uid,
                "deposit_date": fields.Datetime.now(),
            })
            request._ecom_update_paid_amount(amount)
            request._log(_("<b>Deposit received</b>: %s (%s %%), invoice %s, payment %s. "
                           "Order %s is confirmed.") % (
                request._fmt(amount), request.deposit_percent, invoice.number or "-",
                payment.name or "-", request.order_id.name))
        return True

    @api.multi
    def action_confirm_balance(self):
        """Finance confirms the balance is received (``balance_pending`` → ``ready``).

        The balance is recorded as a real payment. When every line of the
        order can be invoiced now (invoicing policy "ordered quantities"),
        the final invoice is made (Odoo deducts the deposit), validated and
        paid by the balance payment. With lines invoiced on delivered
        quantities nothing can be invoiced before the delivery in Odoo 11, so
        the balance is posted as a customer payment (memo: the request and
        the order) that stays on the buyer's account and is reconciled with
        the final invoice once the goods are delivered and invoiced.
        Then the delivery is released and the buyer is told.
        """
        self._ecom_ensure("confirm_balance", _("Confirming a balance"))
        for request in self:
            amount = request.balance_amount
            invoice, payment = self.env["account.invoice"], self.env["account.payment"]
            if not float_is_zero(amount, precision_rounding=request.currency_id.rounding):
                invoice = request._ecom_create_balance_invoice()
                payment = request._ecom_register_payment(amount, invoice, _("balance"))
            request._ecom_write({
                "state": "ready",
                "balance_invoice_id": invoice.id,
                "balance_payment_id": payment.id,
                "balance_user_id": self.env.uid,
                "balance_date": fields.Datetime.now(),
            })
            request._ecom_update_paid_amount(request.deposit_received + amount)
            request._log(_("<b>Balance received</b>: %s, invoice %s, payment %s. The "
                           "delivery is released.") % (
                request._fmt(amount), invoice.number or _("(after delivery)"),
                payment.name or "-"))
            request._send_template("mail_template_custom_release")
        return True

    def _ecom_confirm_order(self):
        order = self.order_id
        if order.state not in ("draft", "sent"):
            return
        if order.ecom_channel_id:
            # The finance review of a custom order is the deposit check done
            # here by this finance user; _ecom_do_finance_approve records it
            # and confirms through the review (ecom_review_confirm context).
            order._ecom_do_finance_approve()
        else:
            order.action_confirm()

    def _ecom_create_deposit_invoice(self, amount):
        order = self.order_id
        wizard = self.env["sale.advance.payment.inv"].with_context(
            active_model="sale.order", active_ids=order.ids, active_id=order.id).create({
                "advance_payment_method": "fixed",
                "amount": amount,
                "product_id": self.env.ref("ecom_backorder.product_custom_deposit").id,
            })
        before = self._order_invoices()
        wizard.create_invoices()
        invoice = self._order_invoices() - before
        invoice.action_invoice_open()
        return invoice

    def _ecom_create_balance_invoice(self):
        """The final invoice of the order, or nothing when it cannot be made yet."""
        order = self.order_id
        lines = order.order_line.filtered(lambda line: not line.is_downpayment)
        precision = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        invoiceable_now = any(float_compare(line.qty_to_invoice, 0,
                                            precision_digits=precision) > 0 for line in lines)
        complete = all(float_compare(line.qty_to_invoice,
                                     line.product_uom_qty - line.qty_invoiced,
                                     precision_digits=precision) == 0 for line in lines)
        if not (invoiceable_now and complete):
            return self.env["account.invoice"]
        invoice = self.env["account.invoice"].browse(order.action_invoice_create(final=True))
        invoice.action_invoice_open()
        return invoice

    def _order_invoices(self):
        return self.env["account.invoice"].search([
            ("invoice_line_ids.sale_line_ids.order_id", "=", self.order_id.id)])

    def _payment_journal(self):
        return self.payment_journal_id or self.env["account.journal"].search([
            ("type", "=", "bank"), ("company_id", "=", self.company_id.id)], limit=1) \
            or self.env["account.journal"].search([
                ("type", "=", "cash"), ("company_id", "=", self.company_id.id)], limit=1)

    def _ecom_register_payment(self, amount, invoice, what):
        """Post a customer payment of `amount`, against `invoice` when there is one."""
        partner = invoice.commercial_partner_id if invoice else \
            self.order_id.partner_invoice_id.commercial_partner_id
        payment = self.env["account.payment"].create({
            "payment_type": "inbound",
            "partner_type": "customer",
            "partner_id": partner.id,
            "amount": amount,
            "currency_id": self.currency_id.id,
            "journal_id": self._payment_journal().id,
            "payment_method_id": self.env.ref("account.account_payment_method_manual_in").id,
            "payment_date": fields.Date.context_today(self),
            "communication": "%s %s %s" % (self.name, self.order_id.name, what),
            "invoice_ids": [(6, 0, invoice.ids)],
        })
        payment.post()
        return payment

    def _ecom_update_paid_amount(self, paid):
        """Channel orders show what the buyer paid so far."""
        order = self.order_id
        if order.ecom_channel_id and float_compare(
                paid, order.ecom_paid_amount,
                precision_rounding=self.currency_id.rounding) > 0:
            order.ecom_paid_amount = paid

    # ------------------------------------------------------------------
    # Purchasing, follow-up, receipt
    # ------------------------------------------------------------------
    @api.multi
    def action_place_po(self):
        """Purchasing places the purchase order with the packaging design standard.

        The order goes to the vendor for the buyer's quantity, due on the
        inbound date; the request follows it up until the expected date.
        """
        self._ecom_ensure("place_po", _("Placing the purchase order"))
        for request in self:
            order = self.env["purchase.order"].create(request._ecom_po_values())
            order.button_confirm()
            request._ecom_write({
                "purchase_order_id": order.id,
                "purchase_user_id": self.env.uid,
                "expected_date": request.expected_date or request.inbound_date
                or fields.Date.context_today(self),
            })
            request._log(_("Purchase order %s placed with %s, expected on %s.") % (
                order.name, order.partner_id.display_name, request.expected_date))
            request._ecom_clear_activities("ecom_backorder.mail_activity_type_custom_place_po")
        return True

    def _ecom_po_values(self):
        product = self.product_id
        vendor = self.vendor_id
        when = self.expected_date or self.inbound_date or fields.Date.context_today(self)
        planned = fields.Datetime.to_string(datetime.combine(
            fields.Date.from_string(when), time(12, 0)))
        price = self.purchase_price_unit
        if not price:
            seller = product._select_seller(partner_id=vendor, quantity=self.quantity,
                                            uom_id=product.uom_po_id)
            price = seller.price if seller else product.standard_price
        fiscal_position = self.env["account.fiscal.position"].with_context(
            force_company=self.company_id.id).get_fiscal_position(vendor.id)
        taxes = product.supplier_taxes_id.filtered(
            lambda t: t.company_id == self.company_id)
        if fiscal_position:
            taxes = self.env["account.fiscal.position"].browse(fiscal_position).map_tax(
                taxes)
        name = product.display_name
        if product.description_purchase:
            name += "\n" + product.description_purchase
        # Purchasing need not read sales orders to buy for one.
        order = self.order_id.sudo()
        notes = _("Custom order %s for %s.\nPackaging design standard:\n%s") % (
            self.name, order.name, self.packaging_standard)
        if self.production_standard:
            notes += "\n" + _("Production standard:\n%s") % self.production_standard
        return {
            "partner_id": vendor.id,
            "company_id": self.company_id.id,
            "origin": "%s/%s" % (order.name, self.name),
            "date_planned": planned,
            "ecom_custom_request_id": self.id,
            "ecom_packaging_standard": self.packaging_standard,
            "notes": notes,
            "order_line": [(0, 0, {
                "product_id": product.id,
                "name": name,
                "product_qty": product.uom_id._compute_quantity(self.quantity,
                                                                product.uom_po_id),
                "product_uom": product.uom_po_id.id,
                "price_unit": price,
                "date_planned": planned,
                "taxes_id": [(6, 0, taxes.ids)],
            })],
        }

    @api.multi
    def action_receive(self):
        """The goods arrived, were inspected and taken into stock (入库).

        A receipt of the purchase order still open is validated in full (the
        inspection passed); one the warehouse already validated is kept as it
        is. The buyer's delivery is then reserved, still held until the
        balance is confirmed.
        """
        self._ecom_ensure("receive", _("Receiving the goods"))
        for request in self:
            po = request.purchase_order_id
            for picking in po.picking_ids.filtered(
                    lambda p: p.state not in ("done", "cancel")
                    and p.picking_type_code == "incoming"):
                if picking.state != "assigned":
                    picking.action_assign()
                for move_line in picking.move_line_ids:
                    move_line.qty_done = move_line.product_uom_qty
                picking.action_done()
            received = sum(po.order_line.filtered(
                lambda l: l.product_id == request.product_id).mapped(
                lambda l: l.product_uom._compute_quantity(l.qty_received,
                                                          l.product_id.uom_id)))
            request._ecom_write({
                "state": "received",
                "received_qty": received,
                "received_user_id": self.env.uid,
                "received_date": fields.Datetime.now(),
            })
            # Reserving the buyer's delivery is a consequence, not the
            # receiver's own stock operation.
            request._customer_deliveries().filtered(
                lambda p: p.state in ("confirmed", "waiting", "partially_available")
            ).action_assign()
            request._log(_("<b>Goods received</b>: %s of %s (purchase order %s).") % (
                received, request.quantity, po.name))
            request._ecom_clear_activities("ecom_backorder.mail_activity_type_custom_followup")
        return True

    def _ecom_clear_activities(self, type_xmlid):
        """Drop the reminders of a step that is now done."""
        activity_type = self.env.ref(type_xmlid)
        self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type).unlink()

    def _customer_deliveries(self):
        # Purchasing and the warehouse need not read sales orders.
        return self.order_id.sudo().picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing")

    @api.multi
    def action_request_balance(self):
        """Ask the buyer for the balance (``received`` → ``balance_pending``)."""
        self._ecom_ensure("request_balance", _("Asking for the balance"))
        for request in self:
            request._ecom_write({"state": "balance_pending"})
            request._log(_("The buyer is asked for the balance of %s.")
                         % request._fmt(request.balance_amount))
            request._send_template("mail_template_custom_balance")
        return True

    @api.multi
    def action_done(self):
        """Close the request once the delivery to the buyer is done."""
        self._ecom_ensure("done", _("Closing a custom request"))
        self._ecom_write({"state": "done", "done_date": fields.Datetime.now()})
        self._log(_("Delivered: the custom order is done."))
        return True

    @api.model
    def _cron_overdue_followup(self):
        """Production follow-up (生产跟催): one activity per overdue request.

        A request being purchased whose expected date has passed gets a
        "Production follow-up" activity for the purchasing person who placed
        the order, unless it already has one (the cron can run any number of
        times). Returns the number of activities created.
        """
        activity_type = self.env.ref("ecom_backorder.mail_activity_type_custom_followup")
        overdue = self.search([("is_overdue", "=", True)])
        created = 0
        for request in overdue:
            if request.activity_ids.filtered(lambda a: a.activity_type_id == activity_type):
                continue
            user = request.purchase_user_id or request.feasibility_user_id \
                or request.requester_id
            request._ecom_schedule_activity(
                "ecom_backorder.mail_activity_type_custom_followup", user,
                _("Production follow-up: overdue"),
                _("The goods of %s were expected on %s and are not received: chase the "
                  "vendor %s (purchase order %s) and update the expected date.") % (
                    request.name, request.expected_date, request.vendor_id.display_name,
                    request.purchase_order_id.name))
            created += 1
        return created

    # ------------------------------------------------------------------
    # Mails and display
    # ------------------------------------------------------------------
    def _send_template(self, xmlid):
        """Queue the buyer mail `xmlid` (see ecom.notify.mixin for who gets one)."""
        return self._ecom_notify_buyer("ecom_backorder.%s" % xmlid)

    def _ecom_notify_standard_sales(self):
        # The deposit and balance requests are part of every custom order,
        # channel order or not (the company switch still applies).
        return True

    def _ecom_sync_signer_activity(self):
        """The signer due, and only them, has the to-do "Sign custom request".

        Called after each submission, signature and rejection: the
        director's to-do is marked done when they sign and the general
        manager gets theirs; nothing is left once signed or rejected.
        """
        activity_type = self.env.ref(ACTIVITY_SIGN)
        for request in self:
            tier = request.state in APPROVAL_STAGES and request.approval_tier_due
            signer = request._ecom_next_signer(tier) if tier else self.env["res.users"]
            current = request._ecom_activities(activity_type)
            if current and signer and current.user_id == signer:
                continue
            request._ecom_activity_done(ACTIVITY_SIGN)
            if signer:
                stage = dict(self.env["ecom.custom.request.approval"]._fields[
                    "stage"]._description_selection(self.env))[APPROVAL_STAGES[request.state]]
                request._ecom_activity_schedule(
                    ACTIVITY_SIGN, signer, summary=_("Sign: %s") % stage,
                    note=_("<p>Request %s (order %s) waits for your signature.</p>") % (
                        request.name, request.order_id.sudo().name))

    def _ecom_next_signer(self, tier):
        """Who should sign tier `tier`: a member of its group who neither opened
        nor submitted the request nor signed it already (real people before
        the administrator)."""
        excluded = self.requester_id | self.submitted_by_id \
            | self._current_approvals().mapped("user_id")
        users = self.env.ref(TIER_GROUPS[tier]).sudo().users.filtered(
            lambda u: u.active and u not in excluded)
        if tier == "director":
            # A general manager is never asked to sign as the director.
            users = (users - self.env.ref(GM).sudo().users) or users
        return users.sorted(lambda u: (u.id == SUPERUSER_ID, u.id))[:1]

    def _fmt(self, amount):
        return "%s %.2f" % (self.currency_id.symbol or "", amount)

    @api.multi
    def action_view_purchase_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "view_mode": "form",
            "res_id": self.purchase_order_id.id,
        }

    @api.model
    def _ecom_demo_as(self, user_xmlid, ids, method, args=None):
        """Demo data only: run `method(*args)` on requests `ids` as a demo user.

        Demo requests go through the real actions, as the person whose job
        it is would press the buttons (`<function>` runs as the superuser).
        """
        records = self.browse(ids).sudo(self.env.ref(user_xmlid))
        return getattr(records, method)(*(args or []))


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ecom_custom_request_ids = fields.One2many(
        "ecom.custom.request", "order_id", string="Custom Requests", readonly=True)
    ecom_custom_request_count = fields.Integer(compute="_compute_ecom_custom_request_count")

    def _compute_ecom_custom_request_count(self):
        for order in self:
            order.ecom_custom_request_count = len(order.ecom_custom_request_ids)

    @api.multi
    def action_ecom_view_custom_requests(self):
        """The custom requests of the order, or a new one."""
        self.ensure_one()
        action = self.env.ref("ecom_backorder.action_ecom_custom_request").read()[0]
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id}
        if len(self.ecom_custom_request_ids) == 1:
            action["views"] = [(False, "form")]
            action["res_id"] = self.ecom_custom_request_ids.id
        elif not self.ecom_custom_request_ids:
            action["views"] = [(False, "form")]
        return action
