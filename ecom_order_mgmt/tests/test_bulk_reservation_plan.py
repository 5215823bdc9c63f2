# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest

from ..bulk.reservation_plan import MoveNeed, Request, reserve


class TestReserve(unittest.TestCase):
    """What Odoo's reservation takes for plain stock: oldest quant first, never
    more than the move misses, what is free in its locations, or whole units."""

    STOCK = frozenset({"WH/Stock", "WH/Stock/Shelf"})

    def test_oldest_quants_first_one_line_per_move_and_location(self):
        quants = {"P": [("q-old", "WH/Stock/Shelf", 2.0), ("q-mid", "WH/Stock", 3.0),
                        ("q-new", "WH/Stock/Shelf", 4.0)]}
        result = reserve([Request("bo", "P", 6.0, 1.0, [MoveNeed("m", self.STOCK, 6.0)])],
                         quants)
        self.assertEqual(result.lines, [("m", "WH/Stock/Shelf", 3.0), ("m", "WH/Stock", 3.0)])
        self.assertEqual(result.quants, {"q-old": 2.0, "q-mid": 3.0, "q-new": 1.0})
        self.assertEqual((result.taken, result.moves), ({"bo": 6.0}, {"m": 6.0}))
        self.assertEqual(quants["P"][0], ("q-old", "WH/Stock/Shelf", 2.0), "not modified")

    def test_requests_share_the_quants_in_the_order_given(self):
        quants = {"P": [("q", "WH/Stock", 5.0)]}
        result = reserve([Request(1, "P", 3.0, 1.0, [MoveNeed("m1", self.STOCK, 3.0)]),
                          Request(2, "P", 3.0, 1.0, [MoveNeed("m2", self.STOCK, 3.0)]),
                          Request(3, "P", 3.0, 1.0, [MoveNeed("m3", self.STOCK, 3.0)])],
                         quants)
        self.assertEqual(result.taken, {1: 3.0, 2: 2.0})
        self.assertEqual(result.quants, {"q": 5.0})

    def test_capped_by_the_request_the_move_and_its_locations(self):
        quants = {"P": [("elsewhere", "WH2/Stock", 10.0), ("q", "WH/Stock", 10.0)]}
        moves = [MoveNeed("m1", self.STOCK, 1.0), MoveNeed("m2", self.STOCK, 9.0)]
        result = reserve([Request("bo", "P", 4.0, 1.0, moves)], quants)
        self.assertEqual(result.moves, {"m1": 1.0, "m2": 3.0})
        self.assertEqual(result.quants, {"q": 4.0})

    def test_whole_units_only_and_nothing_from_empty_quants(self):
        quants = {"P": [("empty", "WH/Stock", 0.0), ("half", "WH/Stock", 2.5)]}
        result = reserve([Request("bo", "P", 3.0, 1.0, [MoveNeed("m", self.STOCK, 3.0)])],
                         quants)
        self.assertEqual(result.lines, [("m", "WH/Stock", 2.0)])
        self.assertEqual(reserve([Request("bo", "Q", 3.0, 1.0, [MoveNeed("m", self.STOCK, 3.0)])],
                                 quants), ([], {}, {}, {}))
