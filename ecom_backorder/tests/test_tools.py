# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest
from datetime import date
from decimal import Decimal

from ..tools.allocation import Demand, allocate, backorder_state, promise
from ..tools.deposit import split_deposit
from ..tools.shortage import BACKORDER, INCOMING, SAFETY, STOCK, check_line


class TestDeposit(unittest.TestCase):

    def test_thirty_percent_of_1000_01_and_its_balance_sum_to_the_total(self):
        deposit, balance = split_deposit("1000.01", 30)
        self.assertEqual(deposit, Decimal("300.00"))
        self.assertEqual(balance, Decimal("700.01"))
        self.assertEqual(deposit + balance, Decimal("1000.01"))

    def test_half_up_rounding_and_bounds(self):
        self.assertEqual(split_deposit("0.05", 50), (Decimal("0.03"), Decimal("0.02")))
        self.assertEqual(split_deposit(200, 0), (Decimal("0.00"), Decimal("200.00")))
        self.assertEqual(split_deposit(200, 100), (Decimal("200.00"), Decimal("0.00")))

    def test_deposit_and_balance_to_the_cent_for_many_totals(self):
        # The oracle counts in whole cents and hundredths of a percent
        # (integers), rounding half up: not the Decimal code under test.
        for cents in range(0, 100001, 997):
            total = Decimal(cents) / 100
            for hundredths in (0, 100, 3000, 3333, 9999, 10000):
                deposit, balance = split_deposit(total, Decimal(hundredths) / 100)
                exact = cents * hundredths  # deposit in 1/10000 cents
                expected = exact // 10000 + (1 if exact % 10000 >= 5000 else 0)
                self.assertEqual(deposit * 100, expected, (total, hundredths))
                self.assertEqual(balance * 100, cents - expected, (total, hundredths))

    def test_refusals(self):
        for percent in (-1, 100.01, 150):
            with self.assertRaises(ValueError):
                split_deposit(100, percent)
        with self.assertRaises(ValueError):
            split_deposit(-5, 30)


class TestAllocate(unittest.TestCase):

    def test_priority_first_then_order_date(self):
        demands = [
            Demand("late-normal", "P", 0, date(2026, 11, 2), 5),
            Demand("early-normal", "P", 0, date(2026, 11, 1), 5),
            Demand("vip", "P", 2, date(2026, 11, 3), 4),
        ]
        self.assertEqual(allocate(demands, {"P": 12}),
                         {"vip": 4, "early-normal": 5, "late-normal": 3})

    def test_products_are_shared_separately_and_input_order_is_irrelevant(self):
        demands = [Demand(i, "A" if i % 2 else "B", 0, date(2026, 1, 1), 2)
                   for i in range(6)]
        forward = allocate(demands, {"A": 3, "B": 10})
        backward = allocate(list(reversed(demands)), {"A": 3, "B": 10})
        self.assertEqual(forward, backward)
        self.assertEqual(forward, {0: 2, 1: 2, 2: 2, 3: 1, 4: 2})

    def test_nothing_to_share(self):
        self.assertEqual(allocate([Demand(1, "A", 0, date(2026, 1, 1), 2)], {"A": 0}), {})
        self.assertEqual(allocate([Demand(1, "A", 0, date(2026, 1, 1), 2)], {}), {})


class TestPromise(unittest.TestCase):

    def test_receipts_go_to_what_stock_left_short_in_allocation_order(self):
        demands = [Demand("late", "P", 0, date(2026, 11, 2), 4),
                   Demand("vip", "P", 2, date(2026, 11, 3), 3),
                   Demand("early", "P", 0, date(2026, 11, 1), 4)]
        given = allocate(demands, {"P": 8})
        self.assertEqual(given, {"vip": 3, "early": 4, "late": 1})
        receipts = [(date(2026, 12, 1), 2), (date(2026, 12, 8), 5)]
        result = promise(demands, given, {"P": receipts})
        self.assertEqual(list(result), ["vip", "early", "late"])
        self.assertEqual(result["late"], (3, date(2026, 12, 8)))
        self.assertEqual(result["vip"], (0, None))
        self.assertEqual(receipts, [(date(2026, 12, 1), 2), (date(2026, 12, 8), 5)],
                         "the receipts given are left as they were")

    def test_receipts_run_out(self):
        demands = [Demand(1, "P", 0, date(2026, 1, 1), 5), Demand(2, "P", 0, date(2026, 1, 2), 5)]
        result = promise(demands, {}, {"P": [(date(2026, 2, 1), 6)]})
        self.assertEqual(result, {1: (5, date(2026, 2, 1)), 2: (1, date(2026, 2, 1))})
        self.assertEqual(promise(demands, {}, {}), {1: (0, None), 2: (0, None)})


class TestBackorderState(unittest.TestCase):

    def test_closed_first_then_allocation_then_supplier(self):
        self.assertEqual(backorder_state("cancel", 3, 3, True, 1.0), "cancel")
        self.assertEqual(backorder_state(None, 3, 3, True, 1.0), "allocated")
        self.assertEqual(backorder_state(None, 3, 2.9999999, False, 0.01), "allocated")
        self.assertEqual(backorder_state(None, 3, 1, True, 1.0), "partial")
        self.assertEqual(backorder_state(None, 3, 0, True, 1.0), "notified")
        self.assertEqual(backorder_state(None, 3, 0, False, 1.0), "open")


class TestCheckLine(unittest.TestCase):

    def test_stock_covers(self):
        check = check_line(3, free=5)
        self.assertEqual((check.outcome, check.from_stock, check.short), (STOCK, 3, 0))

    def test_incoming_covers_quantity_but_not_the_date(self):
        check = check_line(10, free=4, incoming=[(date(2026, 12, 5), 3),
                                                 (date(2026, 12, 1), 4)],
                           requested_date=date(2026, 12, 3))
        self.assertEqual(check.outcome, INCOMING)
        self.assertEqual(check.from_incoming, 6)
        self.assertEqual(check.available_date, date(2026, 12, 5))
        self.assertFalse(check.date_ok)
        self.assertEqual(check.coverage, [(date(2026, 12, 1), 8), (date(2026, 12, 5), 10)])

    def test_incoming_in_time(self):
        check = check_line(5, free=0, incoming=[(date(2026, 12, 1), 9)],
                           requested_date=date(2026, 12, 3))
        self.assertEqual((check.outcome, check.date_ok), (INCOMING, True))

    def test_safety_stock_then_backorder(self):
        check = check_line(10, free=6, safety=5)
        self.assertEqual((check.outcome, check.from_safety, check.short), (SAFETY, 4, 0))
        check = check_line(10, free=2, incoming=[(date(2026, 12, 1), 3)], safety=1)
        self.assertEqual((check.outcome, check.from_safety, check.short), (BACKORDER, 1, 4))

    def test_bad_quantity(self):
        with self.assertRaises(ValueError):
            check_line(0, free=1)
