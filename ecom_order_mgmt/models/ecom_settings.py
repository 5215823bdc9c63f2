# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The E-commerce settings page, for the e-commerce manager.

Odoo's Settings (`res.config.settings`) and the company form are the
administrator's: an e-commerce manager can neither open the one nor write
the other. This page shows the e-commerce settings of the user's company
and saves them: each field of `ecom.settings` named like a field of
`res.company` is that company field (the form opens on the company's value,
Save writes it back). The manager's right is checked on the server, then the
company is written as the system, these fields only. Each addon adds its
fields here and its section to the form (view inheritance).
"""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from ..const import MANAGER
from .ecom_guard_mixin import ecom_action
from .res_company import MGMT_REPORT_FREQUENCIES, WEEKDAYS


class EcomSettings(models.TransientModel):
    _name = "ecom.settings"
    _inherit = ["ecom.guard.mixin"]
    _description = "E-commerce Settings"

    company_id = fields.Many2one(
        "res.company", string="Company", required=True, readonly=True,
        default=lambda self: self.env.user.company_id)
    ecom_order_list_group_id = fields.Many2one(
        "res.groups", string="Daily Order List Recipients",
        help="Every user of this group (with an email address) receives the daily "
             "order list (订货明细单) of the company as an XLSX attachment. Empty: the "
             "e-commerce managers.")
    ecom_notify_buyer = fields.Boolean(
        string="Email Buyers",
        help="Mail buyers when their order is received, held, shipped or refunded and "
             "when a custom order needs a payment. Each sales channel can switch its "
             "own buyer mails off.")
    ecom_mgmt_report_frequency = fields.Selection(
        MGMT_REPORT_FREQUENCIES, string="Management Report",
        help="How often the managers get the KPI summary of the last full week "
             "(Monday to Sunday) or calendar month by mail, with the KPI export as XLSX.")
    ecom_mgmt_report_weekday = fields.Selection(
        WEEKDAYS, string="Weekly Report On",
        help="Weekly report: the day it is sent (for the week before).")
    ecom_mgmt_report_monthday = fields.Integer(
        string="Monthly Report On Day",
        help="Monthly report: the day of the month it is sent (1 to 28).")
    ecom_mgmt_report_group_id = fields.Many2one(
        "res.groups", string="Management Report Recipients",
        help="The e-commerce managers of this group (with an email address) receive "
             "the management report. Empty: the e-commerce managers.")

    @api.model
    def _ecom_actions(self):
        actions = super(EcomSettings, self)._ecom_actions()
        actions["execute"] = ecom_action([MANAGER], label=_("Changing the e-commerce settings"))
        return actions

    @api.model
    def _ecom_company_fields(self):
        """The fields of this page that are fields of the company."""
        company_fields = self.env["res.company"]._fields
        return [name for name in self._fields
                if name.startswith("ecom_") and name in company_fields]

    @api.model
    def default_get(self, fields_list):
        values = super(EcomSettings, self).default_get(fields_list)
        company = self.env["res.company"].browse(
            values.get("company_id") or self.env.user.company_id.id)
        for name in self._ecom_company_fields():
            if name in fields_list:
                values[name] = self._fields[name].convert_to_write(company[name], company)
        return values

    @api.multi
    def execute(self):
        """Save: write the page's values to the company (managers only)."""
        self._ecom_check_rights("execute")
        names = self._ecom_company_fields()
        for settings in self:
            if settings.company_id not in self.env.user.company_ids:
                raise AccessError(_("You cannot change the settings of %s.")
                                  % settings.company_id.name)
            values = {name: settings._fields[name].convert_to_write(settings[name], settings)
                      for name in names}
            settings.company_id.sudo().write(values)
        return {"type": "ir.actions.client", "tag": "reload"}
