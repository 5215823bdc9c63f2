# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, models
from odoo.tools import float_compare


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model
    def _ecom_free_stock(self, products, warehouses):
        """What each warehouse can ship now: the one definition of "in stock".

        {(warehouse id, product id): quantity on hand in the warehouse's stock
        locations, less what is reserved for other deliveries}, one read per
        warehouse. Incoming receipts do not count: an order they would cover
        waits for them. Every stock figure of the review reads this hook (the
        automatic review rules' "Stock Available", the backorder check of
        ``ecom_backorder``, which keeps the safety stock back through
        ``super()``), so that a rule never passes an order the stock check
        then holds back.
        """
        free = defaultdict(float)
        if not products or not warehouses:
            return free
        for warehouse in warehouses:
            for product_id, quantity in self.env["stock.quant"]._ecom_free_quantities(
                    [("product_id", "in", products.ids),
                     ("location_id", "child_of", warehouse.lot_stock_id.id)]).items():
                free[(warehouse.id, product_id)] = quantity
        return free

    def _ecom_stock_shortages(self, remaining=None):
        """Lines the channel warehouse cannot cover from free stock, per order.

        {order id: [(product, quantity ordered, quantity free)]}, empty for
        an order in stock (see `_ecom_free_stock`). `remaining` ({(warehouse
        id, product id): free quantity}) is consumed as orders are served, so
        that orders reviewed together do not all count on the same units; it
        is filled in one read per warehouse.
        """
        if remaining is None:
            remaining = {}
        needed = defaultdict(set)
        for order in self:
            for line in order.order_line:
                if line.product_id.type == "product":
                    needed[order.warehouse_id].add(line.product_id.id)
        for warehouse, product_ids in needed.items():
            missing = [p for p in product_ids if (warehouse.id, p) not in remaining]
            free = self._ecom_free_stock(self.env["product.product"].browse(missing),
                                         warehouse)
            for product_id in missing:
                remaining[(warehouse.id, product_id)] = free.get((warehouse.id, product_id),
                                                                 0.0)
        shortages = {}
        for order in self:
            short = []
            demand = defaultdict(float)
            for line in order.order_line:
                if line.product_id.type == "product":
                    demand[line.product_id] += line.product_uom._compute_quantity(
                        line.product_uom_qty, line.product_id.uom_id)
            for product, quantity in demand.items():
                free = remaining[(order.warehouse_id.id, product.id)]
                if float_compare(free, quantity,
                                 precision_rounding=product.uom_id.rounding) < 0:
                    short.append((product, quantity, max(free, 0.0)))
            shortages[order.id] = short
            if not short:
                for product, quantity in demand.items():
                    remaining[(order.warehouse_id.id, product.id)] -= quantity
        return shortages
