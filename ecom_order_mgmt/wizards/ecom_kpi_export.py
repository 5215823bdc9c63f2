# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

from ..tools.report_action import downloadable

REPORT = "ecom_order_mgmt.action_report_ecom_kpi_xlsx"


class EcomKpiExport(models.TransientModel):
    """Export a KPI report as XLSX: period, channels, companies.

    Opened from a report's Action menu it also keeps the filters the user
    had in the search view (the `active_domain` the web client sends).
    """

    _name = "ecom.kpi.export"
    _description = "Export KPI Report"

    report_model = fields.Selection(
        [("ecom.order.report", "Order KPIs")], string="Report", required=True,
        default="ecom.order.report")
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")
    channel_ids = fields.Many2many("ecom.channel", string="Sales Channels",
                                   help="Leave empty for every channel.")
    company_ids = fields.Many2many("res.company", string="Companies",
                                   help="Leave empty for every company you may see.")
    filter_domain = fields.Char(string="Search Filters", readonly=True,
                                help="Filters of the report's search view, kept in the export.")

    @api.model
    def default_get(self, fields_list):
        values = super(EcomKpiExport, self).default_get(fields_list)
        context = self.env.context
        models_available = dict(self._fields["report_model"]._description_selection(self.env))
        if context.get("active_model") in models_available:
            values["report_model"] = context["active_model"]
            if context.get("active_domain"):
                values["filter_domain"] = repr(context["active_domain"])
        return values

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from and wizard.date_to and wizard.date_from > wizard.date_to:
                raise ValidationError(_("The period ends before it starts."))

    @api.multi
    def _domain(self):
        """The report rows to export: the period, channels, companies and filters."""
        self.ensure_one()
        domain = []
        if self.date_from:
            domain.append(("date", ">=", self.date_from))
        if self.date_to:
            domain.append(("date", "<=", self.date_to))
        if self.channel_ids:
            domain.append(("channel_id", "in", self.channel_ids.ids))
        if self.company_ids:
            domain.append(("company_id", "in", self.company_ids.ids))
        if self.filter_domain:
            domain = expression.AND([domain, safe_eval(self.filter_domain)])
        return domain

    @api.multi
    def _header_lines(self):
        """What the sheet shows above the rows: companies, period, channels, filters."""
        self.ensure_one()
        companies = self.company_ids or self.env.user.company_ids
        everything = _("all")
        lines = [
            _("Company 公司: %s") % ", ".join(companies.mapped("name")),
            _("Period 期间: %s – %s") % (self.date_from or "…", self.date_to or "…"),
            _("Channels 渠道: %s") % (
                ", ".join(self.channel_ids.mapped("name")) or everything),
        ]
        if self.filter_domain:
            lines.append(_("Filters 筛选: %s") % self.filter_domain)
        return lines

    @api.multi
    def action_export(self):
        """Download the report rows matching the wizard as an XLSX file."""
        self.ensure_one()
        if not self.env[self.report_model].check_access_rights("read", raise_exception=False):
            raise UserError(_("You may not read this report."))
        return downloadable(self.env.ref(REPORT).report_action(self, config=False),
                            self._name, self.ids)
