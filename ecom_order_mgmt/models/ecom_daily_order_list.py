# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import logging
from datetime import datetime
from io import BytesIO

import xlsxwriter

from odoo import _, api, fields, models
from odoo.osv import expression

from ..const import COD_MODES, DEFAULT_TZ
from ..tools import order_list, xlsx_common

_logger = logging.getLogger(__name__)

MAIL_TEMPLATE = "ecom_order_mgmt.mail_template_ecom_daily_order_list"
CRON = "ecom_order_mgmt.ir_cron_ecom_daily_order_list"
# per company (%d: its id), naive UTC: the cut-off of its last list, and the
# start of its first one (orders received before it are never listed)
LAST_CUTOFF_PARAM = "ecom_order_mgmt.order_list_cutoff.%d"
FIRST_START_PARAM = "ecom_order_mgmt.order_list_start.%d"

# (key, width, kind) of each XLSX column
COLUMNS = [
    ("order", 14, "text"),
    ("platform_ref", 22, "text"),
    ("channel", 16, "text"),
    ("received", 16, "datetime"),
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
    """Daily order list (订货明细单): the paid channel orders, mailed as XLSX.

    A cron (default 14:00 Shanghai time) sends each company's list to the
    users of the company's group `ecom_order_list_group_id` (logistics,
    warehouse and finance heads), so that they prepare the goods and the
    money of the orders. Each list covers the period since the previous
    list's cut-off (tools/order_list.py) and each order is listed once
    (`sale.order.ecom_listed_at`).
    """

    _name = "ecom.daily.order.list"
    _description = "Daily Order List"

    # ------------------------------------------------------------------
    # Which period, which orders
    # ------------------------------------------------------------------
    @api.model
    def _company_tz(self, company):
        """Time zone in which the company's day is counted."""
        return company.partner_id.tz or DEFAULT_TZ

    @api.model
    def _cutoff_time(self, company):
        """The daily cut-off on the company's clock: the time the cron runs."""
        cron = self.env.ref(CRON, raise_if_not_found=False)
        if not cron or not cron.nextcall:
            return order_list.DEFAULT_CUTOFF
        local = order_list.to_local(fields.Datetime.from_string(cron.nextcall),
                                    self._company_tz(company))
        return local.time().replace(second=0, microsecond=0)

    @api.model
    def _param_datetime(self, key):
        value = self.env["ir.config_parameter"].sudo().get_param(key)
        return fields.Datetime.from_string(value) if value else None

    @api.model
    def _list_window(self, company, now=None):
        """The order_list.ListWindow of the company's list run at `now` (UTC)."""
        # (a first list that found nobody to send to: from its start)
        previous = self._param_datetime(LAST_CUTOFF_PARAM % company.id) \
            or self._param_datetime(FIRST_START_PARAM % company.id)
        return order_list.list_window(
            now or datetime.utcnow(), self._company_tz(company), previous=previous,
            cutoff=self._cutoff_time(company))

    @api.model
    def _get_orders(self, company, end, start):
        """The company's paid channel orders to list up to cut-off `end`.

        The rule:

        - a channel order of the company (not cancelled) received before
          `end` and not on an earlier list (`ecom_listed_at` empty): the
          orders received since the previous cut-off, and the older ones
          paid (or imported) since, each once;
        - received from `start` on (the first list's start: older orders
          predate the list);
        - and paid: `ecom_payment_state` is 'paid' (prepaid, instalments
          fully paid), or it is paid on delivery (payment mode COD or COD
          after inspection) and finance approved it (`ecom_state` approved),
          since the money of those orders comes with the parcel.

        Unpaid or partly paid orders wait for a later list.
        """
        paid = ["|", ("ecom_payment_state", "=", "paid"),
                "&", ("ecom_payment_mode", "in", list(COD_MODES)),
                ("ecom_state", "=", "approved")]
        domain = expression.AND([
            [("company_id", "=", company.id), ("ecom_channel_id", "!=", False),
             ("state", "!=", "cancel"), ("ecom_state", "!=", "cancel"),
             ("ecom_listed_at", "=", False),
             ("ecom_received_at", ">=", fields.Datetime.to_string(start)),
             ("ecom_received_at", "<", fields.Datetime.to_string(end))],
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
            "received": _("Received 下单时间"),
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

    def _line_values(self, line, payment_modes, tz_name):
        order = line.order_id
        return {
            "order": order.name,
            "platform_ref": order.ecom_platform_ref or "",
            "channel": order.ecom_channel_id.name or "",
            # on the company's clock: an order received before the period
            # (paid or imported late) shows it
            "received": order_list.to_local(
                fields.Datetime.from_string(order.ecom_received_at), tz_name),
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
    def _build_xlsx(self, window, company, orders):
        """The daily order list of `window` (order_list.ListWindow) as XLSX bytes.

        One row per order line of `orders` (see `_get_orders`), a header with
        the company, the list's day and period, and a totals row.
        """
        tz_name = self._company_tz(company)
        payment_modes = dict(
            self.env["sale.order"]._fields["ecom_payment_mode"]._description_selection(self.env))

        output = BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Orders"))
        formats = xlsx_common.add_formats(workbook)
        period = [order_list.to_local(moment, tz_name).strftime("%Y-%m-%d %H:%M")
                  for moment in (window.start, window.end)]
        header_row = 1 + xlsx_common.write_title(
            sheet, formats, _("Daily Order List 订货明细单"), [
                _("Company 公司: %s") % company.name,
                _("Date 日期: %s (received 下单 %s – %s)") % (
                    fields.Date.to_string(window.day), period[0], period[1]),
                _("Paid orders 已付款订单: %d") % len(orders),
            ])
        xlsx_common.write_header(sheet, formats, header_row, COLUMNS, self._column_titles())

        first = row = header_row + 1
        totals = dict.fromkeys(TOTALS, 0.0)
        for line in orders.mapped("order_line"):
            values = self._line_values(line, payment_modes, tz_name)
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
    def _send_daily_order_list(self, company, now=None):
        """Queue the daily order list mail of `company`, run at `now` (UTC).

        The list covers the period since the previous list's cut-off (see
        `_list_window`); its orders are marked as listed and the cut-off
        kept for the next list. Returns the queued mail.mail, or an empty
        recordset when the company has nobody to send it to (the orders then
        wait for the next list) or nothing new since the last cut-off.
        """
        window = self._list_window(company, now)
        if window.start >= window.end:
            _logger.info("Daily order list of %s: already sent up to %s.",
                         company.name, window.end)
            return self.env["mail.mail"]
        params = self.env["ir.config_parameter"].sudo()
        start = self._param_datetime(FIRST_START_PARAM % company.id)
        if not start:
            start = window.start
            params.set_param(FIRST_START_PARAM % company.id, fields.Datetime.to_string(start))
        partners = self._recipients(company)
        if not partners:
            _logger.warning("Daily order list of %s: group %s has no user with an email.",
                            company.name, company._ecom_order_list_group().full_name)
            return self.env["mail.mail"]
        orders = self._get_orders(company, window.end, start)
        content = self._build_xlsx(window, company, orders)
        day_string = fields.Date.to_string(window.day)
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
        end = fields.Datetime.to_string(window.end)
        orders.sudo().write({"ecom_listed_at": end})
        params.set_param(LAST_CUTOFF_PARAM % company.id, end)
        _logger.info("Daily order list of %s for %s: %d orders, mailed to %d people.",
                     company.name, day_string, len(orders), len(partners))
        return self.env["mail.mail"].browse(mail_id)

    @api.model
    def _cron_send_daily_order_list(self):
        """Mail each company that sells through channels its paid orders
        since its previous list.

        Every company with an active channel gets its list, even an empty
        one: the heads then know that nothing was paid rather than wonder
        whether the list was sent. The mails go through Odoo's mail queue.
        """
        companies = self.env["ecom.channel"].search([]).mapped("company_id")
        mails = self.env["mail.mail"]
        for company in companies:
            mails |= self._send_daily_order_list(company)
        return mails
