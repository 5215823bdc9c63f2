# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest
from datetime import date, datetime, time

from ..tools.order_list import list_window

SHANGHAI = "Asia/Shanghai"  # UTC+8 all year: 14:00 there is 06:00 UTC


class TestListWindow(unittest.TestCase):

    def test_first_list_covers_the_last_24_hours(self):
        window = list_window(datetime(2026, 3, 3, 6, 0), SHANGHAI)
        self.assertEqual(window.start, datetime(2026, 3, 2, 6, 0))
        self.assertEqual(window.end, datetime(2026, 3, 3, 6, 0))
        self.assertEqual(window.day, date(2026, 3, 3))

    def test_next_list_starts_where_the_previous_one_stopped(self):
        first = list_window(datetime(2026, 3, 3, 6, 0), SHANGHAI)
        second = list_window(datetime(2026, 3, 4, 6, 0), SHANGHAI, previous=first.end)
        self.assertEqual((second.start, second.end), (first.end, datetime(2026, 3, 4, 6, 0)))
        self.assertEqual(second.day, date(2026, 3, 4))

    def test_a_late_run_stops_at_the_cutoff(self):
        # The cron ran at 14:07 Shanghai time: the list still stops at 14:00.
        window = list_window(datetime(2026, 3, 4, 6, 7), SHANGHAI,
                             previous=datetime(2026, 3, 3, 6, 0))
        self.assertEqual(window.end, datetime(2026, 3, 4, 6, 0))

    def test_a_run_before_the_cutoff_stops_at_yesterdays(self):
        # 09:00 in Shanghai (01:00 UTC): today's cut-off has not come yet.
        window = list_window(datetime(2026, 3, 4, 1, 0), SHANGHAI,
                             previous=datetime(2026, 3, 2, 6, 0))
        self.assertEqual((window.start, window.end),
                         (datetime(2026, 3, 2, 6, 0), datetime(2026, 3, 3, 6, 0)))
        self.assertEqual(window.day, date(2026, 3, 3))

    def test_nothing_new_when_the_last_cutoff_was_listed(self):
        window = list_window(datetime(2026, 3, 4, 3, 0), SHANGHAI,
                             previous=datetime(2026, 3, 3, 6, 0))
        self.assertEqual(window.start, window.end)

    def test_days_missed_are_covered_by_the_next_list(self):
        window = list_window(datetime(2026, 3, 6, 6, 0), SHANGHAI,
                             previous=datetime(2026, 3, 3, 6, 0))
        self.assertEqual(window.end - window.start, datetime(2026, 3, 6) - datetime(2026, 3, 3))

    def test_the_local_day_is_the_companys(self):
        # 23:30 UTC on 3 March is 07:30 on 4 March in Shanghai, before the
        # cut-off: the list is the one of 3 March.
        window = list_window(datetime(2026, 3, 3, 23, 30), SHANGHAI)
        self.assertEqual(window.end, datetime(2026, 3, 3, 6, 0))
        self.assertEqual(window.day, date(2026, 3, 3))
        # The same instant in New York (UTC-5) is 18:30 on 3 March.
        window = list_window(datetime(2026, 3, 3, 23, 30), "America/New_York")
        self.assertEqual(window.end, datetime(2026, 3, 3, 19, 0))

    def test_cutoff_time_of_the_company(self):
        window = list_window(datetime(2026, 3, 3, 12, 0), SHANGHAI, cutoff=time(18, 30))
        self.assertEqual(window.end, datetime(2026, 3, 3, 10, 30))
