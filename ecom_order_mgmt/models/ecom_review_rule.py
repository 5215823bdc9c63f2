# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

OUTCOMES = [
    ("pass_cs", "Pass CS review"),
    ("pass_both", "Pass CS and finance review"),
    ("exception", "Hold as exception"),
]


class EcomReviewRule(models.Model):
    """An automatic review rule (自动审单规则).

    Rules are tried in sequence order; the first whose conditions all hold
    decides the order's outcome. Orders that no rule decides stay for people.
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
    payment_modes = fields.Char(
        string="Payment Modes",
        help="Comma-separated payment modes (prepaid, cod, cod_inspect, instalment); "
             "empty for all.")
    require_no_remark = fields.Boolean(string="Buyer Remark Empty")
    require_address_complete = fields.Boolean(string="Address Complete", default=True)
    require_paid = fields.Boolean(string="Paid (or COD Allowed)")
    require_stock = fields.Boolean(string="Stock Available")
    outcome = fields.Selection(OUTCOMES, required=True, default="pass_cs",
                               track_visibility="onchange")
    exception_reason_id = fields.Many2one("ecom.exception.reason", string="Exception Reason")
    order_count = fields.Integer(compute="_compute_order_count", string="Orders Decided")

    @api.constrains("amount_min", "amount_max", "outcome", "exception_reason_id",
                    "payment_modes")
    def _check_rule(self):
        modes = {"prepaid", "cod", "cod_inspect", "instalment"}
        for rule in self:
            if rule.amount_min < 0 or rule.amount_max < 0:
                raise ValidationError(_("Rule %s: amounts cannot be negative.") % rule.name)
            if rule.amount_max and rule.amount_min > rule.amount_max:
                raise ValidationError(
                    _("Rule %s: the lower bound is above the upper bound.") % rule.name)
            if rule.outcome == "exception" and not rule.exception_reason_id:
                raise ValidationError(
                    _("Rule %s holds orders as exceptions: give the reason.") % rule.name)
            unknown = set(rule._payment_modes()) - modes
            if unknown:
                raise ValidationError(_("Rule %s: unknown payment modes %s.") % (
                    rule.name, ", ".join(sorted(unknown))))

    def _compute_order_count(self):
        data = self.env["sale.order"].read_group(
            [("ecom_rule_id", "in", self.ids)], ["ecom_rule_id"], ["ecom_rule_id"])
        counts = {d["ecom_rule_id"][0]: d["ecom_rule_id_count"] for d in data}
        for rule in self:
            rule.order_count = counts.get(rule.id, 0)

    def _payment_modes(self):
        return [m.strip() for m in (self.payment_modes or "").split(",") if m.strip()]

    # ------------------------------------------------------------------
    def _failed_conditions(self, order, facts):
        """Texts of the conditions of this rule that `order` does not meet."""
        self.ensure_one()
        failed = []
        if self.company_id != order.company_id:
            failed.append(_("other company"))
        if self.channel_ids and order.ecom_channel_id not in self.channel_ids:
            failed.append(_("channel %s not in the rule") % order.ecom_channel_id.code)
        if self.amount_min and order.amount_total < self.amount_min:
            failed.append(_("total %.2f below %.2f") % (order.amount_total, self.amount_min))
        if self.amount_max and order.amount_total > self.amount_max:
            failed.append(_("total %.2f above %.2f") % (order.amount_total, self.amount_max))
        modes = self._payment_modes()
        if modes and order.ecom_payment_mode not in modes:
            failed.append(_("payment mode %s") % (order.ecom_payment_mode or "-"))
        if self.require_no_remark and (order.ecom_buyer_remark or "").strip():
            failed.append(_("buyer remark not empty"))
        if self.require_address_complete and facts["cs_problem"]:
            failed.append(_("address incomplete"))
        if self.require_paid and facts["finance_problem"]:
            failed.append(_("not paid as the order total"))
        if self.require_stock and facts["shortages"]:
            failed.append(_("short of %s") % ", ".join(
                p.default_code or p.name for p, _q, _f in facts["shortages"]))
        return failed

    def _describe(self):
        return _("Rule \"%s\" (%s)") % (self.name, dict(
            self._fields["outcome"]._description_selection(self.env))[self.outcome])

    @api.model
    def _apply_to_orders(self, orders):
        """Decide each open order by the first rule it meets.

        Returns an action showing the summary of what passed, what was held
        and what stays for people, and why.
        """
        orders = orders.filtered(lambda o: o.ecom_state in ("to_review", "to_finance"))
        rules = self.search([])
        results = []
        if not orders:
            return self.env["ecom.review.result"]._show(results)
        orders._ecom_lock()
        shortages = orders._ecom_stock_shortages() if any(rules.mapped("require_stock")) \
            else {}
        to_cs, to_finance, held = [], [], []
        reason_by_code = {}  # exception reason per code: one search per code, not per order

        def reason_for(code):
            if code not in reason_by_code:
                reason_by_code[code] = self._reason(code)
            return reason_by_code[code]

        for order in orders:
            facts = {
                "cs_problem": order._ecom_cs_problem(),
                "finance_problem": order._ecom_finance_problem(),
                "shortages": shortages.get(order.id, []),
            }
            decided, reasons = None, []
            for rule in rules:
                failed = rule._failed_conditions(order, facts)
                if not failed:
                    decided = rule
                    break
                reasons.append("%s: %s" % (rule.name, "; ".join(failed)))
            if not decided:
                note = _("No rule passed this order. %s") % " | ".join(reasons)
                order.write({"ecom_rule_id": False, "ecom_rule_note": note})
                results.append((order, "kept", note))
                continue
            note = _("%s decided.") % decided._describe()
            if reasons:
                note += " " + _("Rules before it did not apply: %s.") % " | ".join(reasons)
            cs_problem, finance_problem = facts["cs_problem"], facts["finance_problem"]
            if decided.outcome == "exception":
                held.append((order, decided, decided.exception_reason_id, note))
            elif order.ecom_state == "to_review" and cs_problem:
                # A rule only passes what the review itself would accept.
                held.append((order, decided, reason_for(cs_problem[0]),
                             note + " " + cs_problem[1]))
            elif decided.outcome == "pass_cs":
                if order.ecom_state == "to_review":
                    to_cs.append((order, decided, note))
                else:
                    results.append((order, "kept", note + " " + _(
                        "The rule passes CS review only; finance review is left to people.")))
            elif finance_problem:
                if order.ecom_state == "to_review":
                    to_cs.append((order, decided, note + " " + _(
                        "Finance review left to people: %s") % finance_problem[1]))
                else:
                    held.append((order, decided, reason_for(finance_problem[0]),
                                 note + " " + finance_problem[1]))
            else:
                to_finance.append((order, decided, note))
        decisions = defaultdict(list)
        for order, rule, note in to_cs:
            order._ecom_do_cs_approve(rule)
            decisions[(rule.id, note)].append(order.id)
            results.append((order, "passed", note))
        if to_finance:
            # One call per stage for the whole batch.
            finance = self.env["sale.order"].browse([o.id for o, _r, _n in to_finance])
            finance.filtered(lambda o: o.ecom_state == "to_review")._ecom_do_cs_approve()
            finance._ecom_do_finance_approve()
            for order, rule, note in to_finance:
                decisions[(rule.id, note)].append(order.id)
                results.append((order, "passed", note))
        for order, rule, reason, note in held:
            order._ecom_do_set_exception(reason)
            decisions[(rule.id, note)].append(order.id)
            results.append((order, "held", note))
        # orders decided by the same rule for the same reasons: one write
        for (rule_id, note), ids in decisions.items():
            self.env["sale.order"].browse(ids).write({"ecom_rule_id": rule_id,
                                                      "ecom_rule_note": note})
        return self.env["ecom.review.result"]._show(results)

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
