# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    ecom_return_location_id = fields.Many2one(
        "stock.location", string="Returns Location", readonly=True,
        help="Returned goods wait here for inspection.")
    ecom_defective_location_id = fields.Many2one(
        "stock.location", string="Defective Location", readonly=True,
        help="Returned units judged defective; not saleable.")

    @api.model
    def create(self, vals):
        warehouse = super(StockWarehouse, self).create(vals)
        warehouse._ecom_ensure_return_locations()
        return warehouse

    def _ecom_ensure_return_locations(self):
        """Create the returns and defective locations of each warehouse."""
        Location = self.env["stock.location"].sudo()
        for warehouse in self.sudo():
            values = {}
            if not warehouse.ecom_return_location_id:
                values["ecom_return_location_id"] = Location.create({
                    "name": _("Returns"), "usage": "internal", "return_location": True,
                    "location_id": warehouse.view_location_id.id,
                    "company_id": warehouse.company_id.id}).id
            if not warehouse.ecom_defective_location_id:
                values["ecom_defective_location_id"] = Location.create({
                    "name": _("Defective"), "usage": "internal",
                    "location_id": warehouse.view_location_id.id,
                    "company_id": warehouse.company_id.id}).id
            if values:
                warehouse.write(values)
        return True

    @api.model
    def _ecom_init_return_locations(self):
        """Data function: every existing warehouse gets its two locations."""
        self.search([])._ecom_ensure_return_locations()
        return True
