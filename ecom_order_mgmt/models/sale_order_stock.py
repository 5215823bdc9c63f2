# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import models
from odoo.tools import float_compare


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _ecom_stock_shortages(self, remaining=None):
        """Lines the channel warehouse cannot cover, per order.

        `remaining` ({(warehouse id, product id): free quantity}) is consumed
        as orders are served, so that orders reviewed together do not all
        count on the same units; it is filled in one read per warehouse.
        """
        if remaining is None:
            remaining = {}
        needed = defaultdict(list)
        for order in self:
            for line in order.order_line:
                if line.product_id.type == "product":
                    needed[order.warehouse_id.id].append(line.product_id.id)
        for warehouse_id, product_ids in needed.items():
            missing = [p for p in set(product_ids) if (warehouse_id, p) not in remaining]
            products = self.env["product.product"].with_context(
                warehouse=warehouse_id).browse(missing)
            for product in products:
                remaining[(warehouse_id, product.id)] = product.virtual_available
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
