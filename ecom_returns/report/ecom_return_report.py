# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models, tools

from odoo.addons.ecom_order_mgmt.tools.sql import create_view, local_day_sql, pct_sql

from ..models.ecom_feedback import KINDS
from ..models.ecom_return import STATES as RETURN_STATES
from ..models.ecom_return import TYPES

# Cases whose goods come back and count in the return rate
RETURNED_TYPES = ("return_refund", "exchange")
# Cases that were not accepted (or not yet)
NOT_ACCEPTED = ("draft", "rejected")


class EcomReturnReport(models.Model):
    """After-sales KPIs: delivered units, after-sales case lines and complaints.

    Three kinds of rows (`row_type`) in one SQL view, so that one pivot
    puts the units returned next to the units delivered, by product and
    channel: the Return Rate % of each group is its Units Returned over its
    Units Delivered (computed per group: a ratio does not add up; the XLSX
    header gives it for the exported rows). Case counts, exchanges, reissues and
    the cycle time are counted once per case (on its first line), the refund
    is spread over the case's lines by quantity.
    """

    _name = "ecom.return.report"
    _inherit = "ecom.kpi.report.mixin"
    _description = "After-sales KPIs"
    _auto = False
    _order = "date desc, id desc"
    _report_group_measures = {"return_rate": "_report_return_rate"}
    _report_measure_sources = {"return_rate": ["quantity_returned", "quantity_delivered"]}

    _kpi_xlsx_columns = [
        ("date", 11, "date"),
        ("row_type", 12, "text"),
        ("order_id", 14, "text"),
        ("channel_id", 16, "text"),
        ("company_id", 16, "text"),
        ("product_id", 26, "text"),
        ("return_type", 14, "text"),
        ("reason_id", 16, "text"),
        ("quantity_delivered", 10, "quantity"),
        ("quantity_returned", 10, "quantity"),
        ("case_count", 8, "integer"),
        ("refund_amount", 12, "money"),
        ("exchange_count", 8, "integer"),
        ("reissue_count", 8, "integer"),
        ("cycle_days", 10, "hours"),
        ("refund_hours", 10, "hours"),
        ("refund_on_time_pct", 10, "percent"),
        ("complaint_count", 8, "integer"),
        ("answer_hours", 10, "hours"),
        ("answer_on_time_pct", 10, "percent"),
    ]

    row_type = fields.Selection(
        [("delivered", "Delivered"), ("case", "After-sales case"),
         ("feedback", "Feedback")], string="Row", readonly=True)
    date = fields.Date(string="Date", readonly=True,
                       help="Delivered units: the day they left; cases and feedback: "
                            "the day they were opened.")
    order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    channel_id = fields.Many2one("ecom.channel", string="Sales Channel", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    return_id = fields.Many2one("ecom.return", string="Case", readonly=True)
    return_type = fields.Selection(TYPES, string="Case Type", readonly=True)
    return_state = fields.Selection(RETURN_STATES, string="Case Stage", readonly=True)
    reason_id = fields.Many2one("ecom.return.reason", string="Reason", readonly=True)
    feedback_kind = fields.Selection(KINDS, string="Feedback Kind", readonly=True)

    quantity_delivered = fields.Float(string="Units Delivered", readonly=True)
    quantity_returned = fields.Float(
        string="Units Returned", readonly=True,
        help="Units of accepted return-and-refund and exchange cases.")
    return_rate = fields.Float(
        string="Return Rate %", readonly=True, group_operator="avg",
        help="Units Returned / Units Delivered of the rows grouped together (by "
             "product, channel, month...); empty where nothing was delivered.")
    case_count = fields.Integer(string="Cases", readonly=True)
    refund_amount = fields.Float(string="Refund Amount", readonly=True,
                                 help="Credit notes of the cases (validated or paid).")
    exchange_count = fields.Integer(string="Exchanges", readonly=True)
    reissue_count = fields.Integer(string="Reissues", readonly=True)
    cycle_days = fields.Float(string="Case Cycle (days)", readonly=True, group_operator="avg",
                              help="Days from opening a case to closing it.")
    complaint_count = fields.Integer(string="Complaints", readonly=True)
    # After-sales promises (ecom_return_sla.py, ecom_feedback.py)
    refund_hours = fields.Float(
        string="Hours to Refund", readonly=True, group_operator="avg",
        help="Refunded cases: hours from the receipt of the goods (or the approval "
             "when nothing came back) to the refund.")
    refund_on_time_pct = fields.Float(
        string="On-time Refund %", readonly=True, group_operator="avg",
        help="Share of the refunded or late cases refunded within the channel's "
             "promise (cases still inside their due time are not counted).")
    refund_late_count = fields.Integer(string="Late Refunds", readonly=True)
    answer_hours = fields.Float(
        string="Hours to First Answer", readonly=True, group_operator="avg",
        help="Feedback: hours from its recording to its first answer.")
    answer_on_time_pct = fields.Float(
        string="On-time Answer %", readonly=True, group_operator="avg",
        help="Share of the answered or late feedback answered within the channel's "
             "promise.")

    @api.model
    def _kpi_xlsx_header_lines(self, domain):
        """The return rate of the exported rows, above them."""
        groups = self.read_group(
            domain, ["quantity_delivered", "quantity_returned", "return_rate"], [])
        delivered = groups and groups[0]["quantity_delivered"] or 0.0
        returned = groups and groups[0]["quantity_returned"] or 0.0
        rate = groups and groups[0]["return_rate"] or 0.0
        return [_("Return rate 退货率: %.1f %% (%g of %g units)") % (rate, returned, delivered)]

    def _report_return_rate(self, groups, domain, keys):
        """Units returned over units delivered, in each group."""
        self._report_ratio(groups, "return_rate", "quantity_returned", "quantity_delivered")

    def init(self):
        """(Re)create the SQL view (ecom_return_line.return_id is indexed)."""
        cr = self.env.cr
        tools.drop_view_if_exists(cr, self._table)
        first_line = "ROW_NUMBER() OVER (PARTITION BY r.id ORDER BY rl.id) = 1"
        create_view(cr, """
            CREATE OR REPLACE VIEW {table} AS (
                SELECT m.id * 3 AS id,
                       'delivered' AS row_type,
                       {move_day} AS date,
                       so.id AS order_id,
                       so.ecom_channel_id AS channel_id,
                       so.company_id AS company_id,
                       m.product_id AS product_id,
                       NULL::integer AS return_id,
                       NULL AS return_type,
                       NULL AS return_state,
                       NULL::integer AS reason_id,
                       NULL AS feedback_kind,
                       m.product_qty AS quantity_delivered,
                       0.0 AS quantity_returned,
                       NULL::double precision AS return_rate,
                       0 AS case_count,
                       0.0 AS refund_amount,
                       0 AS exchange_count,
                       0 AS reissue_count,
                       NULL::double precision AS cycle_days,
                       0 AS complaint_count,
                       NULL::double precision AS refund_hours,
                       NULL::double precision AS refund_on_time_pct,
                       0 AS refund_late_count,
                       NULL::double precision AS answer_hours,
                       NULL::double precision AS answer_on_time_pct
                  FROM stock_move m
                  JOIN stock_location src ON src.id = m.location_id
                  JOIN stock_location dest ON dest.id = m.location_dest_id
                  JOIN stock_picking p ON p.id = m.picking_id
                  JOIN sale_order so ON so.id = p.sale_id
                  LEFT JOIN ecom_channel ch ON ch.id = so.ecom_channel_id
                 WHERE m.state = 'done'
                   AND src.usage = 'internal' AND dest.usage = 'customer'
                   AND so.ecom_channel_id IS NOT NULL
                UNION ALL
                SELECT rl.id * 3 + 1 AS id,
                       'case' AS row_type,
                       {case_day} AS date,
                       so.id AS order_id,
                       so.ecom_channel_id AS channel_id,
                       r.company_id AS company_id,
                       rl.product_id AS product_id,
                       r.id AS return_id,
                       r.type AS return_type,
                       r.state AS return_state,
                       rl.reason_id AS reason_id,
                       NULL AS feedback_kind,
                       0.0 AS quantity_delivered,
                       CASE WHEN r.type IN {returned_types} AND r.state NOT IN {not_accepted}
                            THEN rl.quantity ELSE 0.0 END AS quantity_returned,
                       NULL::double precision AS return_rate,
                       CASE WHEN {first_line} THEN 1 ELSE 0 END AS case_count,
                       COALESCE(inv.amount_total * rl.quantity
                                / NULLIF(SUM(rl.quantity) OVER (PARTITION BY r.id), 0), 0.0)
                           AS refund_amount,
                       CASE WHEN {first_line} AND r.type = 'exchange'
                            AND r.state NOT IN {not_accepted} THEN 1 ELSE 0 END AS exchange_count,
                       CASE WHEN {first_line} AND r.type = 'reissue'
                            AND r.state NOT IN {not_accepted} THEN 1 ELSE 0 END AS reissue_count,
                       CASE WHEN {first_line}
                            THEN EXTRACT(EPOCH FROM (r.done_at - r.create_date)) / 86400.0
                       END AS cycle_days,
                       0 AS complaint_count,
                       CASE WHEN {first_line} AND inv.id IS NOT NULL
                            THEN EXTRACT(EPOCH FROM (r.done_at
                                 - COALESCE(r.received_at, r.approved_at))) / 3600.0
                       END AS refund_hours,
                       CASE WHEN {first_line} THEN {refund_on_time} END AS refund_on_time_pct,
                       CASE WHEN {first_line} AND r.refund_breached
                            THEN 1 ELSE 0 END AS refund_late_count,
                       NULL::double precision AS answer_hours,
                       NULL::double precision AS answer_on_time_pct
                  FROM ecom_return_line rl
                  JOIN ecom_return r ON r.id = rl.return_id
                  LEFT JOIN sale_order so ON so.id = r.order_id
                  LEFT JOIN ecom_channel ch ON ch.id = so.ecom_channel_id
                  LEFT JOIN account_invoice inv ON inv.id = r.refund_invoice_id
                        AND inv.state IN ('open', 'paid')
                UNION ALL
                SELECT f.id * 3 + 2 AS id,
                       'feedback' AS row_type,
                       {feedback_day} AS date,
                       f.order_id AS order_id,
                       so.ecom_channel_id AS channel_id,
                       f.company_id AS company_id,
                       NULL::integer AS product_id,
                       NULL::integer AS return_id,
                       NULL AS return_type,
                       NULL AS return_state,
                       NULL::integer AS reason_id,
                       f.kind AS feedback_kind,
                       0.0 AS quantity_delivered,
                       0.0 AS quantity_returned,
                       NULL::double precision AS return_rate,
                       0 AS case_count,
                       0.0 AS refund_amount,
                       0 AS exchange_count,
                       0 AS reissue_count,
                       NULL::double precision AS cycle_days,
                       CASE WHEN f.kind = 'complaint' THEN 1 ELSE 0 END AS complaint_count,
                       NULL::double precision AS refund_hours,
                       NULL::double precision AS refund_on_time_pct,
                       0 AS refund_late_count,
                       EXTRACT(EPOCH FROM (f.answered_at - f.create_date)) / 3600.0
                           AS answer_hours,
                       {answer_on_time} AS answer_on_time_pct
                  FROM ecom_feedback f
                  LEFT JOIN sale_order so ON so.id = f.order_id
                  LEFT JOIN ecom_channel ch ON ch.id = so.ecom_channel_id
            )
        """.format(
            table=self._table,
            move_day=local_day_sql("COALESCE(p.ecom_shipped_at, m.date)"),
            case_day=local_day_sql("r.create_date"),
            feedback_day=local_day_sql("f.create_date"),
            first_line=first_line,
            returned_types=str(RETURNED_TYPES),
            not_accepted=str(NOT_ACCEPTED),
            refund_on_time=pct_sql("NOT COALESCE(r.refund_breached, FALSE)",
                                   "inv.id IS NOT NULL OR COALESCE(r.refund_breached, FALSE)"),
            answer_on_time=pct_sql("NOT COALESCE(f.answer_breached, FALSE)",
                                   "f.answer_deadline IS NOT NULL AND (f.answered_at IS NOT "
                                   "NULL OR COALESCE(f.answer_breached, FALSE))"),
        ))
