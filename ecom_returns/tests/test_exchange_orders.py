# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Exchanges as orders (issue 22 item 5): the replacement is a channel order
linked to the original and the case, priced at the replacement's price,
reviewed and shipped like any order, an exchange in the KPIs and not a sale."""
from odoo.exceptions import AccessError

from .test_returns import ReturnsCase


class TestExchangeOrders(ReturnsCase):

    def setUp(self):
        super(TestExchangeOrders, self).setUp()
        self.kpi_channel = self.env["ecom.channel"].create({
            "name": "Exchange KPI shop", "code": "TEXCH", "platform": "tmall",
            "warehouse_id": self.warehouse.id})

    def _exchanged(self, quantity=2, received=None, responsibility="company"):
        """An exchange of `quantity` shirts S for coats, received as `received`
        ({"good": .., "defective": ..}; default: everything, good)."""
        order = self._delivered([(self.product_a, quantity)],
                                ecom_channel_id=self.kpi_channel.id)
        case = self._case(order, "exchange",
                          [(self.product_a, quantity, responsibility, self.product_c)])
        case.line_ids.replacement_price_unit = 120.0
        self._as("manager", case).action_approve()
        counts = [dict(received, line_id=case.line_ids.id)] if received else None
        self._as("warehouse", case).action_receive(counts)
        return order, case

    def test_the_replacement_is_an_order_of_the_units_received(self):
        order, case = self._exchanged(3, {"good": 2, "defective": 0})
        replacement = case.replacement_order_id
        self.assertEqual(replacement.ecom_exchange_case_id, case)
        self.assertEqual(replacement.ecom_exchange_of_id, order)
        self.assertEqual(replacement.ecom_channel_id, self.kpi_channel)
        self.assertEqual(replacement.partner_id, order.partner_id)
        self.assertEqual(replacement.partner_shipping_id, order.partner_shipping_id)
        self.assertEqual((replacement.ecom_buyer_name, replacement.ecom_street),
                         ("王小明", "文三路 90 号"))
        line = replacement.order_line
        # two coats (the missing shirt is not replaced) at the replacement's price
        self.assertEqual((line.product_id, line.product_uom_qty, line.price_unit),
                         (self.product_c, 2, 120.0))
        self.assertEqual(replacement.ecom_state, "to_review")
        self.assertEqual(replacement.ecom_payment_state, "paid")
        self.assertIn(replacement.name, order.message_ids[0].body)
        self.assertIn(order.name, replacement.origin)
        # the difference is still settled on the case: 2 × (120 - 100)
        self.assertAlmostEqual(case.price_difference, 40.0, places=2)
        self._as("finance", case).action_refund()
        self.assertAlmostEqual(case.charge_invoice_id.amount_total, 40.0, places=2)

    def test_the_replacement_goes_through_review_stock_and_shipping(self):
        _order, case = self._exchanged(1)
        replacement = case.replacement_order_id
        self._as("cs", replacement).action_ecom_cs_approve()
        self._as("finance", replacement).action_ecom_finance_approve()
        self.assertEqual(replacement.state, "sale")
        delivery = self._walk(self._delivery(replacement), "shipped")
        self.assertEqual(delivery.state, "done")
        self.assertEqual(delivery.move_lines.mapped("product_id"), self.product_c)

    def test_order_kpis_count_it_as_an_exchange_not_a_sale(self):
        Report = self.env["ecom.order.report"]
        domain = [("channel_id", "=", self.kpi_channel.id)]
        measures = ["order_count", "amount_total", "paid_count", "new_buyer_count",
                    "returning_buyer_count", "exchange_count"]
        order, case = self._exchanged(1)
        totals = Report.read_group(domain, measures, [])[0]
        self.assertEqual({m: totals[m] for m in measures}, {
            "order_count": 1, "amount_total": 100.0, "paid_count": 1, "new_buyer_count": 1,
            "returning_buyer_count": 0, "exchange_count": 1})
        rows = Report.search(domain)
        self.assertEqual(rows.mapped("order_id"), order | case.replacement_order_id)
        self.assertFalse(rows.filtered(lambda r: r.order_id != order).buyer_type)

    def test_nothing_accepted_no_replacement(self):
        _order, case = self._exchanged(1, {"good": 0, "defective": 1}, "customer")
        self.assertFalse(case.replacement_order_id)
        self.assertEqual(case.state, "done")
        self.assertFalse(self.env["sale.order"].search([("ecom_exchange_case_id", "=", case.id)]))

    def test_only_an_exchange_makes_an_exchange_order(self):
        order, case = self._exchanged(1)
        with self.assertRaises(AccessError):
            self._as("cs", order).write({"ecom_exchange_case_id": case.id})
        with self.assertRaises(AccessError):
            self._as("cs", self.env["sale.order"]).create({
                "partner_id": self.buyer.id, "ecom_exchange_case_id": case.id})
        with self.assertRaises(AccessError):
            self._as("cs", case.replacement_order_id).write({"ecom_exchange_case_id": False})
