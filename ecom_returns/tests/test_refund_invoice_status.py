# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a refund or an exchange leaves to invoice (issue 20): units refunded
(returned or kept by the buyer) are never invoiced again, and the
replacement order of an exchange is never invoiced (the original's invoice
billed the goods, the difference is a document of the original).

The oracles are Odoo's: the order's invoice status, its lines' quantity to
invoice, and what Odoo's invoicing of the order (the suite's automatic one,
or Create Invoice) makes of it.
"""
from odoo.exceptions import UserError

from .test_refund_accounting import RefundCase


class InvoicingAgainCase(RefundCase):

    def _out_invoices(self, order):
        return order.sudo()._ecom_money().invoices

    def _assert_nothing_to_invoice(self, order, moment):
        """Odoo sees nothing to invoice on `order`, and neither the suite's
        invoicing at `moment` nor Create Invoice bills anything again."""
        order = order.sudo()
        order.invalidate_cache()
        self.assertIn(order.invoice_status, ("invoiced", "no"))
        self.assertEqual(order.order_line.mapped("qty_to_invoice"),
                         [0.0] * len(order.order_line))
        before = self._out_invoices(order)
        self.assertFalse(order._ecom_invoice_at(moment))
        with self.assertRaises(UserError):
            order.action_invoice_create()
        self.assertEqual(self._out_invoices(order), before)


class TestRefundedUnitsAtApproval(InvoicingAgainCase):
    """A channel invoicing at finance approval, on the ordered quantities."""

    def test_returned_and_refunded_units_are_not_invoiced_again(self):
        order = self._delivered([(self.product_a, 2)])
        case = self._returned(order, [(self.product_a, 1, "company")])
        self._as("finance", case).action_refund()
        self.assertEqual(case.refund_invoice_id.amount_total, 100.0)
        self._assert_nothing_to_invoice(order, "approval")

    def test_refund_only_before_shipment_is_not_invoiced_again(self):
        order = self._approved([(self.product_a, 2)])
        case = self._case(order, "refund_only", [(self.product_a, 1, "customer")])
        self._as("manager", case).action_approve()
        self._as("finance", case).action_refund()
        self.assertEqual(case.refund_invoice_id.amount_total, 100.0)
        self._assert_nothing_to_invoice(order, "approval")
        # the unit left ships; the refunded one is neither shipped nor billed
        self._walk(self._delivery(order), "delivered")
        self.assertEqual(order.order_line.qty_delivered, 1.0)
        self._assert_nothing_to_invoice(order, "approval")
        self.assertEqual(self._payments(order), (200.0, 100.0))

    def test_everything_returned_and_refunded(self):
        order = self._delivered([(self.product_a, 1), (self.product_b, 1)])
        case = self._returned(order, [(self.product_a, 1, "company"),
                                      (self.product_b, 1, "company")])
        self._as("finance", case).action_refund()
        self.assertEqual(case.refund_invoice_id.amount_total, 150.0)
        self._assert_nothing_to_invoice(order, "approval")


class TestRefundedUnitsAtShipment(InvoicingAgainCase):
    """A channel invoicing at shipment, on the delivered quantities."""

    @classmethod
    def setUpClass(cls):
        super(TestRefundedUnitsAtShipment, cls).setUpClass()
        cls.channel.invoice_policy = "shipment"

    def test_returned_and_refunded_units_are_not_invoiced_again(self):
        order = self._delivered([(self.product_a, 2)])
        self.assertEqual(self._out_invoices(order).amount_total, 200.0)
        case = self._returned(order, [(self.product_a, 1, "company")])
        self._as("finance", case).action_refund()
        self.assertEqual(case.refund_invoice_id.amount_total, 100.0)
        self._assert_nothing_to_invoice(order, "shipment")

    def test_refund_only_before_shipment_is_never_invoiced(self):
        # no invoice yet: no credit note, the unit is left out of the invoice
        order = self._approved([(self.product_a, 2)])
        case = self._case(order, "refund_only", [(self.product_a, 1, "customer")])
        self._as("manager", case).action_approve()
        self._as("finance", case).action_refund()
        self.assertEqual((case.refund_amount, case.refund_invoice_id.id), (100.0, False))
        self._walk(self._delivery(order), "delivered")
        invoice = self._out_invoices(order)
        self.assertEqual((invoice.amount_total, invoice.state), (100.0, "paid"))
        self.assertFalse(order.sudo()._ecom_money().refunds)
        self._assert_nothing_to_invoice(order, "shipment")

    def test_refund_only_of_everything_before_shipment_cancels_the_invoicing(self):
        order = self._approved([(self.product_a, 2)])
        case = self._case(order, "refund_only", [(self.product_a, 2, "customer")])
        self._as("manager", case).action_approve()
        self._as("finance", case).action_refund()
        self.assertEqual((order.state, order.invoice_status), ("cancel", "no"))
        self.assertFalse(order.sudo().invoice_ids)
        self.assertFalse(order.sudo()._ecom_invoice_at("shipment"))


class TestExchangeReplacementInvoicing(InvoicingAgainCase):
    """The replacement order ships goods the original's invoice billed: it
    is never to invoice; the difference is a document of the original."""

    def _exchange(self, replacement, price):
        order = self._delivered([(self.product_a, 2)])
        original = self._out_invoices(order)
        case = self._case(order, "exchange", [(self.product_a, 2, "company", replacement)])
        case.line_ids.replacement_price_unit = price
        self._as("manager", case).action_approve()
        self._receive(case)
        new = case.replacement_order_id
        self.assertTrue(new)
        self._as("finance", case).action_refund()
        return order, original, case, new

    def _ship_replacement(self, new):
        self.assertNotEqual(new.sudo().invoice_status, "to invoice")
        self._as("cs", new).action_ecom_cs_approve()
        self._as("finance", new).action_ecom_finance_approve()
        self._assert_nothing_to_invoice(new, "approval")
        self._walk(self._delivery(new), "delivered")
        self._assert_nothing_to_invoice(new, "shipment")
        self.assertFalse(new.sudo().invoice_ids)

    def test_dearer_replacement(self):
        order, original, case, new = self._exchange(self.product_c, 120.0)
        charge = case.charge_invoice_id.sudo()
        # 2 × (120 - 100), billed to the original order, paid like it
        self.assertEqual((charge.type, charge.amount_total, charge.state),
                         ("out_invoice", 40.0, "paid"))
        self.assertEqual(self._out_invoices(order), original | charge)
        self._ship_replacement(new)
        self._assert_nothing_to_invoice(order, "approval")
        self.assertEqual(self._payments(order), (240.0, 0.0))

    def test_cheaper_replacement(self):
        order, original, case, new = self._exchange(self.product_b, 50.0)
        note = case.refund_invoice_id.sudo()
        # 2 × (100 - 50) back to the buyer, a credit note of the original
        self.assertEqual((note.type, note.refund_invoice_id, note.amount_total, note.state),
                         ("out_refund", original, 100.0, "paid"))
        self._ship_replacement(new)
        self._assert_nothing_to_invoice(order, "approval")
        self.assertEqual(self._payments(order), (200.0, 100.0))
