# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EcomSettings(models.TransientModel):
    """The after-sales section of the manager's E-commerce settings (the
    company's after-sales fields, see res_company.py)."""

    _inherit = "ecom.settings"

    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    ecom_return_days = fields.Integer(
        string="Return Period (days)",
        help="Days after delivery during which the buyer may return goods.")
    ecom_return_shipping_fee = fields.Monetary(
        string="Return Shipping Fee", currency_field="currency_id",
        help="What a return parcel costs; deducted from the refund when the buyer pays it.")
    ecom_return_customer_fault_payer = fields.Selection(
        [("buyer", "The buyer"), ("company", "The company (free returns)")],
        string="Return Shipping When the Buyer Is Responsible",
        help="Returns the company or the carrier is responsible for are always paid by "
             "them.")
    ecom_return_supervisor_id = fields.Many2one(
        "res.users", string="After-sales Supervisor",
        help="Gets an activity for every defective unit received back. Empty: the "
             "administrator.")
    ecom_followup_days = fields.Integer(
        string="Delivery Follow-up After (days)",
        help="Days after shipping when CS asks the buyer whether the parcel arrived.")
