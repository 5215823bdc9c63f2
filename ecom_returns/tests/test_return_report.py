# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""After-sales KPIs of SPEC 6: return rate, refunds, exchanges, reissues,
case cycle time and complaints."""
from io import BytesIO

from openpyxl import load_workbook

from odoo.exceptions import AccessError

from .test_returns import ReturnsCase


class TestReturnReport(ReturnsCase):

    def setUp(self):
        super(TestReturnReport, self).setUp()
        self.Report = self.env["ecom.return.report"]
        self.kpi_channel = self.env["ecom.channel"].create({
            "name": "After-sales KPI shop", "code": "TRETKPI", "platform": "jd",
            "warehouse_id": self.warehouse.id})
        self.reason = self.env["ecom.return.reason"].search([], limit=1)
        self.order = self._delivered([(self.product_c, 20), (self.product_d, 5)],
                                     ecom_channel_id=self.kpi_channel.id)
        # 2 coats back and refunded (the company pays the shipping back)
        self.refund_case = self._case(self.order, "return_refund",
                                      [(self.product_c, 2, "company")])
        self.refund_case.line_ids.reason_id = self.reason
        self._as("manager", self.refund_case).action_approve()
        self._receive(self.refund_case)
        self._as("finance", self.refund_case).action_refund()
        # 1 pair of socks exchanged; a reissue; a refused return
        self.exchange = self._case(self.order, "exchange",
                                   [(self.product_d, 1, "company", self.product_d)])
        self.reissue = self._case(self.order, "reissue", [(self.product_d, 1, "carrier")])
        self.refused = self._case(self.order, "return_refund", [(self.product_c, 1, "customer")])
        self._set(self.exchange, state="approved")
        self._set(self.reissue, state="approved")
        self._set(self.refused, state="rejected")
        # Opened on 1 March, closed 3 days later
        self._set(self.refund_case, create_date="2026-03-01 02:00:00",
                  done_at="2026-03-04 02:00:00")
        Feedback = self._as("cs", self.env["ecom.feedback"])
        for kind in ("complaint", "complaint", "question"):
            Feedback.create({"name": "Feedback %s" % kind, "kind": kind,
                             "order_id": self.order.id, "partner_id": self.buyer.id})
        self.domain = [("channel_id", "=", self.kpi_channel.id)]

    def _set(self, case, **values):
        """Put a case in a given state / time without walking its whole flow."""
        assignments = ", ".join("%s = %%s" % name for name in values)
        self.env.cr.execute("UPDATE ecom_return SET %s WHERE id = %%s" % assignments,
                            list(values.values()) + [case.id])
        case.invalidate_cache()

    def _totals(self, fields_list, domain=None):
        return self.Report.read_group(domain or self.domain, fields_list, [])[0]

    def test_return_rate_by_product(self):
        groups = {g["product_id"][0]: g for g in self.Report.read_group(
            self.domain + [("product_id", "!=", False)],
            ["product_id", "quantity_delivered", "quantity_returned"], ["product_id"])}
        coat, socks = groups[self.product_c.id], groups[self.product_d.id]
        # 2 returns of 20 delivered coats → 10 %; 1 exchange of 5 socks → 20 %
        self.assertEqual((coat["quantity_returned"], coat["quantity_delivered"]), (2, 20))
        self.assertAlmostEqual(100.0 * coat["quantity_returned"] / coat["quantity_delivered"],
                               10.0)
        self.assertEqual((socks["quantity_returned"], socks["quantity_delivered"]), (1, 5))
        self.assertEqual(self.Report._kpi_xlsx_header_lines(
            self.domain + [("product_id", "=", self.product_c.id)]),
            ["Return rate 退货率: 10.0 % (2 of 20 units)"])

    def test_return_rate_is_a_measure_of_each_group(self):
        fields_list = ["return_rate", "product_id"]
        by_product = {g["product_id"][0]: g["return_rate"] for g in self.Report.read_group(
            self.domain + [("product_id", "!=", False)], fields_list, ["product_id"])}
        # 2 of 20 coats, 1 of 5 pairs of socks
        self.assertAlmostEqual(by_product[self.product_c.id], 10.0)
        self.assertAlmostEqual(by_product[self.product_d.id], 20.0)
        total = self._totals(["return_rate"])
        # 3 of 25 units: not the average of the two rates (15 %)
        self.assertAlmostEqual(total["return_rate"], 12.0)
        self.assertEqual(set(total) & {"quantity_returned", "quantity_delivered"}, set(),
                         "only what was asked for")
        # product by row type, as the pivot asks (not lazy): cases alone
        # deliver nothing, so they have no rate
        cells = self.Report.read_group(self.domain + [("product_id", "!=", False)],
                                       fields_list + ["row_type"], ["product_id", "row_type"],
                                       lazy=False)
        rates = {(g["product_id"][0], g["row_type"]): g["return_rate"] for g in cells}
        self.assertIs(rates[(self.product_c.id, "case")], False)
        self.assertEqual(rates[(self.product_c.id, "delivered")], 0.0)
        # feedback rows have no product and no delivery
        by_type = {g["row_type"]: g["return_rate"] for g in self.Report.read_group(
            self.domain, ["return_rate", "row_type"], ["row_type"])}
        self.assertIs(by_type["feedback"], False)

    def test_returns_by_reason(self):
        groups = {g["reason_id"] and g["reason_id"][0]: g for g in self.Report.read_group(
            self.domain + [("row_type", "=", "case")], ["reason_id", "quantity_returned"],
            ["reason_id"])}
        self.assertEqual(groups[self.reason.id]["quantity_returned"], 2)

    def test_refund_counts_cycle_and_complaints(self):
        totals = self._totals(["case_count", "refund_amount", "exchange_count",
                               "reissue_count", "cycle_days", "complaint_count"])
        self.assertEqual(totals["case_count"], 4)
        self.assertAlmostEqual(totals["refund_amount"],
                               self.refund_case.refund_invoice_id.amount_total)
        self.assertAlmostEqual(totals["refund_amount"], 260.0)
        self.assertEqual((totals["exchange_count"], totals["reissue_count"]), (1, 1))
        self.assertAlmostEqual(totals["cycle_days"], 3.0)
        self.assertEqual(totals["complaint_count"], 2)
        # the report agrees with a direct count of the cases
        self.assertEqual(totals["case_count"], self.env["ecom.return"].search_count(
            [("channel_id", "=", self.kpi_channel.id)]))

    def test_xlsx_export_and_access(self):
        wizard = self.env["ecom.kpi.export"].create({
            "report_model": "ecom.return.report",
            "channel_ids": [(6, 0, self.kpi_channel.ids)]})
        report = self.env.ref("ecom_order_mgmt.action_report_ecom_kpi_xlsx")
        content, _kind = report.render(wizard.ids, {})
        sheet = load_workbook(BytesIO(content), data_only=True).active
        cells = [[c.value for c in row] for row in sheet.iter_rows()]
        self.assertEqual(cells[0][0], "After-sales KPIs")
        self.assertIn("Return rate 退货率: 12.0 % (3 of 25 units)", [r[0] for r in cells[1:8]])
        header_row = next(i for i, row in enumerate(cells) if row[0] == "Date")
        totals = dict(zip(cells[header_row], cells[-1]))
        self.assertEqual((totals["Units Delivered"], totals["Units Returned"]), (25, 3))
        self.assertAlmostEqual(totals["Refund Amount"], 260.0)
        self.assertEqual(totals["Complaints"], 2)
        # finance and managers read it; customer service and warehouse do not
        self.assertTrue(self.Report.sudo(self.users["finance"]).search(self.domain))
        self.assertTrue(self.Report.sudo(self.users["manager"]).search(self.domain))
        for role in ("cs", "warehouse"):
            with self.assertRaises(AccessError):
                self.Report.sudo(self.users[role]).search(self.domain)

    def test_company_b_user_sees_none_of_company_a(self):
        _company_b, user_b = self._other_company_manager(
            "After-sales KPI Company B", "manager_b_return_kpi")
        self.assertFalse(self.Report.sudo(user_b).search(self.domain))
        self.assertEqual(len(self.Report.sudo(self.users["manager"]).search(self.domain)),
                         len(self.Report.search(self.domain)))
