# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Gross margin and buyers of the channel orders (issue 22 item 7, seeds 003/004).

- ecom.margin.report: one row per delivered channel order line: revenue (the
  line's untaxed price of the quantity delivered) minus the cost of the goods
  delivered as Odoo's stock valuation recorded it (stock_account: the value of
  the line's done stock moves, negative going out, positive for a return).
  By channel, product (top products) and month.
- ecom.buyer.report: one row per channel order: distinct buyers ordering and
  paying in any grouping, and the top buyers by amount.
"""
from odoo import api, fields, models, tools

from ..tools.sql import create_view
from .ecom_order_report import PAID_SQL


class EcomMarginReport(models.Model):
    _name = "ecom.margin.report"
    _inherit = "ecom.kpi.report.mixin"
    _description = "Gross Margin"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "product_id"
    _report_group_measures = {"margin_pct": "_report_margin_pct"}
    _report_measure_sources = {"margin_pct": ["margin", "revenue"]}

    _kpi_xlsx_columns = [
        ("date", 11, "date"),
        ("order_id", 14, "text"),
        ("channel_id", 16, "text"),
        ("company_id", 16, "text"),
        ("product_id", 24, "text"),
        ("qty_delivered", 9, "integer"),
        ("revenue", 13, "money"),
        ("cost", 13, "money"),
        ("margin", 13, "money"),
        ("margin_pct", 10, "percent"),
    ]

    date = fields.Date(string="Order Date", readonly=True,
                       help="Day the order was received, on the channel's clock.")
    order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    channel_id = fields.Many2one("ecom.channel", string="Sales Channel", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Buyer", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    qty_delivered = fields.Float(string="Quantity Delivered", readonly=True)
    revenue = fields.Float(string="Revenue", readonly=True,
                           help="Untaxed price of the quantity delivered.")
    cost = fields.Float(string="Cost of Goods", readonly=True,
                        help="Value of the goods delivered (less those returned) in "
                             "the stock valuation.")
    margin = fields.Float(string="Gross Margin", readonly=True)
    margin_pct = fields.Float(string="Gross Margin %", readonly=True,
                              help="Gross margin over revenue.")

    def init(self):
        """(Re)create the SQL view."""
        tools.drop_view_if_exists(self.env.cr, self._table)
        revenue = ("CASE WHEN sol.product_uom_qty = 0 THEN 0.0 ELSE "
                   "sol.price_subtotal / sol.product_uom_qty * sol.qty_delivered END")
        cost = "COALESCE(-mv.value, 0.0)"
        create_view(self.env.cr, """
            CREATE OR REPLACE VIEW {table} AS (
                SELECT sol.id AS id,
                       so.ecom_order_date AS date,
                       so.id AS order_id,
                       so.ecom_channel_id AS channel_id,
                       so.company_id AS company_id,
                       so.partner_id AS partner_id,
                       sol.product_id AS product_id,
                       pt.categ_id AS categ_id,
                       sol.qty_delivered AS qty_delivered,
                       {revenue} AS revenue,
                       {cost} AS cost,
                       {revenue} - {cost} AS margin,
                       CASE WHEN {revenue} = 0 THEN NULL
                            ELSE 100.0 * ({revenue} - {cost}) / {revenue} END AS margin_pct
                  FROM sale_order_line sol
                  JOIN sale_order so ON so.id = sol.order_id
                  JOIN product_product pp ON pp.id = sol.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  LEFT JOIN (
                        SELECT m.sale_line_id, SUM(m.value) AS value
                          FROM stock_move m
                         WHERE m.state = 'done' AND m.sale_line_id IS NOT NULL
                         GROUP BY m.sale_line_id
                  ) mv ON mv.sale_line_id = sol.id
                 WHERE so.ecom_channel_id IS NOT NULL
                   AND so.state IN ('sale', 'done')
                   AND pt.type IN ('product', 'consu')
                   AND (sol.qty_delivered != 0 OR mv.value IS NOT NULL)
            )
        """.format(table=self._table, revenue=revenue, cost=cost))

    def _report_margin_pct(self, groups, domain, keys):
        """The group's margin over its revenue (not an average of the rows')."""
        self._report_ratio(groups, "margin_pct", "margin", "revenue")


class EcomBuyerReport(models.Model):
    _name = "ecom.buyer.report"
    _inherit = "ecom.kpi.report.mixin"
    _description = "Buyers"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "partner_id"
    _report_group_measures = {"ordering_buyer_count": "_report_ordering_buyers",
                              "paying_buyer_count": "_report_paying_buyers"}

    _kpi_xlsx_columns = [
        ("date", 11, "date"),
        ("order_id", 14, "text"),
        ("channel_id", 16, "text"),
        ("company_id", 16, "text"),
        ("partner_id", 24, "text"),
        ("is_paid", 8, "text"),
        ("order_count", 8, "integer"),
        ("paid_order_count", 8, "integer"),
        ("amount_total", 13, "money"),
        ("paid_amount", 13, "money"),
        ("ordering_buyer_count", 10, "integer"),
        ("paying_buyer_count", 10, "integer"),
    ]

    date = fields.Date(string="Order Date", readonly=True)
    order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    channel_id = fields.Many2one("ecom.channel", string="Sales Channel", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Buyer", readonly=True)
    is_paid = fields.Boolean(string="Paid", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)
    paid_order_count = fields.Integer(string="Paid Orders", readonly=True)
    amount_total = fields.Float(string="Amount Ordered", readonly=True)
    paid_amount = fields.Float(string="Amount Paid", readonly=True,
                               help="Total of the paid orders.")
    ordering_buyer_count = fields.Integer(
        string="Ordering Buyers", readonly=True,
        help="Distinct buyers who placed an order in the group (cancelled orders aside).")
    paying_buyer_count = fields.Integer(
        string="Paying Buyers", readonly=True,
        help="Distinct buyers who paid an order in the group.")

    def init(self):
        """(Re)create the SQL view."""
        tools.drop_view_if_exists(self.env.cr, self._table)
        create_view(self.env.cr, """
            CREATE OR REPLACE VIEW {table} AS (
                SELECT so.id AS id,
                       so.ecom_order_date AS date,
                       so.id AS order_id,
                       so.ecom_channel_id AS channel_id,
                       so.company_id AS company_id,
                       so.partner_id AS partner_id,
                       ({paid}) AS is_paid,
                       1 AS order_count,
                       CASE WHEN {paid} THEN 1 ELSE 0 END AS paid_order_count,
                       so.amount_total AS amount_total,
                       CASE WHEN {paid} THEN so.amount_total ELSE 0.0 END AS paid_amount,
                       1 AS ordering_buyer_count,
                       CASE WHEN {paid} THEN 1 ELSE 0 END AS paying_buyer_count
                  FROM sale_order so
                 WHERE so.ecom_channel_id IS NOT NULL AND so.state != 'cancel'
            )
        """.format(table=self._table, paid=PAID_SQL))

    @api.model
    def _report_ordering_buyers(self, groups, domain, keys):
        self._report_distinct_count(groups, domain, keys, "ordering_buyer_count",
                                    "partner_id", [])

    @api.model
    def _report_paying_buyers(self, groups, domain, keys):
        self._report_distinct_count(groups, domain, keys, "paying_buyer_count",
                                    "partner_id", [("is_paid", "=", True)])
