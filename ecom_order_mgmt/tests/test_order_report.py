# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Order KPIs of SPEC 6: the SQL report against known orders, its XLSX,
who may read it, and company separation."""
from io import BytesIO

from openpyxl import load_workbook

from odoo.exceptions import AccessError, ValidationError

from .common import EcomCase

# Received on Monday 2 March 2026 at 09:00 in Shanghai (01:00 UTC), plus n hours
BASE = "2026-03-02 %02d:00:00"


def at(hour):
    """UTC timestamp `hour` hours after 2026-03-02 00:00 UTC (hour < 24 only)."""
    return BASE % hour


class TestOrderReport(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestOrderReport, cls).setUpClass()
        env = cls.env
        cls.Report = env["ecom.order.report"]
        cls.kpi_channel = env["ecom.channel"].create({
            "name": "KPI shop", "code": "TKPI", "platform": "jd",
            "warehouse_id": cls.warehouse.id, "ship_hours": 24.0})
        cls.buyer_2 = env["res.partner"].create({"name": "Returning buyer 回头客"})
        # Ten orders: amounts 100 × n, so bands < 100 … ≥ 3,000 are all hit.
        quantities = [1, 2, 3, 4, 5, 6, 7, 8, 12, 35]
        cls.orders = env["sale.order"]
        for index, qty in enumerate(quantities):
            order = cls._order([(cls.product_a, qty)], ecom_channel_id=cls.kpi_channel.id,
                               paid=index < 8)
            cls.orders |= order
        cls.orders.write({"ecom_received_at": at(1)})
        # Reviewed 1 h (CS) and 3 h (finance) after receipt; packed by 01:30:
        # 7 within the SLA, 3 breached.
        cls.orders.write({"ecom_cs_date": at(2), "ecom_finance_date": at(4),
                          "ecom_sla_done_at": at(2)})
        cls.orders[:3].write({"ecom_sla_breached": True})
        cls.orders[3:].write({"ecom_sla_breached": False})
        cls.orders[8:].write({"ecom_had_exception": True})
        # Buyer 2: first paid order at 01:00, the second one at 05:00.
        cls.orders[6:8].write({"partner_id": cls.buyer_2.id})
        cls.orders[7].write({"ecom_received_at": at(5), "ecom_cs_date": at(6),
                             "ecom_finance_date": at(8)})
        # An order without a channel is not a channel order: not in the report.
        cls.plain = env["sale.order"].create({
            "partner_id": cls.buyer.id,
            "order_line": [(0, 0, {"product_id": cls.product_a.id, "product_uom_qty": 1})]})

    def _rows(self, user=None):
        report = self.Report.sudo(user) if user else self.Report
        return report.search([("channel_id", "=", self.kpi_channel.id)])

    def _totals(self, fields_list, domain=None):
        domain = domain or [("channel_id", "=", self.kpi_channel.id)]
        return self.Report.read_group(domain, fields_list, [])[0]

    def _ship(self, order, shipped_hours, delivered_hours=None):
        """Approve and confirm `order`, then record its shipment times."""
        order.write({"ecom_state": "to_finance"})
        self._as("finance", order).action_ecom_finance_approve()
        picking = self._delivery(order)
        picking.write({"ecom_shipped_at": self._plus(shipped_hours)})
        if delivered_hours is not None:
            picking.write({"ecom_delivered_at": self._plus(delivered_hours)})
        return picking

    @staticmethod
    def _plus(hours):
        """UTC timestamp `hours` after 2026-03-02 00:00 UTC."""
        day, hour = divmod(hours, 24)
        return "2026-03-%02d %02d:00:00" % (2 + day, hour)

    def test_one_row_per_channel_order(self):
        rows = self._rows()
        self.assertEqual(rows.mapped("order_id"), self.orders)
        self.assertFalse(self.Report.search([("order_id", "=", self.plain.id)]))
        row = rows.filtered(lambda r: r.order_id == self.orders[0])
        self.assertEqual(row.date, "2026-03-02")
        self.assertEqual(row.province, "浙江省")
        self.assertEqual(row.ecom_state, "to_review")
        self.assertEqual(row.company_id, self.orders[0].company_id)

    def test_order_day_follows_the_channel_clock(self):
        order = self.orders[0]
        # 17:00 UTC is 01:00 the next day in Shanghai
        order.write({"ecom_received_at": at(17)})
        row = self.Report.search([("order_id", "=", order.id)])
        self.assertEqual(order.ecom_order_date, "2026-03-03")
        self.assertEqual(row.date, "2026-03-03")
        self.kpi_channel.write({"tz": "Europe/London"})
        self.Report.invalidate_cache()
        self.assertEqual(order.ecom_order_date, "2026-03-02")
        self.assertEqual(row.date, "2026-03-02")
        self.assertEqual(self.Report.search_count(
            [("channel_id", "=", self.kpi_channel.id), ("date", "=", "2026-03-02")]), 10)

    def test_order_count_gmv_and_average_order_value(self):
        totals = self._totals(["order_count", "amount_total", "amount_avg"])
        self.assertEqual(totals["order_count"], 10)
        self.assertAlmostEqual(totals["amount_total"], 8300.0)
        self.assertAlmostEqual(totals["amount_avg"], 830.0)

    def test_report_agrees_with_a_direct_count(self):
        # every channel order is a row: a sale, or the replacement order of
        # an exchange (ecom_returns), counted apart and not in GMV
        domain = [("ecom_channel_id", "!=", False)]
        orders = self.env["sale.order"].search(domain)
        exchange = "ecom_exchange_case_id" in orders._fields
        by_channel = {g["channel_id"][0]: g for g in self.Report.read_group(
            [], ["channel_id", "order_count", "exchange_count", "amount_total"],
            ["channel_id"])}
        for channel in orders.mapped("ecom_channel_id"):
            group = by_channel[channel.id]
            sales = orders.filtered(lambda o: o.ecom_channel_id == channel and not (
                exchange and o.ecom_exchange_case_id))
            self.assertEqual(group["order_count"] + group["exchange_count"],
                             self.env["sale.order"].search_count(
                                 [("ecom_channel_id", "=", channel.id)]), channel.name)
            self.assertEqual(group["order_count"], len(sales), channel.name)
            self.assertAlmostEqual(group["amount_total"], sum(sales.mapped("amount_total")), 2)
        self.assertEqual(self.Report.search_count([]), len(orders))

    def test_sla_compliance(self):
        # 10 orders, 3 breached the SLA → 70 % compliance
        totals = self._totals(["sla_met_pct", "sla_breach_count"])
        self.assertAlmostEqual(totals["sla_met_pct"], 70.0)
        self.assertEqual(totals["sla_breach_count"], 3)

    def test_sla_undecided_orders_are_left_out(self):
        # Still inside its deadline: neither met nor breached yet.
        self.orders[9].write({"ecom_sla_done_at": False, "ecom_sla_breached": False})
        # 6 of the 9 decided orders met it
        self.assertAlmostEqual(self._totals(["sla_met_pct"])["sla_met_pct"], 6 * 100.0 / 9)

    def test_exception_rate(self):
        totals = self._totals(["exception_pct", "exception_count"])
        self.assertAlmostEqual(totals["exception_pct"], 20.0)
        self.assertEqual(totals["exception_count"], 2)

    def test_exception_flag_survives_resume(self):
        order = self._order(ecom_channel_id=self.kpi_channel.id)
        self._as("cs", order).action_ecom_set_exception("address_incomplete")
        self._as("cs", order).action_ecom_resume()
        row = self.Report.search([("order_id", "=", order.id)])
        self.assertTrue(row.had_exception)
        self.assertEqual(row.exception_pct, 100.0)

    def test_review_times(self):
        # CS review 1 h and finance review 3 h after receipt; one order not reviewed yet
        self.orders[9].write({"ecom_cs_date": False, "ecom_finance_date": False})
        self.orders[8].write({"ecom_finance_date": at(7)})  # 6 h
        totals = self._totals(["cs_review_hours", "review_hours"])
        self.assertAlmostEqual(totals["cs_review_hours"], 1.0)
        self.assertAlmostEqual(totals["review_hours"], (8 * 3.0 + 6.0) / 9)

    def test_amount_bands(self):
        groups = self.Report.read_group(
            [("channel_id", "=", self.kpi_channel.id)],
            ["amount_band", "order_count", "amount_total"], ["amount_band"])
        counts = {g["amount_band"]: g["order_count"] for g in groups}
        # 100 | 200, 300 (< 300: 200), … : bands of 100 × [1..8, 12, 35]
        self.assertEqual(counts, {"b_100_300": 2, "c_300_1000": 6,
                                  "d_1000_3000": 1, "e_3000": 1})

    def test_new_and_returning_buyers(self):
        totals = self._totals(["paid_count", "new_buyer_count", "returning_buyer_count",
                               "returning_order_count"])
        self.assertEqual(totals["paid_count"], 8)
        # Buyer 1 paid orders 0-5 (one new, five returning); buyer 2 paid 6 then 7.
        self.assertEqual(totals["new_buyer_count"], 2)
        self.assertEqual(totals["returning_order_count"], 6)
        self.assertEqual(totals["returning_buyer_count"], 2, "two buyers came back")
        second = self.Report.search([("order_id", "=", self.orders[7].id)])
        first = self.Report.search([("order_id", "=", self.orders[6].id)])
        unpaid = self.Report.search([("order_id", "=", self.orders[9].id)])
        self.assertEqual((first.buyer_type, second.buyer_type, unpaid.buyer_type),
                         ("new", "returning", False))

    def test_returning_buyers_are_counted_once_in_any_grouping(self):
        domain = [("channel_id", "=", self.kpi_channel.id)]
        measures = ["returning_buyer_count", "returning_order_count", "new_buyer_count"]
        # By amount band: buyer 1 came back with 200 (100-300) and 300-600
        # (300-1,000), buyer 2 with 800 (300-1,000): 1 + 2 buyers, 2 in all.
        by_band = {g["amount_band"]: g for g in self.Report.read_group(
            domain, measures + ["amount_band"], ["amount_band"])}
        self.assertEqual(by_band["b_100_300"]["returning_buyer_count"], 1)
        self.assertEqual(by_band["c_300_1000"]["returning_buyer_count"], 2)
        self.assertEqual(by_band["c_300_1000"]["returning_order_count"], 5)
        self.assertEqual(by_band["e_3000"]["returning_buyer_count"], 0, "unpaid")
        # By buyer: one each; by buyer and band (as the pivot asks, not lazy).
        by_buyer = self.Report.read_group(domain, measures + ["partner_id"], ["partner_id"])
        self.assertEqual({g["partner_id"][0]: g["returning_buyer_count"] for g in by_buyer},
                         {self.buyer.id: 1, self.buyer_2.id: 1})
        cells = self.Report.read_group(domain, measures + ["partner_id", "amount_band"],
                                       ["partner_id", "amount_band"], lazy=False)
        cell = {(g["partner_id"][0], g["amount_band"]): g["returning_buyer_count"]
                for g in cells}
        self.assertEqual(cell[(self.buyer.id, "c_300_1000")], 1)
        self.assertEqual(cell[(self.buyer.id, "b_100_300")], 1)
        self.assertEqual(cell[(self.buyer_2.id, "c_300_1000")], 1)
        # By month of receipt (both in March 2026) and by day.
        by_month = self.Report.read_group(domain, measures + ["date"], ["date:month"])
        self.assertEqual([g["returning_buyer_count"] for g in by_month], [2])
        # Buyer 2 comes back again in April: once in March, once in April, once in all.
        april = self._order([(self.product_a, 1)], ecom_channel_id=self.kpi_channel.id,
                            partner_id=self.buyer_2.id)
        april.write({"ecom_received_at": "2026-04-02 01:00:00"})
        by_month = {g["date:month"]: g["returning_buyer_count"] for g in
                    self.Report.read_group(domain, measures + ["date"], ["date:month"])}
        self.assertEqual(sorted(by_month.values()), [1, 2])
        self.assertEqual(self._totals(["returning_buyer_count"])["returning_buyer_count"], 2)

    def test_shipping_times_and_on_time_rate(self):
        # Shipped 5, 10 and 20 h after receipt (01:00), the last one 30 h after.
        pickings = [self._ship(order, 1 + hours, 1 + hours + 24)
                    for order, hours in zip(self.orders[2:6], (5, 10, 20, 30))]
        self.assertEqual(len(pickings), 4)
        totals = self._totals(["shipped_count", "on_time_count", "on_time_pct",
                               "ship_hours", "delivery_hours"])
        self.assertEqual(totals["shipped_count"], 4)
        self.assertEqual(totals["on_time_count"], 3)
        self.assertAlmostEqual(totals["on_time_pct"], 75.0)
        self.assertAlmostEqual(totals["ship_hours"], (5 + 10 + 20 + 30) / 4.0)
        self.assertAlmostEqual(totals["delivery_hours"], (5 + 10 + 20 + 30) / 4.0 + 24)

    def test_xlsx_export_has_header_and_totals(self):
        wizard = self.env["ecom.kpi.export"].create({
            "report_model": "ecom.order.report", "date_from": "2026-03-01",
            "date_to": "2026-03-31", "channel_ids": [(6, 0, self.kpi_channel.ids)]})
        action = wizard.action_export()
        self.assertEqual(action["report_type"], "xlsx")
        report = self.env.ref("ecom_order_mgmt.action_report_ecom_kpi_xlsx")
        content, kind = report.render(wizard.ids, {})
        self.assertEqual(kind, "xlsx")
        sheet = load_workbook(BytesIO(content)).active
        cells = [[c.value for c in row] for row in sheet.iter_rows()]
        self.assertEqual(cells[0][0], "Order KPIs")
        header_lines = [row[0] for row in cells[1:6]]
        self.assertIn("Period 期间: 2026-03-01 – 2026-03-31", header_lines)
        self.assertIn("Channels 渠道: KPI shop", header_lines)
        header = cells[6]
        self.assertEqual(header[:3], ["Order Date", "Order", "Platform Order No."])
        self.assertEqual(sheet.freeze_panes, "A8")
        self.assertEqual(len(cells), 7 + 10 + 1)
        totals = dict(zip(header, cells[-1]))
        self.assertEqual(cells[-1][0], "Total 合计")
        self.assertEqual(totals["Orders"], "=SUM(J8:J17)")
        # the cached values are what a reader without recalculation shows
        sheet_values = load_workbook(BytesIO(content), data_only=True).active
        last = [c.value for c in list(sheet_values.iter_rows())[-1]]
        values = dict(zip(header, last))
        self.assertEqual(values["Orders"], 10)
        self.assertAlmostEqual(values["GMV"], 8300.0)
        self.assertAlmostEqual(values["SLA Compliance %"], 70.0)
        self.assertAlmostEqual(values["Exception Rate %"], 20.0)

    def test_xlsx_export_keeps_search_filters(self):
        wizard = self.env["ecom.kpi.export"].with_context(
            active_model="ecom.order.report",
            active_domain=[("sla_breached", "=", True)]).create({
                "channel_ids": [(6, 0, self.kpi_channel.ids)]})
        self.assertEqual(wizard.report_model, "ecom.order.report")
        self.assertEqual(self.Report.search_count(wizard._domain()), 3)

    def test_export_refuses_a_period_ending_before_it_starts(self):
        with self.assertRaises(ValidationError):
            self.env["ecom.kpi.export"].create({
                "report_model": "ecom.order.report",
                "date_from": "2026-03-31", "date_to": "2026-03-01"})

    def test_operational_roles_read_the_order_report(self):
        for role in ("cs", "finance", "warehouse", "manager", "gm"):
            self.assertEqual(len(self._rows(self.users[role])), 10, role)

    def test_user_without_role_cannot_read_it(self):
        user = self.env["res.users"].create({
            "name": "Plain employee", "login": "plain_employee_kpi",
            "groups_id": [(6, 0, [self.env.ref("base.group_user").id])]})
        with self.assertRaises(AccessError):
            self.Report.sudo(user).search([])

    def test_company_b_user_sees_none_of_company_a(self):
        company_b, user_b = self._other_company_manager("KPI Company B", "manager_b_kpi")
        # One order moves to company B (as if sold there).
        self.env.cr.execute("UPDATE sale_order SET company_id = %s WHERE id = %s",
                            (company_b.id, self.orders[0].id))
        seen_by_b = self.Report.sudo(user_b).search([])
        self.assertEqual(seen_by_b.mapped("order_id.id"), [self.orders[0].id])
        seen_by_a = self._rows(self.users["manager"])
        self.assertEqual(len(seen_by_a), 9)
        self.assertNotIn(self.orders[0], seen_by_a.mapped("order_id"))
