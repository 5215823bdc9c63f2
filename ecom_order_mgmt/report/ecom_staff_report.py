# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Per-staff review KPIs for the manager (issue 22 item 7, seed 004).

One row per review decision: the CS review (客审) and the finance review (财审)
of each channel order, by the user who made it: orders reviewed, hours the
order waited for that review (from receipt for CS, from the CS review for
finance), and whether it was made before the order's SLA deadline.
"""
from odoo import fields, models, tools

from ..const import DEFAULT_TZ
from ..tools.sql import create_view, pct_sql, sql_literal

STEPS = [("cs", "CS Review"), ("finance", "Finance Review")]


class EcomStaffReport(models.Model):
    _name = "ecom.staff.report"
    _inherit = "ecom.kpi.report.mixin"
    _description = "Staff KPIs"
    _auto = False
    _order = "reviewed_at desc, id desc"
    _rec_name = "user_id"

    _kpi_xlsx_columns = [
        ("date", 11, "date"),
        ("user_id", 18, "text"),
        ("step", 12, "text"),
        ("order_id", 14, "text"),
        ("channel_id", 16, "text"),
        ("company_id", 16, "text"),
        ("review_count", 8, "integer"),
        ("review_hours", 10, "hours"),
        ("on_time_pct", 10, "percent"),
    ]

    date = fields.Date(string="Review Date", readonly=True,
                       help="Day of the review, on the channel's clock.")
    reviewed_at = fields.Datetime(string="Reviewed At", readonly=True)
    user_id = fields.Many2one("res.users", string="Reviewer", readonly=True)
    step = fields.Selection(STEPS, string="Review", readonly=True)
    order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    channel_id = fields.Many2one("ecom.channel", string="Sales Channel", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    review_count = fields.Integer(string="Orders Reviewed", readonly=True)
    review_hours = fields.Float(
        string="Average Review Time (h)", readonly=True, group_operator="avg",
        help="Hours the order waited for this review: from its receipt for the CS "
             "review, from the CS review for the finance review.")
    on_time_pct = fields.Float(
        string="On Time %", readonly=True, group_operator="avg",
        help="Share of the reviews made before the order's SLA deadline.")

    def init(self):
        """(Re)create the SQL view: ids 2n (CS review) and 2n + 1 (finance) of order n."""
        tools.drop_view_if_exists(self.env.cr, self._table)
        select = """
                SELECT so.id * 2 + {offset} AS id,
                       ({at} AT TIME ZONE 'UTC'
                            AT TIME ZONE COALESCE(ch.tz, {tz}))::date AS date,
                       {at} AS reviewed_at,
                       {user} AS user_id,
                       '{step}'::varchar AS step,
                       so.id AS order_id,
                       so.ecom_channel_id AS channel_id,
                       so.company_id AS company_id,
                       1 AS review_count,
                       EXTRACT(EPOCH FROM ({at} - {since})) / 3600.0 AS review_hours,
                       {on_time} AS on_time_pct
                  FROM sale_order so
                  JOIN ecom_channel ch ON ch.id = so.ecom_channel_id
                 WHERE {user} IS NOT NULL AND {at} IS NOT NULL"""
        steps = (
            (0, "cs", "so.ecom_cs_user_id", "so.ecom_cs_date", "so.ecom_received_at"),
            (1, "finance", "so.ecom_finance_user_id", "so.ecom_finance_date", "so.ecom_cs_date"),
        )
        parts = [select.format(offset=offset, at=at, user=user, step=step, since=since,
                               tz=sql_literal(DEFAULT_TZ),
                               on_time=pct_sql("%s <= so.ecom_sla_deadline" % at,
                                               "so.ecom_sla_deadline IS NOT NULL"))
                 for offset, step, user, at, since in steps]
        create_view(self.env.cr, "CREATE OR REPLACE VIEW %s AS (%s)" % (
            self._table, "\n UNION ALL ".join(parts)))
