# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The receiving check (入库验收, ecom_order_mgmt) of a real purchase's receipt:
purchasing is told the differences, the note keeps what the purchase said."""
import re

from odoo import fields

from odoo.addons.ecom_order_mgmt.tests.common import EcomCase

NOTE = "ecom_order_mgmt.action_report_ecom_receiving_note"


class TestReceivingPurchase(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestReceivingPurchase, cls).setUpClass()
        cls.buyer_user = cls.env["res.users"].create({
            "name": "Test Purchase Buyer", "login": "test_receiving_buyer",
            "email": "test_receiving_buyer@example.com",
            "groups_id": [(6, 0, [cls.env.ref("purchase.group_purchase_user").id])]})
        vendor = cls.env["res.partner"].create({"name": "Test mill", "supplier": True})
        cls.purchase = cls.env["purchase.order"].sudo(cls.buyer_user).create({
            "partner_id": vendor.id,
            "order_line": [(0, 0, {
                "product_id": cls.product_a.id, "name": cls.product_a.name,
                "product_qty": 3, "product_uom": cls.product_a.uom_po_id.id,
                "price_unit": 10.0, "date_planned": fields.Datetime.now()})]})
        cls.purchase.sudo().button_confirm()
        cls.receipt = cls.purchase.picking_ids
        wh = cls.receipt.sudo(cls.users["warehouse"])
        wh.action_ecom_receive_scan(cls.product_a.barcode, 2)
        wh.action_ecom_receive_check()
        wh.action_ecom_receive_validate()

    def test_purchasing_is_told_the_differences(self):
        self.assertEqual(self.receipt.state, "done")
        activity = self.env["mail.activity"].search([
            ("res_model", "=", "stock.picking"), ("res_id", "=", self.receipt.id)])
        self.assertEqual(activity.user_id, self.buyer_user, "who placed the purchase")
        self.assertIn("Short", activity.note)

    def test_note_prints_what_the_purchase_announced_once_validated(self):
        # the validated receipt holds the 2 that came, its backorder the third
        self.assertEqual(self.receipt.move_lines.product_uom_qty, 2)
        html = self.env.ref(NOTE).render_qweb_html(self.receipt.ids)[0].decode()
        announced = html.split("差异 Differences")[0]
        self.assertEqual(re.findall(r'<td class="text-right"><span>(\d+)</span></td>', announced),
                         ["3"])
