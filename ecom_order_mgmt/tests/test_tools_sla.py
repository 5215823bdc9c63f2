# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest
from datetime import date, datetime

from ..tools.sla import ALL_WEEKDAYS, add_working_hours


class TestAddWorkingHours(unittest.TestCase):
    # 2026-11-20 is a Friday, 2026-11-23 a Monday.

    def test_inside_the_window(self):
        self.assertEqual(add_working_hours(datetime(2026, 11, 23, 10, 0), 1),
                         datetime(2026, 11, 23, 11, 0))

    def test_crosses_the_end_of_the_day(self):
        # 17:45 with a one-hour SLA: 15 minutes today, 45 tomorrow.
        self.assertEqual(add_working_hours(datetime(2026, 11, 23, 17, 45), 1),
                         datetime(2026, 11, 24, 9, 45))

    def test_ends_exactly_at_closing_time(self):
        self.assertEqual(add_working_hours(datetime(2026, 11, 23, 17, 0), 1),
                         datetime(2026, 11, 23, 18, 0))

    def test_received_after_hours_or_at_closing(self):
        for received in (datetime(2026, 11, 23, 18, 0), datetime(2026, 11, 23, 22, 30)):
            self.assertEqual(add_working_hours(received, 1), datetime(2026, 11, 24, 10, 0))

    def test_received_before_opening(self):
        self.assertEqual(add_working_hours(datetime(2026, 11, 23, 6, 10), 1),
                         datetime(2026, 11, 23, 10, 0))

    def test_friday_evening_rolls_over_the_weekend(self):
        self.assertEqual(add_working_hours(datetime(2026, 11, 20, 17, 45), 1),
                         datetime(2026, 11, 23, 9, 45))

    def test_saturday_counts_when_worked(self):
        self.assertEqual(
            add_working_hours(datetime(2026, 11, 20, 17, 45), 1, weekdays=ALL_WEEKDAYS),
            datetime(2026, 11, 21, 9, 45))

    def test_holidays_are_skipped(self):
        self.assertEqual(
            add_working_hours(datetime(2026, 11, 23, 17, 45), 1, holidays=[date(2026, 11, 24)]),
            datetime(2026, 11, 25, 9, 45))

    def test_custom_window_and_several_days(self):
        # 8:30-12:00 is 3.5 h a day; 7.5 h from Monday 11:00: 1 h on Monday,
        # 3.5 h on Tuesday, 3 h on Wednesday.
        self.assertEqual(
            add_working_hours(datetime(2026, 11, 23, 11, 0), 7.5, day_start=8.5, day_end=12),
            datetime(2026, 11, 25, 11, 30))

    def test_bad_arguments(self):
        start = datetime(2026, 11, 23, 10, 0)
        with self.assertRaises(ValueError):
            add_working_hours(start, 0)
        with self.assertRaises(ValueError):
            add_working_hours(start, 1, day_start=18, day_end=9)
        with self.assertRaises(ValueError):
            add_working_hours(start, 1, weekdays=())
