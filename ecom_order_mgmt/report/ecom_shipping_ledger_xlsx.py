# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import pytz
from xlsxwriter.utility import xl_rowcol_to_cell

from odoo import _, fields, models

# (title, width, kind) of each column; the kind picks the cell format.
COLUMNS = [
    ("date", 12, "date"),
    ("shipped_at", 17, "datetime"),
    ("picking", 18, "text"),
    ("order", 14, "text"),
    ("platform_ref", 22, "text"),
    ("channel", 18, "text"),
    ("carrier", 16, "text"),
    ("tracking_ref", 20, "text"),
    ("province", 12, "text"),
    ("city", 12, "text"),
    ("recipient", 14, "text"),
    ("package_count", 8, "integer"),
    ("weight", 10, "weight"),
    ("quantity", 9, "quantity"),
    ("amount", 14, "money"),
]
# Columns summed in the totals row
TOTALS = ("package_count", "weight", "quantity", "amount")


class ReportEcomShippingLedgerXlsx(models.AbstractModel):
    """XLSX export of the selected shipping ledger rows (发货明细台账)."""

    _name = "report.ecom_order_mgmt.report_ecom_shipping_ledger_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Shipping ledger XLSX"

    def _column_titles(self):
        return {
            "date": _("Date 日期"),
            "shipped_at": _("Shipped At 发货时间"),
            "picking": _("Delivery 发货单"),
            "order": _("Order 订单号"),
            "platform_ref": _("Platform Order No. 平台单号"),
            "channel": _("Channel 渠道"),
            "carrier": _("Carrier 承运商"),
            "tracking_ref": _("Tracking No. 运单号"),
            "province": _("Province 省"),
            "city": _("City 市"),
            "recipient": _("Recipient 收件人"),
            "package_count": _("Parcels 件数"),
            "weight": _("Weight kg 重量"),
            "quantity": _("Units 数量"),
            "amount": _("Value 金额"),
        }

    @staticmethod
    def _local_shipped_at(row):
        """When the row was shipped, on the channel's clock (naive, for Excel)."""
        if not row.shipped_at:
            return None
        tz = pytz.timezone(row.channel_id.tz or "Asia/Shanghai")
        utc = pytz.utc.localize(fields.Datetime.from_string(row.shipped_at))
        return utc.astimezone(tz).replace(tzinfo=None)

    def _row_values(self, row):
        return {
            "date": fields.Date.from_string(row.date) if row.date else None,
            "shipped_at": self._local_shipped_at(row),
            "picking": row.picking_id.name or "",
            "order": row.sale_id.name or "",
            "platform_ref": row.platform_ref or "",
            "channel": row.channel_id.name or "",
            "carrier": row.carrier_id.name or "",
            "tracking_ref": row.tracking_ref or "",
            "province": row.province or "",
            "city": row.city or "",
            "recipient": row.recipient or "",
            "package_count": row.package_count,
            "weight": row.weight,
            "quantity": row.quantity,
            "amount": row.amount,
        }

    def generate_xlsx_report(self, workbook, data, rows):
        """One sheet: title, company and period, the rows, then their totals."""
        rows = rows.sorted(lambda r: (r.shipped_at or "", r.id))
        sheet = workbook.add_worksheet(_("Shipping Ledger"))
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format({
                "bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True,
                "valign": "vcenter"}),
            "text": workbook.add_format({"border": 1}),
            "date": workbook.add_format({"border": 1, "num_format": "yyyy-mm-dd"}),
            "datetime": workbook.add_format({"border": 1, "num_format": "yyyy-mm-dd hh:mm"}),
            "integer": workbook.add_format({"border": 1, "num_format": "0"}),
            "weight": workbook.add_format({"border": 1, "num_format": "#,##0.00"}),
            "quantity": workbook.add_format({"border": 1, "num_format": "#,##0.##"}),
            "money": workbook.add_format({"border": 1, "num_format": "#,##0.00"}),
            "total_label": workbook.add_format({"bold": True, "top": 2}),
        }
        for kind in ("integer", "weight", "quantity", "money"):
            formats["total_" + kind] = workbook.add_format({
                "bold": True, "top": 2, "border": 1,
                "num_format": formats[kind].num_format})

        companies = rows.mapped("company_id") or self.env.user.company_id
        dates = sorted(rows.filtered("date").mapped("date"))
        if dates:
            period = "%s – %s" % (dates[0], dates[-1])
        else:
            period = _("no shipment")
        sheet.write(0, 0, _("Shipping Ledger 发货明细台账"), formats["title"])
        sheet.write(1, 0, _("Company 公司: %s") % ", ".join(companies.mapped("name")))
        sheet.write(2, 0, _("Period 期间: %s") % period)

        header_row = 4
        titles = self._column_titles()
        for col, (key, width, _kind) in enumerate(COLUMNS):
            sheet.set_column(col, col, width)
            sheet.write(header_row, col, titles[key], formats["header"])
        sheet.set_row(header_row, 30)
        # Keep the column titles in view while scrolling through the rows.
        sheet.freeze_panes(header_row + 1, 0)

        first = header_row + 1
        totals = dict.fromkeys(TOTALS, 0.0)
        for offset, row in enumerate(rows):
            values = self._row_values(row)
            for col, (key, _width, kind) in enumerate(COLUMNS):
                value = values[key]
                if value is None or value == "":
                    sheet.write_blank(first + offset, col, None, formats[kind])
                elif kind in ("date", "datetime"):
                    sheet.write_datetime(first + offset, col, value, formats[kind])
                else:
                    sheet.write(first + offset, col, value, formats[kind])
            for key in TOTALS:
                totals[key] += values[key] or 0.0

        total_row = first + len(rows)
        sheet.write(total_row, 0, _("Total 合计"), formats["total_label"])
        sheet.write(total_row, 2, _("%d deliveries") % len(rows), formats["total_label"])
        for col, (key, _width, kind) in enumerate(COLUMNS):
            if key not in TOTALS:
                continue
            # A formula, so that the sheet stays right when rows are edited,
            # with its value cached for readers that do not recalculate.
            if rows:
                formula = "=SUM(%s:%s)" % (xl_rowcol_to_cell(first, col),
                                           xl_rowcol_to_cell(total_row - 1, col))
                sheet.write_formula(total_row, col, formula, formats["total_" + kind],
                                    totals[key])
            else:
                sheet.write_number(total_row, col, 0, formats["total_" + kind])
