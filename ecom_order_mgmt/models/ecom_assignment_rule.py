# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rules that give new channel orders to CS users (订单分配, [004]).

"客户的订单应根据产品类型、区域和相关要求进行合理分配给不同的处理团队或个人;
分配订单时,应根据处理人员的实际工作负荷和能力进行合理安排": each rule names
a channel and/or provinces and the users who handle them, round-robin or by
the lowest open workload. The decision itself is tools/assignment.py.
"""
from odoo import api, fields, models

from ..tools.assignment import ROUND_ROBIN, WORKLOAD, Order, Rule, assign, parse_provinces

# What counts as a user's open work: orders still under review or held.
OPEN_WORK_STATES = ("to_review", "to_finance", "exception")


class EcomAssignmentRule(models.Model):
    _name = "ecom.assignment.rule"
    _description = "Order Assignment Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, help="Rules are tried in this order; the "
                                               "first that fits the order decides.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", string="Company",
        default=lambda self: self.env["res.company"]._company_default_get(
            "ecom.assignment.rule"))
    channel_id = fields.Many2one("ecom.channel", string="Sales Channel",
                                 help="Empty: orders of every channel.")
    provinces = fields.Char(
        string="Provinces / Region",
        help="Beginnings of the province names this rule takes (e.g. 浙江, 江苏, 上海), "
             "separated by commas or spaces. Empty: every province.")
    method = fields.Selection(
        [(ROUND_ROBIN, "Round-robin"), (WORKLOAD, "Lowest open workload")],
        string="Assign By", required=True, default=ROUND_ROBIN,
        help="Round-robin: each user in turn. Lowest open workload: the user with the "
             "fewest orders still under review or held as exception.")
    user_ids = fields.Many2many("res.users", string="Users",
                                domain=lambda self: [("groups_id", "in", self.env.ref(
                                    "ecom_order_mgmt.group_ecom_cs").id)])
    order_count = fields.Integer(compute="_compute_order_count", string="Open Orders")

    def _compute_order_count(self):
        counts = dict((row["ecom_assignment_rule_id"][0], row["ecom_assignment_rule_id_count"])
                      for row in self.env["sale.order"].read_group(
                          [("ecom_assignment_rule_id", "in", self.ids),
                           ("ecom_state", "in", OPEN_WORK_STATES)],
                          ["ecom_assignment_rule_id"], ["ecom_assignment_rule_id"]))
        for rule in self:
            rule.order_count = counts.get(rule.id, 0)

    # ------------------------------------------------------------------
    @api.model
    def _ecom_assign_orders(self, order_ids):
        """Assign the unassigned channel orders of `order_ids` in one pass.

        A few queries for the whole batch, whatever its size: the orders,
        the rules, the last user of each rule, the open workload; then one
        write per user. Returns {order id: user id}.
        """
        cr = self.env.cr
        cr.execute("""
            SELECT id, ecom_channel_id, ecom_province, company_id FROM sale_order
             WHERE id IN %s AND ecom_channel_id IS NOT NULL AND ecom_assignee_id IS NULL
             ORDER BY id""", (tuple(order_ids) or (0,),))
        orders = [Order(*row) for row in cr.fetchall()]
        if not orders:
            return {}
        records = self.sudo().search([("user_ids", "!=", False)])
        rules = [Rule(rule.id, rule.channel_id.id, parse_provinces(rule.provinces),
                      rule.company_id.id, rule.method,
                      tuple(rule.user_ids.filtered("active").ids)) for rule in records]
        if not rules:
            return {}
        cr.execute("""
            SELECT DISTINCT ON (ecom_assignment_rule_id) ecom_assignment_rule_id,
                   ecom_assignee_id
              FROM sale_order WHERE ecom_assignment_rule_id IN %s
             ORDER BY ecom_assignment_rule_id, id DESC""", (tuple(records.ids),))
        last_users = dict(cr.fetchall())
        users = tuple({user for rule in rules for user in rule.user_ids}) or (0,)
        cr.execute("""
            SELECT ecom_assignee_id, count(*) FROM sale_order
             WHERE ecom_assignee_id IN %s AND ecom_state IN %s
             GROUP BY ecom_assignee_id""", (users, OPEN_WORK_STATES))
        result = assign(orders, rules, last_users, dict(cr.fetchall()))
        by_target = {}
        for order_id, target in result.items():
            by_target.setdefault(target, []).append(order_id)
        Orders = self.env["sale.order"].sudo().with_context(tracking_disable=True)
        for (rule_id, user_id), ids in by_target.items():
            Orders.browse(ids)._ecom_write({"ecom_assignment_rule_id": rule_id,
                                            "ecom_assignee_id": user_id})
        return {order_id: user_id for order_id, (_rule, user_id) in result.items()}
