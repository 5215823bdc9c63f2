# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every index the suite adds to Odoo's own tables, and why.

Odoo 11 leaves these look-ups unindexed; each turned an operation into a
scan of a table that grows with the business (all invoices, all moves, all
deliveries). They change no result, so they stay when the performance
layer is switched off (``switch.py``).

- ``account_invoice(partner_id)``, ``account_invoice_ecom_partner_id_index``:
  a new or changed partner searches its invoices (their stored commercial
  partner);
- ``account_invoice(origin)``, trigram GIN ``account_invoice_ecom_origin_trgm_index``
  (``pg_trgm``): sale's invoice status of every order searches refunds with
  ``origin LIKE '%<order name>%'``;
- ``stock_move_line(move_id)`` and ``stock_move_line(picking_id)``: a move's
  reservations and a delivery's operations;
- ``stock_quant(product_id, location_id)``: reservation (``stock.quant._gather``);
- ``stock_picking(group_id, location_id, location_dest_id, picking_type_id)``:
  ``stock.move._assign_picking``, for every new move;
- ``stock_picking(sale_id)``, ``stock_move(sale_line_id)`` (``index=True``
  below): an order's deliveries, an order line's moves;
- ``res_partner(phone)`` (``index=True`` below): the order import finds its
  buyers by phone, thousands at a time.

One more lives with the SQL view it serves: ``stock_picking_ecom_kpi_ship_idx``
(stock_picking: sale_id, ecom_shipped_at, ecom_delivered_at; partial), created
by ``report/ecom_order_report.py`` for the order KPI report's shipment join.
The indexes of the suite's own columns (``ecom_*`` fields, ``index=True``)
stay with their fields.
"""
import logging

import psycopg2

from odoo import api, fields, models
from odoo.tools.sql import create_index, index_exists

_logger = logging.getLogger(__name__)

ORIGIN_INDEX = "account_invoice_ecom_origin_trgm_index"
PARTNER_INDEX = "account_invoice_ecom_partner_id_index"


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    @api.model_cr
    def init(self):
        super(AccountInvoice, self).init()
        # a partner's commercial entity is stored on its invoices: creating or
        # changing a partner searches the invoices by partner_id, which Odoo
        # 11 does not index (every new buyer of an import scanned all
        # invoices: 300,000 invoices took the import from 190 to 31 lines/s)
        create_index(self.env.cr, PARTNER_INDEX, self._table, ["partner_id"])
        # sale's invoice status (sale.order._get_invoiced) looks for refunds
        # with origin LIKE '%<order name>%' every time it is recomputed, for
        # every order: confirmation, delivery, import. No btree index serves
        # a LIKE with a leading wildcard, so each order scanned all invoices
        # (43 ms with 300,000 of them, against 0.6 ms with this index).
        cr = self.env.cr
        if index_exists(cr, ORIGIN_INDEX):
            return
        try:
            with cr.savepoint():
                # trusted extension (PostgreSQL 13+): the database owner may
                # create it; it ships with PostgreSQL's contrib modules
                cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except psycopg2.Error as error:
            _logger.warning("pg_trgm is not available (%s): the refund search of sale's "
                            "invoice status stays a sequential scan of the invoices",
                            str(error).strip())
            return
        # identifiers of our own (constants), not user input
        # pylint: disable=sql-injection
        cr.execute('CREATE INDEX "%s" ON "%s" USING gin (origin gin_trgm_ops)'
                   % (ORIGIN_INDEX, self._table))


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    @api.model_cr
    def init(self):
        super(StockMoveLine, self).init()
        # Odoo 11 reads a move's reservations (move_line_ids) and a picking's
        # operations by these columns, which it does not index: every
        # reservation then scans all move lines ever made, and confirming
        # orders slows down as the table grows.
        create_index(self.env.cr, "stock_move_line_ecom_move_id_index", self._table,
                     ["move_id"])
        create_index(self.env.cr, "stock_move_line_ecom_picking_id_index", self._table,
                     ["picking_id"])


class StockQuant(models.Model):
    _inherit = "stock.quant"

    @api.model_cr
    def init(self):
        super(StockQuant, self).init()
        # Reservation gathers the quants of a product in a location
        # (stock.quant._gather); Odoo 11 indexes neither column.
        create_index(self.env.cr, "stock_quant_ecom_product_location_index", self._table,
                     ["product_id", "location_id"])


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # An order's deliveries (`picking_ids`) are read by this column: without
    # an index every access scans all deliveries.
    sale_id = fields.Many2one(index=True)

    @api.model_cr
    def init(self):
        super(StockPicking, self).init()
        # stock.move._assign_picking looks for an open picking of the same
        # procurement group and route for every new move; without this index
        # each look-up scans every open delivery, so confirming N orders cost
        # N x (open deliveries): quadratic over a day of channel orders.
        create_index(self.env.cr, "stock_picking_ecom_assign_index", self._table,
                     ["group_id", "location_id", "location_dest_id", "picking_type_id"])


class StockMove(models.Model):
    _inherit = "stock.move"

    # sale_stock reads a line's moves (`move_ids`) by this column: without an
    # index every access scans all moves (seconds with 600,000 moves).
    sale_line_id = fields.Many2one(index=True)


class ResPartner(models.Model):
    _inherit = "res.partner"

    # The order import finds buyers by phone, thousands at a time.
    phone = fields.Char(index=True)
