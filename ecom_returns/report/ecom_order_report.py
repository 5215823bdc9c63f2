# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class EcomOrderReport(models.Model):
    """Order KPIs: an exchange's replacement order counts as an exchange,
    not as a new sale (sale.order.ecom_exchange_case_id)."""

    _inherit = "ecom.order.report"

    @api.model
    def _ecom_exchange_sql(self, alias):
        return "%s.ecom_exchange_case_id IS NOT NULL" % alias
