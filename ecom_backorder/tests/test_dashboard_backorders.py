# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The backorders still short on the E-commerce dashboard's channel card."""
import json

from odoo.addons.ecom_order_mgmt.tests.common import EcomCase


class TestDashboardBackorders(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestDashboardBackorders, cls).setUpClass()
        # two orders of a hat out of stock: two backorders, one cancelled
        for _n in range(2):
            order = cls._order([(cls.product_out, 2)])
            order.sudo(cls.users["cs"]).action_ecom_cs_approve()
            order.sudo(cls.users["finance"]).action_ecom_finance_approve()
        cls.backorders = cls.env["ecom.backorder"].search([("channel_id", "=", cls.channel.id)])
        cls.backorders[0].sudo(cls.users["manager"]).action_cancel()

    def _card(self, role):
        return self.env["ecom.dashboard"].sudo(self.users[role]).search([
            ("channel_id", "=", self.channel.id)])

    def test_the_card_counts_the_backorders_still_open(self):
        self.assertEqual(len(self.backorders), 2)
        for role in ("manager", "cs", "warehouse"):
            figures = json.loads(self._card(role).kanban_dashboard)["figures"]
            self.assertEqual(figures["backorders"], 1, role)

    def test_the_link_opens_them(self):
        action = self._card("manager").action_open_backorders()
        self.assertEqual(action["res_model"], "ecom.backorder")
        found = self.env["ecom.backorder"].sudo(self.users["manager"]).search(action["domain"])
        self.assertEqual(found, self.backorders[1])
