# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The KPIs of issue 22 item 7: gross margin by channel, product and month
from the stock valuation, ordering vs paying buyers and top buyers, per-staff
review KPIs; exact values on known orders, and the XLSX export."""
from io import BytesIO

from openpyxl import load_workbook

from .common import EcomCase


class TestMarginReport(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestMarginReport, cls).setUpClass()
        env = cls.env
        cls.ch2 = env["ecom.channel"].create({
            "name": "Margin shop 2", "code": "TMRG2", "platform": "jd",
            "warehouse_id": cls.warehouse.id})
        # what the stock valuation records going out (standard cost)
        cls.product_a.standard_price = 60.0
        cls.product_b.standard_price = 20.0
        cls.shipped_1 = cls._shipped([(cls.product_a, 2), (cls.product_b, 1)])
        cls.shipped_2 = cls._shipped([(cls.product_b, 3)], ecom_channel_id=cls.ch2.id)
        # approved, not shipped: nothing delivered, no margin yet
        cls.waiting = cls._order([(cls.product_a, 1)])
        cls.waiting.sudo(cls.users["cs"]).action_ecom_cs_approve()
        cls.waiting.sudo(cls.users["finance"]).action_ecom_finance_approve()
        cls.orders = cls.shipped_1 | cls.shipped_2 | cls.waiting

    @classmethod
    def _shipped(cls, lines, **values):
        order = cls._approved(lines, **values)
        cls._walk(cls._delivery(order), "shipped")
        return order

    def _group(self, groupby, **where):
        domain = [("order_id", "in", self.orders.ids)] + [
            (key, "=", value) for key, value in where.items()]
        return self.env["ecom.margin.report"].sudo(self.users["manager"]).read_group(
            domain, ["revenue", "cost", "margin", "margin_pct", "qty_delivered"]
            + [g.split(":")[0] for g in groupby], groupby, lazy=False)

    def test_the_delivery_is_valued_at_the_standard_cost(self):
        self.assertEqual(self._delivery(self.shipped_1).state, "done")
        moves = self._delivery(self.shipped_1).move_lines
        self.assertAlmostEqual(sum(moves.mapped("value")), -140.0)

    def test_margin_by_channel(self):
        by_channel = {g["channel_id"][0]: g for g in self._group(["channel_id"])}
        self.assertEqual(set(by_channel), {self.channel.id, self.ch2.id})
        one, two = by_channel[self.channel.id], by_channel[self.ch2.id]
        self.assertEqual((one["revenue"], one["cost"], one["margin"]), (250.0, 140.0, 110.0))
        self.assertAlmostEqual(one["margin_pct"], 44.0)
        self.assertEqual((two["revenue"], two["cost"], two["margin"]), (150.0, 60.0, 90.0))
        self.assertAlmostEqual(two["margin_pct"], 60.0)
        # the total is the margin over the revenue, not an average of rows
        total = self._group([])[0]
        self.assertAlmostEqual(total["margin_pct"], 50.0)

    def test_margin_and_quantity_by_product(self):
        by_product = {g["product_id"][0]: g for g in self._group(["product_id"])}
        shirt_s, shirt_m = by_product[self.product_a.id], by_product[self.product_b.id]
        self.assertEqual((shirt_s["qty_delivered"], shirt_s["revenue"], shirt_s["margin"]),
                         (2.0, 200.0, 80.0))
        self.assertEqual((shirt_m["qty_delivered"], shirt_m["revenue"], shirt_m["margin"]),
                         (4.0, 200.0, 120.0))

    def test_by_month(self):
        months = self._group(["date:month"])
        self.assertEqual(len(months), 1)
        self.assertEqual(months[0]["margin"], 200.0)

    def test_xlsx_export(self):
        wizard = self.env["ecom.kpi.export"].sudo(self.users["manager"]).create({
            "report_model": "ecom.margin.report", "channel_ids": [(6, 0, self.ch2.ids)]})
        self.assertEqual(wizard.action_export()["report_type"], "xlsx")
        report = self.env.ref("ecom_order_mgmt.action_report_ecom_kpi_xlsx")
        content, _kind = report.sudo(self.users["manager"]).render(wizard.ids, {})
        sheet = load_workbook(BytesIO(content)).active
        values = [cell.value for row in sheet.iter_rows() for cell in row]
        self.assertIn(150.0, values)
        self.assertIn(60.0, values)


class TestBuyerReport(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestBuyerReport, cls).setUpClass()
        env = cls.env
        cls.buyer_2 = env["res.partner"].create({"name": "Unpaid buyer"})
        cls.buyer_3 = env["res.partner"].create({"name": "Cancelling buyer"})
        cls.orders = (cls._order([(cls.product_a, 1)]) | cls._order([(cls.product_a, 1)])
                      | cls._order([(cls.product_b, 1)], paid=False, partner_id=cls.buyer_2.id)
                      | cls._order([(cls.product_b, 2)], partner_id=cls.buyer_3.id))
        cancelled = cls._order([(cls.product_a, 3)], partner_id=cls.buyer_3.id)
        cancelled.sudo(cls.users["cs"]).action_ecom_cancel()
        cls.orders |= cancelled

    def _groups(self, groupby):
        return self.env["ecom.buyer.report"].sudo(self.users["manager"]).read_group(
            [("order_id", "in", self.orders.ids)],
            ["ordering_buyer_count", "paying_buyer_count", "order_count", "amount_total",
             "paid_amount"] + groupby, groupby, lazy=False)

    def test_ordering_and_paying_buyers(self):
        total = self._groups([])[0]
        self.assertEqual((total["ordering_buyer_count"], total["paying_buyer_count"]), (3, 2))
        self.assertEqual(total["order_count"], 4)  # the cancelled order is not one
        by_channel = self._groups(["channel_id"])
        self.assertEqual(len(by_channel), 1)
        self.assertEqual(by_channel[0]["ordering_buyer_count"], 3)

    def test_top_buyers(self):
        by_buyer = {g["partner_id"][0]: g for g in self._groups(["partner_id"])}
        self.assertEqual((by_buyer[self.buyer.id]["amount_total"],
                          by_buyer[self.buyer.id]["paid_amount"]), (200.0, 200.0))
        self.assertEqual((by_buyer[self.buyer_2.id]["amount_total"],
                          by_buyer[self.buyer_2.id]["paid_amount"]), (50.0, 0.0))
        self.assertEqual(by_buyer[self.buyer_3.id]["amount_total"], 100.0)


class TestStaffReport(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestStaffReport, cls).setUpClass()
        cs, finance, manager = (cls.users[r] for r in ("cs", "finance", "manager"))
        day = "2026-03-02 %s"
        cls.orders = cls._order() | cls._order() | cls._order()
        cls.orders.write({"ecom_received_at": day % "01:00:00"})
        cls.orders.write({"ecom_sla_deadline": day % "03:00:00"})
        one, two, three = cls.orders
        # CS 1 h (on time), finance 2 h later (late)
        one.write({"ecom_cs_user_id": cs.id, "ecom_cs_date": day % "02:00:00",
                   "ecom_finance_user_id": finance.id, "ecom_finance_date": day % "04:00:00"})
        # CS 3 h (late), no finance review yet
        two.write({"ecom_cs_user_id": cs.id, "ecom_cs_date": day % "04:00:00"})
        # the manager's CS review in 30 min, finance 30 min later: both on time
        three.write({"ecom_cs_user_id": manager.id, "ecom_cs_date": day % "01:30:00",
                     "ecom_finance_user_id": finance.id,
                     "ecom_finance_date": day % "02:00:00"})

    def _groups(self, groupby):
        groups = self.env["ecom.staff.report"].sudo(self.users["manager"]).read_group(
            [("order_id", "in", self.orders.ids)],
            ["review_count", "review_hours", "on_time_pct"] + groupby, groupby, lazy=False)
        return {tuple(g[k][0] if isinstance(g[k], tuple) else g[k] for k in groupby):
                (g["review_count"], g["review_hours"], g["on_time_pct"]) for g in groups}

    def test_per_reviewer(self):
        got = self._groups(["user_id", "step"])
        self.assertEqual(got[(self.users["cs"].id, "cs")], (2, 2.0, 50.0))
        self.assertEqual(got[(self.users["manager"].id, "cs")], (1, 0.5, 100.0))
        self.assertEqual(got[(self.users["finance"].id, "finance")], (2, 1.25, 50.0))
        self.assertEqual(len(got), 3)

    def test_the_review_day_is_on_the_channel_clock(self):
        days = self.env["ecom.staff.report"].search(
            [("order_id", "in", self.orders.ids)]).mapped("date")
        self.assertEqual(set(days), {"2026-03-02"})
