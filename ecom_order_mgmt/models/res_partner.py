# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    ecom_channel_id = fields.Many2one(
        "ecom.channel", string="First Seen in Channel", index=True, ondelete="set null",
        readonly=True,
        help="Sales channel where this buyer was first seen. Imported orders of that "
             "channel find their buyer by phone number among these partners.")

    @api.model
    def _get_default_image(self, partner_type, is_company, parent_id):
        # Buyers created by an order import get no generated avatar: three
        # image attachments per buyer would triple the cost of an import.
        if self.env.context.get("ecom_import_buyer"):
            return False
        return super(ResPartner, self)._get_default_image(partner_type, is_company, parent_id)
