# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Per-staff KPIs for the manager (issue 22 item 7, seed 004).

One row per review decision: the CS review (客审) and the finance review (财审)
of each channel order, by the user who made it: orders reviewed, hours the
order waited for that review (from receipt for CS, from the CS review for
finance), and whether it was made before the order's SLA deadline. One row
per exception raised by a user (ecom.exception.log) and per wrong scan at the
packing check (ecom.scan.error): exceptions raised and scan errors per packer.
"""
from odoo import fields, models, tools

from ..const import DEFAULT_TZ
from ..tools.sql import create_view, pct_sql, sql_literal

STEPS = [("cs", "CS Review"), ("finance", "Finance Review"),
         ("exception", "Exception Raised"), ("scan_error", "Scan Error")]


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
        ("picking_id", 14, "text"),
        ("exception_count", 8, "integer"),
        ("scan_error_count", 8, "integer"),
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
    picking_id = fields.Many2one("stock.picking", string="Delivery", readonly=True)
    exception_count = fields.Integer(
        string="Exceptions Raised", readonly=True,
        help="Orders held as an exception by the user (not by the automatic rules).")
    scan_error_count = fields.Integer(
        string="Scan Errors", readonly=True,
        help="Wrong scans at the packing check (unknown code, product not in the "
             "delivery, too many units), by the packer who scanned.")

    def init(self):
        """(Re)create the SQL view: ids 4n (CS review) and 4n + 1 (finance) of
        order n, 4n + 2 of exception log n, 4n + 3 of scan error n."""
        tools.drop_view_if_exists(self.env.cr, self._table)
        create_view(self.env.cr, "CREATE OR REPLACE VIEW %s AS (%s)" % (
            self._table, "\n UNION ALL ".join(self._review_sql() + self._event_sql())))

    def _review_sql(self):
        """The review rows: one per review step made, of each channel order."""
        select = """
                SELECT so.id * 4 + {offset} AS id,
                       ({at} AT TIME ZONE 'UTC'
                            AT TIME ZONE COALESCE(ch.tz, {tz}))::date AS date,
                       {at} AS reviewed_at,
                       {user} AS user_id,
                       '{step}'::varchar AS step,
                       so.id AS order_id,
                       NULL::integer AS picking_id,
                       so.ecom_channel_id AS channel_id,
                       so.company_id AS company_id,
                       1 AS review_count,
                       EXTRACT(EPOCH FROM ({at} - {since})) / 3600.0 AS review_hours,
                       {on_time} AS on_time_pct,
                       0 AS exception_count,
                       0 AS scan_error_count
                  FROM sale_order so
                  JOIN ecom_channel ch ON ch.id = so.ecom_channel_id
                 WHERE {user} IS NOT NULL AND {at} IS NOT NULL"""
        steps = (
            (0, "cs", "so.ecom_cs_user_id", "so.ecom_cs_date", "so.ecom_received_at"),
            (1, "finance", "so.ecom_finance_user_id", "so.ecom_finance_date", "so.ecom_cs_date"),
        )
        return [select.format(offset=offset, at=at, user=user, step=step, since=since,
                              tz=sql_literal(DEFAULT_TZ),
                              on_time=pct_sql("%s <= so.ecom_sla_deadline" % at,
                                              "so.ecom_sla_deadline IS NOT NULL"))
                for offset, step, user, at, since in steps]

    def _event_sql(self):
        """The rows of the exceptions raised and of the scan errors, each
        counted on the day of its order's channel (the suite's clock without)."""
        select = """
                SELECT ev.id * 4 + {offset} AS id,
                       (ev.date AT TIME ZONE 'UTC'
                            AT TIME ZONE COALESCE(ch.tz, {tz}))::date AS date,
                       ev.date AS reviewed_at,
                       ev.user_id AS user_id,
                       '{step}'::varchar AS step,
                       so.id AS order_id,
                       {picking} AS picking_id,
                       so.ecom_channel_id AS channel_id,
                       ev.company_id AS company_id,
                       0 AS review_count,
                       NULL::double precision AS review_hours,
                       NULL::numeric AS on_time_pct,
                       {exception} AS exception_count,
                       {scan} AS scan_error_count
                  FROM {table} ev
                  LEFT JOIN sale_order so ON so.id = ev.{order}
                  LEFT JOIN ecom_channel ch ON ch.id = so.ecom_channel_id"""
        tz = sql_literal(DEFAULT_TZ)
        return [
            select.format(offset=2, step="exception", table="ecom_exception_log",
                          order="order_id", picking="NULL::integer", exception=1, scan=0,
                          tz=tz),
            select.format(offset=3, step="scan_error", table="ecom_scan_error",
                          order="sale_id", picking="ev.picking_id", exception=0, scan=1,
                          tz=tz),
        ]
