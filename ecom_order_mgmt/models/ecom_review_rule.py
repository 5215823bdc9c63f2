# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import review
from .sale_order import OPEN_STATES

OUTCOMES = [
    (review.PASS_CS, "Pass CS review"),
    (review.PASS_BOTH, "Pass CS and finance review"),
    (review.EXCEPTION, "Hold as exception"),
]


class EcomReviewRule(models.Model):
    """An automatic review rule (自动审单规则).

    Rules are tried in sequence order; the first whose conditions all hold
    decides the order's outcome. Orders that no rule decides stay for people.
    The decision itself is tools/review.py (no ORM); this model reads the
    facts of the orders and carries the decisions out.
    """

    _name = "ecom.review.rule"
    _description = "Automatic Review Rule"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, track_visibility="onchange")
    sequence = fields.Integer(default=10, track_visibility="onchange",
                              help="Rules are tried from the lowest sequence up.")
    active = fields.Boolean(default=True, track_visibility="onchange")
    company_id = fields.Many2one(
        "res.company", required=True, index=True,
        default=lambda self: self.env["res.company"]._company_default_get("ecom.review.rule"))
    channel_ids = fields.Many2many("ecom.channel", string="Channels",
                                   help="Leave empty for every channel.")
    amount_min = fields.Float(string="Order Total From", help="0 for no lower bound.")
    amount_max = fields.Float(string="Order Total Up To", help="0 for no upper bound.")
    payment_mode_ids = fields.Many2many("ecom.payment.mode", string="Payment Modes",
                                        help="Leave empty for every payment mode.")
    # The same modes as codes, for imports and clients that send
    # "prepaid, instalment" (the field of this model up to 11.0.1.0.0).
    payment_modes = fields.Char(
        string="Payment Mode Codes", compute="_compute_payment_modes",
        inverse="_inverse_payment_modes",
        help="Comma-separated payment modes (prepaid, cod, cod_inspect, instalment); "
             "empty for all.")
    require_no_remark = fields.Boolean(string="Buyer Remark Empty")
    require_address_complete = fields.Boolean(string="Address Complete", default=True)
    require_paid = fields.Boolean(string="Paid (or COD Allowed)")
    require_stock = fields.Boolean(string="Stock Available")
    outcome = fields.Selection(OUTCOMES, required=True, default=review.PASS_CS,
                               track_visibility="onchange")
    exception_reason_id = fields.Many2one("ecom.exception.reason", string="Exception Reason")
    order_count = fields.Integer(compute="_compute_order_count", string="Orders Decided")

    @api.constrains("amount_min", "amount_max", "outcome", "exception_reason_id")
    def _check_rule(self):
        for rule in self:
            if rule.amount_min < 0 or rule.amount_max < 0:
                raise ValidationError(_("Rule %s: amounts cannot be negative.") % rule.name)
            if rule.amount_max and rule.amount_min > rule.amount_max:
                raise ValidationError(
                    _("Rule %s: the lower bound is above the upper bound.") % rule.name)
            if rule.outcome == review.EXCEPTION and not rule.exception_reason_id:
                raise ValidationError(
                    _("Rule %s holds orders as exceptions: give the reason.") % rule.name)

    def _compute_order_count(self):
        data = self.env["sale.order"].read_group(
            [("ecom_rule_id", "in", self.ids)], ["ecom_rule_id"], ["ecom_rule_id"])
        counts = {d["ecom_rule_id"][0]: d["ecom_rule_id_count"] for d in data}
        for rule in self:
            rule.order_count = counts.get(rule.id, 0)

    @api.depends("payment_mode_ids")
    def _compute_payment_modes(self):
        for rule in self:
            rule.payment_modes = ", ".join(rule.payment_mode_ids.mapped("code"))

    def _inverse_payment_modes(self):
        for rule in self:
            codes = {m.strip() for m in (rule.payment_modes or "").split(",") if m.strip()}
            modes = self.env["ecom.payment.mode"].search([("code", "in", list(codes))])
            unknown = codes - set(modes.mapped("code"))
            if unknown:
                raise ValidationError(_("Rule %s: unknown payment modes %s.") % (
                    rule.name, ", ".join(sorted(unknown))))
            rule.payment_mode_ids = [(6, 0, modes.ids)]

    # ------------------------------------------------------------------
    # Automatic review: facts, decision (tools/review.py), execution
    # ------------------------------------------------------------------
    @api.model
    def _apply_to_orders(self, orders):
        """Decide each open order by the first rule it meets.

        Returns an action showing the summary of what passed, what was held
        and what stays for people, and why.
        """
        orders = orders.filtered(lambda o: o.ecom_state in OPEN_STATES)
        if not orders:
            return self.env["ecom.review.result"]._show([])
        orders._ecom_lock()
        rules = self.search([])._review_values()
        decisions = [review.decide(facts, rules)
                     for facts in self._review_facts(orders, rules)]
        return self.env["ecom.review.result"]._show(self._carry_out(orders, decisions))

    def _review_values(self):
        """These rules as review.Rule values, in their order."""
        return [review.Rule(
            id=rule.id, name=rule.name, company_id=rule.company_id.id,
            channel_ids=frozenset(rule.channel_ids.ids),
            amount_min=rule.amount_min, amount_max=rule.amount_max,
            payment_modes=frozenset(rule.payment_mode_ids.mapped("code")),
            require_no_remark=rule.require_no_remark,
            require_address_complete=rule.require_address_complete,
            require_paid=rule.require_paid, require_stock=rule.require_stock,
            outcome=rule.outcome, exception_reason_id=rule.exception_reason_id.id,
        ) for rule in self]

    @api.model
    def _review_facts(self, orders, rules):
        """The review.OrderFacts of each of `orders`, in their order.

        Read for the whole batch: each field once for all the orders (the
        lines and products loaded first), the stock only when a rule asks.
        """
        orders.mapped("order_line.product_id")
        shortages = {}
        if any(rule.require_stock for rule in rules):
            shortages = orders._ecom_stock_shortages()
        return [review.OrderFacts(
            company_id=order.company_id.id,
            channel_id=order.ecom_channel_id.id,
            channel_code=order.ecom_channel_id.code,
            amount=order.amount_total,
            payment_mode=order.ecom_payment_mode,
            remark=order.ecom_buyer_remark,
            stage=order.ecom_state,
            cs_problem=order._ecom_cs_problem(),
            finance_problem=order._ecom_finance_problem(),
            shortages=tuple(product.default_code or product.name
                            for product, _qty, _free in shortages.get(order.id, ())),
        ) for order in orders]

    @api.model
    def _carry_out(self, orders, decisions):
        """Apply `decisions` (one per order, same order), a stage at a time.

        Returns the (order, outcome, note) triples of the review summary.
        """
        translate = self._review_translator()
        labels = dict(self._fields["outcome"]._description_selection(self.env))
        kept, todo, notes = [], defaultdict(list), defaultdict(list)
        for order, decision in zip(orders, decisions):
            note = review.note(decision, translate, labels)
            if decision.action == review.KEEP:
                kept.append((order, "kept", note))
                # an order a "CS only" rule cannot pass further keeps its note
                if decision.rule is None:
                    notes[(False, note)].append(order.id)
                continue
            todo[decision.action].append((order, decision, note))
            notes[(decision.rule.id, note)].append(order.id)
        self._carry_out_stages(todo)
        # orders with the same rule and note: one write
        for (rule_id, note), ids in notes.items():
            self.env["sale.order"].browse(ids).write({"ecom_rule_id": rule_id,
                                                      "ecom_rule_note": note})
        return kept + [(order, "passed", note) for order, _d, note
                       in todo[review.CS] + todo[review.BOTH]] + [
            (order, "held", note) for order, _d, note in todo[review.HOLD]]

    @api.model
    def _carry_out_stages(self, todo):
        """Pass or hold the orders of `todo` ({action: [(order, decision, note)]}):
        one call per stage for the whole batch, one per exception reason."""
        Order = self.env["sale.order"]
        if todo[review.CS]:
            Order.browse([order.id for order, _d, _n in todo[review.CS]])._ecom_do_cs_approve()
        if todo[review.BOTH]:
            finance = Order.browse([order.id for order, _d, _n in todo[review.BOTH]])
            finance.filtered(lambda o: o.ecom_state == "to_review")._ecom_do_cs_approve()
            finance._ecom_do_finance_approve()
        held = defaultdict(list)
        for order, decision, _note in todo[review.HOLD]:
            held[(decision.reason_id, decision.reason_code)].append(order.id)
        for (reason_id, code), ids in held.items():
            reason = self.env["ecom.exception.reason"].browse(reason_id) if reason_id \
                else self._reason(code)
            Order.browse(ids)._ecom_do_set_exception(reason)

    def _review_translator(self):
        """template -> template in the user's language, for review.note()."""
        lang = self.env.lang
        if not lang or lang == "en_US":
            return None
        source = self.env["ir.translation"]._get_source
        return lambda text: source(None, ("code",), lang, text)

    @api.model
    def _reason(self, code):
        reason = self.env["ecom.exception.reason"].search([("code", "=", code or "risk")],
                                                          limit=1)
        if not reason:
            raise UserError(_("Exception reason %s is missing.") % code)
        return reason

    @api.multi
    def action_view_orders(self):
        action = self.env.ref("ecom_order_mgmt.action_ecom_order").read()[0]
        action["domain"] = [("ecom_rule_id", "in", self.ids)]
        action["context"] = {}
        return action
