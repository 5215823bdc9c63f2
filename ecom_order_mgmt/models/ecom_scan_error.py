# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scan errors at the packing check (验货), for the packers' KPIs (issue 22
item 7, seed 004: 扫描错误 per packer).

A wrong scan is refused and not counted as a scan (stock.picking
`action_ecom_scan`); the scanner (ecom.scan.wizard) shows the refusal and
records it here: who, when, which delivery, what was scanned and what the
delivery expected. The rows are the system's: the packers cannot see, change
or delete them, the manager reads them (ecom.staff.report).
"""
from odoo import api, fields, models

from ..tools.scan import OVER, UNEXPECTED, UNKNOWN

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
    sale_id = fields.Many2one(related="picking_id.sale_id", string="Order", store=True,
                              readonly=True)
    company_id = fields.Many2one(related="picking_id.company_id", string="Company",
                                 store=True, readonly=True)
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

    def _ecom_scan_mismatch(self, code, qty):
        """What is wrong with scanning `code` × `qty` at this delivery's check.

        :return: the ecom.scan.error values (kind, product, quantities) of a
            wrong scan: an unknown code, a product not in the delivery, more
            units than it holds; None when the scan fits the delivery or is
            refused for another reason (not a delivery being checked, not the
            user's step, no code, a wrong quantity).
        """
        self.ensure_one()
        code = (code or "").strip()
        if self.picking_type_code != "outgoing" or not code \
                or not isinstance(qty, int) or qty <= 0 \
                or self._ecom_why_not("scan") or self._ecom_problem("scan"):
            return None
        product, difference = self._ecom_scan_fit(code, qty)
        values = {"code": code, "quantity": qty, "product_id": product.id,
                  "expected_qty": self._ecom_expected_quantities().get(product.id, 0)}
        if not product:
            return dict(values, kind=UNKNOWN)
        return dict(values, kind=difference.kind) if difference else None

    @api.multi
    def _ecom_record_scan_error(self, code, qty, message):
        """Record a refused scan of the packing check if it was a wrong scan
        (see `_ecom_scan_mismatch`), as the current user's.

        :return: the ecom.scan.error, or an empty recordset
        """
        self.ensure_one()
        values = self._ecom_scan_mismatch(code, qty)
        if values is None:
            return self.env["ecom.scan.error"]
        quantities = self._ecom_expected_quantities()
        products = self.env["product.product"].browse(list(quantities))
        values.update(
            picking_id=self.id, user_id=self.env.uid, message=message,
            expected="\n".join("%s × %d" % (product.display_name, quantities[product.id])
                               for product in products))
        # Written by the system: the figures are the manager's, not the packer's.
        return self.env["ecom.scan.error"].sudo().create(values)
