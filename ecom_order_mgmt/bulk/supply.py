# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stock figures of many products in one query each (the stock check at
review and the backorder allocation of ``ecom_backorder`` read them per
warehouse).

The rows are those ``read_group`` or ``search_read`` would give the user
(access rights and record rules applied), without loading records nor the
display names of their relations (the names of 500 products cost more than
the sums). Switched off (``switch.py``), ``read_group`` and ``search_read``
answer.
"""
from odoo import api, models

from .switch import bulk_layer_on


def _select(model, select, domain, tail=""):
    """Rows of ``SELECT select`` over the records of `model` matching
    `domain` that the user may read (access rights and record rules)."""
    model.check_access_rights("read")
    query = model._where_calc(domain)
    model._apply_ir_rules(query, "read")
    from_clause, where_clause, params = query.get_sql()
    model.env.cr.execute("SELECT %s FROM %s WHERE %s %s" % (
        select, from_clause, where_clause or "TRUE", tail), params)
    return model.env.cr.fetchall()


class StockQuant(models.Model):
    _inherit = "stock.quant"

    @api.model
    def _ecom_free_quantities(self, domain):
        """{product id: on hand minus reserved} over the quants matching `domain`."""
        if not bulk_layer_on(self.env):
            groups = self.read_group(domain, ["product_id", "quantity", "reserved_quantity"],
                                     ["product_id"])
            return {group["product_id"][0]: group["quantity"] - group["reserved_quantity"]
                    for group in groups}
        return dict(_select(
            self, "stock_quant.product_id, "
                  "SUM(stock_quant.quantity) - SUM(stock_quant.reserved_quantity)",
            domain, "GROUP BY stock_quant.product_id"))


class StockMove(models.Model):
    _inherit = "stock.move"

    @api.model
    def _ecom_dated_quantities(self, domain):
        """[(product id, expected date, quantity in the product's unit)] of the
        moves matching `domain`, by expected date."""
        if not bulk_layer_on(self.env):
            return [(row["product_id"][0], row["date_expected"], row["product_qty"])
                    for row in self.search_read(
                        domain, ["product_id", "date_expected", "product_qty"],
                        order="date_expected, id")]
        return _select(
            self, "stock_move.product_id, stock_move.date_expected, stock_move.product_qty",
            domain, "ORDER BY stock_move.date_expected, stock_move.id")
