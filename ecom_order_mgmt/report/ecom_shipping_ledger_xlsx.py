# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import pytz

from odoo import _, fields, models

from ..const import DEFAULT_TZ
from ..tools import xlsx_common

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
        tz = pytz.timezone(row.channel_id.tz or DEFAULT_TZ)
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
        formats = xlsx_common.add_formats(workbook)
        companies = rows.mapped("company_id") or self.env.user.company_id
        dates = sorted(rows.filtered("date").mapped("date"))
        if dates:
            period = "%s – %s" % (dates[0], dates[-1])
        else:
            period = _("no shipment")
        header_row = 1 + xlsx_common.write_title(
            sheet, formats, _("Shipping Ledger 发货明细台账"), [
                _("Company 公司: %s") % ", ".join(companies.mapped("name")),
                _("Period 期间: %s") % period,
            ])
        xlsx_common.write_header(sheet, formats, header_row, COLUMNS, self._column_titles())

        first = header_row + 1
        totals = dict.fromkeys(TOTALS, 0.0)
        for offset, row in enumerate(rows):
            values = self._row_values(row)
            xlsx_common.write_row(sheet, formats, first + offset, COLUMNS, values)
            for key in TOTALS:
                totals[key] += values[key] or 0.0

        total_row = first + len(rows)
        xlsx_common.write_totals(sheet, formats, total_row, first, COLUMNS, totals,
                                 _("Total 合计"))
        sheet.write(total_row, 2, _("%d deliveries") % len(rows), formats["total_label"])
