# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EcomSettings(models.TransientModel):
    """The custom orders' section of the manager's E-commerce settings."""

    _inherit = "ecom.settings"

    ecom_deposit_percent = fields.Float(
        string="Custom Order Deposit (%)", digits=(5, 2),
        help="Share of the order total a buyer pays as a deposit before a custom order "
             "(订制) is purchased (30 % by default); the balance is due when the goods "
             "have arrived. New custom requests start with this percentage.")
