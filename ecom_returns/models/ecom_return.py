# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.ecom_order_mgmt.const import FINANCE, MANAGER, WAREHOUSE
from odoo.addons.ecom_order_mgmt.models.ecom_guard_mixin import ecom_action

from ..tools import eligibility, fees, refund

TYPES = [
    ("return_refund", "Return and Refund"),
    ("refund_only", "Refund Only (before shipment)"),
    ("exchange", "Exchange"),
    ("reissue", "Reissue (lost or damaged in transit)"),
]
STATES = [
    ("draft", "Draft"),
    ("approved", "Approved"),
    ("waiting_return", "Waiting for Return"),
    ("received", "Received"),
    ("done", "Done"),
    ("rejected", "Rejected"),
]
# The case's decisions and documents: only the actions write these.
ACTION_FIELDS = ("state", "approved_by", "approved_at", "received_at", "done_at",
                 "reject_reason", "before_shipment", "return_picking_id",
                 "replacement_picking_id", "replacement_order_id", "refund_invoice_id",
                 "charge_invoice_id", "refund_deadline", "refund_breached")
# What the refund (or the exchange's settlement) waits for, per type.
REFUND_DUE = {"return_refund": ("received",), "refund_only": ("approved",),
              "exchange": ("approved", "received")}
MAIL_REFUNDED = "ecom_returns.mail_template_ecom_refund_done"


def fmt_quantity(quantity):
    return ("%g" % quantity) if quantity is not None else ""


class EcomReturn(models.Model):
    """An after-sales case (售后单): return, refund, exchange or reissue."""

    _name = "ecom.return"
    _description = "After-sales Case"
    _inherit = ["mail.thread", "mail.activity.mixin", "ecom.guard.mixin", "ecom.notify.mixin"]
    _order = "id desc"
    _ecom_protected_fields = ACTION_FIELDS

    name = fields.Char(string="Case", readonly=True, copy=False, default="/")
    type = fields.Selection(TYPES, required=True, default="return_refund", readonly=True,
                            states={"draft": [("readonly", False)]},
                            track_visibility="onchange")
    state = fields.Selection(STATES, required=True, default="draft", readonly=True,
                             copy=False, index=True, track_visibility="onchange")
    order_id = fields.Many2one("sale.order", string="Order", required=True, index=True,
                               readonly=True, states={"draft": [("readonly", False)]},
                               domain=[("ecom_channel_id", "!=", False),
                                       ("state", "in", ("sale", "done"))])
    partner_id = fields.Many2one(related="order_id.partner_id", store=True, readonly=True,
                                 string="Buyer")
    channel_id = fields.Many2one(related="order_id.ecom_channel_id", store=True,
                                 readonly=True, string="Channel")
    company_id = fields.Many2one(related="order_id.company_id", store=True, readonly=True)
    currency_id = fields.Many2one(related="order_id.currency_id", readonly=True)
    user_id = fields.Many2one("res.users", string="Opened By", readonly=True,
                              default=lambda self: self.env.uid)
    feedback_id = fields.Many2one("ecom.feedback", string="From Feedback", readonly=True)
    line_ids = fields.One2many("ecom.return.line", "return_id", string="Lines", copy=True,
                               readonly=True, states={"draft": [("readonly", False)]})
    evidence = fields.Text(string="Evidence Notes",
                           help="Photos received, what the buyer says, carrier remarks.")
    tags_intact = fields.Boolean(string="Tags Intact", default=True)
    packaging_intact = fields.Boolean(string="Packaging Intact", default=True)
    before_shipment = fields.Boolean(
        readonly=True, copy=False,
        help="Opened while nothing of the order had left the warehouse.")

    shipping_payer = fields.Selection(
        [("buyer", "Buyer"), ("company", "Company"), ("carrier", "Carrier")],
        string="Return Shipping Paid By", compute="_compute_amounts",
        help="Follows who is responsible for the lines (see the after-sales reasons) and "
             "the company's return policy.")
    buyer_fee = fields.Monetary(
        string="Buyer's Shipping Share", compute="_compute_amounts",
        help="Return shipping deducted from the refund when the buyer pays it.")
    goods_amount = fields.Monetary(string="Goods Paid", compute="_compute_amounts")
    price_difference = fields.Monetary(
        compute="_compute_amounts",
        help="Exchange: replacement price minus price paid (positive: the buyer pays).")
    refund_preview = fields.Monetary(string="Expected Refund", compute="_compute_amounts")

    reject_reason = fields.Text(readonly=True, copy=False, track_visibility="onchange")
    approved_by = fields.Many2one("res.users", readonly=True, copy=False,
                                  track_visibility="onchange")
    approved_at = fields.Datetime(readonly=True, copy=False)
    received_at = fields.Datetime(readonly=True, copy=False)
    done_at = fields.Datetime(readonly=True, copy=False)
    return_picking_id = fields.Many2one("stock.picking", string="Return Receipt",
                                        readonly=True, copy=False)
    replacement_picking_id = fields.Many2one("stock.picking", string="Replacement Delivery",
                                             readonly=True, copy=False)
    replacement_order_id = fields.Many2one(
        "sale.order", string="Replacement Order", readonly=True, copy=False,
        help="Exchange after delivery: the channel order of the replacement goods, "
             "reviewed, checked for stock and shipped like any order.")
    refund_invoice_id = fields.Many2one("account.invoice", string="Credit Note",
                                        readonly=True, copy=False)
    charge_invoice_id = fields.Many2one("account.invoice", string="Difference Invoice",
                                        readonly=True, copy=False)
    claim_ids = fields.One2many("ecom.carrier.claim", "return_id", string="Carrier Claims")

    can_approve = fields.Boolean(compute="_compute_ecom_can")
    can_reject = fields.Boolean(compute="_compute_ecom_can")
    can_refund = fields.Boolean(compute="_compute_ecom_can")
    can_receive = fields.Boolean(compute="_compute_ecom_can")

    # ------------------------------------------------------------------
    # Computations
    # ------------------------------------------------------------------
    @api.depends("type", "line_ids.quantity", "line_ids.price_unit",
                 "line_ids.responsibility", "line_ids.replacement_price_unit",
                 "line_ids.quantity_received", "line_ids.quantity_defective",
                 "received_at", "order_id.ecom_paid_amount", "company_id")
    def _compute_amounts(self):
        siblings = self._ecom_siblings()
        for case in self:
            figures = case._ecom_figures(siblings)
            case.shipping_payer = figures["payer"]
            case.buyer_fee = float(figures["fee"])
            case.goods_amount = float(figures["goods"])
            case.price_difference = float(figures["difference"])
            case.refund_preview = float(figures["refund"].amount) \
                if figures["refund"] else 0.0

    def _ecom_figures(self, siblings=None, already=None):
        """Money of the case, to the cent (Decimal): who pays the return
        shipping, the buyer's share, the goods, the exchange difference and
        what would be refunded now (`already`: what the order's other cases
        refunded, when the caller knows it better than the database).
        The goods count the units accepted: all announced ones until the
        parcel is received, then what arrived less the defective units the
        buyer is responsible for (tools/receipt.py)."""
        company = self.company_id or self.env.user.company_id
        lines = self.line_ids.filtered(lambda ln: ln.product_id and ln.quantity > 0)
        parcel = self.type in ("return_refund", "exchange") and not self.before_shipment
        payer = fees.shipping_payer(
            [ln.responsibility or "customer" for ln in lines],
            company.ecom_return_customer_fault_payer or "buyer") if parcel else False
        fee = fees.buyer_shipping_share(
            [ln.responsibility or "customer" for ln in lines],
            company.ecom_return_shipping_fee or 0.0,
            company.ecom_return_customer_fault_payer or "buyer") if parcel \
            else refund.money(0)
        goods = sum((refund.line_amount(ln.quantity_accepted, ln.price_unit)
                     for ln in lines), refund.money(0))
        difference = refund.price_difference(
            [(ln.quantity_accepted, ln.price_unit, ln.replacement_price_unit)
             for ln in lines]) if self.type == "exchange" else refund.money(0)
        result = None
        if already is None and self.type in ("return_refund", "refund_only", "exchange"):
            already = self._ecom_already_refunded(siblings)
        if self.type in ("return_refund", "refund_only"):
            result = refund.refund_amount(
                [(ln.quantity_accepted, ln.price_unit) for ln in lines], fee,
                self.order_id.ecom_paid_amount or 0.0, already)
        elif self.type == "exchange":
            owed = difference + fee
            if owed < 0:
                result = refund.refund_amount([(1, -owed)], 0, self.order_id.ecom_paid_amount,
                                              already)
        return {"payer": payer, "fee": fee, "goods": goods, "difference": difference,
                "refund": result, "charge": max(difference + fee, refund.money(0))
                if self.type == "exchange" else refund.money(0)}

    def _ecom_siblings(self):
        """{order id: [every case of the order]} for the orders of these cases,
        in one search: quantities and money are limited per order, across its
        cases. The records share one prefetch, so reading them is one query
        per field for the whole batch."""
        siblings = defaultdict(list)
        orders = self.mapped("order_id")
        if orders:
            for case in self.sudo().search([("order_id", "in", orders.ids)], order="id"):
                siblings[case.order_id.id].append(case)
        return siblings

    def _ecom_others(self, siblings=None):
        """The order's other cases (sudo records)."""
        if siblings is None:
            siblings = self._ecom_siblings()
        return [other for other in siblings.get(self.order_id.id, ())
                if other.id not in self.ids]

    def _ecom_already_refunded(self, siblings=None):
        """Credit notes of the order's other cases (posted)."""
        if not self.order_id:
            return 0.0
        return refund.money(sum(
            other.refund_invoice_id.amount_total for other in self._ecom_others(siblings)
            if other.refund_invoice_id.state in ("open", "paid")))

    # ------------------------------------------------------------------
    # Quantities and eligibility
    # ------------------------------------------------------------------
    def _ecom_order_shipped(self, order=None):
        order = order or self.order_id
        return bool(order.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and not p.ecom_replacement_of_id
            and (p.state == "done" or p.ecom_fulfil_state in ("shipped", "delivered"))))

    def _ecom_delivery(self):
        """The original delivery that reached the buyer (last one shipped)."""
        return self.order_id.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state == "done"
            and not p.ecom_replacement_of_id).sorted("id")[-1:]

    def _ecom_bucket(self):
        if self.type == "reissue":
            return "reissue"
        return "before" if self.before_shipment else "after"

    def _ecom_basis(self):
        """{product id: quantity} the case may be about: ordered (before
        shipment) or delivered to the buyer (after)."""
        basis = defaultdict(float)
        if self.before_shipment:
            for line in self.order_id.order_line.filtered("product_id"):
                basis[line.product_id.id] += line.product_uom_qty
            return basis
        for picking in self.order_id.picking_ids.filtered(
                lambda p: p.picking_type_code == "outgoing" and p.state == "done"
                and not p.ecom_replacement_of_id):
            for move in picking.move_lines.filtered(lambda m: m.state == "done"):
                basis[move.product_id.id] += move.product_qty
        return basis

    def _ecom_taken(self, siblings=None):
        """{product id: quantity} already returned or in the order's other open cases."""
        taken = defaultdict(float)
        bucket = self._ecom_bucket()
        for other in self._ecom_others(siblings):
            if other.state != "rejected" and other._ecom_bucket() == bucket:
                for line in other.line_ids:
                    taken[line.product_id.id] += line.quantity
        return taken

    def _ecom_requested(self):
        requested = defaultdict(float)
        for line in self.line_ids:
            requested[line.product_id.id] += line.quantity
        return requested

    def _ecom_quantity_messages(self, problems):
        products = self.env["product.product"]
        messages = []
        for problem in problems:
            name = products.browse(problem.key).display_name
            if problem.code == eligibility.NOT_POSITIVE:
                messages.append(_("%s: the quantity must be positive.") % name)
            elif problem.code == eligibility.OVER_QUANTITY:
                what = _("ordered") if self.before_shipment else _("delivered")
                messages.append(_(
                    "%s: %s asked, but only %s can still be returned (%s, minus what is "
                    "already returned or in another open case).") % (
                    name, fmt_quantity(problem.requested), fmt_quantity(problem.allowed), what))
        return messages

    def _ecom_check_quantities(self, siblings=None):
        cases = self.filtered(lambda c: c.state not in ("rejected", "done"))
        if cases and siblings is None:
            siblings = cases._ecom_siblings()
        for case in cases:
            problems = eligibility.quantity_problems(
                case._ecom_requested(), case._ecom_basis(), case._ecom_taken(siblings))
            if problems:
                raise ValidationError("\n".join(case._ecom_quantity_messages(problems)))

    def _ecom_type_problem(self):
        """Why this type of case does not fit the order now, or None."""
        shipped = self._ecom_order_shipped()
        if self.type == "refund_only" and shipped:
            return _("Order %s has already been shipped: it cannot be cancelled or "
                     "refunded as it is; the buyer must return the goods (open a "
                     "return).") % self.order_id.name
        if self.type in ("return_refund", "reissue") and not self._ecom_delivery():
            return _("Order %s has not been shipped yet: use a refund only or an exchange "
                     "before shipment.") % self.order_id.name
        if self.type == "exchange" and self.before_shipment and shipped:
            return _("Order %s has been shipped since this case was opened: the buyer must "
                     "return the goods first (open a new exchange).") % self.order_id.name
        return None

    def _ecom_eligibility_messages(self, siblings=None):
        """Everything that keeps a return after delivery from being accepted."""
        company = self.company_id
        delivery = self._ecom_delivery()
        delivered_at = delivery.ecom_delivered_at or delivery.ecom_shipped_at \
            or delivery.date_done
        problems = eligibility.eligibility_problems(
            fields.Datetime.from_string(delivered_at) if delivered_at else None,
            fields.Datetime.from_string(fields.Datetime.now()),
            company.ecom_return_days, self.tags_intact, self.packaging_intact,
            self._ecom_requested(), self._ecom_basis(), self._ecom_taken(siblings))
        messages = []
        for problem in problems:
            if problem.code == eligibility.NOT_DELIVERED:
                messages.append(_("The order has not been delivered."))
            elif problem.code == eligibility.TOO_LATE:
                messages.append(_(
                    "Delivered %d days ago: returns are accepted within %d days of "
                    "delivery.") % (problem.requested, problem.allowed))
            elif problem.code == eligibility.TAGS:
                messages.append(_("The tags are not intact."))
            elif problem.code == eligibility.PACKAGING:
                messages.append(_("The packaging is not intact."))
        messages.extend(self._ecom_quantity_messages(
            [p for p in problems if p.key is not None]))
        return messages

    # ------------------------------------------------------------------
    # One predicate per action
    # ------------------------------------------------------------------
    @api.model
    def _ecom_actions(self):
        actions = super(EcomReturn, self)._ecom_actions()
        draft_only = _("Case %(name)s is %(stage)s: only draft cases can be approved or "
                       "rejected.")
        actions.update({
            "approve": ecom_action([MANAGER], ["draft"], label=_(
                "Approving an after-sales case"), refusal=draft_only),
            "reject": ecom_action([MANAGER], ["draft"], label=_(
                "Rejecting an after-sales case"), refusal=draft_only),
            "refund": ecom_action([FINANCE], label=_("Refunding")),
            "receive": ecom_action([WAREHOUSE], ["waiting_return"], label=_(
                "Receiving returns"), refusal=_(
                "Case %(name)s is %(stage)s: only a case waiting for its parcel is "
                "received.")),
        })
        return actions

    def _ecom_why_not(self, action):
        """Why `action` cannot run on this case now, or None when it can."""
        why = super(EcomReturn, self)._ecom_why_not(action)
        if why:
            return why
        if action == "approve":
            if self.user_id == self.env.user and not self._ecom_is_system():
                # segregation of duties, as for custom requests
                return _("You opened case %s: another manager must approve it.") % self.name
            if not self.line_ids:
                return _("Case %s has no line.") % self.name
            return self.sudo()._ecom_type_problem()
        if action == "receive":
            picking = self.return_picking_id
            if not picking or picking.state in ("done", "cancel"):
                return _("Case %s has no return receipt to validate.") % self.name
        if action == "refund":
            if self.approved_by == self.env.user and not self._ecom_is_system():
                return _("You approved case %s: someone else in finance refunds it.") % self.name
            if self.state not in REFUND_DUE.get(self.type, ()):
                return _("Case %s is %s: nothing is to be refunded or settled now.") % (
                    self.name, self._ecom_state_label())
            if self.type == "refund_only" and self.order_id.ecom_payment_state == "unpaid":
                return _("Order %s was not paid: there is nothing to refund.") % (
                    self.order_id.name)
            if self.type == "exchange":
                figures = self._ecom_figures()
                if not figures["charge"] and not figures["refund"]:
                    return _("Case %s has no price difference to settle.") % self.name
        return None

    def _ecom_lock_for(self, action):
        super(EcomReturn, self)._ecom_lock_for(action)
        if action in ("approve", "refund"):
            # Quantities and money are limited per order, across its cases:
            # two cases of one order are approved or refunded one at a time.
            self.mapped("order_id")._ecom_lock(touch=True)

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        # A new case is a draft (copy() passes the default state explicitly).
        self._ecom_check_protected(
            {name: value for name, value in vals.items()
             if not (name == "state" and value == "draft")})
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code("ecom.return") or "/"
        order = self.env["sale.order"].browse(vals.get("order_id"))
        if order and "before_shipment" not in vals:
            vals["before_shipment"] = not self.sudo()._ecom_order_shipped(order.sudo())
        case = super(EcomReturn, self).create(vals)
        if not case.order_id.ecom_channel_id:
            raise ValidationError(_("After-sales cases are opened on channel orders."))
        # The order's deliveries and other cases decide, whoever opens it.
        problem = case.sudo()._ecom_type_problem()
        if problem:
            raise ValidationError(problem)
        case.sudo()._ecom_check_quantities()
        return case

    @api.multi
    def write(self, vals):
        result = super(EcomReturn, self).write(vals)
        if "type" in vals or "order_id" in vals:
            for case in self.sudo().filtered(lambda c: c.state == "draft"):
                problem = case._ecom_type_problem()
                if problem:
                    raise ValidationError(problem)
            self.sudo()._ecom_check_quantities()
        return result

    @api.multi
    def unlink(self):
        if self.filtered(lambda c: c.state != "draft"):
            raise UserError(_("Only draft cases can be deleted."))
        return super(EcomReturn, self).unlink()

    # ------------------------------------------------------------------
    # Actions (contract)
    # ------------------------------------------------------------------
    @api.multi
    def action_approve(self):
        """Manager approval: eligibility checked, then what the type needs.

        Before shipment the order itself changes (or closes when unpaid);
        after delivery a return receipt is created; a reissue ships again.
        A batch is checked as a whole before anything is written.
        """
        self._ecom_ensure("approve")
        siblings = self._ecom_siblings()
        for case in self.sudo():
            case._ecom_check_quantities(siblings)
            if not case.before_shipment and case.type in ("return_refund", "exchange"):
                messages = case._ecom_eligibility_messages(siblings)
                if messages:
                    raise UserError(_("Case %s is not eligible for a return:\n%s") % (
                        case.name, "\n".join(messages)))
        decision = {"approved_by": self.env.uid, "approved_at": fields.Datetime.now()}
        returns = self.filtered(lambda c: c.type == "return_refund" or (
            c.type == "exchange" and not c.before_shipment))
        if returns:
            returns.sudo()._ecom_create_return_pickings()
            # One change in the chatter, by the manager: approved, now waiting
            # for the parcel ("approved" alone would never be seen).
            returns._ecom_write(dict(decision, state="waiting_return"))
        others = self - returns
        if others:
            others._ecom_write(dict(decision, state="approved"))
            for case in others.sudo():
                case._ecom_after_approval()
        return True

    @api.multi
    def action_reject(self, reason):
        """Manager rejection; the reason is mandatory and told to the buyer."""
        self._ecom_ensure("reject")
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Give the reason of the rejection."))
        self._ecom_write({"state": "rejected", "reject_reason": reason})
        for case in self:
            case.message_post(body=_("Rejected: %s") % reason)
        return True

    @api.multi
    def action_refund(self):
        """Finance: the credit note (or the exchange difference invoice), posted."""
        self._ecom_ensure("refund")
        self._ecom_do_refund()
        return True

    @api.multi
    def action_open_reject_wizard(self):
        self._ecom_ensure("reject")
        return {
            "type": "ir.actions.act_window", "name": _("Reject"),
            "res_model": "ecom.return.reject.wizard", "view_mode": "form",
            "target": "new", "context": {"default_return_id": self.id},
        }
