# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The receiving check (tools/receiving.py): pure Python, no database."""
import unittest

from ..tools.receiving import DAMAGED, WRONG, Line, quantities_to_receive, receiving_differences
from ..tools.scan import OVER, SHORT


class TestReceiving(unittest.TestCase):

    def test_exact_receipt_has_no_difference(self):
        self.assertEqual(receiving_differences({1: 5, 2: 3}, {1: 5, 2: 3}, {}), [])

    def test_each_kind_named_by_line(self):
        lines = receiving_differences({1: 5, 2: 3, 3: 2}, {1: 4, 2: 4, 9: 1}, {3: 2})
        self.assertEqual(lines, [
            Line(DAMAGED, 3, 2, 0, 2),
            Line(SHORT, 1, 5, 4, 0),
            Line(OVER, 2, 3, 4, 0),
            Line(SHORT, 3, 2, 0, 2),
            Line(WRONG, 9, 0, 1, 0),
        ])

    def test_received_quantities_leave_wrong_items_out(self):
        self.assertEqual(quantities_to_receive({1: 5, 2: 3}, {1: 4, 9: 2}), {1: 4, 2: 0})
