# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    ecom_deposit_percent = fields.Float(
        string="Custom Order Deposit (%)", default=30.0, digits=(5, 2),
        help="Share of the order total a buyer pays as a deposit before a custom "
             "order (订制) is purchased; the balance is paid when the goods have "
             "arrived. New custom requests start with this percentage.")

    @api.constrains("ecom_deposit_percent")
    def _check_ecom_deposit_percent(self):
        for company in self:
            if not 0.0 <= company.ecom_deposit_percent <= 100.0:
                raise ValidationError(_(
                    "The custom order deposit of %s must lie between 0 and 100 %% "
                    "(it is %s %%).") % (company.name, company.ecom_deposit_percent))


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ecom_deposit_percent = fields.Float(
        related="company_id.ecom_deposit_percent", string="Custom Order Deposit (%)",
        help="Deposit a buyer pays before a custom order is purchased (30 % by "
             "default); the rest is the balance, due when the goods have arrived.")
