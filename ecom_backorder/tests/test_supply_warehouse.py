# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Goods bought for a shop's orders arrive where that shop ships from.

A shop with a warehouse of its own (the demo's E-commerce Warehouse, as
such companies have) must not get its replenishment received in the
company's first warehouse, where its deliveries would never find it."""
from .test_backorder import BackorderCase


class TestSupplyWarehouse(BackorderCase):

    @classmethod
    def setUpClass(cls):
        super(TestSupplyWarehouse, cls).setUpClass()
        cls.shop_warehouse = cls.env["stock.warehouse"].create({
            "name": "Shop warehouse", "code": "TSHW"})
        cls.channel.warehouse_id = cls.shop_warehouse

    def test_supplier_request_is_received_in_the_shops_warehouse(self):
        order = self._order([(self.product_out, 2)])
        self.assertEqual(order.warehouse_id, self.shop_warehouse)
        self._as("cs", order).action_ecom_cs_approve()
        self._as("finance", order).action_ecom_finance_approve()
        backorder = order.ecom_backorder_ids
        self.assertTrue(backorder)
        self._as("cs", backorder).action_notify_supplier()
        rfq = backorder.purchase_line_id.order_id
        self.assertEqual(rfq.picking_type_id, self.shop_warehouse.in_type_id)
        rfq.button_confirm()
        self.assertEqual(rfq.picking_ids.location_dest_id, self.shop_warehouse.lot_stock_id)

    def test_requests_for_two_warehouses_are_two_rfqs(self):
        here = self._order([(self.product_out, 1)])
        other_channel = self.env["ecom.channel"].create({
            "name": "Main warehouse shop", "code": "TMAIN", "platform": "jd",
            "warehouse_id": self.warehouse.id})
        there = self._order([(self.product_out, 1)], ecom_channel_id=other_channel.id)
        for order in here | there:
            self._as("cs", order).action_ecom_cs_approve()
            self._as("finance", order).action_ecom_finance_approve()
        backorders = (here | there).mapped("ecom_backorder_ids")
        self._as("cs", backorders).action_notify_supplier()
        rfqs = backorders.mapped("purchase_line_id.order_id")
        self.assertEqual(len(rfqs), 2)
        self.assertEqual(set(rfqs.mapped("picking_type_id").ids),
                         {self.shop_warehouse.in_type_id.id, self.warehouse.in_type_id.id})
