# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest

from ..tools.scan import OVER, SHORT, UNEXPECTED, UNKNOWN, Difference, compare_scans


class TestCompareScans(unittest.TestCase):

    def test_exact_match_has_no_difference(self):
        self.assertEqual(compare_scans({1: 2, 2: 1}, {1: 2, 2: 1}), [])

    def test_every_kind_of_difference(self):
        differences = compare_scans({1: 2, 2: 1, 3: 1}, {1: 3, 3: 0, 9: 1}, ["XYZ"])
        self.assertEqual(differences, [
            Difference(UNKNOWN, "XYZ", 0, 0),
            Difference(OVER, 1, 2, 3),
            Difference(SHORT, 2, 1, 0),
            Difference(SHORT, 3, 1, 0),
            Difference(UNEXPECTED, 9, 0, 1),
        ])

    def test_nothing_scanned_is_short_on_every_line(self):
        self.assertEqual([d.kind for d in compare_scans({1: 1, 2: 4}, {})], [SHORT, SHORT])
