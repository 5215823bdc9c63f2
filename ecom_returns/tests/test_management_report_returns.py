# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The after-sales figures of the periodic management report (issue 22
item 8): cases opened in the week, their refunds, the after-sales sheet.
The cases are dated in a week long past (7 to 13 January 2019), so that no
other case of the database is in it."""
import base64
import re
from datetime import datetime
from io import BytesIO

from openpyxl import load_workbook

from .test_returns import ReturnsCase

MONDAY = datetime(2019, 1, 14, 2, 0)


class TestManagementReportReturns(ReturnsCase):

    def setUp(self):
        super(TestManagementReportReturns, self).setUp()
        order = self._delivered([(self.product_c, 4), (self.product_d, 2)])
        self.refund_case = self._case(order, "return_refund", [(self.product_c, 2, "company")])
        self._as("manager", self.refund_case).action_approve()
        self._receive(self.refund_case)
        self._as("finance", self.refund_case).action_refund()
        self.exchange = self._case(order, "exchange",
                                   [(self.product_d, 1, "company", self.product_d)])
        self.outside = self._case(order, "reissue", [(self.product_d, 1, "carrier")])
        # opened on Tuesday 8 January 2019; the reissue the Monday after
        for case, day in ((self.refund_case, "2019-01-08 02:00:00"),
                          (self.exchange, "2019-01-08 03:00:00"),
                          (self.outside, "2019-01-14 02:00:00")):
            self.env.cr.execute("UPDATE ecom_return SET create_date = %s WHERE id = %s",
                                (day, case.id))
        self.company = order.company_id
        self.env["ir.config_parameter"].set_param(
            "ecom_order_mgmt.management_report_sent.%d" % self.company.id, "")
        self.manager = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Returns report manager", "login": "test_mgmt_report_returns",
            "email": "returns.manager@example.com", "lang": "en_US",
            "groups_id": [(6, 0, [self.env.ref("ecom_order_mgmt.group_ecom_manager").id])]})
        group = self.env["res.groups"].create({"name": "Returns report test",
                                               "users": [(6, 0, self.manager.ids)]})
        self.company.write({"ecom_mgmt_report_group_id": group.id,
                            "ecom_mgmt_report_frequency": "weekly",
                            "ecom_mgmt_report_weekday": "0"})

    def test_cases_and_refunds_of_the_week(self):
        mail = self.env["ecom.management.report"]._send_management_report(
            self.company, now=MONDAY)
        self.assertEqual(mail.recipient_ids, self.manager.partner_id)
        figures = dict(re.findall(
            r"<tr><td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td></tr>", mail.body_html))
        currency = self.company.currency_id
        refund = "{:,.2f}".format(self.refund_case.refund_invoice_id.amount_total)
        self.assertEqual(refund, "260.00")  # 2 coats at 130
        refund = "%s %s" % (refund, currency.symbol) if currency.position == "after" \
            else "%s %s" % (currency.symbol, refund)
        # nothing delivered in that week: no return rate
        self.assertEqual((figures["Cases"], figures["Refund Amount"], figures["Return Rate %"]),
                         ("2", refund, "–"))
        book = load_workbook(BytesIO(base64.b64decode(mail.attachment_ids.datas)),
                             data_only=True)
        self.assertIn("After-sales KPIs", book.sheetnames)
        rows = [[cell.value for cell in row] for row in book["After-sales KPIs"].iter_rows()]
        header = next(row for row in rows if "Refund Amount" in row)
        self.assertEqual(rows[-1][header.index("Cases")], 2)
        self.assertEqual(rows[-1][header.index("Refund Amount")], 260.0)
