# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A custom request created from its order alone (SPEC's contract: external
clients give `order_id`), as the API is used, not the form."""
from odoo.exceptions import UserError

from odoo.addons.ecom_order_mgmt.tests.common import EcomCase


class TestCustomRequestCreate(EcomCase):

    def _quotation(self, lines):
        return self.env["sale.order"].create({
            "partner_id": self.buyer.id,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": qty,
                                   "price_unit": product.list_price})
                           for product, qty in lines]})

    def _create(self, vals):
        Request = self.env["ecom.custom.request"].sudo(self.users["cs"])
        return Request.with_context(lang="en_US").create(vals)

    def test_the_only_line_of_the_order_is_the_customised_one(self):
        order = self._quotation([(self.product_out, 3)])
        request = self._create({"order_id": order.id})
        self.assertEqual(request.line_id, order.order_line)
        self.assertEqual(request.quantity, 3)
        self.assertEqual(request.state, "draft")

    def test_an_order_of_several_lines_needs_the_line(self):
        order = self._quotation([(self.product_out, 1), (self.product_a, 1)])
        before = self.env["ecom.custom.request"].search_count([])
        with self.assertRaisesRegex(UserError, r"has 2 product lines.*line_id"):
            self._create({"order_id": order.id})
        self.assertEqual(self.env["ecom.custom.request"].search_count([]), before)
        request = self._create({"order_id": order.id, "line_id": order.order_line[1].id})
        self.assertEqual(request.product_id, self.product_a)

    def test_without_an_order_the_message_says_so(self):
        with self.assertRaisesRegex(UserError, "needs its sale order"):
            self._create({"buyer_date": "2026-12-31"})
