# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Periodic management report by mail (issue 22 item 8, seed 004).

Every week (or month) the e-commerce managers of each company get the KPIs
of the last full week (month): a short HTML table in the mail (orders, GMV,
average order value, on-time shipping, gross margin, and the after-sales
figures when ecom_returns is installed; the top channels) and the KPI
export (one sheet per KPI report) as XLSX. The figures are read from the
KPI reports (SQL views), as the pivots show them. The pattern is the daily
order list's (models/ecom_daily_order_list.py): a daily cron, the period in
tools/management_report.py, one report per period.
"""
import base64
import logging
from datetime import datetime, timedelta
from itertools import groupby

from odoo import _, api, fields, models
from odoo.tools import html_escape
from odoo.tools.misc import formatLang

from ..const import DEFAULT_TZ, MANAGER
from ..tools import management_report, order_list

_logger = logging.getLogger(__name__)

MAIL_TEMPLATE = "ecom_order_mgmt.mail_template_ecom_management_report"
XLSX_REPORT = "ecom_order_mgmt.action_report_ecom_kpi_xlsx"
# per company (%d: its id): the key (tools.management_report.period_key) of
# the last report sent
SENT_PARAM = "ecom_order_mgmt.management_report_sent.%d"
TOP_CHANNELS = 5
CELL = 'style="padding: 4px 12px; border-bottom: 1px solid #ddd; text-align: %s;"'


class EcomManagementReport(models.AbstractModel):
    """The management report: which period, which figures, the mail."""

    _name = "ecom.management.report"
    _description = "Management Report"

    # ------------------------------------------------------------------
    # What the report holds (extended by the other addons)
    # ------------------------------------------------------------------
    @api.model
    def _figure_measures(self):
        """The figures of the mail's table: [(report model, measure)], each
        labelled with the measure's own label and totalled as the pivot does."""
        return [
            ("ecom.order.report", "order_count"),
            ("ecom.order.report", "amount_total"),
            ("ecom.order.report", "amount_avg"),
            ("ecom.order.report", "on_time_pct"),
            ("ecom.margin.report", "margin"),
            ("ecom.margin.report", "margin_pct"),
        ]

    @api.model
    def _xlsx_reports(self):
        """The KPI reports of the XLSX attachment, one sheet each."""
        return ["ecom.order.report", "ecom.margin.report", "ecom.staff.report"]

    # ------------------------------------------------------------------
    # Which period
    # ------------------------------------------------------------------
    @api.model
    def _company_today(self, company, now=None):
        """The company's date at `now` (naive UTC, default: now)."""
        return order_list.to_local(now or datetime.utcnow(),
                                   company.partner_id.tz or DEFAULT_TZ).date()

    @api.model
    def _due_period(self, company, now=None):
        """The tools.management_report.Period due at `now`, or None."""
        return management_report.due_period(
            self._company_today(company, now), company.ecom_mgmt_report_frequency,
            weekday=int(company.ecom_mgmt_report_weekday or 0),
            monthday=company.ecom_mgmt_report_monthday)

    @api.model
    def _domain(self, company, period):
        """Rows of the KPI reports of the company and the period."""
        return [("company_id", "=", company.id),
                ("date", ">=", fields.Date.to_string(period.start)),
                ("date", "<", fields.Date.to_string(period.end))]

    # ------------------------------------------------------------------
    # The figures, the HTML table, the XLSX
    # ------------------------------------------------------------------
    @api.model
    def _figures(self, company, period):
        """[(label, value, kind)] of the mail's table, in the context's language;
        kind: count, money or percent; value False when there is none."""
        domain = self._domain(company, period)
        figures = []
        for model, measures in groupby(self._figure_measures(), key=lambda m: m[0]):
            names = [name for _model, name in measures]
            Report = self.env[model]
            totals = Report.read_group(domain, names, [])
            labels = Report.fields_get(names, ["string", "type"])
            for name in names:
                value = totals[0][name] if totals else False
                figures.append((labels[name]["string"], value, self._kind(name, labels[name])))
        return figures

    @api.model
    def _kind(self, name, described):
        if name.endswith("_pct") or name.endswith("_rate"):
            return "percent"
        return "count" if described["type"] == "integer" else "money"

    @api.model
    def _top_channels(self, company, period):
        """[(channel name, orders, GMV)] of the channels with the highest GMV."""
        groups = self.env["ecom.order.report"].read_group(
            self._domain(company, period), ["channel_id", "order_count", "amount_total"],
            ["channel_id"], orderby="amount_total desc", limit=TOP_CHANNELS)
        return [(group["channel_id"] and group["channel_id"][1] or "", group["order_count"],
                 group["amount_total"]) for group in groups]

    @api.model
    def _format(self, value, kind, company):
        if value is False or value is None:
            return "–"
        if kind == "percent":
            return "%s %%" % formatLang(self.env, value, digits=1)
        if kind == "count":
            return formatLang(self.env, value, digits=0)
        return formatLang(self.env, value, digits=2, currency_obj=company.currency_id)

    @api.model
    def _html_table(self, company, period):
        """The mail's summary: the figures, then the top channels (HTML)."""
        def row(cells, tag="td"):
            return "<tr>%s</tr>" % "".join(
                "<%s %s>%s</%s>" % (tag, CELL % ("left" if i == 0 else "right"),
                                    html_escape(cell), tag)
                for i, cell in enumerate(cells))

        lines = [row([label, self._format(value, kind, company)])
                 for label, value, kind in self._figures(company, period)]
        described = self.env["ecom.order.report"].fields_get(
            ["channel_id", "order_count", "amount_total"], ["string"])
        channels = [row([described[name]["string"] for name in
                         ("channel_id", "order_count", "amount_total")], tag="th")]
        channels += [row([name, self._format(count, "count", company),
                          self._format(amount, "money", company)])
                     for name, count, amount in self._top_channels(company, period)]
        table = '<table class="o_ecom_kpis" style="border-collapse: collapse;">%s</table>'
        return "%s<p><strong>%s</strong></p>%s" % (
            table % "".join(lines), html_escape(_("Top channels")),
            table % "".join(channels))

    @api.model
    def _build_xlsx(self, company, period):
        """The KPI export of the company and the period: XLSX bytes, one
        sheet per report of `_xlsx_reports`."""
        values = {"date_from": fields.Date.to_string(period.start),
                  "date_to": fields.Date.to_string(period.end - timedelta(days=1)),
                  "company_ids": [(6, 0, company.ids)]}
        exports = self.env["ecom.kpi.export"]
        for model in self._xlsx_reports():
            exports |= exports.create(dict(values, report_model=model))
        content, _kind = self.env.ref(XLSX_REPORT).render(exports.ids, {})
        return content

    # ------------------------------------------------------------------
    # Mailing
    # ------------------------------------------------------------------
    @api.model
    def _recipients(self, company):
        """Partners (with an email) of the active e-commerce managers of the
        company's recipients group: nobody else gets the managers' figures."""
        manager = self.env.ref(MANAGER)
        users = company._ecom_mgmt_report_group().users.filtered(
            lambda u: u.active and company in u.company_ids and u.partner_id.email
            and manager in u.groups_id)
        return users.mapped("partner_id")

    @api.model
    def _send_management_report(self, company, now=None):
        """Mail the company's management report due at `now` (naive UTC).

        Once per period: a report already sent for the period is not sent
        again; a company with nobody to send it to is tried again on the
        next run. Each language of the recipients gets its mail, in it.

        :return: the queued mail.mail (empty when nothing was sent)
        """
        mails = self.env["mail.mail"]
        period = self._due_period(company, now)
        if not period:
            return mails
        key = management_report.period_key(company.ecom_mgmt_report_frequency, period)
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param(SENT_PARAM % company.id) == key:
            _logger.info("Management report of %s: %s already sent.", company.name, key)
            return mails
        partners = self._recipients(company)
        if not partners:
            _logger.warning("Management report of %s: no e-commerce manager with an email "
                            "in group %s.", company.name,
                            company._ecom_mgmt_report_group().full_name)
            return mails
        by_lang = sorted(partners, key=lambda p: p.lang or "en_US")
        for lang, group in groupby(by_lang, key=lambda p: p.lang or "en_US"):
            recipients = self.env["res.partner"].union(*group)
            mails |= self.with_context(lang=lang)._mail_report(company, period, recipients)
        params.set_param(SENT_PARAM % company.id, key)
        _logger.info("Management report of %s (%s): mailed to %d people.",
                     company.name, key, len(partners))
        return mails

    @api.model
    def _mail_report(self, company, period, partners):
        """Queue one mail of the report to `partners`, in the context's language."""
        last_day = period.end - timedelta(days=1)
        period_text = "%s – %s" % (fields.Date.to_string(period.start),
                                   fields.Date.to_string(last_day))
        filename = "%s-%s.xlsx" % (_("management-report"), fields.Date.to_string(period.start))
        template = self.env.ref(MAIL_TEMPLATE).with_context(
            ecom_report_period=period_text,
            ecom_report_table=self._html_table(company, period))
        mail_id = template.send_mail(company.id, email_values={
            "recipient_ids": [(6, 0, partners.ids)],
            "attachments": [(filename, base64.b64encode(self._build_xlsx(company, period)))],
        })
        return self.env["mail.mail"].browse(mail_id)

    @api.model
    def _cron_send_management_report(self):
        """Mail each company that sells through channels its management
        report, when one is due (see tools/management_report.py)."""
        mails = self.env["mail.mail"]
        for company in self.env["ecom.channel"].search([]).mapped("company_id"):
            mails |= self._send_management_report(company)
        return mails
