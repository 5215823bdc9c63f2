# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Whether goods the buyer received may still be returned (退换货资格)."""
from collections import namedtuple
from datetime import date, datetime

TOO_LATE = "too_late"
TAGS = "tags"
PACKAGING = "packaging"
NOT_DELIVERED = "not_delivered"
OVER_QUANTITY = "over_quantity"
NOT_POSITIVE = "not_positive"

Problem = namedtuple("Problem", "code key requested allowed")


def days_since(delivered_at, today):
    """Whole days between the delivery and `today` (dates or datetimes)."""
    if isinstance(delivered_at, datetime):
        delivered_at = delivered_at.date()
    if isinstance(today, datetime):
        today = today.date()
    if not isinstance(delivered_at, date) or not isinstance(today, date):
        raise ValueError("Dates are needed.")
    return (today - delivered_at).days


def returnable(delivered, taken):
    """What may still be returned per key: delivered − returned or claimed."""
    return {key: max(quantity - taken.get(key, 0), 0) for key, quantity in delivered.items()}


def quantity_problems(requested, delivered, taken):
    """One Problem per key whose requested quantity is not allowed.

    :param requested: {key: quantity asked in this case}
    :param delivered: {key: quantity delivered to the buyer}
    :param taken: {key: quantity already returned or in other open cases}
    """
    allowed = returnable(delivered, taken)
    problems = []
    for key in sorted(requested, key=str):
        quantity = requested[key]
        if quantity <= 0:
            problems.append(Problem(NOT_POSITIVE, key, quantity, allowed.get(key, 0)))
        elif quantity > allowed.get(key, 0):
            problems.append(Problem(OVER_QUANTITY, key, quantity, allowed.get(key, 0)))
    return problems


def eligibility_problems(delivered_at, today, max_days, tags_intact, packaging_intact,
                         requested, delivered, taken):
    """Every reason the return is not eligible; empty when it is.

    The period counts whole days from the delivery: with 7 days, a parcel
    received on the 1st may be returned up to the 8th.
    """
    if max_days < 0:
        raise ValueError("The return period cannot be negative.")
    problems = []
    if not delivered_at:
        problems.append(Problem(NOT_DELIVERED, None, None, None))
    elif days_since(delivered_at, today) > max_days:
        problems.append(Problem(TOO_LATE, None, days_since(delivered_at, today), max_days))
    if not tags_intact:
        problems.append(Problem(TAGS, None, None, None))
    if not packaging_intact:
        problems.append(Problem(PACKAGING, None, None, None))
    problems.extend(quantity_problems(requested, delivered, taken))
    return problems
