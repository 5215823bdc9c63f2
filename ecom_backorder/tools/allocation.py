# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Share scarce stock among open backorders (no ORM here).

More important customers are served first; among equals, the earlier order
first; then the lower key, so that the result never depends on input order.
"""
from collections import namedtuple

Demand = namedtuple("Demand", "key product priority order_date quantity")


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
