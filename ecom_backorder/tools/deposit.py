# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Deposit and balance of a custom order (no ORM here).

The deposit is the agreed percentage of the order total, rounded half-up to
the currency's precision; the balance is what remains, so that deposit +
balance is exactly the total, to the cent.
"""
from decimal import ROUND_HALF_UP, Decimal


def split_deposit(total, percent, rounding="0.01"):
    """Return (deposit, balance) as Decimals for an order `total`.

    :param total: order total (number or numeric string), >= 0
    :param percent: deposit percentage, 0 to 100 inclusive
    :param rounding: the currency's smallest unit, e.g. "0.01"
    :raises ValueError: on a negative total or a percentage outside 0-100
    """
    total = Decimal(str(total))
    percent = Decimal(str(percent))
    unit = Decimal(str(rounding))
    if total < 0:
        raise ValueError("the order total cannot be negative")
    if not Decimal(0) <= percent <= Decimal(100):
        raise ValueError("the deposit percentage must lie between 0 and 100")
    total = total.quantize(unit, rounding=ROUND_HALF_UP)
    deposit = (total * percent / Decimal(100)).quantize(unit, rounding=ROUND_HALF_UP)
    return deposit, total - deposit
