# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools

from odoo.addons.ecom_order_mgmt.tools.sql import create_view, local_day_sql, pct_sql

from ..models.ecom_backorder import STATES as BACKORDER_STATES
from ..models.ecom_custom_request import STATES as CUSTOM_STATES


class EcomBackorderReport(models.Model):
    """Backorder KPIs: one row per line of a reviewed channel order, and one
    per custom request (`row_type` tells them apart).

    Order lines give the backorder rate (share of lines that stock could not
    cover at review, 0/100 per line), the fill rate (units covered over units
    ordered: `quantity_filled` / `quantity_ordered`, and `fill_pct` per line)
    and the age of the open backorders; custom requests their stage and
    cycle time.
    """

    _name = "ecom.backorder.report"
    _inherit = "ecom.kpi.report.mixin"
    _description = "Backorder KPIs"
    _auto = False
    _order = "date desc, id desc"

    _kpi_xlsx_columns = [
        ("date", 11, "date"),
        ("row_type", 12, "text"),
        ("order_id", 14, "text"),
        ("channel_id", 16, "text"),
        ("company_id", 16, "text"),
        ("product_id", 26, "text"),
        ("backorder_state", 14, "text"),
        ("custom_state", 16, "text"),
        ("line_count", 8, "integer"),
        ("quantity_ordered", 10, "quantity"),
        ("quantity_short", 10, "quantity"),
        ("quantity_filled", 10, "quantity"),
        ("backorder_pct", 10, "percent"),
        ("fill_pct", 10, "percent"),
        ("age_days", 10, "hours"),
        ("custom_count", 8, "integer"),
        ("cycle_days", 10, "hours"),
    ]

    row_type = fields.Selection(
        [("line", "Order line"), ("custom", "Custom order")], string="Row", readonly=True)
    date = fields.Date(string="Date", readonly=True,
                       help="Order lines: the day the order was received; custom "
                            "orders: the day the request was opened.")
    order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    channel_id = fields.Many2one("ecom.channel", string="Sales Channel", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Buyer", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    backorder_state = fields.Selection(BACKORDER_STATES, string="Backorder Stage",
                                       readonly=True)
    custom_state = fields.Selection(CUSTOM_STATES, string="Custom Order Stage", readonly=True)

    line_count = fields.Integer(string="Order Lines", readonly=True)
    backordered_count = fields.Integer(string="Backordered Lines", readonly=True)
    quantity_ordered = fields.Float(string="Units Ordered", readonly=True)
    quantity_short = fields.Float(string="Units Short", readonly=True)
    quantity_filled = fields.Float(string="Units Filled", readonly=True,
                                   help="Units stock covered when the order was reviewed.")
    backorder_pct = fields.Float(string="Backorder Rate %", readonly=True,
                                 group_operator="avg",
                                 help="Share of the order lines that became backorders.")
    fill_pct = fields.Float(string="Fill Rate %", readonly=True, group_operator="avg",
                            help="Average share of each line's units covered by stock. "
                                 "Units Filled / Units Ordered gives the unit fill rate.")
    open_backorder_count = fields.Integer(string="Open Backorders", readonly=True)
    age_days = fields.Float(string="Backorder Age (days)", readonly=True, group_operator="avg",
                            help="Days the open backorders have waited since the order "
                                 "was received.")
    custom_count = fields.Integer(string="Custom Orders", readonly=True)
    cycle_days = fields.Float(string="Custom Cycle (days)", readonly=True,
                              group_operator="avg",
                              help="Days from the custom request to its closing.")

    def init(self):
        """(Re)create the SQL view (ecom_backorder.line_id is indexed)."""
        cr = self.env.cr
        tools.drop_view_if_exists(cr, self._table)
        is_open = "bo.line_id IS NOT NULL AND bo.open_count > 0"
        # Order-line rows get even ids and custom-request rows odd ones, so
        # that both stay unique and stable in one view.
        create_view(cr, """
            CREATE OR REPLACE VIEW {table} AS (
                SELECT sol.id * 2 AS id,
                       'line' AS row_type,
                       {line_day} AS date,
                       so.id AS order_id,
                       so.ecom_channel_id AS channel_id,
                       so.company_id AS company_id,
                       so.partner_id AS partner_id,
                       sol.product_id AS product_id,
                       bo.state AS backorder_state,
                       NULL AS custom_state,
                       1 AS line_count,
                       CASE WHEN bo.line_id IS NOT NULL THEN 1 ELSE 0 END AS backordered_count,
                       sol.product_uom_qty AS quantity_ordered,
                       COALESCE(bo.quantity, 0.0) AS quantity_short,
                       GREATEST(sol.product_uom_qty - COALESCE(bo.quantity, 0.0), 0.0)
                           AS quantity_filled,
                       {backorder_pct} AS backorder_pct,
                       100.0 * GREATEST(sol.product_uom_qty - COALESCE(bo.quantity, 0.0), 0.0)
                           / NULLIF(sol.product_uom_qty, 0) AS fill_pct,
                       CASE WHEN {is_open} THEN 1 ELSE 0 END AS open_backorder_count,
                       CASE WHEN {is_open}
                            THEN EXTRACT(EPOCH FROM (NOW() AT TIME ZONE 'UTC'
                                 - COALESCE(so.ecom_received_at, so.date_order))) / 86400.0
                       END AS age_days,
                       0 AS custom_count,
                       NULL::double precision AS cycle_days
                  FROM sale_order_line sol
                  JOIN sale_order so ON so.id = sol.order_id
                  LEFT JOIN ecom_channel ch ON ch.id = so.ecom_channel_id
                  LEFT JOIN (
                        SELECT b.line_id,
                               SUM(b.quantity) AS quantity,
                               (ARRAY_AGG(b.state ORDER BY b.id DESC))[1] AS state,
                               SUM(CASE WHEN b.state NOT IN ('done', 'cancel', 'allocated')
                                        THEN 1 ELSE 0 END) AS open_count
                          FROM ecom_backorder b
                         WHERE b.state != 'cancel'
                         GROUP BY b.line_id
                  ) bo ON bo.line_id = sol.id
                 WHERE so.ecom_channel_id IS NOT NULL
                   AND so.ecom_state = 'approved'
                   AND so.state != 'cancel'
                   AND sol.product_uom_qty > 0
                UNION ALL
                SELECT cr.id * 2 + 1 AS id,
                       'custom' AS row_type,
                       {custom_day} AS date,
                       so.id AS order_id,
                       so.ecom_channel_id AS channel_id,
                       cr.company_id AS company_id,
                       so.partner_id AS partner_id,
                       cr.product_id AS product_id,
                       NULL AS backorder_state,
                       cr.state AS custom_state,
                       0 AS line_count,
                       0 AS backordered_count,
                       0.0 AS quantity_ordered,
                       0.0 AS quantity_short,
                       0.0 AS quantity_filled,
                       NULL AS backorder_pct,
                       NULL AS fill_pct,
                       0 AS open_backorder_count,
                       NULL AS age_days,
                       1 AS custom_count,
                       EXTRACT(EPOCH FROM (cr.done_date - cr.create_date)) / 86400.0
                           AS cycle_days
                  FROM ecom_custom_request cr
                  LEFT JOIN sale_order so ON so.id = cr.order_id
                  LEFT JOIN ecom_channel ch ON ch.id = so.ecom_channel_id
            )
        """.format(
            table=self._table,
            line_day=local_day_sql("COALESCE(so.ecom_received_at, so.date_order)"),
            custom_day=local_day_sql("cr.create_date"),
            backorder_pct=pct_sql("bo.line_id IS NOT NULL"),
            is_open=is_open,
        ))
