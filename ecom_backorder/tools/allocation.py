# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Share scarce stock among open backorders (no ORM here).

More important customers are served first; among equals, the earlier order
first; then the lower key, so that the result never depends on input order.
"""
from collections import namedtuple

from odoo.tools.float_utils import float_compare

Demand = namedtuple("Demand", "key product priority order_date quantity")


def backorder_state(closed, quantity, allocated, notified, rounding):
    """State of a backorder: `closed` ("done", "cancel" or None) first, then
    how much of `quantity` is `allocated` (to the unit's `rounding`), then
    whether the supplier was `notified`."""
    if closed:
        return closed
    if float_compare(allocated, quantity, precision_rounding=rounding) >= 0:
        return "allocated"
    if allocated > 0:
        return "partial"
    return "notified" if notified else "open"


def allocation_order(demand):
    """Sort key: priority high to low, then order date, then key."""
    return (-demand.priority, demand.order_date, demand.key)


def allocate(demands, supply):
    """Distribute `supply` ({product: quantity}) over `demands`.

    :param demands: iterable of Demand (quantity still missing, > 0)
    :param supply: {product: quantity available to share}
    :return: {key: quantity allocated}, only keys that receive something;
             a demand is served whole when enough remains, otherwise it gets
             what is left (partial allocation)
    """
    left = {product: max(quantity, 0) for product, quantity in supply.items()}
    result = {}
    for demand in sorted(demands, key=allocation_order):
        available = left.get(demand.product, 0)
        if available <= 0 or demand.quantity <= 0:
            continue
        given = min(available, demand.quantity)
        result[demand.key] = given
        left[demand.product] = available - given
    return result


def promise(demands, given, incoming):
    """Promise incoming receipts to what stock did not cover, in allocation order.

    :param demands: iterable of Demand
    :param given: {key: quantity from stock}, as `allocate` returns it
    :param incoming: {product: [(date, quantity)]} of receipts not arrived, by
                     date; not modified
    :return: {key: (quantity promised, date of the last receipt used or None)}
             for every demand, in allocation order
    """
    left = {product: list(receipts) for product, receipts in incoming.items()}
    result = {}
    for demand in sorted(demands, key=allocation_order):
        rest = demand.quantity - given.get(demand.key, 0)
        promised, date = 0.0, None
        receipts = left.get(demand.product, [])
        while rest - promised > 0 and receipts:
            receipt_date, quantity = receipts[0]
            take = min(quantity, rest - promised)
            promised += take
            date = receipt_date
            if quantity - take > 0:
                receipts[0] = (receipt_date, quantity - take)
            else:
                receipts.pop(0)
        result[demand.key] = (promised, date)
    return result
