# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest
from datetime import date

from ..tools.management_report import MONTHLY, WEEKLY, Period, due_period, period_key


class TestDuePeriod(unittest.TestCase):
    # 2026-03-02 is a Monday

    def test_weekly_on_monday_covers_last_monday_to_sunday(self):
        self.assertEqual(due_period(date(2026, 3, 2), WEEKLY),
                         Period(date(2026, 2, 23), date(2026, 3, 2)))

    def test_weekly_later_in_the_week_is_still_last_week(self):
        self.assertEqual(due_period(date(2026, 3, 8), WEEKLY),
                         Period(date(2026, 2, 23), date(2026, 3, 2)))

    def test_weekly_is_not_due_before_its_weekday(self):
        # sent on Wednesdays: not yet on Tuesday, due from Wednesday on
        self.assertIsNone(due_period(date(2026, 3, 3), WEEKLY, weekday=2))
        self.assertEqual(due_period(date(2026, 3, 4), WEEKLY, weekday=2),
                         Period(date(2026, 2, 23), date(2026, 3, 2)))

    def test_monthly_covers_the_last_calendar_month(self):
        self.assertEqual(due_period(date(2026, 3, 1), MONTHLY),
                         Period(date(2026, 2, 1), date(2026, 3, 1)))
        self.assertEqual(due_period(date(2026, 1, 20), MONTHLY, monthday=5),
                         Period(date(2025, 12, 1), date(2026, 1, 1)))

    def test_monthly_is_not_due_before_its_day(self):
        self.assertIsNone(due_period(date(2026, 3, 4), MONTHLY, monthday=5))
        self.assertIsNone(due_period(date(2026, 3, 27), MONTHLY, monthday=31))
        self.assertIsNotNone(due_period(date(2026, 3, 28), MONTHLY, monthday=31))

    def test_other_frequency_is_never_due(self):
        self.assertIsNone(due_period(date(2026, 3, 2), "off"))

    def test_period_key_tells_frequencies_apart(self):
        period = Period(date(2026, 2, 1), date(2026, 3, 1))
        self.assertEqual(period_key(MONTHLY, period), "monthly:2026-02-01")
        self.assertNotEqual(period_key(WEEKLY, period), period_key(MONTHLY, period))
