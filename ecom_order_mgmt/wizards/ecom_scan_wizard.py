# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class EcomScanWizard(models.TransientModel):
    """A scanner field: each Enter sends one code to a delivery or a handover batch."""

    _name = "ecom.scan.wizard"
    _description = "Scan"

    picking_id = fields.Many2one("stock.picking", readonly=True)
    handover_id = fields.Many2one("ecom.handover", readonly=True)
    code = fields.Char(string="Barcode", help="Scan a product barcode, an internal "
                       "reference or (in a handover) a tracking number.")
    quantity = fields.Integer(default=1)
    last_result = fields.Char(readonly=True)
    last_ok = fields.Boolean(readonly=True)

    @api.multi
    def action_scan(self):
        """Send the code, then open a fresh scanner showing what happened."""
        self.ensure_one()
        values = {"picking_id": self.picking_id.id, "handover_id": self.handover_id.id,
                  "quantity": 1}
        try:
            if self.picking_id:
                # the refusal is caught here and this transaction commits: a
                # wrong scan is recorded in it (ecom.scan.error), by the action
                self.picking_id.with_context(ecom_scan_caller_commits=True).action_ecom_scan(
                    self.code, self.quantity)
            else:
                self.handover_id.action_scan_parcel(self.code)
            values.update(last_ok=True, last_result=_("%s: OK") % self.code)
        except UserError as error:
            # Shown in the next scanner screen: a handheld user keeps scanning.
            values.update(last_ok=False, last_result=error.name)
        wizard = self.create(values)
        return {
            "type": "ir.actions.act_window",
            "name": _("Scan"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }
