# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools

from ..const import PAYMENT_MODES
from ..models.sale_order import ECOM_STATES
from ..tools.sql import AMOUNT_BANDS, amount_band_sql, create_view, pct_sql

# an order counts as paid (for new/returning buyers) once paid in full or
# confirmed by finance (cash on delivery)
PAID_SQL = ("so.state != 'cancel' AND (so.ecom_payment_state = 'paid' "
            "OR so.state IN ('sale', 'done'))")
HAD_EXCEPTION_SQL = ("(COALESCE(so.ecom_had_exception, FALSE) "
                     "OR COALESCE(so.ecom_state = 'exception', FALSE))")


class EcomOrderReport(models.Model):
    """Order KPIs: one row per channel order, for pivot, graph and XLSX.

    Counts and amounts sum; the `*_pct` columns are 100 or 0 per order (NULL
    while not decided yet) and average into a rate; the `*_hours` columns
    average into a mean duration. Returning buyers are counted once each in
    every group (`_report_returning_buyers`): they do not add up across
    groups, as a buyer may come back in several months or provinces.
    """

    _name = "ecom.order.report"
    _inherit = "ecom.kpi.report.mixin"
    _description = "Order KPIs"
    _auto = False
    _order = "received_at desc, id desc"
    _rec_name = "order_id"
    _report_group_measures = {"returning_buyer_count": "_report_returning_buyers"}

    _kpi_xlsx_columns = [
        ("date", 11, "date"),
        ("order_id", 14, "text"),
        ("platform_ref", 20, "text"),
        ("channel_id", 16, "text"),
        ("company_id", 16, "text"),
        ("province", 10, "text"),
        ("ecom_state", 12, "text"),
        ("buyer_type", 10, "text"),
        ("amount_band", 12, "text"),
        ("order_count", 8, "integer"),
        ("amount_total", 13, "money"),
        ("review_hours", 10, "hours"),
        ("ship_hours", 10, "hours"),
        ("delivery_hours", 10, "hours"),
        ("sla_met_pct", 10, "percent"),
        ("on_time_pct", 10, "percent"),
        ("exception_pct", 10, "percent"),
    ]

    order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    platform_ref = fields.Char(string="Platform Order No.", readonly=True)
    date = fields.Date(string="Order Date", readonly=True,
                       help="Day the order was received, on the channel's clock.")
    received_at = fields.Datetime(string="Received At", readonly=True)
    channel_id = fields.Many2one("ecom.channel", string="Sales Channel", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Buyer", readonly=True)
    province = fields.Char(string="Province", readonly=True,
                           help="The order's province, else the buyer's state.")
    ecom_state = fields.Selection(ECOM_STATES, string="Review Stage", readonly=True)
    payment_mode = fields.Selection(PAYMENT_MODES, string="Payment Mode", readonly=True)
    is_paid = fields.Boolean(string="Paid", readonly=True)
    buyer_type = fields.Selection(
        [("new", "New buyer"), ("returning", "Returning buyer")], string="Buyer",
        readonly=True,
        help="New: the buyer's first paid channel order. Empty for unpaid orders.")
    amount_band = fields.Selection(AMOUNT_BANDS, string="Amount Band", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)

    order_count = fields.Integer(string="Orders", readonly=True)
    amount_total = fields.Monetary(string="GMV", readonly=True,
                                   help="Order total, taxes included.")
    amount_avg = fields.Monetary(string="Average Order Value", readonly=True,
                                 group_operator="avg")
    paid_count = fields.Integer(string="Paid Orders", readonly=True)
    new_buyer_count = fields.Integer(
        string="New Buyers", readonly=True,
        help="Buyers whose first paid channel order is in the group.")
    returning_buyer_count = fields.Integer(
        string="Returning Buyers", readonly=True,
        help="Buyers who paid an order in the group and had paid one before, each "
             "counted once (a buyer back in two months counts in each month, once "
             "in the total).")
    returning_order_count = fields.Integer(
        string="Orders of Returning Buyers", readonly=True,
        help="Paid orders of buyers who had paid one before.")

    cs_review_hours = fields.Float(string="Hours to CS Review", readonly=True,
                                   group_operator="avg")
    review_hours = fields.Float(string="Hours to Review", readonly=True, group_operator="avg",
                                help="From receipt to the finance review (order approved).")
    ship_hours = fields.Float(string="Hours to Ship", readonly=True, group_operator="avg")
    delivery_hours = fields.Float(string="Hours to Delivery", readonly=True,
                                  group_operator="avg")

    sla_breached = fields.Boolean(string="SLA Breached", readonly=True)
    sla_breach_count = fields.Integer(string="SLA Breaches", readonly=True)
    sla_met_pct = fields.Float(
        string="SLA Compliance %", readonly=True, group_operator="avg",
        help="Share of the orders reviewed, picked and packed within the SLA "
             "(orders still inside their deadline are not counted).")
    shipped_count = fields.Integer(string="Shipped Orders", readonly=True)
    on_time_count = fields.Integer(string="Shipped On Time", readonly=True)
    on_time_pct = fields.Float(
        string="On-time Shipping %", readonly=True, group_operator="avg",
        help="Share of the shipped orders shipped within the channel's "
             "'Ship Within' hours of receipt.")
    had_exception = fields.Boolean(string="Exception", readonly=True,
                                   help="The order was held as an exception at least once.")
    exception_count = fields.Integer(string="Exceptions", readonly=True)
    exception_pct = fields.Float(string="Exception Rate %", readonly=True,
                                 group_operator="avg")
    exchange_count = fields.Integer(
        string="Exchange Orders", readonly=True,
        help="Replacement orders of exchanges: shipped like orders, but not sales (not in "
             "Orders, GMV, Paid Orders nor the buyer counts).")

    # --- Exchanges (ecom_returns) -------------------------------------
    @api.model
    def _ecom_exchange_sql(self, alias):
        """SQL condition on the sale order `alias` that holds for the
        replacement order of an exchange (none here: ecom_returns says which)."""
        return "FALSE"

    def init(self):
        """(Re)create the SQL view, and the index its shipment join uses."""
        cr = self.env.cr
        cr.execute("""
            CREATE INDEX IF NOT EXISTS stock_picking_ecom_kpi_ship_idx
                ON stock_picking (sale_id, ecom_shipped_at, ecom_delivered_at)
             WHERE ecom_shipped_at IS NOT NULL
        """)
        tools.drop_view_if_exists(cr, self._table)
        hours = "EXTRACT(EPOCH FROM (%s - so.ecom_received_at)) / 3600.0"
        on_time = ("sh.shipped_at <= so.ecom_received_at "
                   "+ COALESCE(ch.ship_hours, 24.0) * INTERVAL '1 hour'")
        # An exchange's replacement order is not a sale (see exchange_count).
        exchange = self._ecom_exchange_sql("so")
        # One pass over the channel orders; shipments and each buyer's first
        # paid order come from pre-aggregated joins (PostgreSQL drops them
        # when a query uses none of their columns).
        create_view(cr, """
            CREATE OR REPLACE VIEW {table} AS (
                SELECT so.id AS id,
                       so.id AS order_id,
                       so.ecom_platform_ref AS platform_ref,
                       so.ecom_order_date AS date,
                       so.ecom_received_at AS received_at,
                       so.ecom_channel_id AS channel_id,
                       so.company_id AS company_id,
                       so.partner_id AS partner_id,
                       COALESCE(NULLIF(so.ecom_province, ''), st.name) AS province,
                       so.ecom_state AS ecom_state,
                       so.ecom_payment_mode AS payment_mode,
                       ({paid}) AS is_paid,
                       CASE WHEN NOT ({paid}) THEN NULL
                            WHEN fb.first_id = so.id THEN 'new'
                            ELSE 'returning' END AS buyer_type,
                       {band} AS amount_band,
                       pl.currency_id AS currency_id,
                       CASE WHEN {exchange} THEN 0 ELSE 1 END AS order_count,
                       CASE WHEN {exchange} THEN 0.0 ELSE so.amount_total END AS amount_total,
                       CASE WHEN {exchange} THEN NULL ELSE so.amount_total END AS amount_avg,
                       CASE WHEN {exchange} THEN 1 ELSE 0 END AS exchange_count,
                       CASE WHEN {paid} THEN 1 ELSE 0 END AS paid_count,
                       CASE WHEN ({paid}) AND fb.first_id = so.id
                            THEN 1 ELSE 0 END AS new_buyer_count,
                       CASE WHEN ({paid}) AND fb.first_id != so.id
                            THEN 1 ELSE 0 END AS returning_buyer_count,
                       CASE WHEN ({paid}) AND fb.first_id != so.id
                            THEN 1 ELSE 0 END AS returning_order_count,
                       {cs_hours} AS cs_review_hours,
                       {review_hours} AS review_hours,
                       {ship_hours} AS ship_hours,
                       {delivery_hours} AS delivery_hours,
                       COALESCE(so.ecom_sla_breached, FALSE) AS sla_breached,
                       CASE WHEN so.ecom_sla_breached THEN 1 ELSE 0 END AS sla_breach_count,
                       {sla_pct} AS sla_met_pct,
                       CASE WHEN sh.shipped_at IS NOT NULL THEN 1 ELSE 0 END AS shipped_count,
                       CASE WHEN {on_time} THEN 1 ELSE 0 END AS on_time_count,
                       {on_time_pct} AS on_time_pct,
                       {had_exception} AS had_exception,
                       CASE WHEN {had_exception} THEN 1 ELSE 0 END AS exception_count,
                       {exception_pct} AS exception_pct
                  FROM sale_order so
                  LEFT JOIN ecom_channel ch ON ch.id = so.ecom_channel_id
                  LEFT JOIN res_partner partner ON partner.id = so.partner_id
                  LEFT JOIN res_country_state st ON st.id = partner.state_id
                  -- an order's currency is its pricelist's (not stored on the order)
                  LEFT JOIN product_pricelist pl ON pl.id = so.pricelist_id
                  LEFT JOIN (
                        SELECT p.sale_id,
                               MIN(p.ecom_shipped_at) AS shipped_at,
                               -- delivered when its last parcel is
                               CASE WHEN BOOL_AND(p.ecom_delivered_at IS NOT NULL)
                                    THEN MAX(p.ecom_delivered_at) END AS delivered_at
                          FROM stock_picking p
                         WHERE p.ecom_shipped_at IS NOT NULL
                         GROUP BY p.sale_id
                  ) sh ON sh.sale_id = so.id
                  LEFT JOIN (
                        SELECT f.partner_id,
                               (ARRAY_AGG(f.id ORDER BY f.ecom_received_at, f.id))[1]
                                   AS first_id
                          FROM sale_order f
                         WHERE f.ecom_channel_id IS NOT NULL
                           AND f.state != 'cancel'
                           AND (f.ecom_payment_state = 'paid' OR f.state IN ('sale', 'done'))
                           AND NOT ({exchange_f})
                         GROUP BY f.partner_id
                  ) fb ON fb.partner_id = so.partner_id
                 WHERE so.ecom_channel_id IS NOT NULL
            )
        """.format(
            table=self._table,
            exchange=exchange,
            exchange_f=self._ecom_exchange_sql("f"),
            paid="(%s) AND NOT (%s)" % (PAID_SQL, exchange),
            band=amount_band_sql("so.amount_total"),
            cs_hours=hours % "so.ecom_cs_date",
            review_hours=hours % "so.ecom_finance_date",
            ship_hours=hours % "sh.shipped_at",
            delivery_hours=hours % "sh.delivered_at",
            sla_pct=pct_sql("NOT COALESCE(so.ecom_sla_breached, FALSE)",
                            "COALESCE(so.ecom_sla_breached, FALSE) "
                            "OR so.ecom_sla_done_at IS NOT NULL"),
            on_time=on_time,
            on_time_pct=pct_sql(on_time, "sh.shipped_at IS NOT NULL"),
            # orders held before the flag existed still show their exception
            had_exception=HAD_EXCEPTION_SQL,
            exception_pct=pct_sql(HAD_EXCEPTION_SQL),
        ))

    def _report_returning_buyers(self, groups, domain, keys):
        """Distinct buyers of the group's returning orders."""
        self._report_distinct_count(groups, domain, keys, "returning_buyer_count",
                                    "partner_id", [("buyer_type", "=", "returning")])
