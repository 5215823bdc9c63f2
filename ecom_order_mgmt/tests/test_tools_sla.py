# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest
from datetime import date, datetime

from ..tools.sla import (
    ALL_WEEKDAYS,
    add_schedule_time,
    add_working_hours,
    add_working_time,
    daily_schedule,
    weekly_windows,
    working_schedule,
)


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


class TestMakeUpDays(unittest.TestCase):
    """China's holiday schedule (调休): 2026-10-01..07 off, Saturday 10-10 worked
    (State Council notice of 2025-11-04)."""

    NATIONAL_DAY = [date(2026, 10, day) for day in range(1, 8)]

    def test_make_up_saturday_is_worked(self):
        # Friday 10-09 17:45: 15 minutes on Friday, 45 on the make-up Saturday.
        self.assertEqual(
            add_working_hours(datetime(2026, 10, 9, 17, 45), 1, workdays=[date(2026, 10, 10)]),
            datetime(2026, 10, 10, 9, 45))

    def test_without_the_make_up_day_saturday_is_skipped(self):
        self.assertEqual(add_working_hours(datetime(2026, 10, 9, 17, 45), 1),
                         datetime(2026, 10, 12, 9, 45))

    def test_golden_week_then_make_up_saturday(self):
        # Received on the eve of National Day: the next working day after
        # the week off is Thursday 10-08 (the make-up Sunday 09-20 is past).
        received = datetime(2026, 9, 30, 17, 30)
        self.assertEqual(
            add_working_hours(received, 1, holidays=self.NATIONAL_DAY,
                              workdays=[date(2026, 9, 20), date(2026, 10, 10)]),
            datetime(2026, 10, 8, 9, 30))

    def test_make_up_sunday_received_on_saturday(self):
        # Saturday 09-19 evening: the make-up Sunday 09-20 is the next working day.
        self.assertEqual(
            add_working_hours(datetime(2026, 9, 19, 20, 0), 1, workdays=[date(2026, 9, 20)]),
            datetime(2026, 9, 20, 10, 0))

    def test_a_holiday_wins_over_a_make_up_day_of_the_same_date(self):
        day = date(2026, 10, 10)
        self.assertEqual(
            add_working_hours(datetime(2026, 10, 9, 17, 45), 1, holidays=[day], workdays=[day]),
            datetime(2026, 10, 12, 9, 45))


class TestWorkingWindows(unittest.TestCase):
    """Several windows a day, as a resource calendar's attendances give them."""

    LUNCH_BREAK = {day: [(9, 12), (13, 18)] for day in range(5)}

    def test_lunch_break_is_not_counted(self):
        self.assertEqual(add_working_time(datetime(2026, 11, 23, 11, 30), 1, self.LUNCH_BREAK),
                         datetime(2026, 11, 23, 13, 30))

    def test_received_during_the_break(self):
        self.assertEqual(add_working_time(datetime(2026, 11, 23, 12, 20), 1, self.LUNCH_BREAK),
                         datetime(2026, 11, 23, 14, 0))

    def test_overlapping_attendances_count_once(self):
        windows = {0: [(9, 12), (11, 14)]}
        # 9:00-14:00 is five hours, not six: the sixth is next Monday's.
        self.assertEqual(add_working_time(datetime(2026, 11, 23, 9, 0), 6, windows),
                         datetime(2026, 11, 30, 10, 0))

    def test_weekdays_with_their_own_hours(self):
        windows = weekly_windows(9, 18)
        windows[5] = ((10, 12),)
        # Friday 17:30 + 1 h: 30 min on Friday, 30 on Saturday from 10:00.
        self.assertEqual(add_working_time(datetime(2026, 11, 20, 17, 30), 1, windows),
                         datetime(2026, 11, 21, 10, 30))

    def test_make_up_day_works_the_first_weekday_hours_by_default(self):
        self.assertEqual(
            add_working_time(datetime(2026, 10, 9, 17, 30), 1, self.LUNCH_BREAK,
                             workdays=[date(2026, 10, 10)]),
            datetime(2026, 10, 10, 9, 30))

    def test_no_window_at_all(self):
        with self.assertRaises(ValueError):
            add_working_time(datetime(2026, 11, 23, 9, 0), 1, {0: []})
        with self.assertRaises(ValueError):
            add_working_time(datetime(2026, 11, 23, 9, 0), 1, {0: [(12, 9)]})


class TestScheduleReadOnce(unittest.TestCase):
    """One schedule, read once, counts the deadlines of many receipts."""

    def test_a_schedule_serves_many_receipts(self):
        # National Day 2026: 1-7 October off, Saturday 10 October worked.
        schedule = working_schedule(TestWorkingWindows.LUNCH_BREAK,
                                    holidays=[date(2026, 10, day) for day in range(1, 8)],
                                    workdays=[date(2026, 10, 10)])
        self.assertEqual(add_schedule_time(datetime(2026, 9, 30, 17, 0), 2, schedule),
                         datetime(2026, 10, 8, 10, 0))
        self.assertEqual(add_schedule_time(datetime(2026, 10, 9, 17, 30), 1, schedule),
                         datetime(2026, 10, 10, 9, 30))
        # the schedule is not used up by the receipts before
        self.assertEqual(add_schedule_time(datetime(2026, 9, 30, 17, 0), 2, schedule),
                         datetime(2026, 10, 8, 10, 0))

    def test_one_daily_window(self):
        schedule = daily_schedule(8.5, 12, holidays=[date(2026, 11, 24)])
        # Monday 11:00 + 4 h: 1 h on Monday, Tuesday off, 3 h on Wednesday.
        self.assertEqual(add_schedule_time(datetime(2026, 11, 23, 11, 0), 4, schedule),
                         datetime(2026, 11, 25, 11, 30))

    def test_bad_arguments(self):
        with self.assertRaises(ValueError):
            add_schedule_time(datetime(2026, 11, 23, 9, 0), 0, daily_schedule())
        with self.assertRaises(ValueError):
            daily_schedule(weekdays=())
        with self.assertRaises(ValueError):
            working_schedule({0: [(12, 9)]})
