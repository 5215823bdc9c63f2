# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shortage check at review time, backorders, supplier RFQs, allocation."""
from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError

from odoo.addons.ecom_order_mgmt.tests.common import EcomCase


class BackorderCase(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(BackorderCase, cls).setUpClass()
        cls.vendor = cls.env["res.partner"].create({"name": "Test vendor", "supplier": True})
        for product in (cls.product_a, cls.product_b, cls.product_out):
            cls.env["product.supplierinfo"].create({
                "name": cls.vendor.id, "product_tmpl_id": product.product_tmpl_id.id,
                "price": 10.0, "delay": 3})

    def _reviewed(self, lines, **values):
        order = self._order(lines, **values)
        self._as("cs", order).action_ecom_cs_approve()
        return order

    def _incoming(self, product, quantity, when):
        """A confirmed purchase whose receipt is expected on `when`."""
        po = self.env["purchase.order"].create({
            "partner_id": self.vendor.id,
            "order_line": [(0, 0, {
                "product_id": product.id, "name": product.name, "product_qty": quantity,
                "product_uom": product.uom_po_id.id, "price_unit": 10.0,
                "date_planned": fields.Datetime.to_string(when)})]})
        po.button_confirm()
        po.picking_ids.move_lines.write({"date_expected": fields.Datetime.to_string(when)})
        return po


class TestShortageCheck(BackorderCase):

    def test_stock_covers_the_line(self):
        order = self._reviewed([(self.product_a, 2)])
        self.assertEqual(order.order_line.ecom_shortage, "stock")
        self._as("finance", order).action_ecom_finance_approve()
        self.assertFalse(order.ecom_backorder_ids)

    def test_incoming_covers_quantity_but_not_the_date(self):
        later = date.today() + timedelta(days=10)
        self._incoming(self.product_out, 10, later)
        order = self._reviewed([(self.product_out, 4)],
                               ecom_requested_date=fields.Date.to_string(
                                   date.today() + timedelta(days=3)))
        line = order.order_line
        self.assertEqual(line.ecom_shortage, "incoming")
        self.assertEqual(line.ecom_from_incoming, 4)
        self.assertEqual(line.ecom_available_date, fields.Date.to_string(later))
        self.assertIn("offer a split delivery", line.ecom_shortage_note)
        self.assertIn("4 by %s" % fields.Date.to_string(later), line.ecom_shortage_note)
        # It waits for the receipt: no backorder, nothing silently shipped.
        self._as("finance", order).action_ecom_finance_approve()
        self.assertFalse(order.ecom_backorder_ids)
        self.assertNotEqual(self._delivery(order).state, "assigned")

    def test_buyer_consent_makes_it_a_split_delivery(self):
        order = self._reviewed([(self.product_a, 25)])
        self.assertEqual(order.picking_policy, "one")
        order.ecom_split_consent = True
        self.assertEqual(order.picking_policy, "direct")
        self.assertEqual(order.order_line.ecom_shortage, "backorder")
        self.assertEqual(order.order_line.ecom_short_qty, 5)
        self._as("finance", order).action_ecom_finance_approve()
        self.assertEqual(self._delivery(order).state, "assigned", "20 ship now")
        self.assertEqual(order.ecom_backorder_ids.quantity, 5)

    def test_safety_stock_needs_a_manager_and_asks_the_supplier(self):
        self.product_b.ecom_safety_stock = 18      # 20 on hand, 2 free
        order = self._reviewed([(self.product_b, 5)])
        line = order.order_line
        self.assertEqual((line.ecom_shortage, line.ecom_from_stock, line.ecom_from_safety),
                         ("safety", 2, 3))
        with self.assertRaisesRegex(UserError, "a manager must release it"):
            self._as("finance", order).action_ecom_finance_approve()
        with self.assertRaises(AccessError):
            self._as("cs", order).action_ecom_approve_safety_stock()
        self._as("manager", order).action_ecom_approve_safety_stock()
        self.assertEqual(order.ecom_safety_approved_by, self.users["manager"])
        rfq = self.env["purchase.order"].search([
            ("partner_id", "=", self.vendor.id), ("state", "=", "draft")])
        self.assertEqual(rfq.order_line.filtered(
            lambda l: l.product_id == self.product_b).product_qty, 3)
        self._as("finance", order).action_ecom_finance_approve()
        self.assertEqual(order.ecom_state, "approved")

    def test_orders_checked_together_share_the_stock(self):
        first = self._order([(self.product_a, 15)])
        second = self._order([(self.product_a, 15)])
        self._as("cs", first | second).action_ecom_cs_approve()
        self.assertEqual(first.order_line.ecom_shortage, "stock")
        self.assertEqual(second.order_line.ecom_shortage, "backorder")
        self.assertEqual(second.order_line.ecom_short_qty, 10)


class TestBackorders(BackorderCase):

    def test_short_line_becomes_a_backorder_and_the_supplier_gets_an_rfq(self):
        order = self._reviewed([(self.product_out, 3)])
        self.assertEqual(order.ecom_shortage, "backorder")
        self._as("finance", order).action_ecom_finance_approve()
        backorder = order.ecom_backorder_ids
        self.assertEqual((backorder.product_id, backorder.quantity, backorder.state),
                         (self.product_out, 3, "open"))
        self._as("cs", backorder).action_notify_supplier()
        self.assertEqual(backorder.state, "notified")
        rfq = backorder.purchase_line_id.order_id
        self.assertEqual((rfq.partner_id, rfq.state), (self.vendor, "draft"))
        self.assertEqual(backorder.purchase_line_id.product_qty, 3)
        # A second backorder tops up the same RFQ.
        other = self._reviewed([(self.product_out, 2)])
        self._as("finance", other).action_ecom_finance_approve()
        self._as("cs", other.ecom_backorder_ids).action_notify_supplier()
        self.assertEqual(other.ecom_backorder_ids.purchase_line_id, backorder.purchase_line_id)
        self.assertEqual(backorder.purchase_line_id.product_qty, 5)

    def test_product_without_vendor_is_refused_clearly(self):
        self.product_out.seller_ids.unlink()
        order = self._reviewed([(self.product_out, 1)])
        self._as("finance", order).action_ecom_finance_approve()
        with self.assertRaisesRegex(UserError, "has no vendor"):
            self._as("cs", order.ecom_backorder_ids).action_notify_supplier()
        self.assertEqual(order.ecom_backorder_ids.state, "open")

    def test_urgent_purchase_opens_its_own_rfq_and_transfer_moves_stock(self):
        order = self._reviewed([(self.product_out, 2)])
        self._as("finance", order).action_ecom_finance_approve()
        backorder = order.ecom_backorder_ids
        wizard = self.env["ecom.backorder.source"].sudo(self.users["cs"]).with_context(
            active_ids=backorder.ids).create({"method": "emergency_purchase"})
        action = wizard.action_confirm()
        rfq = self.env["purchase.order"].browse(action["domain"][0][2])
        self.assertTrue(rfq.ecom_urgent)
        self.assertTrue(backorder.urgent)
        other_wh = self.env["stock.warehouse"].create({"name": "Second WH", "code": "WH2"})
        self.env["stock.quant"]._update_available_quantity(
            self.product_out, other_wh.lot_stock_id, 5)
        wizard = self.env["ecom.backorder.source"].with_context(
            active_ids=backorder.ids).create({"method": "transfer",
                                              "source_warehouse_id": other_wh.id})
        transfer = self.env["stock.picking"].browse(wizard.action_confirm()["domain"][0][2])
        self.assertEqual(transfer.location_dest_id, self.warehouse.lot_stock_id)
        self.assertEqual(transfer.state, "assigned")

    def test_backorder_is_done_when_its_line_is_delivered(self):
        order = self._reviewed([(self.product_out, 2)])
        self._as("finance", order).action_ecom_finance_approve()
        self.env["stock.quant"]._update_available_quantity(
            self.product_out, self.stock_location, 2)
        self._delivery(order).action_assign()
        self._walk(self._delivery(order), "shipped")
        self.assertEqual(order.ecom_backorder_ids.state, "done")


class TestAllocation(BackorderCase):

    def _backorder(self, priority, when, quantity):
        buyer = self.env["res.partner"].create({"name": "Buyer %s" % when,
                                                "ecom_priority": priority})
        order = self._reviewed([(self.product_out, quantity)], partner_id=buyer.id,
                               date_order=when)
        self._as("finance", order).action_ecom_finance_approve()
        return order.ecom_backorder_ids

    def _wizard(self, backorders):
        return self.env["ecom.backorder.allocation"].sudo(self.users["cs"]).create(
            {"backorder_ids": [(6, 0, backorders.ids)]})

    def test_allocation_by_priority_then_order_date_preview_equals_result(self):
        early = self._backorder("0", "2026-11-01 10:00:00", 4)
        late = self._backorder("0", "2026-11-02 10:00:00", 4)
        vip = self._backorder("2", "2026-11-03 10:00:00", 3)
        self.env["stock.quant"]._update_available_quantity(
            self.product_out, self.stock_location, 8)
        self._incoming(self.product_out, 10, date.today() + timedelta(days=7))
        wizard = self._wizard(early | late | vip)
        wizard.action_preview()
        preview = {line.backorder_id: (line.quantity_stock, line.quantity_incoming)
                   for line in wizard.line_ids}
        self.assertEqual(preview[vip], (3, 0))
        self.assertEqual(preview[early], (4, 0))
        self.assertEqual(preview[late], (1, 3))
        wizard.action_commit()
        for backorder, (stock, incoming) in preview.items():
            self.assertEqual(backorder.quantity_allocated, stock, backorder.name)
            self.assertEqual(backorder.quantity_promised, incoming, backorder.name)
            move = backorder.line_id.move_ids
            self.assertEqual(move.reserved_availability, stock, backorder.name)
        self.assertEqual((vip.state, early.state, late.state),
                         ("allocated", "allocated", "partial"))
        self.assertTrue(late.promised_date)
        self.assertEqual(self._delivery(vip.order_id).state, "assigned")

    def _previewed(self, quantity):
        """A backorder of `quantity`, as much in stock, and its allocation previewed."""
        backorder = self._backorder("0", "2026-11-01 10:00:00", quantity)
        self.env["stock.quant"]._update_available_quantity(
            self.product_out, self.stock_location, quantity)
        wizard = self._wizard(backorder)
        wizard.action_preview()
        return backorder, wizard

    def test_commit_refused_when_stock_moved_since_the_preview(self):
        first, wizard = self._previewed(4)
        # Someone else takes the stock meanwhile.
        self.env["stock.quant"]._update_available_quantity(
            self.product_out, self.stock_location, -3)
        with self.assertRaisesRegex(UserError, "Stock changed since the preview"):
            wizard.action_commit()
        self.assertEqual(first.quantity_allocated, 0)

    def test_finance_and_plain_users_cannot_allocate(self):
        backorder = self._backorder("0", "2026-11-01 10:00:00", 1)
        wizard = self.env["ecom.backorder.allocation"].sudo(self.users["finance"]).create(
            {"backorder_ids": [(6, 0, backorder.ids)]})
        with self.assertRaises(AccessError):
            wizard.action_preview()

    def _allocate(self, backorders):
        wizard = self._wizard(backorders)
        wizard.action_preview()
        wizard.action_commit()
        return wizard

    def _reserved_lines(self, delivery):
        return sorted((line.location_id.id, line.product_uom_qty, line.package_id.id)
                      for line in delivery.move_line_ids)

    def test_allocation_reserves_what_odoo_would_oldest_stock_first(self):
        backorder = self._backorder("0", "2026-11-01 10:00:00", 4)
        shelf = self.env["stock.location"].create({
            "name": "Shelf 9", "usage": "internal", "location_id": self.stock_location.id})
        Quant = self.env["stock.quant"]
        Quant._update_available_quantity(self.product_out, self.stock_location, 5,
                                         in_date=datetime(2026, 2, 1, 8, 0))
        Quant._update_available_quantity(self.product_out, shelf, 2,
                                         in_date=datetime(2026, 1, 1, 8, 0))
        self._allocate(backorder)
        delivery = self._delivery(backorder.order_id)
        allocated = self._reserved_lines(delivery)
        self.assertEqual(allocated, sorted([(shelf.id, 2, False),
                                            (self.stock_location.id, 2, False)]))
        self.assertEqual((delivery.state, backorder.state), ("assigned", "allocated"))
        self.assertEqual(delivery.move_line_ids.mapped("state"), ["assigned", "assigned"])
        self.assertEqual(sum(Quant.search([("product_id", "=", self.product_out.id)]).mapped(
            "reserved_quantity")), 4)
        # Odoo's own reservation of the same delivery gives the same lines.
        delivery.do_unreserve()
        self.assertEqual(sum(Quant.search([("product_id", "=", self.product_out.id)]).mapped(
            "reserved_quantity")), 0)
        delivery.action_assign()
        self.assertEqual(self._reserved_lines(delivery), allocated)

    def test_second_allocation_tops_up_the_line_of_the_first(self):
        backorder = self._backorder("0", "2026-11-01 10:00:00", 4)
        Quant = self.env["stock.quant"]
        Quant._update_available_quantity(self.product_out, self.stock_location, 1)
        self._allocate(backorder)
        self.assertEqual((backorder.quantity_allocated, backorder.state), (1, "partial"))
        Quant._update_available_quantity(self.product_out, self.stock_location, 5)
        self._allocate(backorder)
        delivery = self._delivery(backorder.order_id)
        self.assertEqual((backorder.quantity_allocated, backorder.state), (4, "allocated"))
        self.assertEqual(self._reserved_lines(delivery), [(self.stock_location.id, 4, False)])
        self.assertEqual(delivery.move_line_ids.product_qty, 4)
        self.assertEqual(delivery.state, "assigned")

    def test_stock_in_packages_goes_through_odoos_reservation(self):
        backorder = self._backorder("0", "2026-11-01 10:00:00", 3)
        package = self.env["stock.quant.package"].create({"name": "PACK-9"})
        self.env["stock.quant"]._update_available_quantity(
            self.product_out, self.stock_location, 3, package_id=package)
        self._allocate(backorder)
        delivery = self._delivery(backorder.order_id)
        self.assertEqual(self._reserved_lines(delivery), [(self.stock_location.id, 3, package.id)])
        self.assertEqual(backorder.state, "allocated")

    def test_commit_refused_when_a_previewed_backorder_was_closed_meanwhile(self):
        backorder, wizard = self._previewed(2)
        self.assertEqual(wizard.line_ids.quantity_stock, 2)
        self._as("cs", backorder).action_cancel()
        with self.assertRaisesRegex(UserError, "Stock changed since the preview"):
            wizard.action_commit()
        self.assertFalse(self._delivery(backorder.order_id).move_line_ids)

    def test_preview_again_shows_each_backorder_once(self):
        first = self._backorder("0", "2026-11-01 10:00:00", 2)
        second = self._backorder("1", "2026-11-02 10:00:00", 2)
        self.env["stock.quant"]._update_available_quantity(
            self.product_out, self.stock_location, 3)
        wizard = self._wizard(first | second)
        wizard.action_preview()
        wizard.action_preview()
        # .ids: recordset equality ignores the order being tested
        self.assertEqual(wizard.line_ids.mapped("backorder_id").ids, [second.id, first.id],
                         "in allocation order: the important customer first")
        self.assertEqual(wizard.line_ids.mapped("quantity_stock"), [2, 1])
        self.assertEqual(wizard.line_ids.mapped("partner_id").ids,
                         [second.partner_id.id, first.partner_id.id])
