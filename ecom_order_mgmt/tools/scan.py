# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Compare what was scanned at the packing check with what the delivery holds.

No ORM here: products are any hashable keys (the model passes product ids).
"""
from collections import namedtuple

UNKNOWN = "unknown"        # the code matches no product
UNEXPECTED = "unexpected"  # a product that is not in the delivery
OVER = "over"              # more units scanned than the delivery holds
SHORT = "short"            # fewer units scanned than the delivery holds

Difference = namedtuple("Difference", "kind key expected scanned")


def compare_scans(expected, scanned, unknown_codes=()):
    """List every line where the scans differ from the delivery.

    :param expected: {product key: quantity in the delivery}
    :param scanned: {product key: quantity scanned so far}
    :param unknown_codes: codes that matched no product
    :return: list of Difference, unknown codes first, then by product key
             order of `expected`, then unexpected products; empty when the
             scans match the delivery exactly
    """
    differences = [Difference(UNKNOWN, code, 0, 0) for code in unknown_codes]
    for key, quantity in expected.items():
        count = scanned.get(key, 0)
        if count > quantity:
            differences.append(Difference(OVER, key, quantity, count))
        elif count < quantity:
            differences.append(Difference(SHORT, key, quantity, count))
    for key, count in scanned.items():
        if key not in expected and count:
            differences.append(Difference(UNEXPECTED, key, 0, count))
    return differences
