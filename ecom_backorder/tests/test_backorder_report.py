# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Backorder KPIs of SPEC 6: backorder and fill rates, age, custom orders."""
from datetime import datetime, timedelta
from io import BytesIO

from openpyxl import load_workbook

from odoo import fields
from odoo.exceptions import AccessError

from .test_backorder import BackorderCase


class TestBackorderReport(BackorderCase):

    @classmethod
    def setUpClass(cls):
        super(TestBackorderReport, cls).setUpClass()
        cls.Report = cls.env["ecom.backorder.report"]
        cls.kpi_channel = cls.env["ecom.channel"].create({
            "name": "Backorder KPI shop", "code": "TBOKPI", "platform": "jd",
            "warehouse_id": cls.warehouse.id})

    def setUp(self):
        super(TestBackorderReport, self).setUp()
        # 4 lines of 7 units; 2 lines (4 units) stock cannot cover.
        self.orders = self.env["sale.order"]
        for lines in ([(self.product_a, 2)], [(self.product_out, 3)],
                      [(self.product_a, 1), (self.product_out, 1)]):
            order = self._reviewed(lines, ecom_channel_id=self.kpi_channel.id)
            self._as("finance", order).action_ecom_finance_approve()
            self.orders |= order
        # Not reviewed by finance yet: not counted
        self._reviewed([(self.product_out, 5)], ecom_channel_id=self.kpi_channel.id)
        self.domain = [("channel_id", "=", self.kpi_channel.id), ("row_type", "=", "line")]

    def _totals(self, fields_list, domain=None):
        return self.Report.read_group(domain or self.domain, fields_list, [])[0]

    def test_backorder_and_fill_rates(self):
        self.assertEqual(len(self.orders.mapped("ecom_backorder_ids")), 2)
        totals = self._totals(["line_count", "backordered_count", "backorder_pct", "fill_pct",
                               "quantity_ordered", "quantity_short", "quantity_filled"])
        self.assertEqual(totals["line_count"], 4)
        self.assertEqual(totals["backordered_count"], 2)
        self.assertAlmostEqual(totals["backorder_pct"], 50.0)
        self.assertAlmostEqual(totals["fill_pct"], 50.0)
        self.assertEqual((totals["quantity_ordered"], totals["quantity_short"],
                          totals["quantity_filled"]), (7, 4, 3))

    def test_report_agrees_with_a_direct_count(self):
        lines = self.env["sale.order.line"].search_count([
            ("order_id.ecom_channel_id", "=", self.kpi_channel.id),
            ("order_id.ecom_state", "=", "approved")])
        self.assertEqual(self.Report.search_count(self.domain), lines)
        backorders = self.env["ecom.backorder"].search_count([
            ("channel_id", "=", self.kpi_channel.id)])
        self.assertEqual(self._totals(["backordered_count"])["backordered_count"], backorders)

    def test_backorder_age(self):
        three_days_ago = datetime.utcnow() - timedelta(days=3)
        self.orders[1].write({"ecom_received_at": fields.Datetime.to_string(three_days_ago)})
        self.orders[2].write({"ecom_received_at": fields.Datetime.to_string(
            three_days_ago - timedelta(days=2))})
        totals = self._totals(["open_backorder_count", "age_days"])
        self.assertEqual(totals["open_backorder_count"], 2)
        self.assertAlmostEqual(totals["age_days"], 4.0, places=2)
        # A closed backorder is no longer waiting.
        self.orders[1].ecom_backorder_ids.write({"closed": "done"})
        totals = self._totals(["open_backorder_count", "age_days"])
        self.assertEqual(totals["open_backorder_count"], 1)
        self.assertAlmostEqual(totals["age_days"], 5.0, places=2)

    def test_custom_orders_by_stage_and_cycle_time(self):
        order = self.env["sale.order"].create({
            "partner_id": self.buyer.id, "ecom_channel_id": self.kpi_channel.id,
            "ecom_platform_ref": "TBOKPI-CUSTOM",
            "order_line": [(0, 0, {"product_id": self.product_out.id, "product_uom_qty": 2,
                                   "price_unit": 30.0})]})
        requests = self.env["ecom.custom.request"]
        for _index in range(3):
            requests |= self.env["ecom.custom.request"].create({
                "order_id": order.id, "line_id": order.order_line.id})
        # Two closed after 10 and 20 days, one still a draft.
        for request, days in zip(requests[:2], (10, 20)):
            self.env.cr.execute(
                "UPDATE ecom_custom_request SET state = 'done', create_date = %s, done_date = %s"
                " WHERE id = %s", ("2026-03-01 00:00:00", fields.Datetime.to_string(
                    datetime(2026, 3, 1) + timedelta(days=days)), request.id))
        domain = [("channel_id", "=", self.kpi_channel.id), ("row_type", "=", "custom")]
        groups = {g["custom_state"]: g for g in self.Report.read_group(
            domain, ["custom_state", "custom_count", "cycle_days"], ["custom_state"])}
        self.assertEqual(groups["done"]["custom_count"], 2)
        self.assertAlmostEqual(groups["done"]["cycle_days"], 15.0)
        self.assertEqual(groups["draft"]["custom_count"], 1)
        self.assertFalse(groups["draft"]["cycle_days"])

    def test_xlsx_export(self):
        wizard = self.env["ecom.kpi.export"].with_context(
            active_model="ecom.backorder.report",
            active_domain=[("row_type", "=", "line")]).create({
                "channel_ids": [(6, 0, self.kpi_channel.ids)]})
        self.assertEqual(wizard.report_model, "ecom.backorder.report")
        report = self.env.ref("ecom_order_mgmt.action_report_ecom_kpi_xlsx")
        content, _kind = report.render(wizard.ids, {})
        sheet = load_workbook(BytesIO(content), data_only=True).active
        cells = [[c.value for c in row] for row in sheet.iter_rows()]
        self.assertEqual(cells[0][0], "Backorder KPIs")
        self.assertIn("Channels 渠道: Backorder KPI shop", [row[0] for row in cells[1:7]])
        header_row = next(i for i, row in enumerate(cells) if row[0] == "Date")
        totals = dict(zip(cells[header_row], cells[-1]))
        self.assertEqual(len(cells) - header_row - 2, 4)
        self.assertEqual(totals["Order Lines"], 4)
        self.assertEqual(totals["Units Short"], 4)
        self.assertAlmostEqual(totals["Backorder Rate %"], 50.0)

    def test_only_managers_read_it(self):
        with self.assertRaises(AccessError):
            self.Report.sudo(self.users["cs"]).search([])
        with self.assertRaises(AccessError):
            self.Report.sudo(self.users["warehouse"]).search([])
        rows = self.Report.sudo(self.users["manager"]).search(self.domain)
        self.assertEqual(len(rows), 4)

    def test_company_b_user_sees_none_of_company_a(self):
        company_b, user_b = self._other_company_manager(
            "Backorder KPI Company B", "manager_b_backorder_kpi")
        self.assertFalse(self.Report.sudo(user_b).search(self.domain))
        self.env.cr.execute("UPDATE sale_order SET company_id = %s WHERE id = %s",
                            (company_b.id, self.orders[0].id))
        self.assertEqual(self.Report.sudo(user_b).search(self.domain).mapped("order_id"),
                         self.orders[0])
        self.assertEqual(len(self.Report.sudo(self.users["manager"]).search(self.domain)), 3)
