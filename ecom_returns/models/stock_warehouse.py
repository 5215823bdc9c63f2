# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    ecom_return_location_id = fields.Many2one(
        "stock.location", string="Returns Location", readonly=True,
        help="Return receipts bring the parcel here; at receipt each unit leaves it: "
             "good ones to the warehouse's stock, defective ones to its Defective "
             "location.")
    ecom_defective_location_id = fields.Many2one(
        "stock.location", string="Defective Location", readonly=True,
        help="Returned units judged defective. A scrap location outside the warehouse: "
             "never reserved for a delivery, not counted in the products' quantity on "
             "hand or forecast, not valued as stock.")

    @api.model
    def create(self, vals):
        warehouse = super(StockWarehouse, self).create(vals)
        warehouse._ecom_ensure_return_locations()
        return warehouse

    def _ecom_defective_location_values(self):
        """A scrap location under Odoo's own *Scrapped*, named after the
        warehouse: outside the warehouse, so that nothing in it is saleable
        (quantities on hand count what lies under the warehouse)."""
        scrapped = self.env.ref("stock.stock_location_scrapped", raise_if_not_found=False)
        return {"name": _("%s Defective") % self.code, "usage": "inventory",
                "scrap_location": True, "active": True,
                "location_id": scrapped.id if scrapped else False}

    def _ecom_ensure_return_locations(self):
        """Create the returns and defective locations of each warehouse, and
        move a defective location created inside the warehouse (earlier
        versions) out of the saleable stock."""
        Location = self.env["stock.location"].sudo()
        for warehouse in self.sudo():
            values = {}
            if not warehouse.ecom_return_location_id:
                values["ecom_return_location_id"] = Location.create({
                    "name": _("Returns"), "usage": "internal", "return_location": True,
                    "location_id": warehouse.view_location_id.id,
                    "company_id": warehouse.company_id.id}).id
            defective = warehouse._ecom_defective_location_values()
            if not warehouse.ecom_defective_location_id:
                values["ecom_defective_location_id"] = Location.create(dict(
                    defective, company_id=warehouse.company_id.id)).id
            elif warehouse.ecom_defective_location_id.usage == "internal":
                try:
                    with self.env.cr.savepoint():
                        warehouse.ecom_defective_location_id.write(defective)
                except UserError as error:
                    # units reserved there: moved out by hand, converted next time
                    _logger.warning("%s: defective location left as it is: %s",
                                    warehouse.name, error.name)
            if values:
                warehouse.write(values)
        return True

    @api.model
    def _ecom_init_return_locations(self):
        """Data function: every existing warehouse gets its two locations."""
        self.search([])._ecom_ensure_return_locations()
        return True
