# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Automatic review rules: order of evaluation, outcome, recorded reason."""
from odoo.exceptions import AccessError, ValidationError

from .common import EcomCase


class TestReviewRules(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestReviewRules, cls).setUpClass()
        # Only this test's rules take part.
        cls.env["ecom.review.rule"].search([]).write({"active": False})
        Rule = cls.env["ecom.review.rule"]
        cls.rule_remark = Rule.create({
            "name": "Paid without remark", "sequence": 10, "require_no_remark": True,
            "require_paid": True, "require_stock": True, "amount_max": 1000,
            "channel_ids": [(6, 0, cls.channel.ids)], "outcome": "pass_both"})
        cls.rule_cs_only = Rule.create({
            "name": "Anything paid", "sequence": 20, "require_paid": True,
            "channel_ids": [(6, 0, cls.channel.ids)], "outcome": "pass_cs"})

    def _apply(self, orders, role="cs"):
        action = self._as(role, orders).action_ecom_apply_review_rules()
        result = self.env["ecom.review.result"].browse(action["res_id"])
        return {line.order_id: line.outcome for line in result.line_ids}

    def test_first_matching_rule_decides_and_is_recorded(self):
        order = self._order([(self.product_a, 2)])
        outcome = self._apply(order)
        self.assertEqual(outcome[order], "passed")
        self.assertEqual(order.ecom_state, "approved")
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.ecom_rule_id, self.rule_remark)
        self.assertIn("Paid without remark", order.ecom_rule_note)

    def test_later_rule_decides_when_the_first_fails_and_reason_is_kept(self):
        order = self._order(ecom_buyer_remark="请用礼盒包装")
        self._apply(order)
        self.assertEqual(order.ecom_rule_id, self.rule_cs_only)
        self.assertEqual(order.ecom_state, "to_finance", "the second rule passes CS only")

    def test_sequence_not_creation_order_decides(self):
        self.rule_cs_only.sequence = 1
        order = self._order()
        self._apply(order)
        self.assertEqual(order.ecom_rule_id, self.rule_cs_only)
        self.assertEqual(order.ecom_state, "to_finance")

    def test_no_rule_leaves_the_order_for_people_and_says_why(self):
        order = self._order(paid=False, ecom_paid_amount=10.0)
        outcome = self._apply(order)
        self.assertEqual(outcome[order], "kept")
        self.assertEqual(order.ecom_state, "to_review")
        self.assertFalse(order.ecom_rule_id)
        self.assertIn("Paid without remark: not paid as the order total", order.ecom_rule_note)
        self.assertIn("Anything paid: not paid as the order total", order.ecom_rule_note)

    def test_amount_bound_and_stock_condition(self):
        big = self._order([(self.product_a, 11)])       # 1,100 > 1,000
        short = self._order([(self.product_out, 1)])     # nothing in stock
        self._apply(big | short)
        self.assertEqual(big.ecom_rule_id, self.rule_cs_only)
        self.assertIn("above 1000.00", big.ecom_rule_note)
        self.assertEqual(short.ecom_rule_id, self.rule_cs_only)
        self.assertIn("short of TST-HAT", short.ecom_rule_note)

    def test_orders_reviewed_together_do_not_count_on_the_same_stock(self):
        # 20 in stock: the first order takes 15, the second cannot have 15 more.
        first = self._order([(self.product_b, 15)])
        second = self._order([(self.product_b, 15)])
        self._apply(first | second)
        self.assertEqual(first.ecom_rule_id, self.rule_remark)
        self.assertEqual(second.ecom_rule_id, self.rule_cs_only)
        self.assertIn("short of TST-SHIRT-M", second.ecom_rule_note)

    def test_exception_outcome_holds_with_the_reason(self):
        reason = self.env.ref("ecom_order_mgmt.exception_risk")
        self.env["ecom.review.rule"].create({
            "name": "Big orders are checked", "sequence": 1, "amount_min": 1000,
            "outcome": "exception", "exception_reason_id": reason.id})
        order = self._order([(self.product_a, 12)])
        outcome = self._apply(order)
        self.assertEqual(outcome[order], "held")
        self.assertEqual(order.ecom_state, "exception")
        self.assertEqual(order.ecom_exception_reason_id, reason)

    def test_rule_never_passes_an_incomplete_address(self):
        self.rule_remark.require_address_complete = False
        self.rule_cs_only.active = False
        order = self._order(ecom_city="")
        self._apply(order)
        self.assertEqual(order.ecom_state, "exception")
        self.assertEqual(order.ecom_exception_reason_id.code, "address_incomplete")

    def test_cron_reviews_open_orders(self):
        order = self._order()
        self.env["sale.order"]._cron_ecom_review_rules()
        self.assertEqual(order.ecom_state, "approved")

    def test_warehouse_cannot_run_rules_and_bad_rules_are_refused(self):
        order = self._order()
        with self.assertRaises(AccessError):
            self._as("warehouse", order).action_ecom_apply_review_rules()
        with self.assertRaises(ValidationError):
            self.env["ecom.review.rule"].create({
                "name": "Bad", "amount_min": 100, "amount_max": 10})
        with self.assertRaises(ValidationError):
            self.env["ecom.review.rule"].create({"name": "No reason", "outcome": "exception"})
        with self.assertRaises(ValidationError):
            self.env["ecom.review.rule"].create({"name": "Mode", "payment_modes": "bitcoin"})
