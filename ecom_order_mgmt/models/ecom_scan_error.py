# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scan errors at the packing check (验货), for the packers' KPIs (issue 22
item 7, seed 004: 扫描错误 per packer).

A wrong scan is refused and not counted as a scan (stock.picking
`action_ecom_scan`), and recorded here by that action, whoever calls it (the
scanner, ecom.scan.wizard, or a handheld over XML-RPC): who, when, which
delivery, what was scanned and what the delivery expected. The rows are the
system's: the packers cannot see, change or delete them, the manager reads
them (ecom.staff.report).
"""
import logging

import psycopg2

from odoo import api, fields, models

from ..tools.scan import OVER, UNEXPECTED, UNKNOWN
from .stock_picking import WrongScan

_logger = logging.getLogger(__name__)

KINDS = [
    (UNKNOWN, "Unknown code"),
    (UNEXPECTED, "Not in the delivery"),
    (OVER, "Too many"),
]


class EcomScanError(models.Model):
    """One refused scan at the packing check of a delivery."""

    _name = "ecom.scan.error"
    _description = "Packing Scan Error"
    _order = "date desc, id desc"
    _rec_name = "code"

    picking_id = fields.Many2one("stock.picking", string="Delivery", required=True,
                                 index=True, ondelete="cascade", readonly=True)
    # Copied from the delivery at creation (create()), which never changes its
    # order or company: as stored related fields they made Odoo search the
    # scan errors each time it recomputed a delivery's order, about 9 times
    # per order while confirming.
    sale_id = fields.Many2one("sale.order", string="Order", readonly=True, index=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    user_id = fields.Many2one("res.users", string="Packer", required=True, index=True,
                              readonly=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    kind = fields.Selection(KINDS, required=True, readonly=True)
    code = fields.Char(string="Scanned", required=True, readonly=True,
                       help="What the scanner read.")
    quantity = fields.Integer(string="Quantity Scanned", readonly=True)
    product_id = fields.Many2one("product.product", string="Product Scanned",
                                 readonly=True)
    expected_qty = fields.Integer(
        string="Quantity Expected", readonly=True,
        help="Units of the scanned product in the delivery (0: not in it).")
    expected = fields.Text(string="Delivery Holds", readonly=True,
                           help="What the delivery holds, product by product.")
    message = fields.Char(string="Refusal", readonly=True,
                          help="What the scanner told the packer.")

    @api.model
    def create(self, vals):
        """Record the delivery's order and company with the scan error."""
        picking = self.env["stock.picking"].browse(vals.get("picking_id"))
        vals = dict(vals)
        vals.setdefault("sale_id", picking.sale_id.id)
        vals.setdefault("company_id", picking.company_id.id)
        return super(EcomScanError, self).create(vals)

    @api.model
    def _ecom_demo_scan(self, order_id, user_id, codes):
        """Demo data: the packer `user_id` scans `codes` through the scanner
        at the packing check of the order's delivery."""
        picking = self.env["sale.order"].browse(order_id).picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing")[:1]
        Scanner = self.env["ecom.scan.wizard"].sudo(user_id)
        for code in codes:
            Scanner.create({"picking_id": picking.id, "code": code}).action_scan()
        return True


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _ecom_wrong_scan(self, code, qty, product, kind, message):
        """The WrongScan of scanning `code` × `qty` (`product`, empty when the
        code is unknown) at this delivery's packing check, refused as `kind`."""
        self.ensure_one()
        quantities = self._ecom_expected_quantities()
        products = self.env["product.product"].browse(list(quantities))
        return WrongScan(message, {
            "code": code, "quantity": qty, "product_id": product.id, "kind": kind,
            "expected_qty": quantities.get(product.id, 0), "message": message,
            "expected": "\n".join("%s × %d" % (line.display_name, quantities[line.id])
                                  for line in products)})

    @api.multi
    def _ecom_record_scan_error(self, values):
        """Record a wrong scan refused at this delivery's check, as the current
        user's, so that it counts whoever scanned and however.

        The refusal rolls back the transaction of a caller that does not catch
        it (a handheld over XML-RPC): the error is written in a transaction of
        its own, committed at once. A caller that catches the refusal and
        commits (the scanner, context `ecom_scan_caller_commits`) keeps it in
        its transaction, and so does a delivery that the other transaction
        cannot refer to yet (created or locked by this one).

        :return: the ecom.scan.error
        """
        self.ensure_one()
        values = dict(values, picking_id=self.id, user_id=self.env.uid)
        if not self.env.context.get("ecom_scan_caller_commits"):
            try:
                with self.pool.cursor() as cr:
                    error_id = self.with_env(self.env(cr=cr))._ecom_record_scan_error_apart(
                        values)
            except psycopg2.OperationalError as error:
                _logger.warning("Scan error of %s kept in the scan's transaction: %s",
                                self.name, error)
                error_id = None
            if error_id:
                return self.env["ecom.scan.error"].browse(error_id)
        # Written by the system: the figures are the manager's, not the packer's.
        return self.env["ecom.scan.error"].sudo().create(values)

    def _ecom_record_scan_error_apart(self, values):
        """Create the scan error in this environment's own transaction (see
        `_ecom_record_scan_error`); return its id, or None when this delivery
        is not there to refer to (not committed, or locked)."""
        # a lock on the delivery held by the scan's transaction would make this
        # one wait for it forever: skip it; any other row it refers to, briefly
        self.env.cr.execute("SELECT id FROM stock_picking WHERE id = %s "
                            "FOR KEY SHARE SKIP LOCKED", (self.id,))
        if not self.env.cr.fetchone():
            return None
        self.env.cr.execute("SET LOCAL lock_timeout = '5s'")
        return self.env["ecom.scan.error"].sudo().create(values).id
