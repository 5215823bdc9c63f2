# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class EcomShipWizard(models.TransientModel):
    """The courier's count, asked before a delivery ships on its own.

    Both sides count before the parcels leave (the seeds' handover check):
    the deliveries ship only when the courier counts as many parcels as
    were packed (see `stock.picking.action_ecom_ship`).
    """

    _name = "ecom.ship.wizard"
    _description = "Ship with the Courier's Count"

    picking_ids = fields.Many2many("stock.picking", string="Deliveries", readonly=True)
    carrier_id = fields.Many2one("delivery.carrier", string="Carrier",
                                 compute="_compute_parcels")
    package_count = fields.Integer(string="Parcels", compute="_compute_parcels",
                                   help="Parcels packed (the warehouse's count).")
    carrier_count = fields.Integer(
        string="Parcels Counted by Courier", required=True,
        help="How many parcels the courier counts when taking them.")

    @api.depends("picking_ids")
    def _compute_parcels(self):
        for wizard in self:
            wizard.carrier_id = wizard.picking_ids.mapped("carrier_id")[:1]
            wizard.package_count = sum(wizard.picking_ids.mapped("ecom_package_count"))

    @api.multi
    def action_ship(self):
        """Ship the deliveries with the courier's count."""
        self.ensure_one()
        self.picking_ids.action_ecom_ship(self.carrier_count)
        return {"type": "ir.actions.act_window_close"}
