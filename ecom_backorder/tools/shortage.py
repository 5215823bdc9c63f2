# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shortage check of one order line, in the order of SPEC 4 (no ORM).

1. free stock on hand covers the line: it ships;
2. incoming receipts cover the rest: the earliest reliable date is when the
   receipts received so far cover it; if that is later than the buyer's
   date, the buyer may accept a split delivery;
3. safety stock covers the rest: only with a manager's consent, and the
   supplier is asked to replenish;
4. otherwise the uncovered quantity becomes a backorder.
"""
from collections import namedtuple

STOCK = "stock"
INCOMING = "incoming"
SAFETY = "safety"
BACKORDER = "backorder"

LineCheck = namedtuple(
    "LineCheck", "outcome from_stock from_incoming from_safety short available_date "
                 "date_ok coverage")


def check_line(quantity, free, incoming=(), safety=0.0, requested_date=None):
    """Classify one line.

    :param quantity: quantity ordered (> 0)
    :param free: on-hand quantity free for this order, safety stock excluded
    :param incoming: [(date, quantity)] of receipts not yet arrived
    :param safety: safety stock that could be used with consent
    :param requested_date: when the buyer wants it (comparable with the dates)
    :return: LineCheck; `coverage` lists (date, cumulative quantity) of the
             receipts needed, so CS can tell the buyer what comes when
    """
    if quantity <= 0:
        raise ValueError("the quantity must be positive")
    from_stock = min(max(free, 0.0), quantity)
    rest = quantity - from_stock
    from_incoming, available_date, coverage = 0.0, None, []
    for date, qty in sorted(incoming, key=lambda item: item[0]):
        if rest - from_incoming <= 0:
            break
        take = min(qty, rest - from_incoming)
        if take <= 0:
            continue
        from_incoming += take
        available_date = date
        coverage.append((date, from_stock + from_incoming))
    rest -= from_incoming
    from_safety = min(max(safety, 0.0), rest) if rest > 0 else 0.0
    short = rest - from_safety
    if short > 0:
        outcome = BACKORDER
    elif from_safety > 0:
        outcome = SAFETY
    elif from_incoming > 0:
        outcome = INCOMING
    else:
        outcome = STOCK
    date_ok = available_date is None or requested_date is None \
        or available_date <= requested_date
    return LineCheck(outcome, from_stock, from_incoming, from_safety, short,
                     available_date if from_incoming else None, date_ok, coverage)
