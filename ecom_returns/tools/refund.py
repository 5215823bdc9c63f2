# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Refund arithmetic to the cent (Decimal, half-up)."""
from collections import namedtuple
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")

Refund = namedtuple("Refund", "goods fee cap amount capped")


def money(value):
    """A Decimal rounded half-up to the cent; floats go through their repr."""
    if isinstance(value, float):
        value = repr(value)
    return Decimal(value if isinstance(value, Decimal) else str(value)).quantize(
        CENT, rounding=ROUND_HALF_UP)


def line_amount(quantity, price_unit):
    """quantity × unit price paid, to the cent."""
    return money(Decimal(str(quantity)) * Decimal(repr(price_unit) if isinstance(
        price_unit, float) else str(price_unit)))


def refund_amount(lines, buyer_fee, paid, already_refunded):
    """What the buyer gets back for a case.

    :param lines: [(quantity returned, unit price paid)]
    :param buyer_fee: the buyer's share of the return shipping (deducted)
    :param paid: what the buyer paid for the order
    :param already_refunded: refunds of earlier cases of the same order
    :return: Refund(goods, fee, cap, amount, capped); amount is never below
        zero nor above what is left of the payment.
    """
    goods = sum((line_amount(q, p) for q, p in lines), Decimal("0.00"))
    fee = money(buyer_fee)
    if fee < 0 or goods < 0:
        raise ValueError("Amounts cannot be negative.")
    cap = max(money(paid) - money(already_refunded), Decimal("0.00"))
    amount = max(goods - fee, Decimal("0.00"))
    capped = amount > cap
    return Refund(goods, fee, cap, min(amount, cap), capped)


def price_difference(lines):
    """Exchange difference: Σ quantity × (new price − paid price), to the cent.

    Positive: the buyer owes it; negative: the buyer gets it back.
    :param lines: [(quantity, paid unit price, new unit price)]
    """
    return sum((line_amount(q, new) - line_amount(q, old) for q, old, new in lines),
               Decimal("0.00"))


def refund_base(invoiced, received, platform_paid, cod):
    """What the refunds of an invoiced order may add up to (before those
    already made), from its accounting.

    :param invoiced: the order's customer invoices (posted)
    :param received: the buyer's payments booked against them
    :param platform_paid: what the platform says the buyer paid
    :param cod: cash on delivery: a refund may also cancel what the buyer
        still owes, so the limit is what was invoiced
    :return: for prepaid orders what was received, never more than the
        platform says the buyer paid (a platform's coupon is not the
        buyer's money to give back) nor than invoiced
    """
    if cod:
        return max(money(invoiced), Decimal("0.00"))
    return max(min(money(invoiced), money(received), money(platform_paid)), Decimal("0.00"))


def settle_credit(credit, owed, received, paid_back):
    """How a credit note of `credit` is settled: (against what the buyer
    still owes on the order's invoices, paid back to the buyer).

    :param owed: open amount of the order's invoices the buyer owes (cash
        on delivery not remitted yet; 0 for prepaid orders)
    :param received: the buyer's payments booked for the order
    :param paid_back: what was already paid back to the buyer
    :raises ValueError: when paying back would exceed what was received
    """
    credit = money(credit)
    against = min(credit, max(money(owed), Decimal("0.00")))
    out = credit - against
    if out > money(received) - money(paid_back):
        raise ValueError("paying back %s would exceed the %s received less the %s already "
                         "paid back" % (out, money(received), money(paid_back)))
    return against, out
