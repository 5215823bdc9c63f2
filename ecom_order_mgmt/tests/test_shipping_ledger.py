# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shipping ledger (发货明细台账) of SPEC 3: SQL view, groupings, XLSX."""
from io import BytesIO

from openpyxl import load_workbook

from odoo.tests.common import TransactionCase

from .ecom_docs_fixtures import EcomDocsFixtures


class TestShippingLedger(EcomDocsFixtures, TransactionCase):

    def setUp(self):
        super(TestShippingLedger, self).setUp()
        self._docs_setup()
        Ledger = self.env["ecom.shipping.ledger"]
        self.order_1 = self._docs_order(
            "TM-LEDGER-1", [(self.product_a, 2), (self.product_b, 1)])
        self.order_2 = self._docs_order(
            "TM-LEDGER-2", [(self.product_b, 4)],
            ecom_buyer_name="李四", ecom_province="广东省", ecom_city="深圳市",
            ecom_district="南山区", ecom_street="科技园 1 号")
        self.order_3 = self._docs_order("TM-LEDGER-3", [(self.product_a, 1)])
        self.picking_1 = self._docs_ship(
            self._docs_delivery(self.order_1, self.carrier_sf, "SF-L-1", parcels=2),
            # 20:30 UTC is 04:30 the next morning in Shanghai.
            shipped_at="2026-03-01 20:30:00")
        self.picking_2 = self._docs_ship(
            self._docs_delivery(self.order_2, self.carrier_yto, "YTO-L-2", parcels=1),
            shipped_at="2026-03-02 03:00:00")
        # Printed but not shipped yet: not in the ledger
        self.picking_3 = self._docs_delivery(self.order_3, self.carrier_sf, "SF-L-3")
        self.picking_3.action_ecom_print_waybill()
        self.pickings = self.picking_1 | self.picking_2 | self.picking_3
        self.rows = Ledger.search([("picking_id", "in", self.pickings.ids)])

    def test_one_row_per_shipped_delivery(self):
        self.assertEqual(self.rows.mapped("picking_id"), self.picking_1 | self.picking_2)
        row_1 = self.rows.filtered(lambda r: r.picking_id == self.picking_1)
        row_2 = self.rows.filtered(lambda r: r.picking_id == self.picking_2)
        self.assertEqual(row_1.id, self.picking_1.id)
        self.assertEqual(row_1.sale_id, self.order_1)
        self.assertEqual(row_1.channel_id, self.channel)
        self.assertEqual(row_1.company_id, self.picking_1.company_id)
        self.assertEqual((row_1.carrier_id, row_2.carrier_id), (self.carrier_sf, self.carrier_yto))
        self.assertEqual((row_1.tracking_ref, row_2.tracking_ref), ("SF-L-1", "YTO-L-2"))
        self.assertEqual((row_1.province, row_2.province), ("浙江省", "广东省"))
        self.assertEqual((row_1.city, row_2.city), ("杭州市", "深圳市"))
        self.assertEqual((row_1.recipient, row_2.recipient), ("张三", "李四"))
        self.assertEqual((row_1.package_count, row_2.package_count), (2, 1))
        self.assertAlmostEqual(row_1.weight, 3.0)
        self.assertEqual((row_1.quantity, row_2.quantity), (3, 4))
        self.assertAlmostEqual(row_1.amount, self.order_1.amount_total)
        self.assertAlmostEqual(row_2.amount, self.order_2.amount_total)
        self.assertAlmostEqual(row_1.order_amount, self.order_1.amount_total)
        self.assertEqual(row_1.fulfil_state, "shipped")
        self.assertEqual(row_1.platform_ref, "TM-LEDGER-1")

    def test_day_is_the_channel_local_day(self):
        # Both were shipped on 2 March in Shanghai, although the first one
        # was still 1 March in UTC.
        self.assertEqual(set(self.rows.mapped("date")), {"2026-03-02"})
        self.assertEqual(self.rows.filtered(
            lambda r: r.picking_id == self.picking_1).shipped_at, "2026-03-01 20:30:00")

    def test_group_by_carrier_and_province(self):
        domain = [("picking_id", "in", self.pickings.ids)]
        Ledger = self.env["ecom.shipping.ledger"]
        by_carrier = {g["carrier_id"][0]: g for g in Ledger.read_group(
            domain, ["carrier_id", "package_count", "amount", "quantity"], ["carrier_id"])}
        self.assertEqual(by_carrier[self.carrier_sf.id]["package_count"], 2)
        self.assertEqual(by_carrier[self.carrier_yto.id]["package_count"], 1)
        self.assertAlmostEqual(by_carrier[self.carrier_yto.id]["amount"],
                               self.order_2.amount_total)
        by_province = {g["province"]: g for g in Ledger.read_group(
            domain, ["province", "quantity"], ["province"])}
        self.assertEqual(by_province["广东省"]["quantity"], 4)
        by_day = Ledger.read_group(domain, ["date", "package_count", "amount"], ["date:day"])
        self.assertEqual(len(by_day), 1)
        self.assertEqual(by_day[0]["package_count"], 3)
        self.assertAlmostEqual(by_day[0]["amount"],
                               self.order_1.amount_total + self.order_2.amount_total)

    def test_warehouse_and_finance_read_the_ledger(self):
        for role in ("warehouse", "finance"):
            user = self.env["res.users"].create({
                "name": "Ledger %s" % role, "login": "docs_ledger_%s" % role,
                "groups_id": [(6, 0, [
                    self.env.ref("ecom_order_mgmt.group_ecom_%s" % role).id])]})
            rows = self.env["ecom.shipping.ledger"].sudo(user).search(
                [("picking_id", "in", self.pickings.ids)])
            self.assertEqual(sorted(rows.mapped("tracking_ref")), ["SF-L-1", "YTO-L-2"], role)

    def test_xlsx_export(self):
        report = self.env.ref("ecom_order_mgmt.action_report_ecom_shipping_ledger_xlsx")
        self.assertEqual(report.report_type, "xlsx")
        self.assertEqual(report.binding_model_id.model, "ecom.shipping.ledger",
                         "offered in the Print menu of the ledger")
        content, kind = report.render(self.rows.ids, {})
        self.assertEqual(kind, "xlsx")
        sheet = load_workbook(BytesIO(content), data_only=True).active
        company = self.picking_1.company_id.name
        self.assertIn(company, sheet["A2"].value)
        self.assertIn("2026-03-02 – 2026-03-02", sheet["A3"].value)
        self.assertEqual(sheet.freeze_panes, "A6")
        header = [cell.value for cell in sheet[5]]
        self.assertIn("Carrier 承运商", header)
        self.assertIn("Tracking No. 运单号", header)
        self.assertIn("Parcels 件数", header)
        col = {title: index for index, title in enumerate(header)}
        data = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=6)]
        self.assertEqual(len(data), 3, "two deliveries and the totals row")
        # Rows in shipping order: picking 1 first
        self.assertEqual(data[0][col["Tracking No. 运单号"]], "SF-L-1")
        self.assertEqual(data[1][col["Province 省"]], "广东省")
        self.assertEqual(data[0][col["Date 日期"]].date().isoformat(), "2026-03-02")
        # Shipped at, on the Shanghai clock
        self.assertEqual(data[0][col["Shipped At 发货时间"]].strftime("%Y-%m-%d %H:%M"),
                         "2026-03-02 04:30")
        totals = data[2]
        self.assertEqual(totals[0], "Total 合计")
        self.assertEqual(totals[col["Parcels 件数"]], 3)
        self.assertEqual(totals[col["Units 数量"]], 7)
        self.assertAlmostEqual(totals[col["Value 金额"]],
                               self.order_1.amount_total + self.order_2.amount_total)
        self.assertGreater(sheet.column_dimensions["E"].width, 15)
        raw = load_workbook(BytesIO(content)).active
        self.assertTrue(str(raw.cell(row=8, column=col["Parcels 件数"] + 1).value)
                        .startswith("=SUM("))
