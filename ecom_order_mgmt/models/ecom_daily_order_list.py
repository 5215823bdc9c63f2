# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import logging
from collections import defaultdict
from datetime import datetime, time, timedelta
from io import BytesIO

import pytz
import xlsxwriter

from odoo import _, api, fields, models
from odoo.osv import expression

from ..const import COD_MODES, DEFAULT_TZ
from ..tools import xlsx_common

_logger = logging.getLogger(__name__)

MAIL_TEMPLATE = "ecom_order_mgmt.mail_template_ecom_daily_order_list"

# (key, width, kind) of each XLSX column
COLUMNS = [
    ("order", 14, "text"),
    ("platform_ref", 22, "text"),
    ("channel", 16, "text"),
    ("code", 14, "text"),
    ("product", 30, "text"),
    ("quantity", 9, "quantity"),
    ("price", 12, "money"),
    ("amount", 13, "money"),
    ("recipient", 12, "text"),
    ("phone", 15, "text"),
    ("address", 45, "text"),
    ("payment", 16, "text"),
]
TOTALS = ("quantity", "amount")


class EcomDailyOrderList(models.AbstractModel):
    """Daily order list (订货明细单): the day's paid channel orders, mailed as XLSX.

    A cron (default 14:00 Shanghai time) sends each company's list to the
    users of the company's group `ecom_order_list_group_id` (logistics,
    warehouse and finance heads), so that they prepare the goods and the
    money of the day's orders.
    """

    _name = "ecom.daily.order.list"
    _description = "Daily Order List"

    # ------------------------------------------------------------------
    # Which orders
    # ------------------------------------------------------------------
    @api.model
    def _company_tz(self, company):
        """Time zone in which the company's day is counted."""
        return company.partner_id.tz or DEFAULT_TZ

    @api.model
    def _company_today(self, company):
        """Today's date on the company's clock."""
        now = pytz.utc.localize(datetime.utcnow()).astimezone(
            pytz.timezone(self._company_tz(company)))
        return now.date()

    @api.model
    def _utc_day_bounds(self, day, tz_name):
        """[start, end) of local day `day` in `tz_name`, as naive UTC datetime strings."""
        tz = pytz.timezone(tz_name or DEFAULT_TZ)
        bounds = []
        for local_day in (day, day + timedelta(days=1)):
            local = tz.localize(datetime.combine(local_day, time.min))
            bounds.append(fields.Datetime.to_string(
                local.astimezone(pytz.utc).replace(tzinfo=None)))
        return tuple(bounds)

    @api.model
    def _get_orders(self, day, company):
        """The paid channel orders of `company` received on local day `day`.

        The rule:

        - a channel order of the company (not cancelled) whose
          `ecom_received_at` falls on `day` counted on the clock of its
          channel (the channel's time zone, DEFAULT_TZ by default): the
          local day is turned into UTC bounds [00:00, next day 00:00);
        - and paid: `ecom_payment_state` is 'paid' (prepaid, instalments
          fully paid), or it is paid on delivery (payment mode COD or COD
          after inspection) and finance approved it (`ecom_state` approved),
          since the money of those orders comes with the parcel.

        Unpaid or partly paid orders, and orders received on other days,
        are left out.
        """
        day = fields.Date.from_string(day) if isinstance(day, str) else day
        channels = self.env["ecom.channel"].with_context(active_test=False).search(
            [("company_id", "=", company.id)])
        by_tz = defaultdict(list)
        for channel in channels:
            by_tz[channel.tz or DEFAULT_TZ].append(channel.id)
        day_domains = []
        for tz_name, channel_ids in sorted(by_tz.items()):
            start, end = self._utc_day_bounds(day, tz_name)
            day_domains.append([("ecom_channel_id", "in", channel_ids),
                                ("ecom_received_at", ">=", start),
                                ("ecom_received_at", "<", end)])
        if not day_domains:
            return self.env["sale.order"]
        paid = ["|", ("ecom_payment_state", "=", "paid"),
                "&", ("ecom_payment_mode", "in", list(COD_MODES)),
                ("ecom_state", "=", "approved")]
        domain = expression.AND([
            expression.OR(day_domains),
            [("company_id", "=", company.id), ("state", "!=", "cancel"),
             ("ecom_state", "!=", "cancel")],
            paid,
        ])
        return self.env["sale.order"].search(domain, order="ecom_received_at, id")

    # ------------------------------------------------------------------
    # The XLSX
    # ------------------------------------------------------------------
    def _column_titles(self):
        return {
            "order": _("Order No. 订单号"),
            "platform_ref": _("Platform Order No. 平台单号"),
            "channel": _("Channel 渠道"),
            "code": _("Product Code 货号"),
            "product": _("Product 品名"),
            "quantity": _("Quantity 数量"),
            "price": _("Unit Price 单价"),
            "amount": _("Amount 金额"),
            "recipient": _("Recipient 收件人"),
            "phone": _("Phone 电话"),
            "address": _("Address 地址"),
            "payment": _("Payment 付款"),
        }

    def _line_values(self, line, payment_modes):
        order = line.order_id
        return {
            "order": order.name,
            "platform_ref": order.ecom_platform_ref or "",
            "channel": order.ecom_channel_id.name or "",
            "code": line.product_id.default_code or "",
            "product": line.product_id.display_name or line.name,
            "quantity": line.product_uom_qty,
            # What the buyer pays per unit (discount and taxes included), so
            # that quantity x unit price = amount on every row.
            "price": line.price_total / line.product_uom_qty if line.product_uom_qty else 0.0,
            "amount": line.price_total,
            "recipient": order.ecom_buyer_name or order.partner_shipping_id.name or "",
            "phone": order.ecom_buyer_phone or "",
            "address": order.ecom_address or "",
            "payment": payment_modes.get(order.ecom_payment_mode, ""),
        }

    @api.model
    def _build_xlsx(self, date, company=None, orders=None):
        """The daily order list of `date` (a local date) as XLSX bytes.

        One row per order line of the day's paid orders (see `_get_orders`),
        a header with the company and the day, and a totals row.
        """
        company = company or self.env.user.company_id
        day = fields.Date.from_string(date) if isinstance(date, str) else date
        if orders is None:
            orders = self._get_orders(day, company)
        payment_modes = dict(
            self.env["sale.order"]._fields["ecom_payment_mode"]._description_selection(self.env))

        output = BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Orders"))
        formats = xlsx_common.add_formats(workbook)
        header_row = 1 + xlsx_common.write_title(
            sheet, formats, _("Daily Order List 订货明细单"), [
                _("Company 公司: %s") % company.name,
                _("Date 日期: %s") % fields.Date.to_string(day),
                _("Paid orders 已付款订单: %d") % len(orders),
            ])
        xlsx_common.write_header(sheet, formats, header_row, COLUMNS, self._column_titles())

        first = row = header_row + 1
        totals = dict.fromkeys(TOTALS, 0.0)
        for line in orders.mapped("order_line"):
            values = self._line_values(line, payment_modes)
            xlsx_common.write_row(sheet, formats, row, COLUMNS, values)
            for key in TOTALS:
                totals[key] += values[key]
            row += 1
        xlsx_common.write_totals(sheet, formats, row, first, COLUMNS, totals, _("Total 合计"))
        workbook.close()
        return output.getvalue()

    # ------------------------------------------------------------------
    # Mailing
    # ------------------------------------------------------------------
    @api.model
    def _recipients(self, company):
        """Partners (with an email) of the active users of the company's group."""
        users = company._ecom_order_list_group().users.filtered(
            lambda u: u.active and company in u.company_ids and u.partner_id.email)
        return users.mapped("partner_id")

    @api.model
    def _send_daily_order_list(self, company, day=None):
        """Queue the daily order list mail of `company` for local day `day` (today).

        Returns the queued mail.mail, or an empty recordset when the company
        has nobody to send it to.
        """
        day = day or self._company_today(company)
        partners = self._recipients(company)
        if not partners:
            _logger.warning("Daily order list of %s: group %s has no user with an email.",
                            company.name, company._ecom_order_list_group().full_name)
            return self.env["mail.mail"]
        orders = self._get_orders(day, company)
        content = self._build_xlsx(day, company=company, orders=orders)
        day_string = fields.Date.to_string(day)
        filename = "%s-%s.xlsx" % (_("daily-order-list"), day_string)
        template = self.env.ref(MAIL_TEMPLATE)
        mail_id = template.with_context(
            ecom_order_list_date=day_string,
            ecom_order_count=len(orders),
            ecom_order_line_count=len(orders.mapped("order_line")),
        ).send_mail(company.id, email_values={
            "recipient_ids": [(6, 0, partners.ids)],
            "attachments": [(filename, base64.b64encode(content))],
        })
        _logger.info("Daily order list of %s for %s: %d orders, mailed to %d people.",
                     company.name, day_string, len(orders), len(partners))
        return self.env["mail.mail"].browse(mail_id)

    @api.model
    def _cron_send_daily_order_list(self):
        """Mail today's paid orders to each company that sells through channels.

        Every company with an active channel gets its list, even an empty
        one: the heads then know that nothing was paid rather than wonder
        whether the list was sent. The mails go through Odoo's mail queue.
        """
        companies = self.env["ecom.channel"].search([]).mapped("company_id")
        mails = self.env["mail.mail"]
        for company in companies:
            mails |= self._send_daily_order_list(company)
        return mails
