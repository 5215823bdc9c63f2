# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One notion of "in stock": an automatic review rule whose condition is
"Stock Available" never passes an order that the backorder check, run when
CS passes it, then holds back (safety stock, incoming receipts, backorder)."""
from datetime import date, timedelta

from .test_backorder import BackorderCase


class TestStockAgreement(BackorderCase):

    @classmethod
    def setUpClass(cls):
        super(TestStockAgreement, cls).setUpClass()
        # Only this test's rule takes part: CS review passes on stock alone.
        cls.env["ecom.review.rule"].search([]).write({"active": False})
        cls.rule = cls.env["ecom.review.rule"].create({
            "name": "In stock", "sequence": 1, "require_stock": True,
            "require_address_complete": False,
            "channel_ids": [(6, 0, cls.channel.ids)], "outcome": "pass_cs"})
        cls.product = cls._product("Agreement coat", "AGR-COAT", "6990000007011", 80.0, 0)
        cls.other = cls._product("Agreement scarf", "AGR-SCARF", "6990000007028", 20.0, 0)

    def _stock(self, product, quantity):
        self.env["stock.quant"]._update_available_quantity(
            product, self.stock_location, quantity)

    def _apply(self, orders):
        action = self._as("cs", orders).action_ecom_apply_review_rules()
        result = self.env["ecom.review.result"].browse(action["res_id"])
        return {line.order_id: line.outcome for line in result.line_ids}

    def _assert_agree(self, orders):
        """Whatever the rule passed, the backorder check found in stock."""
        outcome = self._apply(orders)
        for order in orders:
            if outcome[order] == "passed":
                self.assertEqual(order.ecom_state, "to_finance")
                self.assertEqual(order.ecom_shortage, "stock", "%s: %s" % (
                    order.name, order.order_line.mapped("ecom_shortage_note")))
        return outcome

    def test_safety_stock_is_not_in_stock_for_the_rule(self):
        # 10 on hand, 8 kept as safety stock: 2 free for orders.
        self._stock(self.product, 10)
        self.product.ecom_safety_stock = 8
        small = self._order([(self.product, 2)])
        big = self._order([(self.product, 5)])
        outcome = self._assert_agree(small | big)
        self.assertEqual((outcome[small], outcome[big]), ("passed", "kept"))
        self.assertIn("short of AGR-COAT", big.ecom_rule_note)
        self.assertEqual(big.ecom_state, "to_review", "left for people")

    def test_incoming_receipts_are_not_in_stock_for_the_rule(self):
        # 3 on hand, 10 arriving next week: the forecast would cover 8.
        self._stock(self.product, 3)
        self._incoming(self.product, 10, date.today() + timedelta(days=7))
        self.assertGreaterEqual(self.product.with_context(
            warehouse=self.warehouse.id).virtual_available, 8)
        order = self._order([(self.product, 8)])
        outcome = self._assert_agree(order)
        self.assertEqual(outcome[order], "kept")
        # CS passes it by hand: the check says it waits for the receipt.
        self._as("cs", order).action_ecom_cs_approve()
        self.assertEqual(order.ecom_shortage, "incoming")

    def test_stock_reserved_for_other_deliveries_is_not_free(self):
        self._stock(self.product, 4)
        earlier = self._approved([(self.product, 3)])
        self.assertEqual(self._delivery(earlier).state, "assigned", "3 of 4 reserved")
        order = self._order([(self.product, 2)])
        outcome = self._assert_agree(order)
        self.assertEqual(outcome[order], "kept")

    def test_orders_decided_together_share_the_stock(self):
        # 5 free, three orders of 2: the first two pass, the third waits.
        self._stock(self.product, 5)
        self._stock(self.other, 10)
        orders = self._order([(self.product, 2)]) | self._order([(self.product, 2),
                                                                 (self.other, 1)]) \
            | self._order([(self.product, 2)])
        outcome = self._assert_agree(orders)
        self.assertEqual([outcome[order] for order in orders], ["passed", "passed", "kept"])

    def test_the_hook_is_the_backorder_supply(self):
        """The allocation reads the same free figure as the review."""
        self._stock(self.product, 10)
        self.product.ecom_safety_stock = 3
        key = (self.warehouse.id, self.product.id)
        free = self.env["sale.order"]._ecom_free_stock(self.product, self.warehouse)
        supply = self.env["ecom.backorder"]._ecom_supply(self.product, self.warehouse)
        self.assertEqual(free[key], 7.0)
        self.assertEqual(supply["free"][key], 7.0)
