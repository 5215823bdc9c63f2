# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""After-sales on the E-commerce dashboard's channel card: cases open,
refunds due (finance and managers only)."""
import json

from .test_returns import ReturnsCase


class TestDashboardReturns(ReturnsCase):

    @classmethod
    def setUpClass(cls):
        super(TestDashboardReturns, cls).setUpClass()
        cls.order_due = cls._approved_order()
        cls.order_open = cls._approved_order()
        cls.order_rejected = cls._approved_order()

    @classmethod
    def _approved_order(cls):
        order = cls._order([(cls.product_a, 2)])
        order.sudo(cls.users["cs"]).action_ecom_cs_approve()
        order.sudo(cls.users["finance"]).action_ecom_finance_approve()
        return order

    def setUp(self):
        super(TestDashboardReturns, self).setUp()
        # approved refund before shipment: the refund is due
        self.due = self._case(self.order_due, "refund_only", [(self.product_a, 1, "customer")])
        self._as("manager", self.due).action_approve()
        # waiting for the supervisor: open, nothing due yet
        self.open = self._case(self.order_open, "refund_only",
                               [(self.product_a, 1, "customer")])
        rejected = self._case(self.order_rejected, "refund_only",
                              [(self.product_a, 1, "customer")])
        self._as("manager", rejected).action_reject("Changed their mind")

    def _card(self, role):
        return self.env["ecom.dashboard"].sudo(self.users[role]).search([
            ("channel_id", "=", self.channel.id)])

    def test_cases_open_and_refunds_due(self):
        self.assertEqual(self.due.state, "approved")
        figures = json.loads(self._card("manager").kanban_dashboard)["figures"]
        self.assertEqual((figures["returns_open"], figures["refunds_due"]), (2, 1))
        figures = json.loads(self._card("finance").kanban_dashboard)["figures"]
        self.assertEqual(figures["refunds_due"], 1)

    def test_cs_and_warehouse_see_the_cases_but_not_the_refunds_due(self):
        for role in ("cs", "warehouse"):
            figures = json.loads(self._card(role).kanban_dashboard)["figures"]
            self.assertEqual(figures["returns_open"], 2, role)
            self.assertNotIn("refunds_due", figures, role)

    def test_the_links_open_the_cases(self):
        card = self._card("manager")
        Return = self.env["ecom.return"].sudo(self.users["manager"])
        self.assertEqual(Return.search(card.action_open_returns()["domain"]),
                         self.due | self.open)
        self.assertEqual(Return.search(card.action_open_refunds_due()["domain"]), self.due)
