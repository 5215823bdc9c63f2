# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The dashboard's arithmetic (tools/dashboard.py), without a database."""
import datetime
import unittest

import pytz

from ..tools import dashboard as board

D = datetime.date


class TestToolsDashboard(unittest.TestCase):

    def test_today_is_the_day_on_the_channel_clock(self):
        # 16:30 UTC is 00:30 the next day in Shanghai
        now = datetime.datetime(2026, 3, 4, 16, 30)
        self.assertEqual(board.local_today(now, pytz.timezone("Asia/Shanghai")), D(2026, 3, 5))
        self.assertEqual(board.local_today(now, pytz.utc), D(2026, 3, 4))

    def test_the_week_starts_on_monday(self):
        sunday = board.period_bounds(D(2026, 3, 8))
        self.assertEqual(sunday["week"], (D(2026, 3, 2), D(2026, 3, 8)))
        monday = board.period_bounds(D(2026, 3, 2))
        self.assertEqual(monday["week"], (D(2026, 3, 2), D(2026, 3, 2)))
        self.assertEqual(monday["yesterday"], (D(2026, 3, 1), D(2026, 3, 1)))

    def test_the_graph_reaches_back_further_than_the_week(self):
        self.assertEqual(board.first_day_needed(D(2026, 3, 8)), D(2026, 2, 23))

    def test_period_figures_and_averages(self):
        daily = {D(2026, 3, 1): {"orders": 1, "gmv": 50.0},
                 D(2026, 3, 2): {"orders": 2, "gmv": 300.0, "breached": 1},
                 D(2026, 3, 4): {"orders": 1, "gmv": 100.0, "exceptions": 1}}
        figures = board.period_figures(daily, D(2026, 3, 4))
        self.assertEqual((figures["orders_today"], figures["gmv_today"]), (1, 100.0))
        self.assertEqual((figures["orders_yesterday"], figures["aov_yesterday"]), (0, 0.0))
        self.assertEqual((figures["orders_week"], figures["gmv_week"]), (3, 400.0))
        self.assertEqual(figures["aov_week"], 133.33)
        self.assertEqual((figures["breached_week"], figures["exceptions_week"]), (1, 1))

    def test_day_series_fills_the_empty_days(self):
        daily = {D(2026, 3, 4): {"orders": 3}}
        series = board.day_series(daily, D(2026, 3, 5), "orders", days=3)
        self.assertEqual(series, [(D(2026, 3, 3), 0), (D(2026, 3, 4), 3), (D(2026, 3, 5), 0)])

    def test_the_company_card_sums_and_recomputes_the_averages(self):
        total = board.sum_figures([
            {"orders_today": 1, "gmv_today": 100.0, "aov_today": 100.0, "to_review": 2},
            {"orders_today": 3, "gmv_today": 60.0, "aov_today": 20.0, "to_review": 1}])
        self.assertEqual(total["orders_today"], 4)
        self.assertEqual(total["aov_today"], 40.0)
        self.assertEqual(total["to_review"], 3)
        # without money figures (CS), no average either
        self.assertNotIn("aov_today", board.sum_figures([{"orders_today": 1}]))

    def test_series_add_up_day_by_day(self):
        one = [(D(2026, 3, 1), 1), (D(2026, 3, 2), 0)]
        two = [(D(2026, 3, 1), 2), (D(2026, 3, 2), 5)]
        self.assertEqual(board.sum_series([one, two]), [(D(2026, 3, 1), 3), (D(2026, 3, 2), 5)])
        self.assertEqual(board.sum_series([]), [])
