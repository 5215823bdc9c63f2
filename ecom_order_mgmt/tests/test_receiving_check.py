# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Receiving check of purchase receipts (入库验收, [000])."""
from odoo.exceptions import AccessError, UserError

from .common import EcomCase

NOTE = "ecom_order_mgmt.action_report_ecom_receiving_note"


class TestReceivingCheck(EcomCase):

    def _receipt(self, lines):
        supplier = self.env["res.partner"].create({"name": "Test supplier", "supplier": True})
        picking_type = self.warehouse.in_type_id
        receipt = self.env["stock.picking"].create({
            "partner_id": supplier.id, "picking_type_id": picking_type.id,
            "location_id": self.env.ref("stock.stock_location_suppliers").id,
            "location_dest_id": self.stock_location.id,
            "move_lines": [(0, 0, {
                "name": product.name, "product_id": product.id, "product_uom_qty": qty,
                "product_uom": product.uom_id.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.stock_location.id}) for product, qty in lines]})
        receipt.action_confirm()
        receipt.action_assign()
        self.assertEqual(receipt.state, "assigned")
        return receipt

    def test_differences_by_line_validated_with_the_counts_rest_as_backorder(self):
        receipt = self._receipt([(self.product_a, 5), (self.product_b, 3)])
        wh = self._as("warehouse", receipt)
        wh.action_ecom_receive_scan(self.product_a.barcode, 4)
        wh.action_ecom_receive_scan(self.product_a.barcode, 1, damaged=True)
        wh.action_ecom_receive_scan(self.product_b.default_code, 3)
        wh.action_ecom_receive_scan(self.product_out.barcode)  # not in the purchase
        with self.assertRaises(UserError):
            wh.action_ecom_receive_scan("NO-SUCH-CODE")
        self.assertFalse(wh.can_ecom_receive_validate)  # not checked yet
        wh.action_ecom_receive_check()
        found = {(d.product_id, d.kind, d.expected, d.good, d.damaged)
                 for d in receipt.ecom_receipt_difference_ids}
        self.assertEqual(found, {
            (self.product_a, "damaged", 5, 4, 1), (self.product_a, "short", 5, 4, 1),
            (self.product_out, "wrong", 0, 1, 0)})
        # Odoo's own Validate does not pass a receipt under check
        with self.assertRaisesRegex(UserError, "Validate Counted"):
            wh.button_validate()
        stock_before = self.product_a.qty_available
        wh.action_ecom_receive_validate()
        self.assertEqual(receipt.state, "done")
        self.assertEqual(self.product_a.qty_available, stock_before + 4)
        self.assertEqual(self.product_out.qty_available, 0)
        backorder = self.env["stock.picking"].search([("backorder_id", "=", receipt.id)])
        self.assertEqual(backorder.move_lines.mapped("product_id"), self.product_a)
        self.assertEqual(backorder.move_lines.product_uom_qty, 1)
        activity = self.env["mail.activity"].search([
            ("res_model", "=", "stock.picking"), ("res_id", "=", receipt.id)])
        self.assertEqual(len(activity), 1)
        self.assertIn("Wrong item", activity.note)

    def test_matching_receipt_validates_whole_without_notice(self):
        receipt = self._receipt([(self.product_b, 2)])
        wh = self._as("warehouse", receipt)
        wh.action_ecom_receive_scan(self.product_b.barcode, 2)
        wh.action_ecom_receive_check()
        self.assertFalse(receipt.ecom_receipt_difference_ids)
        wh.action_ecom_receive_validate()
        self.assertEqual(receipt.state, "done")
        self.assertFalse(self.env["stock.picking"].search([("backorder_id", "=", receipt.id)]))
        self.assertFalse(self.env["mail.activity"].search([
            ("res_model", "=", "stock.picking"), ("res_id", "=", receipt.id)]))

    def test_scanning_after_the_check_reopens_it(self):
        receipt = self._receipt([(self.product_b, 2)])
        wh = self._as("warehouse", receipt)
        wh.action_ecom_receive_scan(self.product_b.barcode, 1)
        wh.action_ecom_receive_check()
        wh.action_ecom_receive_scan(self.product_b.barcode, 1)
        self.assertFalse(receipt.ecom_receipt_checked_at)
        self.assertFalse(receipt.ecom_receipt_difference_ids)

    def test_only_the_warehouse_checks_receipts(self):
        receipt = self._receipt([(self.product_b, 2)])
        for role in ("cs", "finance"):
            with self.assertRaises(AccessError):
                self._as(role, receipt).action_ecom_receive_scan(self.product_b.barcode)

    def test_receiving_note_lists_the_differences(self):
        receipt = self._receipt([(self.product_a, 2)])
        wh = self._as("warehouse", receipt)
        wh.action_ecom_receive_scan(self.product_a.barcode, 1)
        wh.action_ecom_receive_check()
        html = self.env.ref(NOTE).render_qweb_html(receipt.ids)[0].decode()
        self.assertIn("收货单 Receiving Note", html)
        self.assertIn(self.product_a.default_code, html)
        self.assertIn("Short", html)
        action = wh.action_ecom_print_receiving_note()
        self.assertEqual(action["context"]["active_ids"], receipt.ids)
