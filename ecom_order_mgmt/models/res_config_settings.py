# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ecom_order_list_group_id = fields.Many2one(
        "res.groups", related="company_id.ecom_order_list_group_id",
        string="Daily Order List Recipients",
        help="Users of this group receive the day's paid channel orders as an XLSX "
             "attachment (订货明细单).")
    ecom_notify_buyer = fields.Boolean(
        related="company_id.ecom_notify_buyer", string="Email Buyers",
        help="Mail buyers when their order is received, held, shipped or refunded and "
             "when a custom order needs a payment.")
    ecom_mgmt_report_frequency = fields.Selection(
        related="company_id.ecom_mgmt_report_frequency", string="Management Report")
    ecom_mgmt_report_weekday = fields.Selection(
        related="company_id.ecom_mgmt_report_weekday", string="Weekly Report On")
    ecom_mgmt_report_monthday = fields.Integer(
        related="company_id.ecom_mgmt_report_monthday", string="Monthly Report On Day")
    ecom_mgmt_report_group_id = fields.Many2one(
        "res.groups", related="company_id.ecom_mgmt_report_group_id",
        string="Management Report Recipients")
