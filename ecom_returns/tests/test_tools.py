# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest
from datetime import date, datetime
from decimal import Decimal

from ..tools import eligibility, fees, promise, receipt, refund


class TestFees(unittest.TestCase):

    def test_payer_by_responsibility(self):
        self.assertEqual(fees.shipping_payer(["customer"]), "buyer")
        self.assertEqual(fees.shipping_payer(["customer"], "company"), "company")
        self.assertEqual(fees.shipping_payer(["customer", "company"]), "company")
        self.assertEqual(fees.shipping_payer(["carrier", "customer"]), "carrier")
        self.assertEqual(fees.shipping_payer(["carrier", "company"]), "company")
        self.assertEqual(fees.shipping_payer([]), "company")

    def test_buyer_share(self):
        self.assertEqual(fees.buyer_shipping_share(["customer"], 12.5), Decimal("12.50"))
        self.assertEqual(fees.buyer_shipping_share(["company"], 12.5), Decimal("0.00"))
        self.assertEqual(fees.buyer_shipping_share(["customer"], 12.5, "company"),
                         Decimal("0.00"))

    def test_refusals(self):
        with self.assertRaises(ValueError):
            fees.shipping_payer(["martian"])
        with self.assertRaises(ValueError):
            fees.shipping_payer(["customer"], "carrier")
        with self.assertRaises(ValueError):
            fees.buyer_shipping_share(["customer"], -1)


class TestEligibility(unittest.TestCase):

    def test_period_counts_whole_days(self):
        ok = eligibility.eligibility_problems(
            date(2026, 1, 1), date(2026, 1, 8), 7, True, True, {1: 1}, {1: 1}, {})
        self.assertEqual(ok, [])
        late = eligibility.eligibility_problems(
            datetime(2026, 1, 1, 23, 0), datetime(2026, 1, 9, 1, 0), 7, True, True,
            {1: 1}, {1: 1}, {})
        self.assertEqual([p.code for p in late], [eligibility.TOO_LATE])
        self.assertEqual(late[0].requested, 8)

    def test_condition_and_delivery(self):
        problems = eligibility.eligibility_problems(
            None, date(2026, 1, 1), 7, False, False, {1: 1}, {1: 1}, {})
        self.assertEqual([p.code for p in problems], [
            eligibility.NOT_DELIVERED, eligibility.TAGS, eligibility.PACKAGING])

    def test_quantity_counts_returned_and_open_cases(self):
        problems = eligibility.quantity_problems({1: 2, 2: 1}, {1: 3, 2: 1}, {1: 2})
        self.assertEqual(len(problems), 1)
        self.assertEqual(problems[0], eligibility.Problem(
            eligibility.OVER_QUANTITY, 1, 2, 1))
        self.assertEqual(eligibility.quantity_problems({3: 1}, {}, {})[0].allowed, 0)
        self.assertEqual(eligibility.quantity_problems({1: 0}, {1: 1}, {})[0].code,
                         eligibility.NOT_POSITIVE)

    def test_negative_period_refused(self):
        with self.assertRaises(ValueError):
            eligibility.eligibility_problems(date.today(), date.today(), -1, True, True,
                                             {}, {}, {})


class TestRefund(unittest.TestCase):

    def test_amount_to_the_cent(self):
        result = refund.refund_amount([(3, 33.335), (1, 0.1)], "10", 200, 0)
        self.assertEqual(result.goods, Decimal("100.11"))
        self.assertEqual(result.amount, Decimal("90.11"))
        self.assertFalse(result.capped)

    def test_cap_counts_earlier_refunds(self):
        result = refund.refund_amount([(2, 100)], 0, "250.00", "120.01")
        self.assertEqual(result.cap, Decimal("129.99"))
        self.assertEqual(result.amount, Decimal("129.99"))
        self.assertTrue(result.capped)
        nothing = refund.refund_amount([(1, 10)], 0, 100, 150)
        self.assertEqual(nothing.amount, Decimal("0.00"))

    def test_fee_never_makes_it_negative(self):
        self.assertEqual(refund.refund_amount([(1, 5)], 10, 100, 0).amount, Decimal("0.00"))

    def test_price_difference_both_ways(self):
        self.assertEqual(refund.price_difference([(2, 100, 120.5)]), Decimal("41.00"))
        self.assertEqual(refund.price_difference([(1, 100, 50)]), Decimal("-50.00"))
        self.assertEqual(refund.money(0.1 + 0.2), Decimal("0.30"))


class TestReceipt(unittest.TestCase):

    def test_missing_units_are_never_accepted(self):
        units = receipt.split_units(3, 2, 0, "company")
        self.assertEqual(units, receipt.Units(2, 2, 0, 1, 0, 2))

    def test_defective_units_follow_responsibility(self):
        # the company's or the carrier's fault: the buyer gets them back
        self.assertEqual(receipt.split_units(3, 3, 1, "company").accepted, 3)
        self.assertEqual(receipt.split_units(3, 3, 1, "carrier").accepted, 3)
        # left good, came back damaged by the buyer: withheld
        units = receipt.split_units(3, 2, 1, "customer")
        self.assertEqual((units.good, units.defective, units.missing, units.withheld,
                          units.accepted), (1, 1, 1, 1, 1))

    def test_before_receipt_every_announced_unit_is_expected(self):
        self.assertEqual(receipt.split_units(2), receipt.Units(2, 2, 0, 0, 0, 2))
        self.assertEqual(receipt.split_units(2, None, 1, "customer").accepted, 1)

    def test_impossible_splits_refused(self):
        for args in ((2, 3, 0), (2, -1, 0), (2, 1, 2), (2, 2, -1), (-1, None, 0)):
            with self.assertRaises(ValueError, msg=args):
                receipt.split_units(*args)
        with self.assertRaises(ValueError):
            receipt.split_units(1, 1, 0, "martian")

    def test_receipt_problems(self):
        self.assertEqual(receipt.receipt_problems([("a", 2, 1, 1), ("b", 1, 0, 0)]), [])
        problems = receipt.receipt_problems([("a", 2, 2, 1), ("b", 1, -1, 0)])
        self.assertEqual([(p.code, p.key, p.counted) for p in problems],
                         [(receipt.OVER, "a", 3), (receipt.NEGATIVE, "b", -1)])
        nothing = receipt.receipt_problems([("a", 2, 0, 0), ("b", 1, 0, 0)])
        self.assertEqual([(p.code, p.announced) for p in nothing], [(receipt.NOTHING, 3)])


class TestPromise(unittest.TestCase):
    """2026-03-02 is a Monday."""

    def test_two_working_days_from_a_weekday(self):
        self.assertEqual(promise.add_working_days(datetime(2026, 3, 2, 10, 0), 2),
                         datetime(2026, 3, 4, 10, 0))
        # Friday afternoon: the weekend does not count
        self.assertEqual(promise.add_working_days(datetime(2026, 3, 6, 15, 30), 2),
                         datetime(2026, 3, 10, 15, 30))

    def test_outside_working_hours_starts_next_morning(self):
        # Saturday: Monday and Tuesday are the two days
        self.assertEqual(promise.add_working_days(datetime(2026, 3, 7, 11, 0), 2),
                         datetime(2026, 3, 10, 18, 0))
        # Monday evening, a 9:00-17:00 window, one day
        self.assertEqual(promise.add_working_days(datetime(2026, 3, 2, 20, 0), 1, 9, 17),
                         datetime(2026, 3, 3, 17, 0))

    def test_holidays_and_refusals(self):
        self.assertEqual(promise.add_working_days(
            datetime(2026, 3, 2, 10, 0), 1, holidays=[date(2026, 3, 3)]),
            datetime(2026, 3, 4, 10, 0))
        for days in (0, -1):
            with self.assertRaises(ValueError):
                promise.add_working_days(datetime(2026, 3, 2, 10, 0), days)
        with self.assertRaises(ValueError):
            promise.add_working_days(datetime(2026, 3, 2, 10, 0), 1, 18, 9)

    def test_met(self):
        self.assertTrue(promise.met(None, datetime(2026, 3, 2)))
        self.assertTrue(promise.met(datetime(2026, 3, 2), datetime(2026, 3, 2)))
        self.assertFalse(promise.met(datetime(2026, 3, 2), datetime(2026, 3, 2, 0, 1)))
