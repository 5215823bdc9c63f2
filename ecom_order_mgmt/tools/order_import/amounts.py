# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The money of a platform's order: do its figures add up, and which lines
make the order's total equal what the buyer paid.

A platform's export gives the items (unit price and quantity), and some of:
the goods total, the freight, the shop's and the platform's discounts, the
order total and what the buyer paid (or pays, cash on delivery). Where it
gives a figure twice (goods total and items, order total and goods plus
freight, discounts and paid), both must agree; :func:`reconcile` says which
two figures do not, or gives the freight line and the discount line that
make the order's lines add up to what the buyer paid.
"""
from collections import namedtuple
from decimal import Decimal

from .messages import MSG_GOODS_MISMATCH, MSG_PAID_ABOVE, MSG_PAID_MISMATCH, MSG_TOTAL_MISMATCH

ZERO = Decimal("0.00")

# What an order's export says about its money (Decimal; None: not given).
Figures = namedtuple("Figures", "items goods freight shop_discount platform_discount total "
                                "paid exact_items")
# The lines that complete the order: freight (>= 0) and discount (what is
# taken off the items and freight; below 0 only for the cents lost when a
# unit price is worked out from a goods total).
Completion = namedtuple("Completion", "freight discount")
# Two figures that should agree and do not: the field key of the figure
# found wrong, the message template and its params.
Mismatch = namedtuple("Mismatch", "field message params")


def _money(value):
    return "%.2f" % value


def reconcile(figures):
    """(:class:`Completion`, None) when the figures agree, else (None,
    :class:`Mismatch`).

    ``figures.exact_items`` says whether the items' prices are the
    platform's own (then they must add up to the goods total) or were
    worked out from the goods total (then only the goods total counts).
    """
    freight = figures.freight or ZERO
    goods = figures.goods if figures.goods is not None else figures.items
    if figures.goods is not None and figures.exact_items and figures.items != figures.goods:
        return None, Mismatch("goods_amount", MSG_GOODS_MISMATCH, {
            "items": _money(figures.items), "declared": _money(figures.goods)})
    if figures.total is not None and figures.total != goods + freight:
        return None, Mismatch("total_amount", MSG_TOTAL_MISMATCH, {
            "declared": _money(figures.total), "goods": _money(goods),
            "freight": _money(freight), "expected": _money(goods + freight)})
    if figures.shop_discount is not None or figures.platform_discount is not None:
        discounts = (figures.shop_discount or ZERO) + (figures.platform_discount or ZERO)
        expected = goods - discounts + freight
        if figures.paid != expected:
            return None, Mismatch("paid_amount", MSG_PAID_MISMATCH, {
                "paid": _money(figures.paid), "goods": _money(goods),
                "discounts": _money(discounts), "freight": _money(freight),
                "expected": _money(expected)})
    elif figures.paid > goods + freight:
        return None, Mismatch("paid_amount", MSG_PAID_ABOVE, {
            "paid": _money(figures.paid), "goods": _money(goods), "freight": _money(freight),
            "expected": _money(goods + freight)})
    return Completion(freight, figures.items + freight - figures.paid), None


def unit_price(goods, quantity):
    """The unit price of `quantity` items worth `goods` together, to the cent."""
    return (goods / quantity).quantize(Decimal("0.01"))
