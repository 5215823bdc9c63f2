# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The receiving check (入库验收, [000]): what a receipt's scans say, line by line.

No ORM here: products are any hashable keys (the model passes product ids).
Built on the packing check's comparison (tools/scan.py): good units are
compared with the receipt, damaged units are named apart.
"""
from collections import namedtuple

from .scan import OVER, SHORT, UNEXPECTED, compare_scans

DAMAGED = "damaged"
WRONG = "wrong"  # an item the purchase does not hold

# kind: SHORT, OVER, WRONG or DAMAGED; good: units counted good
Line = namedtuple("Line", "kind key expected good damaged")


def receiving_differences(expected, good, damaged):
    """Every line where the receipt differs from the purchase.

    :param expected: {product key: quantity the receipt announces}
    :param good: {product key: units scanned in good condition}
    :param damaged: {product key: units scanned damaged}
    :return: list of Line: damaged units first for their product, then the
             short, over and wrong-item lines of the good units (a damaged
             unit is not received: it counts as missing from the good ones)
    """
    lines = [Line(DAMAGED, key, expected.get(key, 0), good.get(key, 0), count)
             for key, count in damaged.items() if count]
    kinds = {SHORT: SHORT, OVER: OVER, UNEXPECTED: WRONG}
    for difference in compare_scans(expected, good):
        lines.append(Line(kinds[difference.kind], difference.key, difference.expected,
                          difference.scanned, damaged.get(difference.key, 0)))
    return lines


def quantities_to_receive(expected, good):
    """{product key: units to validate}: the good units of the products the
    receipt holds (a wrong item goes back to the supplier, never in stock)."""
    return {key: good.get(key, 0) for key in expected}
