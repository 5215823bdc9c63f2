# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero

from odoo.addons import decimal_precision as dp
from odoo.addons.ecom_order_mgmt.const import FINANCE, MANAGER
from odoo.addons.ecom_order_mgmt.models.ecom_guard_mixin import ecom_action

from ..tools import eligibility, fees, refund
from .ecom_return_reason import RESPONSIBILITIES

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
                 "replacement_picking_id", "refund_invoice_id", "charge_invoice_id")
# What the refund (or the exchange's settlement) waits for, per type.
REFUND_DUE = {"return_refund": ("received",), "refund_only": ("approved",),
              "exchange": ("approved", "received")}
MAIL_REFUNDED = "ecom_returns.mail_template_ecom_refund_done"


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
    refund_invoice_id = fields.Many2one("account.invoice", string="Credit Note",
                                        readonly=True, copy=False)
    charge_invoice_id = fields.Many2one("account.invoice", string="Difference Invoice",
                                        readonly=True, copy=False)
    claim_ids = fields.One2many("ecom.carrier.claim", "return_id", string="Carrier Claims")

    can_approve = fields.Boolean(compute="_compute_ecom_can")
    can_reject = fields.Boolean(compute="_compute_ecom_can")
    can_refund = fields.Boolean(compute="_compute_ecom_can")

    # ------------------------------------------------------------------
    # Computations
    # ------------------------------------------------------------------
    @api.depends("type", "line_ids.quantity", "line_ids.price_unit",
                 "line_ids.responsibility", "line_ids.replacement_price_unit",
                 "order_id.ecom_paid_amount", "company_id")
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
        refunded, when the caller knows it better than the database)."""
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
        goods = sum((refund.line_amount(ln.quantity, ln.price_unit) for ln in lines),
                    refund.money(0))
        difference = refund.price_difference(
            [(ln.quantity, ln.price_unit, ln.replacement_price_unit) for ln in lines]) \
            if self.type == "exchange" else refund.money(0)
        result = None
        if already is None and self.type in ("return_refund", "refund_only", "exchange"):
            already = self._ecom_already_refunded(siblings)
        if self.type in ("return_refund", "refund_only"):
            result = refund.refund_amount(
                [(ln.quantity, ln.price_unit) for ln in lines], fee,
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
                    name, _fmt(problem.requested), _fmt(problem.allowed), what))
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
        if action == "refund":
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

    # ------------------------------------------------------------------
    def _ecom_after_approval(self):
        """What an approved case does to its order and its delivery (a return
        after delivery has its receipt instead, see _ecom_create_return_pickings)."""
        self.ensure_one()
        order = self.order_id
        if self.type == "refund_only":
            if order.ecom_payment_state == "unpaid":
                order.action_cancel()
                self._ecom_done(_("Unpaid order %s closed.") % order.name)
                return
            self._ecom_reduce_delivery()
            if not order.picking_ids.filtered(
                    lambda p: p.picking_type_code == "outgoing"
                    and p.state not in ("done", "cancel")):
                order.action_cancel()
            return
        if self.type == "exchange":
            self._ecom_swap_on_delivery()
            if self._ecom_has_difference():
                return
            self._ecom_done(_("Exchanged on the delivery; no price difference."))
            return
        if self.type == "reissue":
            picking = self._ecom_create_delivery(
                [(ln.replacement_product_id or ln.product_id, ln.quantity)
                 for ln in self.line_ids])
            delivery = self._ecom_delivery()
            self.env["ecom.carrier.claim"].create({
                "return_id": self.id,
                "carrier_id": delivery.carrier_id.id,
                "tracking_ref": delivery.carrier_tracking_ref,
                "amount": float(sum((refund.line_amount(ln.quantity, ln.price_unit)
                                     for ln in self.line_ids), refund.money(0))),
            })
            self._ecom_done(_("Reissued at no charge in %s; carrier claim recorded.")
                            % picking.name)

    def _ecom_has_difference(self):
        """True when an exchange still has money to settle."""
        figures = self._ecom_figures()
        return bool(figures["charge"] or figures["refund"])

    def _ecom_done(self, note=None):
        self._ecom_write({"state": "done", "done_at": fields.Datetime.now()})
        if note:
            self.message_post(body=note)

    def _ecom_open_deliveries(self):
        return self.order_id.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state not in ("done", "cancel")
            and not p.ecom_replacement_of_id)

    def _ecom_reopen_check(self, pickings):
        """A delivery whose contents change must be checked (scanned) again."""
        for picking in pickings.filtered(lambda p: p.ecom_fulfil_state == "checked"):
            picking.ecom_scan_ids.unlink()
            picking._ecom_write({"ecom_fulfil_state": "packed"})
        pickings.filtered(lambda p: p.ecom_fulfil_state == "packed").mapped(
            "ecom_scan_ids").unlink()

    def _ecom_reduce_delivery(self):
        """Take this case's quantities out of the order's delivery (not shipped)."""
        pickings = self._ecom_open_deliveries()
        for line in self.line_ids:
            rest = line.quantity
            moves = pickings.mapped("move_lines").filtered(
                lambda m: m.product_id == line.product_id
                and m.state not in ("done", "cancel"))
            for move in moves:
                if rest <= 0:
                    break
                take = min(rest, move.product_uom_qty)
                move._do_unreserve()
                if float_compare(take, move.product_uom_qty,
                                 precision_rounding=move.product_uom.rounding) >= 0:
                    move._action_cancel()
                    # Off the parcel altogether, unless it was its last line
                    # (the delivery then ends cancelled).
                    if move.picking_id.move_lines.filtered(lambda m: m.state != "cancel"):
                        move.unlink()
                else:
                    move.product_uom_qty -= take
                rest -= take
        self._ecom_reopen_check(pickings)
        live = pickings.filtered(lambda p: p.move_lines.filtered(
            lambda m: m.state not in ("done", "cancel")))
        if live:
            live.action_assign()

    def _ecom_swap_on_delivery(self):
        """Exchange before shipment: replacement in, original out, same parcel."""
        picking = self._ecom_open_deliveries()[:1]
        if not picking:
            raise UserError(_("Order %s has no delivery left to change.") % self.order_id.name)
        moves = self.env["stock.move"]
        for line in self.line_ids:
            product = line.replacement_product_id or line.product_id
            moves |= moves.create(self._ecom_move_values(picking, product, line.quantity))
        moves._action_confirm()
        self._ecom_reduce_delivery()

    def _ecom_move_values(self, picking, product, quantity):
        return {
            "name": product.display_name, "product_id": product.id,
            "product_uom_qty": quantity, "product_uom": product.uom_id.id,
            "picking_id": picking.id, "picking_type_id": picking.picking_type_id.id,
            "location_id": picking.location_id.id,
            "location_dest_id": picking.location_dest_id.id,
            "group_id": (picking.group_id or self.order_id.procurement_group_id).id,
            "company_id": picking.company_id.id,
            "origin": "%s, %s" % (self.order_id.name, self.name),
            "warehouse_id": picking.picking_type_id.warehouse_id.id,
        }

    def _ecom_create_delivery(self, products):
        """A new channel delivery (exchange replacement, reissue) at no charge:
        no sale line, nothing invoiced; it goes through the fulfilment stages."""
        order = self.order_id
        picking_type = order.warehouse_id.out_type_id
        picking = self.env["stock.picking"].create({
            "picking_type_id": picking_type.id,
            "partner_id": order.partner_shipping_id.id,
            "location_id": picking_type.default_location_src_id.id,
            "location_dest_id": order.partner_shipping_id.property_stock_customer.id,
            "origin": "%s, %s" % (order.name, self.name),
            "company_id": order.company_id.id,
            "move_type": "one",
            "ecom_replacement_of_id": self.id,
            "ecom_fulfil_state": "to_print",
        })
        moves = self.env["stock.move"]
        for product, quantity in products:
            values = self._ecom_move_values(picking, product, quantity)
            values["price_unit"] = 0.0
            moves |= moves.create(values)
        picking.action_confirm()
        picking.action_assign()
        self._ecom_write({"replacement_picking_id": picking.id})
        return picking

    def _ecom_create_return_pickings(self):
        """A standard Odoo return of each case's delivery, into the returns
        location, created without logging its creation and intermediate
        states (Odoo's note on the receipt says where it comes from; the case
        records the approval)."""
        deliveries = {case.id: case._ecom_delivery() for case in self}
        warehouses = {case.id: deliveries[case.id].picking_type_id.warehouse_id
                      or case.order_id.warehouse_id for case in self}
        self.env["stock.warehouse"].union(*warehouses.values())._ecom_ensure_return_locations()
        Wizard = self.env["stock.return.picking"]
        wizard_fields = list(Wizard._fields)
        for case in self:
            delivery = deliveries[case.id]
            # Odoo's return writes and invalidates as it goes: with a prefetch
            # of its own, each receipt re-reads only its own records.
            case = case.with_prefetch()
            wizard = Wizard.with_context(active_id=delivery.id, active_ids=delivery.ids,
                                         active_model="stock.picking", mail_notrack=True,
                                         mail_create_nolog=True)
            values = wizard.default_get(wizard_fields)
            values["location_id"] = warehouses[case.id].ecom_return_location_id.id
            wanted = case._ecom_requested()
            for command in values.get("product_return_moves", ()):
                line = command[2]
                take = min(wanted.get(line["product_id"], 0.0), line["quantity"])
                line["quantity"] = take
                wanted[line["product_id"]] = wanted.get(line["product_id"], 0.0) - take
            picking_id, _type_id = wizard.create(values)._create_returns()
            picking = self.env["stock.picking"].browse(picking_id)
            picking.write({"ecom_return_id": case.id,
                           "origin": _("Return of %s, %s") % (delivery.name, case.name)})
            case._ecom_write({"return_picking_id": picking.id})
        # Returning a delivery again unreserves its earlier returns (Odoo's
        # wizard): reserve the order's open receipts again, so that each
        # parcel can be received as announced.
        siblings = self._ecom_siblings()
        receipts = self.env["stock.picking"].union(*(
            other.return_picking_id for case in self
            for other in siblings.get(case.order_id.id, ()) if other.return_picking_id))
        receipts.mapped("move_lines").filtered(
            lambda m: m.state in ("confirmed", "waiting", "partially_available"))._action_assign()
        return True

    @api.model
    def _ecom_on_returned(self, pickings):
        """These return receipts are validated: the cases are received (in
        the chatter by whoever validated), the goods inspected and dispatched."""
        pickings = pickings.filtered(lambda p: p.ecom_return_id.state == "waiting_return")
        cases = pickings.mapped("ecom_return_id")
        if not cases:
            return
        cases._ecom_write({"state": "received", "received_at": fields.Datetime.now()})
        cases = cases.sudo()
        cases._ecom_dispatch_inspected(pickings.sudo())
        for case in cases.filtered(lambda c: c.type == "exchange"):
            delivery = case._ecom_create_delivery(
                [(ln.replacement_product_id or ln.product_id, ln.quantity)
                 for ln in case.line_ids])
            if not case._ecom_has_difference():
                case._ecom_done(_("Replacement shipped in %s; no price difference.")
                                % delivery.name)

    def _ecom_dispatch_inspected(self, pickings):
        """Good units back to saleable stock, defective ones to the defective
        location (the supervisor is told): one internal move per line and
        destination, confirmed, reserved and done together."""
        moves = self.env["stock.move"]
        defective_cases = []
        for picking in pickings:
            case = picking.ecom_return_id
            warehouse = picking.picking_type_id.warehouse_id or case.order_id.warehouse_id
            source = picking.location_dest_id
            received = defaultdict(float)
            for move in picking.move_lines.filtered(lambda m: m.state == "done"):
                received[move.product_id.id] += move.product_qty
            defective_total = 0.0
            for line in case.line_ids:
                quantity = min(line.quantity, received[line.product_id.id])
                received[line.product_id.id] -= quantity
                defective = min(line.quantity_defective, quantity)
                good = quantity - defective
                if good > 0:
                    moves |= moves.create(case._ecom_inspection_move_values(
                        line.product_id, good, source, warehouse.lot_stock_id))
                if defective > 0:
                    defective_total += defective
                    moves |= moves.create(case._ecom_inspection_move_values(
                        line.product_id, defective, source,
                        warehouse.ecom_defective_location_id))
            if defective_total:
                defective_cases.append((case, defective_total))
        if moves:
            self._ecom_move_internal(moves)
        for case, defective_total in defective_cases:
            supervisor = case.company_id.ecom_return_supervisor_id or \
                self.env.ref("base.user_root")
            self.env["mail.activity"].create({
                "res_model_id": self.env["ir.model"]._get(self._name).id,
                "res_id": case.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                "user_id": supervisor.id,
                "summary": _("%d defective unit(s) returned") % defective_total,
                "note": ", ".join("%s × %s" % (ln.product_id.display_name,
                                               _fmt(ln.quantity_defective))
                                  for ln in case.line_ids if ln.quantity_defective),
                "date_deadline": fields.Date.context_today(self),
            })

    def _ecom_inspection_move_values(self, product, quantity, source, destination):
        return {
            "name": _("%s: inspected") % self.name, "product_id": product.id,
            "product_uom_qty": quantity, "product_uom": product.uom_id.id,
            "location_id": source.id, "location_dest_id": destination.id,
            "company_id": self.company_id.id, "origin": self.name,
        }

    @api.model
    def _ecom_move_internal(self, moves):
        """Carry out these internal moves at once: every unit must be there."""
        moves._action_confirm()
        moves._action_assign()
        by_quantity = defaultdict(lambda: self.env["stock.move.line"])
        for move_line in moves.mapped("move_line_ids"):
            by_quantity[move_line.product_uom_qty] |= move_line
        for quantity, move_lines in by_quantity.items():
            move_lines.write({"qty_done": quantity})
        for move in moves:
            if float_compare(move.quantity_done, move.product_uom_qty,
                             precision_rounding=move.product_uom.rounding) < 0:
                raise UserError(_("%s: %s units are not in %s.") % (
                    move.product_id.display_name, _fmt(move.product_uom_qty),
                    move.location_id.display_name))
        moves._action_done()
        return moves

    @api.multi
    def _ecom_demo_receive(self):
        """Validate the return receipts of these cases (demo data only):
        everything announced arrives, as the warehouse would record it."""
        for case in self:
            picking = case.return_picking_id
            for move_line in picking.move_line_ids:
                move_line.qty_done = move_line.product_uom_qty
            picking.button_validate()
        return True

    # ------------------------------------------------------------------
    # Money
    # ------------------------------------------------------------------
    def _ecom_do_refund(self):
        """Refund or settle these cases: every document is prepared from one
        read of the batch, then created and posted one by one, then each case
        is closed with its note."""
        siblings = self._ecom_siblings()
        refunded = {}  # order id: refunded so far, this batch included
        journals = {}
        plans = []
        for case in self:
            invoice_type, lines, expected = case.sudo()._ecom_refund_plan(siblings, refunded)
            plans.append((expected, case._ecom_invoice_values(invoice_type, lines, journals)))
        Invoice = self.env["account.invoice"].sudo()
        invoices = []
        for expected, values in plans:
            # Taxes and posting invalidate the whole cache, invoice by invoice:
            # with a prefetch of its own each one re-reads only its records.
            invoice = Invoice.with_context(
                type=values["type"], company_id=values["company_id"],
                force_company=values["company_id"]).create(values).with_prefetch()
            if invoice.invoice_line_ids.mapped("invoice_line_tax_ids"):
                invoice.compute_taxes()
            currency = invoice.currency_id
            if not float_is_zero(invoice.amount_total - float(expected),
                                 precision_rounding=currency.rounding):
                raise UserError(_("The document would be %.2f instead of %s.") % (
                    invoice.amount_total, expected))
            invoice.action_invoice_open()
            invoices.append((invoice.id, invoice.type, invoice.number))
        now = fields.Datetime.now()
        for case, (expected, _values), (invoice_id, invoice_type, number) in zip(
                self, plans, invoices):
            # Each chatter entry re-reads what it shows (the buyer...): kept
            # to this case, not re-read for the whole batch every time.
            case = case.with_prefetch()
            if invoice_type == "out_invoice":
                case._ecom_write({"charge_invoice_id": invoice_id, "state": "done",
                                  "done_at": now})
                case.message_post(body=_("Price difference invoiced: %s.") % number)
            else:
                case._ecom_write({"refund_invoice_id": invoice_id, "state": "done",
                                  "done_at": now})
                case.message_post(body=_("Refunded %s in credit note %s.") % (
                    expected, number))
        self.filtered("refund_invoice_id")._ecom_notify_buyer(MAIL_REFUNDED)

    def _ecom_refund_plan(self, siblings, refunded):
        """(invoice type, lines, amount) of the document that settles this
        case; `refunded` ({order id: amount}) counts the refunds of the batch
        so that the order's payment caps them all."""
        order = self.order_id
        if order.id not in refunded:
            refunded[order.id] = self._ecom_already_refunded(siblings)
        figures = self._ecom_figures(siblings, already=refunded[order.id])
        result = figures["refund"]
        if self.type == "exchange" and figures["charge"]:
            lines = [(ln.replacement_product_id or ln.product_id, ln.quantity,
                      ln.replacement_price_unit - ln.price_unit,
                      _("Exchange difference: %s → %s") % (
                          ln.product_id.display_name,
                          (ln.replacement_product_id or ln.product_id).display_name))
                     for ln in self.line_ids]
            if figures["fee"]:
                lines.append((None, 1, float(figures["fee"]), _("Return shipping")))
            return "out_invoice", lines, figures["charge"]
        if not result or result.amount <= 0:
            raise UserError(_("Nothing is left to refund on order %s: %s already refunded "
                              "of %s paid.") % (order.name, refunded[order.id],
                                                refund.money(order.ecom_paid_amount)))
        if self.type == "exchange":
            lines = [(ln.replacement_product_id or ln.product_id, ln.quantity,
                      ln.price_unit - ln.replacement_price_unit,
                      _("Exchange difference: %s → %s") % (
                          ln.product_id.display_name,
                          (ln.replacement_product_id or ln.product_id).display_name))
                     for ln in self.line_ids]
            goods = -figures["difference"]
        else:
            lines = [(ln.product_id, ln.quantity, ln.price_unit, ln.product_id.display_name)
                     for ln in self.line_ids]
            goods = result.goods
        if result.fee:
            lines.append((None, 1, -float(result.fee),
                          _("Return shipping paid by the buyer")))
        over = goods - result.fee - result.amount
        if over > 0:
            lines.append((None, 1, -float(over),
                          _("Limited to what is left of the payment")))
        refunded[order.id] += result.amount
        return "out_refund", lines, result.amount

    def _ecom_invoice_values(self, invoice_type, lines, journals):
        """Values of the customer invoice or credit note of these lines
        (`journals` keeps each company's journal across a batch)."""
        order = self.order_id
        company = order.company_id
        key = (invoice_type, company.id)
        if key not in journals:
            journals[key] = self.env["account.invoice"].sudo().with_context(
                type=invoice_type, company_id=company.id,
                force_company=company.id)._default_journal()
        journal = journals[key]
        partner = order.partner_invoice_id
        account = None
        invoice_lines = []
        for product, quantity, price_unit, name in lines:
            if product:
                account = product.property_account_income_id or \
                    product.categ_id.property_account_income_categ_id
            line_account = account or journal.default_credit_account_id
            if not line_account:
                raise UserError(_("Set an income account on %s or on journal %s.") % (
                    product.display_name if product else name, journal.name))
            invoice_lines.append((0, 0, {
                "product_id": product.id if product else False,
                "name": name, "quantity": quantity, "price_unit": price_unit,
                "account_id": line_account.id,
                "uom_id": product.uom_id.id if product else False,
                "invoice_line_tax_ids": [(6, 0, product.taxes_id.filtered(
                    lambda t: t.company_id == company).ids)] if product else [],
            }))
        return {
            "type": invoice_type, "partner_id": partner.id,
            "account_id": partner.property_account_receivable_id.id,
            "journal_id": journal.id, "currency_id": order.currency_id.id,
            "company_id": company.id,
            "origin": "%s, %s" % (order.name, self.name), "name": self.name,
            "invoice_line_ids": invoice_lines,
        }


def _fmt(quantity):
    return ("%g" % quantity) if quantity is not None else ""


class EcomReturnLine(models.Model):
    _name = "ecom.return.line"
    _description = "After-sales Case Line"
    _order = "return_id, id"

    return_id = fields.Many2one("ecom.return", required=True, index=True, ondelete="cascade")
    order_id = fields.Many2one(related="return_id.order_id", readonly=True)
    product_id = fields.Many2one("product.product", required=True)
    quantity = fields.Float(required=True, default=1.0,
                            digits=dp.get_precision("Product Unit of Measure"))
    reason_id = fields.Many2one("ecom.return.reason", string="Reason")
    responsibility = fields.Selection(RESPONSIBILITIES, required=True, default="customer")
    sale_line_id = fields.Many2one("sale.order.line", compute="_compute_sale_line",
                                   store=True, string="Order Line")
    price_unit = fields.Float(string="Paid Unit Price", compute="_compute_sale_line",
                              store=True, digits=dp.get_precision("Product Price"))
    replacement_product_id = fields.Many2one(
        "product.product", string="Replacement",
        help="Exchange: what the buyer gets instead (another size or colour...).")
    replacement_price_unit = fields.Float(
        string="Replacement Unit Price", digits=dp.get_precision("Product Price"))
    quantity_defective = fields.Float(
        string="Defective Units", digits=dp.get_precision("Product Unit of Measure"),
        help="Inspection at receipt: units judged defective; the others go back to stock.")
    note = fields.Char()

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)",
         "The quantity of a case line must be positive."),
        ("defective_within", "CHECK(quantity_defective >= 0 AND quantity_defective <= "
         "quantity)", "Defective units must be between zero and the line quantity."),
    ]

    @api.depends("product_id", "return_id.order_id")
    def _compute_sale_line(self):
        for line in self:
            sale_line = line.sudo().return_id.order_id.order_line.filtered(
                lambda ln: ln.product_id == line.product_id)[:1]
            line.sale_line_id = sale_line
            line.price_unit = sale_line.price_total / sale_line.product_uom_qty \
                if sale_line.product_uom_qty else 0.0

    @api.onchange("reason_id")
    def _onchange_reason_id(self):
        if self.reason_id:
            self.responsibility = self.reason_id.responsibility

    @api.onchange("replacement_product_id")
    def _onchange_replacement_product_id(self):
        if self.replacement_product_id:
            self.replacement_price_unit = self.replacement_product_id.lst_price

    def _ecom_check_line_values(self, vals):
        """Refuse bad quantities with a message before the database does
        (its constraints would abort the whole transaction)."""
        if "quantity" not in vals and "quantity_defective" not in vals:
            return
        for line in self or [self.browse()]:
            quantity = vals.get("quantity", line.quantity) or 0.0
            defective = vals.get("quantity_defective", line.quantity_defective) or 0.0
            if quantity <= 0:
                raise ValidationError(_("The quantity of a case line must be positive."))
            if not 0 <= defective <= quantity:
                raise ValidationError(_("Defective units must be between zero and the line "
                                        "quantity."))

    @api.model
    def create(self, vals):
        self._ecom_check_line_values(dict({"quantity": 0.0}, **vals))
        if vals.get("reason_id") and "responsibility" not in vals:
            vals["responsibility"] = self.env["ecom.return.reason"].browse(
                vals["reason_id"]).responsibility
        if vals.get("replacement_product_id") and "replacement_price_unit" not in vals:
            vals["replacement_price_unit"] = self.env["product.product"].browse(
                vals["replacement_product_id"]).lst_price
        line = super(EcomReturnLine, self).create(vals)
        if not line.sale_line_id:
            raise ValidationError(_("%s is not in order %s.") % (
                line.product_id.display_name, line.return_id.order_id.name))
        if line.return_id.type == "exchange" and not line.replacement_product_id:
            line.write({"replacement_product_id": line.product_id.id,
                        "replacement_price_unit": line.price_unit})
        line.return_id.sudo()._ecom_check_quantities()
        return line

    @api.multi
    def write(self, vals):
        self._ecom_check_line_values(vals)
        result = super(EcomReturnLine, self).write(vals)
        if "quantity" in vals or "product_id" in vals:
            self.mapped("return_id").sudo()._ecom_check_quantities()
        return result
