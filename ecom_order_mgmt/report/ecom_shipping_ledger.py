# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools

from ..models.stock_picking import FULFIL_STATES
from ..tools.sql import create_view, local_day_sql


class EcomShippingLedger(models.Model):
    """Shipping ledger (发货明细台账): one row per shipped channel delivery.

    A read-only SQL view over the deliveries that reached the `shipped`
    stage, for the list, the pivot by day, carrier and region, and the XLSX.
    """

    _name = "ecom.shipping.ledger"
    _inherit = "ecom.report.mixin"
    _description = "Shipping Ledger"
    _auto = False
    _order = "shipped_at desc, id desc"
    _rec_name = "picking_id"

    picking_id = fields.Many2one("stock.picking", string="Delivery", readonly=True)
    sale_id = fields.Many2one("sale.order", string="Order", readonly=True)
    platform_ref = fields.Char(string="Platform Order No.", readonly=True)
    date = fields.Date(
        string="Ship Date", readonly=True,
        help="Day of shipment in the channel's time zone (the day the "
             "warehouse counts it on).")
    shipped_at = fields.Datetime(string="Shipped At", readonly=True)
    channel_id = fields.Many2one("ecom.channel", string="Sales Channel", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    carrier_id = fields.Many2one("delivery.carrier", string="Carrier", readonly=True)
    tracking_ref = fields.Char(string="Tracking No.", readonly=True)
    province = fields.Char(readonly=True)
    city = fields.Char(readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    recipient = fields.Char(readonly=True)
    package_count = fields.Integer(string="Parcels", readonly=True)
    weight = fields.Float(string="Weight (kg)", readonly=True)
    quantity = fields.Float(string="Units", readonly=True,
                            help="Units shipped (done quantities, in product units).")
    amount = fields.Monetary(
        string="Shipped Value", readonly=True,
        help="Value of the goods shipped in this delivery at the price the buyer "
             "pays (discount and taxes included). A backorder counts only its own goods.")
    order_amount = fields.Monetary(
        string="Order Total", readonly=True,
        help="Total of the whole sale order (the same for each delivery of an order "
             "shipped in parts: sum Shipped Value instead).")
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    fulfil_state = fields.Selection(FULFIL_STATES, string="Fulfilment Stage", readonly=True)

    def init(self):
        """(Re)create the SQL view of the ledger."""
        tools.drop_view_if_exists(self.env.cr, self._table)
        # The day is the channel's local day: a parcel handed over at 7:00 in
        # Shanghai was shipped "today", not on the previous UTC day.
        # Quantities and values come from the done moves of the delivery, so
        # that an order shipped in two parts is not counted twice.
        create_view(self.env.cr, """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT p.id AS id,
                       p.id AS picking_id,
                       p.sale_id AS sale_id,
                       so.ecom_platform_ref AS platform_ref,
                       %(day)s AS date,
                       p.ecom_shipped_at AS shipped_at,
                       p.ecom_channel_id AS channel_id,
                       p.company_id AS company_id,
                       p.carrier_id AS carrier_id,
                       p.carrier_tracking_ref AS tracking_ref,
                       p.ecom_province AS province,
                       so.ecom_city AS city,
                       p.partner_id AS partner_id,
                       COALESCE(so.ecom_buyer_name, partner.name) AS recipient,
                       p.ecom_package_count AS package_count,
                       p.ecom_weight AS weight,
                       COALESCE(mv.quantity, 0.0) AS quantity,
                       COALESCE(mv.amount, 0.0) AS amount,
                       so.amount_total AS order_amount,
                       pricelist.currency_id AS currency_id,
                       p.ecom_fulfil_state AS fulfil_state
                  FROM stock_picking p
                  JOIN sale_order so ON so.id = p.sale_id
                  LEFT JOIN ecom_channel ch ON ch.id = p.ecom_channel_id
                  LEFT JOIN res_partner partner ON partner.id = p.partner_id
                  -- an order's currency is its pricelist's (not stored on the order)
                  LEFT JOIN product_pricelist pricelist ON pricelist.id = so.pricelist_id
                  LEFT JOIN (
                        SELECT m.picking_id,
                               SUM(m.product_qty) AS quantity,
                               -- the share of the sale line's total (discount and
                               -- taxes included) shipped, in the line's own UoM
                               SUM(m.product_uom_qty / move_uom.factor * line_uom.factor
                                   / NULLIF(sol.product_uom_qty, 0) * sol.price_total) AS amount
                          FROM stock_move m
                          LEFT JOIN sale_order_line sol ON sol.id = m.sale_line_id
                          LEFT JOIN product_uom move_uom ON move_uom.id = m.product_uom
                          LEFT JOIN product_uom line_uom ON line_uom.id = sol.product_uom
                         WHERE m.state = 'done'
                         GROUP BY m.picking_id
                  ) mv ON mv.picking_id = p.id
                 WHERE p.ecom_shipped_at IS NOT NULL
                   AND p.ecom_fulfil_state IN ('shipped', 'delivered')
                   AND p.state = 'done'
            )
        """ % {"table": self._table, "day": local_day_sql("p.ecom_shipped_at")})
