# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, html_escape
from odoo.tools.sql import column_exists, create_column

from ..const import COD_MODES, CS, DEFAULT_TZ, FINANCE, MANAGER, PAYMENT_MODES
from ..tools.sql import local_day_sql
from .ecom_guard_mixin import ecom_action
from .stock_picking import ReservationBatch

ECOM_STATES = [
    ("to_review", "To CS Review"),
    ("to_finance", "To Finance Review"),
    ("approved", "Approved"),
    ("exception", "Exception"),
    ("cancel", "Cancelled"),
]
OPEN_STATES = ("to_review", "to_finance")
# The review decision: only the review actions write these (ecom.guard.mixin).
REVIEW_FIELDS = ("ecom_state", "ecom_state_before_exception", "ecom_cs_user_id",
                 "ecom_cs_date", "ecom_finance_user_id", "ecom_finance_date")

MAIL_RECEIVED = "ecom_order_mgmt.mail_template_ecom_order_received"
MAIL_HELD = "ecom_order_mgmt.mail_template_ecom_order_held"
ACTIVITY_EXCEPTION = "ecom_order_mgmt.mail_activity_type_ecom_exception"


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "ecom.guard.mixin", "ecom.notify.mixin"]
    _ecom_state_field = "ecom_state"
    _ecom_can_prefix = "can_ecom_"
    _ecom_protected_fields = REVIEW_FIELDS

    ecom_channel_id = fields.Many2one(
        "ecom.channel", string="Sales Channel", index=True, readonly=True,
        states={"draft": [("readonly", False)]}, track_visibility="onchange",
        help="Shop the order came from. Orders without a channel follow "
             "Odoo's standard sales flow.")
    ecom_platform_ref = fields.Char(
        string="Platform Order No.", index=True, copy=False, track_visibility="onchange",
        help="The order number on the platform; unique per channel.")
    ecom_state = fields.Selection(
        ECOM_STATES, string="Review Stage", index=True, copy=False, readonly=True,
        track_visibility="onchange",
        help="Where the channel order is: CS review (客审), then finance review (财审), "
             "then approved (the delivery is created); exceptions wait aside.")
    ecom_state_before_exception = fields.Selection(ECOM_STATES, copy=False, readonly=True)

    # Buyer and address as the platform gives them
    ecom_buyer_name = fields.Char(string="Recipient")
    ecom_buyer_phone = fields.Char(string="Recipient Phone")
    ecom_province = fields.Char(string="Province", index=True)
    ecom_city = fields.Char(string="City")
    ecom_district = fields.Char(string="District")
    ecom_street = fields.Char(string="Street Address")
    ecom_address = fields.Char(string="Shipping Address", compute="_compute_ecom_address")
    ecom_buyer_remark = fields.Text(string="Buyer Remark")

    # Payment
    ecom_payment_mode = fields.Selection(PAYMENT_MODES, string="Payment Mode",
                                         track_visibility="onchange")
    ecom_paid_amount = fields.Monetary(
        string="Paid Amount", track_visibility="onchange",
        help="What the buyer paid on the platform; finance review checks it against the "
             "order total.")
    ecom_payment_state = fields.Selection(
        [("unpaid", "Unpaid"), ("partial", "Partly paid"), ("paid", "Paid"),
         ("cod", "Pay on delivery")],
        string="Payment State", compute="_compute_ecom_payment_state", store=True)

    # Receipt and SLA
    ecom_received_at = fields.Datetime(string="Received At", index=True, copy=False,
                                       help="When the order reached the company.")
    ecom_sla_deadline = fields.Datetime(
        string="SLA Deadline", compute="_compute_ecom_sla_deadline", store=True, index=True,
        help="Reviewed, picked and packed by then (working hours of the channel).")
    # stored so that date filters and groupings (KPI pivot) read a column
    # instead of converting every order's timestamp; a channel's new time
    # zone is applied by one UPDATE (ecom.channel.write), not by recompute
    ecom_order_date = fields.Date(
        string="Order Date", compute="_compute_ecom_order_date", store=True, index=True,
        copy=False, help="Day the order was received, on the channel's clock.")
    ecom_listed_at = fields.Datetime(
        string="On Daily Order List Of", copy=False, readonly=True,
        help="Cut-off of the daily order list (订货明细单) that carried the order: "
             "each paid order is on one list.")
    ecom_sla_done_at = fields.Datetime(string="Packed At", copy=False, readonly=True)
    ecom_sla_breached = fields.Boolean(
        string="SLA Breached", index=True, copy=False, readonly=True,
        help="Not packed by the SLA deadline (checked every few minutes).")

    # Review decisions
    ecom_cs_user_id = fields.Many2one("res.users", string="CS Reviewer", copy=False,
                                      readonly=True)
    ecom_cs_date = fields.Datetime(string="CS Reviewed At", copy=False, readonly=True)
    ecom_finance_user_id = fields.Many2one("res.users", string="Finance Reviewer",
                                           copy=False, readonly=True)
    ecom_finance_date = fields.Datetime(string="Finance Reviewed At", copy=False,
                                        readonly=True)
    ecom_exception_reason_id = fields.Many2one(
        "ecom.exception.reason", string="Exception Reason", copy=False, readonly=True,
        track_visibility="onchange")
    ecom_exception_note = fields.Text(string="Exception Note", copy=False, readonly=True)
    ecom_exception_date = fields.Datetime(string="Exception Since", copy=False,
                                          readonly=True)
    # Kept after the order is resumed, for the exception rate of the order KPIs.
    ecom_had_exception = fields.Boolean(
        string="Was Held as Exception", copy=False, readonly=True, index=True)
    ecom_rule_id = fields.Many2one("ecom.review.rule", string="Decided by Rule",
                                   copy=False, readonly=True)
    ecom_rule_note = fields.Text(string="Automatic Review", copy=False, readonly=True,
                                 help="What the automatic review rules found.")

    ecom_needs_my_review = fields.Boolean(
        string="Needs My Review", compute="_compute_ecom_needs_my_review",
        search="_search_ecom_needs_my_review",
        help="Waiting for the review of the current user's role: CS review for "
             "customer service, finance review for finance, both for who does both.")

    # One predicate per action: the view shows the button, the action obeys it.
    can_ecom_cs_approve = fields.Boolean(compute="_compute_ecom_can")
    can_ecom_finance_approve = fields.Boolean(compute="_compute_ecom_can")
    can_ecom_set_exception = fields.Boolean(compute="_compute_ecom_can")
    can_ecom_resume = fields.Boolean(compute="_compute_ecom_can")
    can_ecom_cancel = fields.Boolean(compute="_compute_ecom_can")

    _sql_constraints = [
        ("ecom_platform_ref_uniq", "unique(ecom_channel_id, ecom_platform_ref, company_id)",
         "This platform order is already in Odoo for this channel."),
    ]

    @api.constrains("ecom_channel_id", "ecom_platform_ref")
    def _check_ecom_platform_ref(self):
        # The platform number is what recognises an order imported twice
        # (unique per channel): a channel order without one, from any client,
        # would escape that check. Plain sale orders need none.
        missing = self.filtered(
            lambda o: o.ecom_channel_id and not (o.ecom_platform_ref or "").strip())
        if missing:
            raise ValidationError(_(
                "A channel order needs its platform order number (Platform Order No.): "
                "%s.") % ", ".join(missing.mapped("display_name")))

    # ------------------------------------------------------------------
    # Computations
    # ------------------------------------------------------------------
    @api.depends("ecom_province", "ecom_city", "ecom_district", "ecom_street")
    def _compute_ecom_address(self):
        for order in self:
            order.ecom_address = " ".join(filter(None, [
                order.ecom_province, order.ecom_city, order.ecom_district, order.ecom_street]))

    @api.depends("ecom_payment_mode", "ecom_paid_amount", "amount_total")
    def _compute_ecom_payment_state(self):
        for order in self:
            if not order.ecom_payment_mode:
                order.ecom_payment_state = False
                continue
            rounding = order.currency_id.rounding or 0.01
            paid = float_compare(order.ecom_paid_amount, order.amount_total,
                                 precision_rounding=rounding)
            if paid >= 0 and order.amount_total:
                order.ecom_payment_state = "paid"
            elif order.ecom_payment_mode in COD_MODES:
                order.ecom_payment_state = "cod"
            elif float_compare(order.ecom_paid_amount, 0, precision_rounding=rounding) > 0:
                order.ecom_payment_state = "partial"
            else:
                order.ecom_payment_state = "unpaid"

    @api.depends("ecom_received_at", "ecom_channel_id")
    def _compute_ecom_order_date(self):
        for order in self:
            channel = order.ecom_channel_id
            if not channel or not order.ecom_received_at:
                order.ecom_order_date = False
                continue
            received = pytz.utc.localize(fields.Datetime.from_string(order.ecom_received_at))
            order.ecom_order_date = fields.Date.to_string(
                received.astimezone(pytz.timezone(channel.tz or DEFAULT_TZ)).date())

    @api.model
    def _ecom_my_review_states(self):
        """The review stages that wait for the current user's role."""
        return [state for state, group in (("to_review", CS), ("to_finance", FINANCE))
                if self._ecom_user_in(group)]

    def _compute_ecom_needs_my_review(self):
        states = self._ecom_my_review_states()
        for order in self:
            order.ecom_needs_my_review = bool(order.ecom_channel_id) \
                and order.ecom_state in states

    @api.model
    def _search_ecom_needs_my_review(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Needs My Review is searched with = or != only."))
        domain = ["&", ("ecom_channel_id", "!=", False),
                  ("ecom_state", "in", self._ecom_my_review_states())]
        return domain if (operator == "=") == bool(value) else ["!"] + domain

    @api.model
    def _ecom_fill_order_date(self, channel_ids=None):
        """Set the order date of the channel orders (of `channel_ids`) in one UPDATE."""
        query = """UPDATE sale_order so SET ecom_order_date = {day}
                     FROM ecom_channel ch
                    WHERE ch.id = so.ecom_channel_id AND so.ecom_received_at IS NOT NULL
                      AND so.ecom_order_date IS DISTINCT FROM {day}""".format(
            day=local_day_sql("so.ecom_received_at"))
        params = []
        if channel_ids is not None:
            query += " AND ch.id IN %s"
            params.append(tuple(channel_ids) or (0,))
        self.env.cr.execute(query, params)
        self.invalidate_cache(["ecom_order_date"])

    def _auto_init(self):
        # fill a new order date column by SQL: the ORM would recompute and
        # write every order one by one
        fill = not column_exists(self.env.cr, self._table, "ecom_order_date")
        if fill:
            create_column(self.env.cr, self._table, "ecom_order_date", "date")
        result = super(SaleOrder, self)._auto_init()
        if fill:
            self._ecom_fill_order_date()
        return result

    @api.depends("ecom_received_at", "ecom_channel_id")
    def _compute_ecom_sla_deadline(self):
        # each channel's calendar read once for all the orders (an import's thousands)
        keys = {order: (order.ecom_channel_id.id, order.ecom_received_at) for order in self}
        deadlines = self.mapped("ecom_channel_id")._ecom_sla_deadlines(
            [key for key in keys.values() if all(key)])
        for order, key in keys.items():
            order.ecom_sla_deadline = deadlines.get(key, False)

    # ------------------------------------------------------------------
    # Rules of each action (one place)
    # ------------------------------------------------------------------
    @api.model
    def _ecom_actions(self):
        actions = super(SaleOrder, self)._ecom_actions()
        under_review = _("Order %(name)s is at stage %(stage)s: only orders under review "
                         "can be held or cancelled here.")
        actions.update({
            "cs_approve": ecom_action(
                [CS], ["to_review"], "to_finance", _("CS review"), refusal=_(
                    "Order %(name)s is at stage %(stage)s: only orders waiting for CS "
                    "review can pass CS review.")),
            "finance_approve": ecom_action(
                [FINANCE], ["to_finance"], "approved", _("Finance review"), refusal=_(
                    "Order %(name)s is at stage %(stage)s: only orders that passed CS "
                    "review can pass finance review.")),
            "set_exception": ecom_action([CS, FINANCE], OPEN_STATES,
                                         label=_("Setting an exception"), refusal=under_review),
            "resume": ecom_action([CS, MANAGER], ["exception"],
                                  label=_("Resuming an exception order"),
                                  refusal=_("Order %(name)s is not an exception.")),
            "cancel": ecom_action([CS, MANAGER], OPEN_STATES,
                                  label=_("Cancelling a channel order"), refusal=under_review),
        })
        return actions

    def _ecom_why_not(self, action):
        """Why `action` cannot run on this order now, or None when it can."""
        self.ensure_one()
        if not self.ecom_channel_id:
            return _("%s is not a channel order.") % self.name
        return super(SaleOrder, self)._ecom_why_not(action)

    def _ecom_check_channel_orders(self, action_label):
        """Refuse `action_label` at once when a selected order has no channel:
        the e-commerce review is for channel orders only (a quotation selected
        by mistake is named, rather than failed without a word)."""
        plain = self.filtered(lambda o: not o.ecom_channel_id)
        if plain:
            raise UserError(_(
                "%s is for channel orders only; these orders have no sales channel: "
                "%s.") % (action_label, ", ".join(plain.mapped("name"))))

    def _ecom_cs_problem(self):
        """(reason code, message) when the order is not fit for CS approval."""
        self.ensure_one()
        missing = [label for label, value in (
            (_("recipient"), self.ecom_buyer_name), (_("phone"), self.ecom_buyer_phone),
            (_("province"), self.ecom_province), (_("city"), self.ecom_city),
            (_("street"), self.ecom_street)) if not (value or "").strip()]
        if missing:
            return "address_incomplete", _("Order %s: the shipping address lacks %s.") % (
                self.name, ", ".join(missing))
        lines = self.order_line.filtered("product_id")
        if not lines:
            return None, _("Order %s has no product to ship.") % self.name
        bad = lines.filtered(lambda l: l.product_uom_qty <= 0)
        if bad:
            return None, _("Order %s: the quantity of %s must be positive.") % (
                self.name, ", ".join(bad.mapped("product_id.display_name")))
        return None

    def _ecom_finance_problem(self):
        """(reason code, message) when the money of the order is not right."""
        self.ensure_one()
        rounding = self.currency_id.rounding or 0.01
        if self.ecom_payment_mode in COD_MODES:
            if not self.ecom_channel_id.allow_cod:
                return "risk", _("Order %s: channel %s does not accept cash on "
                                 "delivery.") % (self.name, self.ecom_channel_id.name)
            return None
        if float_compare(self.ecom_paid_amount, self.amount_total,
                         precision_rounding=rounding) != 0:
            return "amount_mismatch", _(
                "Order %s: paid %.2f, but the order total is %.2f.") % (
                self.name, self.ecom_paid_amount, self.amount_total)
        return None

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model
    def _ecom_channel_defaults(self, vals):
        """Complete the values of a new channel order (create and bulk create)."""
        if vals.get("ecom_channel_id"):
            channel = self.env["ecom.channel"].browse(vals["ecom_channel_id"])
            vals.setdefault("ecom_state", "to_review")
            vals.setdefault("ecom_received_at", fields.Datetime.now())
            # A parcel leaves complete unless the buyer agrees to batches
            # (then the order's shipping policy is "as soon as possible").
            vals.setdefault("picking_policy", "one")
            if channel.warehouse_id:
                vals.setdefault("warehouse_id", channel.warehouse_id.id)
            if channel.team_id:
                vals.setdefault("team_id", channel.team_id.id)
        return vals

    @api.model
    def create(self, vals):
        self._ecom_channel_defaults(vals)
        order = super(SaleOrder, self).create(vals)
        # Imports mail their orders in one batch at the end (ecom_defer_received_mail).
        if order.ecom_channel_id and not self.env.context.get("ecom_defer_received_mail"):
            order._ecom_notify_received()
        return order

    @api.multi
    def copy(self, default=None):
        # A duplicate is the staff's draft, not an order the buyer placed.
        default = dict(default or {})
        if self.ecom_channel_id and "ecom_platform_ref" not in default:
            default["ecom_platform_ref"] = self._ecom_copy_ref()
        return super(SaleOrder, self.with_context(ecom_defer_received_mail=True)).copy(
            default)

    def _ecom_copy_ref(self):
        """A platform number for a duplicate of this channel order: the
        original's with the first free suffix (-1, -2, ...), since a channel
        order needs one and it is unique per channel."""
        self.ensure_one()
        taken = set(self.with_context(active_test=False).search([
            ("ecom_channel_id", "=", self.ecom_channel_id.id),
            ("ecom_platform_ref", "=like", "%s-%%" % self.ecom_platform_ref),
        ]).mapped("ecom_platform_ref"))
        suffix = 1
        while "%s-%d" % (self.ecom_platform_ref, suffix) in taken:
            suffix += 1
        return "%s-%d" % (self.ecom_platform_ref, suffix)

    @api.multi
    def action_confirm(self):
        # Channel orders are confirmed by the finance review, never straight
        # from a quotation: that is what keeps them from skipping review.
        unreviewed = self.filtered(
            lambda o: o.ecom_channel_id and o.ecom_state != "approved")
        if unreviewed and not self.env.context.get("ecom_review_confirm"):
            raise UserError(_(
                "Channel orders are confirmed by passing CS and finance review: %s.")
                % ", ".join(unreviewed.mapped("name")))
        return super(SaleOrder, self).action_confirm()

    @api.multi
    def action_cancel(self):
        result = super(SaleOrder, self).action_cancel()
        channel_orders = self.filtered("ecom_channel_id")
        channel_orders._ecom_write({"ecom_state": "cancel"})
        channel_orders._ecom_activity_done(ACTIVITY_EXCEPTION, _("Order cancelled."))
        return result

    # ------------------------------------------------------------------
    # Review actions (contract)
    # ------------------------------------------------------------------
    @api.multi
    def action_ecom_cs_approve(self):
        """Customer-service review (客审): buyer, address, phone and items checked."""
        self._ecom_ensure("cs_approve")
        for order in self:
            problem = order._ecom_cs_problem()
            if problem:
                raise UserError(problem[1])
        self._ecom_do_cs_approve()
        return True

    @api.multi
    def action_ecom_finance_approve(self):
        """Finance review (财审): payment received or COD allowed, amount matches.

        Approval confirms the sale order, which creates its delivery.
        """
        self._ecom_ensure("finance_approve")
        for order in self:
            problem = order._ecom_finance_problem()
            if problem:
                raise UserError(problem[1])
        self._ecom_do_finance_approve()
        return True

    @api.multi
    def action_ecom_set_exception(self, reason_code, note=None):
        """Take orders out of review with a reason (异常), e.g. 'address_incomplete'."""
        self._ecom_ensure("set_exception")
        reason = self.env["ecom.exception.reason"].search([("code", "=", reason_code)],
                                                          limit=1)
        if not reason:
            raise UserError(_("Unknown exception reason: %s.") % reason_code)
        self._ecom_do_set_exception(reason, note)
        return True

    @api.multi
    def action_ecom_resume(self):
        """Put exception orders back at the review stage they left."""
        self._ecom_ensure("resume")
        for order in self:
            order._ecom_write({
                "ecom_state": order.ecom_state_before_exception or "to_review",
                "ecom_state_before_exception": False,
                "ecom_exception_reason_id": False,
                "ecom_exception_note": False,
                "ecom_exception_date": False,
            })
        self._ecom_activity_done(ACTIVITY_EXCEPTION, _("Order resumed."))
        return True

    @api.multi
    def action_ecom_cancel(self):
        """Cancel orders under review (the buyer closed the order)."""
        self._ecom_ensure("cancel")
        return self.action_cancel()

    # ------------------------------------------------------------------
    # What the actions do, once allowed (also used by the automatic rules)
    # ------------------------------------------------------------------
    def _ecom_do_cs_approve(self, rule=None):
        self._ecom_advance("cs_approve", {"ecom_cs_user_id": self.env.uid,
                                          "ecom_cs_date": fields.Datetime.now()})

    def _ecom_do_finance_approve(self, rule=None):
        self._ecom_advance("finance_approve", {"ecom_finance_user_id": self.env.uid,
                                               "ecom_finance_date": fields.Datetime.now()})
        # Odoo 11's action_confirm is not safe on several orders at once
        # (sale._action_confirm reads analytic_account_id as a singleton).
        # Each order gets a prefetch of its own: records reached from one
        # shared recordset share its prefetch, so every read would also load
        # the lines, moves and deliveries of all the orders confirmed before
        # in the batch, and the batch would cost the square of its size.
        # The deliveries are reserved after all the orders are confirmed (see
        # stock.picking.action_assign), first confirmed first served, the
        # stock rows locked from then to the commit only; in a background
        # job, by a reservation job of their own (ReservationBatch.close). A
        # bulk review passes its own batch: one reservation for all it passes.
        outer = self.env.context.get("ecom_reservation_batch")
        batch = outer if isinstance(outer, ReservationBatch) else ReservationBatch()
        confirm = self.with_context(ecom_review_confirm=True, ecom_reservation_batch=batch)
        for order in confirm.filtered(lambda o: o.state in ("draft", "sent")):
            order.with_prefetch().action_confirm()
        if batch is not outer:
            batch.close(self.env)
        self._ecom_invoice_at("approval")

    def _ecom_do_set_exception(self, reason, note=None):
        now = fields.Datetime.now()
        for order in self:
            order._ecom_write({
                "ecom_state_before_exception": order.ecom_state,
                "ecom_state": "exception",
                "ecom_exception_reason_id": reason.id,
                "ecom_exception_note": note or False,
                "ecom_exception_date": now,
                "ecom_had_exception": True,
            })
        if note:
            for order in self:
                order.message_post(body=_("Exception: %s. %s") % (reason.name, note))
        self._ecom_notify_held(reason, note)

    # ------------------------------------------------------------------
    # Notifications
    # ------------------------------------------------------------------
    def _ecom_notify_order(self):
        return self

    def _ecom_notify_received(self, imported=False):
        """Mail 'order received' to the buyers of these channel orders.

        Imported orders (`imported`) are mailed only for channels that want it.
        """
        orders = self
        if imported:
            orders = self.browse(self.with_context(prefetch_fields=False).filtered(
                lambda o: o.ecom_channel_id.notify_on_import).ids)
        return orders._ecom_notify_buyer(MAIL_RECEIVED)

    def _ecom_notify_held(self, reason, note=None):
        """An order is held: the buyer is told why (unless the reason is
        not for the buyer), the exception handler gets one to-do per order."""
        if reason.notify_buyer:
            self._ecom_notify_buyer(MAIL_HELD)
        for order in self:
            handler = order.ecom_channel_id.exception_user_id or order.user_id \
                or self.env.user
            order._ecom_activity_schedule(
                ACTIVITY_EXCEPTION, handler,
                summary=_("Exception: %s") % reason.name,
                note="<p>%s</p>" % html_escape(
                    "\n".join(filter(None, [note, reason.description]))))

    # ------------------------------------------------------------------
    # SLA
    # ------------------------------------------------------------------
    def _ecom_mark_sla_done(self):
        """Record that the order is reviewed, picked and packed (SLA clock stops)."""
        now = fields.Datetime.now()
        for order in self.filtered(lambda o: o.ecom_channel_id and not o.ecom_sla_done_at):
            order.write({
                "ecom_sla_done_at": now,
                "ecom_sla_breached": bool(order.ecom_sla_deadline)
                and order.ecom_sla_deadline < now,
            })

    @api.model
    def _cron_ecom_sla_breach(self):
        """Flag every open order whose SLA deadline has passed (one UPDATE)."""
        self.env.cr.execute("""
            UPDATE sale_order SET ecom_sla_breached = TRUE
             WHERE ecom_channel_id IS NOT NULL
               AND ecom_sla_done_at IS NULL
               AND NOT COALESCE(ecom_sla_breached, FALSE)
               AND ecom_state IN ('to_review', 'to_finance', 'approved', 'exception')
               AND ecom_sla_deadline < (now() at time zone 'UTC')
        """)
        count = self.env.cr.rowcount
        self.invalidate_cache(["ecom_sla_breached"])
        return count

    def _ecom_demo_fulfil(self, stage, carrier_id):
        """Walk the deliveries of these orders up to `stage` (demo data only).

        Every step goes through the real actions, as the warehouse would.
        """
        stages = ["printed", "picked", "packed", "checked", "shipped", "delivered"]
        pickings = self.mapped("picking_ids").filtered("ecom_fulfil_state")
        pickings.write({"carrier_id": carrier_id})
        for picking in pickings:
            if not picking.carrier_tracking_ref:
                picking.carrier_tracking_ref = "SF%010d" % picking.id
        for step in stages[:stages.index(stage) + 1]:
            if step == "printed":
                pickings.action_ecom_print_waybill()
            elif step == "picked":
                pickings.action_ecom_pick()
            elif step == "packed":
                pickings.action_ecom_pack()
            elif step == "checked":
                for picking in pickings:
                    for move in picking.move_lines:
                        picking.action_ecom_scan(move.product_id.default_code,
                                                 int(move.product_qty))
                pickings.action_ecom_check()
            elif step == "shipped":
                # one courier takes them all, counting every parcel
                pickings.action_ecom_ship(sum(pickings.mapped("ecom_package_count")))
            elif step == "delivered":
                pickings.action_ecom_confirm_delivered()
