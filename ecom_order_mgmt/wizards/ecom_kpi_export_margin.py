# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EcomKpiExport(models.TransientModel):
    """The gross margin, buyers and staff KPIs in the XLSX export too."""

    _inherit = "ecom.kpi.export"

    report_model = fields.Selection(selection_add=[
        ("ecom.margin.report", "Gross Margin"),
        ("ecom.buyer.report", "Buyers"),
        ("ecom.staff.report", "Staff KPIs"),
    ])
