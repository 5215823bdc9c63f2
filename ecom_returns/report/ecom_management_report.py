# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class EcomManagementReport(models.AbstractModel):
    """The after-sales figures in the periodic management report: cases
    opened, refunds and the return rate, and the after-sales KPIs sheet."""

    _inherit = "ecom.management.report"

    @api.model
    def _figure_measures(self):
        return super(EcomManagementReport, self)._figure_measures() + [
            ("ecom.return.report", "case_count"),
            ("ecom.return.report", "refund_amount"),
            ("ecom.return.report", "return_rate"),
        ]

    @api.model
    def _xlsx_reports(self):
        return super(EcomManagementReport, self)._xlsx_reports() + ["ecom.return.report"]
