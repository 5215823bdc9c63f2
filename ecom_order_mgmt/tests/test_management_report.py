# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Periodic management report (issue 22 item 8): when it is sent, to whom,
in which language, and its figures (the mail's table, the XLSX) on known
orders of a week long past (Monday 7 to Sunday 13 January 2019), so that no
other order of the database is in it."""
import base64
import re
from datetime import datetime
from io import BytesIO

from openpyxl import load_workbook

from odoo.exceptions import ValidationError

from .common import EcomCase

# Monday 14 January 2019, 10:00 in Shanghai: the week before is due
MONDAY = datetime(2019, 1, 14, 2, 0)
SENT_PARAM = "ecom_order_mgmt.management_report_sent.%d"


def table_rows(html):
    """The rows of the HTML tables of `html`: [[cell text]]."""
    return [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)
            for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)]


class TestManagementReport(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestManagementReport, cls).setUpClass()
        env = cls.env
        cls.Report = env["ecom.management.report"]
        cls.company = cls.channel.company_id
        cls.ch2 = env["ecom.channel"].create({
            "name": "Weekly JD shop", "code": "TWEEK2", "platform": "jd",
            "warehouse_id": cls.warehouse.id})
        cls.product_a.standard_price = 60.0
        cls.product_b.standard_price = 20.0
        # On time (shipped 4 h after receipt), late (72 h), not shipped yet;
        # one the Monday after: not in the week.
        cls.on_time = cls._shipped([(cls.product_a, 2)], "2019-01-08 02:00:00",
                                   "2019-01-08 06:00:00")
        cls.late = cls._shipped([(cls.product_b, 1)], "2019-01-09 02:00:00",
                                "2019-01-12 02:00:00")
        cls.waiting = cls._order([(cls.product_b, 3)], ecom_channel_id=cls.ch2.id)
        cls.next_week = cls._order([(cls.product_a, 5)])
        cls.waiting.write({"ecom_received_at": "2019-01-13 15:00:00"})  # Sunday 23:00
        cls.next_week.write({"ecom_received_at": "2019-01-13 16:30:00"})  # Monday 00:30
        # recipients: a group of two managers (Chinese, English), a CS user
        # and a warehouse user, all with an email
        cls.group = env["res.groups"].create({"name": "Management report test"})
        cls.english_manager = env["res.users"].with_context(no_reset_password=True).create({
            "name": "English manager", "login": "test_mgmt_report_en",
            "email": "en.manager@example.com", "lang": "en_US",
            "groups_id": [(6, 0, [env.ref("ecom_order_mgmt.group_ecom_manager").id])]})
        cls.group.users = cls.english_manager | cls.users["manager"] | cls.users["cs"] \
            | cls.users["warehouse"]
        cls.company.write({"ecom_mgmt_report_group_id": cls.group.id,
                           "ecom_mgmt_report_frequency": "weekly",
                           "ecom_mgmt_report_weekday": "0"})
        env["ir.config_parameter"].set_param(SENT_PARAM % cls.company.id, "")

    @classmethod
    def _shipped(cls, lines, received_at, shipped_at):
        order = cls._approved(lines)
        picking = cls._walk(cls._delivery(order), "shipped")
        order.write({"ecom_received_at": received_at})
        picking._ecom_write({"ecom_shipped_at": shipped_at})
        return order

    def _send(self, now=MONDAY):
        return self.Report._send_management_report(self.company, now=now)

    def _mail_to(self, mails, user):
        return mails.filtered(lambda m: user.partner_id in m.recipient_ids)

    def _money(self, amount):
        currency = self.company.currency_id
        text = "{:,.2f}".format(amount)
        return "%s %s" % (text, currency.symbol) if currency.position == "after" \
            else "%s %s" % (currency.symbol, text)

    # ------------------------------------------------------------------
    def test_the_weeks_figures_in_the_mail(self):
        mails = self._send()
        mail = self._mail_to(mails, self.english_manager)
        self.assertEqual(len(mail), 1)
        self.assertIn("2019-01-07 – 2019-01-13", mail.subject)
        rows = table_rows(mail.body_html)
        figures = {row[0]: row[1] for row in rows if len(row) == 2}
        # 3 orders (250 + 50 + 150), one of the two shipped on time; the
        # margin of what was delivered: 250 - (2 × 60 + 20) = 110, 44 %
        expected = {
            "Orders": "3",
            "GMV": self._money(400.0),
            "Average Order Value": self._money(133.33),
            "On-time Shipping %": "50.0 %",
            "Gross Margin": self._money(110.0),
            "Gross Margin %": "44.0 %",
        }
        self.assertEqual({label: figures.get(label) for label in expected}, expected)
        channels = [row for row in rows if len(row) == 3]
        self.assertEqual(channels, [
            ["Sales Channel", "Orders", "GMV"],
            ["[TTEST] Test Tmall shop", "2", self._money(250.0)],
            ["[TWEEK2] Weekly JD shop", "1", self._money(150.0)],
        ])

    def test_the_xlsx_holds_the_kpi_reports_of_the_week(self):
        mail = self._mail_to(self._send(), self.english_manager)
        self.assertEqual(mail.attachment_ids.name, "management-report-2019-01-07.xlsx")
        book = load_workbook(BytesIO(base64.b64decode(mail.attachment_ids.datas)),
                             data_only=True)
        self.assertEqual(book.sheetnames[:3], ["Order KPIs", "Gross Margin", "Staff KPIs"])
        sheet = book["Order KPIs"]
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        header = next(row for row in rows if "GMV" in row)
        body = rows[rows.index(header) + 1:-1]
        refs = header.index("Platform Order No.")
        self.assertEqual(sorted(row[refs] for row in body), sorted(
            (self.on_time | self.late | self.waiting).mapped("ecom_platform_ref")))
        self.assertEqual(rows[-1][header.index("GMV")], 400.0)
        self.assertIn("Period 期间: 2019-01-07 – 2019-01-13", [row[0] for row in rows])
        margin = [[cell.value for cell in row] for row in book["Gross Margin"].iter_rows()]
        margin_header = next(row for row in margin if "Revenue" in row)
        self.assertEqual(margin[-1][margin_header.index("Gross Margin")], 110.0)

    def test_each_manager_reads_it_in_their_language(self):
        mails = self._send()
        self.assertEqual(len(mails), 2)
        chinese = self._mail_to(mails, self.users["manager"])
        self.assertEqual(self.users["manager"].lang, "zh_CN")
        self.assertNotEqual(chinese, self._mail_to(mails, self.english_manager))
        figures = {row[0]: row[1] for row in table_rows(chinese.body_html) if len(row) == 2}
        self.assertEqual(figures.get("成交额（GMV）"), self._money(400.0))
        self.assertEqual(figures.get("客单价"), self._money(133.33))
        self.assertEqual(figures.get("订单"), "3")

    def test_nothing_is_sent_to_users_who_are_not_managers(self):
        mails = self._send()
        recipients = mails.mapped("recipient_ids")
        self.assertEqual(recipients,
                         (self.english_manager | self.users["manager"]).mapped("partner_id"))
        # the managers' group by default: managers only, whoever else has mail
        self.company.ecom_mgmt_report_group_id = False
        self.env["ir.config_parameter"].set_param(SENT_PARAM % self.company.id, "")
        manager = self.env.ref("ecom_order_mgmt.group_ecom_manager")
        for partner in self._send().mapped("recipient_ids"):
            self.assertIn(manager, partner.user_ids.groups_id, partner.name)
        # a group without a manager: nothing is sent, and it is tried again
        self.group.users = self.users["cs"] | self.users["warehouse"]
        self.company.ecom_mgmt_report_group_id = self.group
        self.env["ir.config_parameter"].set_param(SENT_PARAM % self.company.id, "")
        self.assertFalse(self._send())
        self.group.users |= self.english_manager
        self.assertEqual(self._send().mapped("recipient_ids"),
                         self.english_manager.partner_id)

    def test_sent_once_per_period(self):
        self.assertTrue(self._send())
        self.assertFalse(self._send())
        self.assertFalse(self._send(datetime(2019, 1, 17, 2, 0)))  # Thursday
        # the cron (run now, in 2026) sends the report of last week, once
        cron_mails = self.Report._cron_send_management_report()
        self.assertTrue(self._mail_to(cron_mails, self.english_manager))
        self.assertFalse(self._mail_to(self.Report._cron_send_management_report(),
                                       self.english_manager))

    def test_weekday_and_monthly_settings(self):
        self.company.ecom_mgmt_report_weekday = "2"  # Wednesday
        self.assertFalse(self._send())
        self.assertTrue(self._send(datetime(2019, 1, 16, 2, 0)))
        self.company.write({"ecom_mgmt_report_frequency": "monthly",
                            "ecom_mgmt_report_monthday": 3})
        self.assertFalse(self._send(datetime(2019, 2, 2, 2, 0)))
        mail = self._mail_to(self._send(datetime(2019, 2, 3, 2, 0)), self.english_manager)
        self.assertIn("2019-01-01 – 2019-01-31", mail.subject)
        figures = {row[0]: row[1] for row in table_rows(mail.body_html) if len(row) == 2}
        self.assertEqual(figures["Orders"], "4")  # the next Monday is in January too
        self.company.ecom_mgmt_report_frequency = "off"
        self.assertFalse(self._send(datetime(2019, 3, 3, 2, 0)))
        with self.assertRaises(ValidationError):
            self.company.ecom_mgmt_report_monthday = 29

    def test_the_manager_sets_it_on_the_settings_page(self):
        settings = self.env["ecom.settings"].sudo(self.users["manager"]).create({
            "ecom_mgmt_report_frequency": "monthly", "ecom_mgmt_report_monthday": 5})
        settings.execute()
        self.assertEqual((self.company.ecom_mgmt_report_frequency,
                          self.company.ecom_mgmt_report_monthday), ("monthly", 5))
