# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a refund may be and how its credit note is settled (tools/refund.py),
without a database."""
import unittest
from decimal import Decimal

from ..tools import refund


class TestRefundMoney(unittest.TestCase):

    def test_base_of_a_prepaid_order_is_what_the_buyer_paid_in(self):
        self.assertEqual(refund.refund_base(200, 200, 200, False), Decimal("200.00"))
        # a platform coupon paid 50 of the invoice: not the buyer's money
        self.assertEqual(refund.refund_base(200, 200, 150, False), Decimal("150.00"))
        # only 120 of the payments reached accounting
        self.assertEqual(refund.refund_base(200, 120.0, 200, False), Decimal("120.00"))
        self.assertEqual(refund.refund_base(200, 0, 0, False), Decimal("0.00"))

    def test_base_of_cash_on_delivery_is_what_was_invoiced(self):
        self.assertEqual(refund.refund_base(99.99, 0, 0, True), Decimal("99.99"))

    def test_credit_against_what_is_owed_first_then_paid_back(self):
        # prepaid: nothing owed, all paid back
        self.assertEqual(refund.settle_credit(103, 0, 226, 0),
                         (Decimal("0.00"), Decimal("103.00")))
        # cash on delivery refused at the door: the invoice is credited
        self.assertEqual(refund.settle_credit(100, 100, 0, 0),
                         (Decimal("100.00"), Decimal("0.00")))
        # partly remitted: the rest of the debt first, then paid back
        self.assertEqual(refund.settle_credit(100, 40, 60, 0),
                         (Decimal("40.00"), Decimal("60.00")))

    def test_never_pays_back_more_than_received(self):
        with self.assertRaises(ValueError):
            refund.settle_credit(100, 0, 150, 60)
        self.assertEqual(refund.settle_credit(90, 0, 150, 60),
                         (Decimal("0.00"), Decimal("90.00")))
