# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models

from ..tools import xlsx_common


class ReportEcomKpiXlsx(models.AbstractModel):
    """XLSX of a KPI report (order, backorder or after-sales KPIs).

    One sheet: title, companies, period, channels and search filters, one
    row per report row, and a totals row (sums; averages for the rates and
    durations, as the pivot shows them).
    """

    _name = "report.ecom_order_mgmt.report_ecom_kpi_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "KPI report XLSX"

    def _get_objs_for_report(self, docids, data):
        # Always the export wizards, whatever report the user came from.
        return self.env["ecom.kpi.export"].browse(docids or [])

    def generate_xlsx_report(self, workbook, data, wizards):
        formats = xlsx_common.add_formats(workbook)
        for wizard in wizards:
            report = self.env[wizard.report_model]
            domain = wizard._domain()
            rows = report.search(domain)
            sheet = workbook.add_worksheet(report._kpi_xlsx_title()[:31])
            header_row = 1 + xlsx_common.write_title(
                sheet, formats, report._kpi_xlsx_title(),
                wizard._header_lines() + report._kpi_xlsx_header_lines(domain)
                + [_("Rows 行数: %d") % len(rows)])
            columns = report._kpi_xlsx_columns
            xlsx_common.write_header(sheet, formats, header_row, columns,
                                     report._kpi_xlsx_titles())
            first = header_row + 1
            for offset, values in enumerate(rows._kpi_xlsx_rows()):
                xlsx_common.write_row(sheet, formats, first + offset, columns, values)
            summary = report._kpi_xlsx_summary(domain)
            averaged = report._kpi_xlsx_totals_as_values() & set(summary)
            xlsx_common.write_totals(
                sheet, formats, first + len(rows), first, columns,
                {k: v for k, v in summary.items() if k not in averaged},
                _("Total 合计"),
                labels={k: summary[k] for k in averaged})
