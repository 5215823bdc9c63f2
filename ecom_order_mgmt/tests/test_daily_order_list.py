# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Daily order list (订货明细单) of SPEC 3: which orders, the XLSX, the mail.

The lists are run at fixed moments (`now`), on Shanghai's clock (UTC+8):
the first on Tuesday 3 March 2026 at 14:00, the next ones a day later each.
"""
import base64
from datetime import date, datetime, time, timedelta
from io import BytesIO

import pytz
from openpyxl import load_workbook

from odoo import fields
from odoo.tests.common import TransactionCase

from .common import english

SHANGHAI = pytz.timezone("Asia/Shanghai")


def utc(local_day, hour, minute=0):
    """The naive UTC datetime of `local_day` at hour:minute in Shanghai."""
    local = SHANGHAI.localize(datetime.combine(local_day, time(hour, minute)))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def utc_string(local_day, hour, minute=0):
    """The naive UTC string of `local_day` at hour:minute in Shanghai."""
    return fields.Datetime.to_string(utc(local_day, hour, minute))


DAY = date(2026, 3, 3)
RUN_1 = utc(DAY, 14)  # 06:00 UTC


class TestDailyOrderList(TransactionCase):

    def setUp(self):
        super(TestDailyOrderList, self).setUp()
        self.env = english(self.env)
        env = self.env
        self.List = env["ecom.daily.order.list"]
        # A company of its own, so that no other order of the database is
        # "today's" for it.
        self.company = env["res.company"].create({"name": "订货单测试 Order List Co"})
        self.warehouse = env["stock.warehouse"].search(
            [("company_id", "=", self.company.id)], limit=1)
        self.channel = env["ecom.channel"].create({
            "name": "List JD", "code": "LIST1", "platform": "jd",
            "company_id": self.company.id, "warehouse_id": self.warehouse.id})
        self.partner = env["res.partner"].create({"name": "JD buyers (list)"})
        self.product = env["product.product"].create({
            "name": "Down jacket", "default_code": "LIST-DJ", "type": "product",
            "list_price": 300.0, "taxes_id": [(5,)]})
        self.gloves = env["product.product"].create({
            "name": "Gloves", "default_code": "LIST-GL", "type": "product",
            "list_price": 25.5, "taxes_id": [(5,)]})
        # Recipients: the company's group, one user with an email, one without
        self.group = env["res.groups"].create({"name": "Logistics heads (list test)"})
        self.company.ecom_order_list_group_id = self.group
        self.head = self._user("list_head", "物流主管 Head", "head@example.com")
        self.no_email = self._user("list_no_email", "No email", False)
        self.today = DAY
        self.yesterday = self.today - timedelta(days=1)
        self.tomorrow = self.today + timedelta(days=1)

    def _user(self, login, name, email):
        return self.env["res.users"].create({
            "name": name, "login": login, "email": email,
            "company_id": self.company.id, "company_ids": [(6, 0, self.company.ids)],
            "groups_id": [(6, 0, [self.env.ref("base.group_user").id, self.group.id])]})

    def _order(self, ref, received_at, lines, paid=True, **values):
        vals = dict({
            "company_id": self.company.id,
            "partner_id": self.partner.id,
            "pricelist_id": self.env.ref("product.list0").id,
            "warehouse_id": self.warehouse.id,
            "ecom_channel_id": self.channel.id,
            "ecom_platform_ref": ref,
            "ecom_received_at": received_at,
            "ecom_buyer_name": "赵六",
            "ecom_buyer_phone": "13900139000",
            "ecom_province": "北京市",
            "ecom_city": "北京市",
            "ecom_district": "朝阳区",
            "ecom_street": "建国路 1 号",
            "ecom_payment_mode": "prepaid",
            "order_line": [(0, 0, {
                "product_id": product.id, "product_uom_qty": qty,
                "product_uom": product.uom_id.id, "price_unit": product.list_price,
            }) for product, qty in lines],
        }, **values)
        order = self.env["sale.order"].create(vals)
        if paid:
            order.ecom_paid_amount = order.amount_total
        return order

    def _make_orders(self):
        self.paid = self._order("JD-1", utc_string(self.today, 10),
                                [(self.product, 2), (self.gloves, 1)])
        # 00:30 in Shanghai is still the previous day in UTC: it is today's.
        self.paid_early = self._order("JD-2", utc_string(self.today, 0, 30),
                                      [(self.gloves, 4)])
        self.unpaid = self._order("JD-3", utc_string(self.today, 11),
                                  [(self.product, 1)], paid=False)
        self.partly = self._order("JD-4", utc_string(self.today, 11),
                                  [(self.product, 1)], paid=False, ecom_paid_amount=100.0)
        # 13:50 yesterday in Shanghai: before the 24 hours of the first list.
        self.yesterdays = self._order("JD-5", utc_string(self.yesterday, 13, 50),
                                      [(self.product, 1)])
        # Cash on delivery counts once finance approved it.
        self.cod_approved = self._order("JD-6", utc_string(self.today, 9),
                                        [(self.gloves, 2)], paid=False,
                                        ecom_payment_mode="cod")
        self.cod_approved.write({"ecom_state": "approved"})
        self.cod_waiting = self._order("JD-7", utc_string(self.today, 9),
                                       [(self.gloves, 2)], paid=False,
                                       ecom_payment_mode="cod_inspect")
        self.cancelled = self._order("JD-8", utc_string(self.today, 12), [(self.product, 1)])
        self.cancelled.write({"ecom_state": "cancel", "state": "cancel"})
        self.included = self.paid_early | self.cod_approved | self.paid

    def _refs(self, mail):
        """Platform order numbers listed in the XLSX of `mail`."""
        sheet = load_workbook(BytesIO(base64.b64decode(mail.attachment_ids.datas)),
                              data_only=True).active
        return {row[1].value for row in sheet.iter_rows(min_row=7) if row[1].value} \
            - {"Total 合计"}

    # ------------------------------------------------------------------
    def test_first_list_covers_the_paid_orders_of_the_last_24_hours(self):
        self._make_orders()
        window = self.List._list_window(self.company, RUN_1)
        self.assertEqual((window.start, window.end, window.day),
                         (utc(self.yesterday, 14), RUN_1, DAY))
        orders = self.List._get_orders(self.company, window.end, window.start)
        self.assertEqual(orders, self.included.sorted(lambda o: (o.ecom_received_at, o.id)))

    def test_two_lists_across_midnight_list_each_paid_order_once(self):
        self._make_orders()
        first = self.List._send_daily_order_list(self.company, now=RUN_1)
        self.assertEqual(self._refs(first), {"JD-1", "JD-2", "JD-6"})
        self.assertEqual(set(self.included.mapped("ecom_listed_at")),
                         {fields.Datetime.to_string(RUN_1)})
        # After the first list: the evening, midnight, the next morning.
        evening = self._order("JD-11", utc_string(self.today, 15), [(self.gloves, 1)])
        late = self._order("JD-12", utc_string(self.today, 23, 30), [(self.gloves, 1)])
        after_midnight = self._order("JD-13", utc_string(self.tomorrow, 0, 30),
                                     [(self.gloves, 1)])
        before_cutoff = self._order("JD-14", utc_string(self.tomorrow, 13, 59),
                                    [(self.gloves, 1)])
        after_cutoff = self._order("JD-15", utc_string(self.tomorrow, 14, 1),
                                   [(self.gloves, 1)])
        # Received before the first cut-off but imported after it was sent.
        imported_late = self._order("JD-16", utc_string(self.today, 12), [(self.gloves, 1)])
        # Received on the first day, paid the next morning.
        self.unpaid.ecom_paid_amount = self.unpaid.amount_total
        # The second list runs a few minutes late: it still stops at 14:00.
        second = self.List._send_daily_order_list(self.company,
                                                  now=utc(self.tomorrow, 14, 3))
        self.assertEqual(self._refs(second),
                         {"JD-11", "JD-12", "JD-13", "JD-14", "JD-16", "JD-3"})
        for order in (evening, late, after_midnight, before_cutoff, imported_late,
                      self.unpaid):
            self.assertEqual(order.ecom_listed_at,
                             fields.Datetime.to_string(utc(self.tomorrow, 14)), order.name)
        self.assertFalse(after_cutoff.ecom_listed_at)
        self.assertIn(fields.Date.to_string(self.tomorrow), second.subject)
        # Run again the same afternoon: nothing new since the cut-off.
        again = self.List._send_daily_order_list(self.company,
                                                 now=utc(self.tomorrow, 17))
        self.assertFalse(again)
        third = self.List._send_daily_order_list(
            self.company, now=utc(self.tomorrow + timedelta(days=1), 14))
        self.assertEqual(self._refs(third), {"JD-15"})
        self.assertIn("1 paid", third.body_html)
        # Orders before the first list's 24 hours are never listed.
        self.assertFalse(self.yesterdays.ecom_listed_at)

    def test_no_recipient_keeps_the_orders_for_the_next_list(self):
        self._make_orders()
        self.group.users = False
        self.assertFalse(self.List._send_daily_order_list(self.company, now=RUN_1))
        self.assertFalse(self.included.filtered("ecom_listed_at"))
        self.group.users = self.head
        mail = self.List._send_daily_order_list(self.company, now=utc(self.tomorrow, 14))
        self.assertEqual(self._refs(mail), {"JD-1", "JD-2", "JD-6"})
        sheet = load_workbook(BytesIO(base64.b64decode(mail.attachment_ids.datas))).active
        self.assertIn("2026-03-02 14:00 – 2026-03-04 14:00", sheet["A3"].value)

    def test_cutoff_follows_the_time_of_the_cron(self):
        cron = self.env.ref("ecom_order_mgmt.ir_cron_ecom_daily_order_list")
        cron.nextcall = "2026-03-04 08:30:00"   # 16:30 in Shanghai
        window = self.List._list_window(self.company, utc(self.today, 17))
        self.assertEqual(window.end, utc(self.today, 16, 30))

    def test_xlsx_one_row_per_order_line(self):
        self._make_orders()
        window = self.List._list_window(self.company, RUN_1)
        content = self.List._build_xlsx(window, self.company, self.List._get_orders(
            self.company, window.end, window.start))
        sheet = load_workbook(BytesIO(content), data_only=True).active
        self.assertIn("订货单测试 Order List Co", sheet["A2"].value)
        self.assertIn(fields.Date.to_string(self.today), sheet["A3"].value)
        self.assertIn("2026-03-02 14:00 – 2026-03-03 14:00", sheet["A3"].value)
        self.assertEqual(sheet.freeze_panes, "A7")
        header = [cell.value for cell in sheet[6]]
        for title in ("Order No. 订单号", "Platform Order No. 平台单号", "Channel 渠道",
                      "Product Code 货号", "Product 品名", "Quantity 数量", "Unit Price 单价",
                      "Amount 金额", "Recipient 收件人", "Phone 电话", "Address 地址"):
            self.assertIn(title, header)
        col = {title: index for index, title in enumerate(header)}
        rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=7)]
        data, totals = rows[:-1], rows[-1]
        self.assertEqual(len(data), 4, "2 + 1 + 1 lines of the three orders")
        refs = [row[col["Platform Order No. 平台单号"]] for row in data]
        self.assertEqual(sorted(set(refs)), ["JD-1", "JD-2", "JD-6"])
        jacket = next(row for row in data if row[col["Product Code 货号"]] == "LIST-DJ")
        self.assertEqual(jacket[col["Order No. 订单号"]], self.paid.name)
        self.assertEqual(jacket[col["Channel 渠道"]], "List JD")
        self.assertEqual(jacket[col["Received 下单时间"]], datetime(2026, 3, 3, 10, 0),
                         "on the company's clock")
        self.assertEqual(jacket[col["Quantity 数量"]], 2)
        self.assertEqual(jacket[col["Unit Price 单价"]], 300)
        self.assertEqual(jacket[col["Amount 金额"]], 600)
        self.assertEqual(jacket[col["Recipient 收件人"]], "赵六")
        self.assertEqual(jacket[col["Phone 电话"]], "13900139000")
        self.assertEqual(jacket[col["Address 地址"]], "北京市 北京市 朝阳区 建国路 1 号")
        self.assertEqual(totals[0], "Total 合计")
        self.assertEqual(totals[col["Quantity 数量"]], 2 + 1 + 4 + 2)
        self.assertAlmostEqual(totals[col["Amount 金额"]],
                               sum(self.included.mapped("amount_total")))

    def test_mail_queued_to_the_group_users_with_the_xlsx(self):
        self._make_orders()
        mail = self.List._send_daily_order_list(self.company, now=RUN_1)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing", "left to Odoo's mail queue")
        self.assertEqual(mail.recipient_ids, self.head.partner_id,
                         "users of the group who have an email")
        self.assertIn(fields.Date.to_string(self.today), mail.subject)
        self.assertIn("订货明细单", mail.subject)
        self.assertIn("3 paid", mail.body_html)
        attachment = mail.attachment_ids
        self.assertEqual(len(attachment), 1)
        self.assertTrue(attachment.datas_fname.endswith(".xlsx"))
        sheet = load_workbook(BytesIO(base64.b64decode(attachment.datas)),
                              data_only=True).active
        refs = {row[1].value for row in sheet.iter_rows(min_row=7) if row[1].value}
        self.assertEqual(refs, {"JD-1", "JD-2", "JD-6"})

    def test_cron_mails_each_company_with_channels(self):
        self._make_orders()
        mails = self.List._cron_send_daily_order_list()
        ours = mails.filtered(lambda m: m.recipient_ids == self.head.partner_id)
        self.assertEqual(len(ours), 1)
        self.assertIn("订货单测试 Order List Co", ours.subject)

    def test_default_recipients_are_the_managers(self):
        manager = self.env.ref("ecom_order_mgmt.group_ecom_manager")
        company = self.env["res.company"].create({"name": "New list co"})
        self.assertEqual(company.ecom_order_list_group_id, manager)
        company.ecom_order_list_group_id = False
        self.assertEqual(company._ecom_order_list_group(), manager)
        self.assertEqual(self.env.ref("base.main_company").ecom_order_list_group_id, manager)

    def test_settings_edit_the_company_group(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.ecom_order_list_group_id,
                         self.env.user.company_id.ecom_order_list_group_id)
        settings.ecom_order_list_group_id = self.group
        settings.execute()
        self.assertEqual(self.env.user.company_id.ecom_order_list_group_id, self.group)

    def test_cron_runs_at_14_shanghai(self):
        cron = self.env.ref("ecom_order_mgmt.ir_cron_ecom_daily_order_list")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.assertEqual(cron.nextcall[11:], "06:00:00", "06:00 UTC is 14:00 in Shanghai")
        self.assertEqual(cron.model_id.model, "ecom.daily.order.list")
