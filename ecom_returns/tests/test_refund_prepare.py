# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A credit note made outside an after-sales case is Odoo's own: the
``_prepare_refund`` override of this addon changes nothing without the case's
lines in the context (``ecom_refund_keep``)."""
from .test_refund_accounting import RefundCase


class TestPlainRefund(RefundCase):

    def test_plain_invoice_refund_keeps_every_line_and_tax(self):
        order = self.env["sale.order"].create({
            "partner_id": self.buyer.id,
            "order_line": [(0, 0, {"product_id": p.id, "product_uom_qty": q,
                                   "price_unit": p.list_price})
                           for p, q in ((self.product_t, 2), (self.product_b, 1))]})
        order.action_confirm()
        for line in order.order_line:
            line.qty_delivered = line.product_uom_qty
        invoice = self.env["account.invoice"].browse(order.action_invoice_create())
        invoice.action_invoice_open()
        refund = invoice.refund()
        self.assertEqual(refund.refund_invoice_id, invoice)
        self.assertEqual(self._lines(refund), self._lines(invoice))
        self.assertEqual(sorted((t.tax_id.id, t.amount) for t in refund.tax_line_ids),
                         sorted((t.tax_id.id, t.amount) for t in invoice.tax_line_ids))
        self.assertTrue(refund.tax_line_ids, "the 13 % VAT of the jacket is refunded")
        self.assertAlmostEqual(refund.amount_total, invoice.amount_total)

    @staticmethod
    def _lines(invoice):
        return sorted((line.product_id.id, line.quantity, line.price_unit)
                      for line in invoice.invoice_line_ids)
