# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who pays the return shipping (退货运费): follows from the responsibility
of each returned line and the company's policy."""
from decimal import ROUND_HALF_UP, Decimal

CUSTOMER, COMPANY, CARRIER = "customer", "company", "carrier"
RESPONSIBILITIES = (CUSTOMER, COMPANY, CARRIER)
BUYER = "buyer"
CENT = Decimal("0.01")


def shipping_payer(responsibilities, customer_fault_payer=BUYER):
    """Who pays the return shipping of a case: 'buyer', 'company' or 'carrier'.

    :param responsibilities: the responsibility of each returned line
    :param customer_fault_payer: the company's policy when the buyer is
        responsible (changed their mind, wrong size chosen...): 'buyer'
        (default) or 'company' (free returns).

    One line the company is responsible for (wrong or defective item) makes
    the company pay the whole parcel; otherwise a carrier fault (damaged in
    transit) is charged to the carrier; only a return that is the buyer's
    doing alone follows the policy.
    """
    responsibilities = set(responsibilities)
    unknown = responsibilities - set(RESPONSIBILITIES)
    if unknown:
        raise ValueError("Unknown responsibility: %s" % ", ".join(sorted(unknown)))
    if customer_fault_payer not in (BUYER, COMPANY):
        raise ValueError("The policy names the buyer or the company.")
    if not responsibilities:
        return COMPANY
    if COMPANY in responsibilities:
        return COMPANY
    if CARRIER in responsibilities:
        return CARRIER
    return customer_fault_payer


def buyer_shipping_share(responsibilities, fee, customer_fault_payer=BUYER):
    """The part of the return shipping `fee` the buyer pays (Decimal, cents)."""
    fee = Decimal(str(fee)).quantize(CENT, rounding=ROUND_HALF_UP)
    if fee < 0:
        raise ValueError("The return shipping fee cannot be negative.")
    if shipping_payer(responsibilities, customer_fault_payer) == BUYER:
        return fee
    return Decimal("0.00")
