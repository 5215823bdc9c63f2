# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The scanner at a receipt: a unit may be scanned as damaged."""
from odoo import api, fields, models


class EcomScanWizard(models.TransientModel):
    _inherit = "ecom.scan.wizard"

    damaged = fields.Boolean(help="At a receipt: this unit arrived damaged.")

    @api.multi
    def action_scan(self):
        return super(EcomScanWizard, self.with_context(
            ecom_scan_damaged=self.damaged)).action_scan()
