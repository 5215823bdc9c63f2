# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    ecom_urgent = fields.Boolean(
        string="Urgent", index=True, copy=False, track_visibility="onchange",
        help="Emergency or local purchase for a buyer who cannot wait.")

    ecom_custom_request_id = fields.Many2one(
        "ecom.custom.request", string="Custom Request", readonly=True, copy=False,
        index=True, help="The custom order (订制) this purchase order makes the goods for.")
    ecom_packaging_standard = fields.Text(
        string="Packaging Design Standard", copy=False,
        help="包装设计标准 agreed for the custom order; also printed in the terms of the "
             "purchase order.")

    @api.model
    def _ecom_receipt_values(self, warehouse):
        """Values that have a purchase received in `warehouse`, the one its
        buyer's delivery leaves from (Odoo's default would be the company's
        first warehouse, wrong for a shop with a warehouse of its own)."""
        picking_type = warehouse.in_type_id
        return {"picking_type_id": picking_type.id} if picking_type else {}
