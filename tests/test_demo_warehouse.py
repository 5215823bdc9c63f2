"""The demo shops ship from a warehouse of their own, so that the suite's demo
data leaves Odoo's own tests undisturbed.

Odoo's stock, sale_stock, purchase … tests work in the main warehouse
(stock.warehouse0) and expect nothing reserved there but their own: one of
them (stock's TestRobustness.test_location_usage) changes the use of
WH/Stock, which Odoo refuses while anything is reserved in it. The demo
channel orders reserve their goods in the E-commerce Warehouse (ECWH), where
the demo products' opening stock is. Odoo's six test suites themselves run
against a database with the suite installed in scripts/core_tests.sh.
"""
from odoo.tests.common import TransactionCase


class TestDemoWarehouse(TransactionCase):

    def setUp(self):
        super(TestDemoWarehouse, self).setUp()
        self.main = self.env.ref("stock.warehouse0")
        # The demo shops (ecom_order_mgmt's demo data) and their orders (those
        # of ecom_backorder's and ecom_returns' demo data too)
        self.demo_channels = self.env["ecom.channel"].search([]).filtered(
            lambda channel: channel.get_external_id()[channel.id])
        self.demo_orders = self.env["sale.order"].search([
            ("ecom_channel_id", "in", self.demo_channels.ids)])
        self.assertTrue(self.demo_orders, "the test database holds the demo data")

    def test_demo_shops_ship_from_their_own_warehouse(self):
        warehouses = self.demo_channels.mapped("warehouse_id")
        self.assertEqual(len(warehouses), 1)
        self.assertEqual((warehouses.code, warehouses.name), ("ECWH", "E-commerce Warehouse"))
        self.assertNotEqual(warehouses, self.main)
        # Every delivery of a demo order leaves from there
        pickings = self.demo_orders.mapped("picking_ids")
        self.assertTrue(pickings)
        self.assertEqual(pickings.mapped("picking_type_id.warehouse_id"), warehouses)

    def test_nothing_of_the_demo_orders_is_reserved_in_the_main_warehouse(self):
        reserved = self.env["stock.move.line"].search([
            ("location_id", "child_of", self.main.view_location_id.id),
            ("product_qty", ">", 0)])
        self.assertFalse(reserved.mapped("move_id.sale_line_id.order_id") & self.demo_orders)
        # while they do reserve, in their own warehouse
        self.assertTrue(self.demo_orders.mapped("picking_ids.move_line_ids").filtered(
            lambda line: line.product_qty > 0))

    def test_opening_stock_of_the_demo_products_is_in_the_shops_warehouse(self):
        shops = self.env["stock.warehouse"].search([("code", "=", "ECWH")])
        products = self.env.ref("ecom_order_mgmt.inventory_ecom_demo").line_ids.mapped(
            "product_id")
        self.assertEqual(len(products), 5)
        self.assertTrue(all(products.with_context(warehouse=shops.id).mapped("qty_available")))
        self.assertFalse(any(products.with_context(warehouse=self.main.id).mapped(
            "qty_available")))
