# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Work assignment (tools/assignment.py): pure Python, no database."""
import unittest

from ..tools.assignment import Order, Rule, assign, fits, parse_provinces

TMALL, JD = 7, 8
ZJ = Order(1, TMALL, "浙江省", 1)


class TestAssignment(unittest.TestCase):

    def test_provinces_typed_with_any_separator(self):
        self.assertEqual(parse_provinces("浙江, 江苏、上海 广东;福建"),
                         ("浙江", "江苏", "上海", "广东", "福建"))
        self.assertEqual(parse_provinces(False), ())

    def test_rule_fits_channel_province_and_company(self):
        rule = Rule(1, TMALL, ("浙江", "江苏"), 1, "round_robin", (10,))
        self.assertTrue(fits(rule, ZJ))
        self.assertFalse(fits(rule, ZJ._replace(channel_id=JD)))
        self.assertFalse(fits(rule, ZJ._replace(province="广东省")))
        self.assertFalse(fits(rule, ZJ._replace(province=False)))
        self.assertFalse(fits(rule, ZJ._replace(company_id=2)))
        self.assertTrue(fits(Rule(2, False, (), False, "workload", (10,)),
                             ZJ._replace(channel_id=JD, province=False, company_id=2)))

    def test_round_robin_continues_after_the_last_user(self):
        rule = Rule(1, False, (), False, "round_robin", (10, 11, 12))
        orders = [ZJ._replace(id=i) for i in range(1, 6)]
        result = assign(orders, [rule], {1: 11}, {})
        self.assertEqual([result[i][1] for i in range(1, 6)], [12, 10, 11, 12, 10])

    def test_workload_gives_to_the_least_busy(self):
        rule = Rule(1, False, (), False, "workload", (10, 11, 12))
        load = {10: 3, 11: 1, 12: 2}
        orders = [ZJ._replace(id=i) for i in range(1, 5)]
        result = assign(orders, [rule], {}, load)
        # 11 (1) -> 11 (2) tie with 12 (2): rule order -> 11, then 12 (2) ...
        self.assertEqual([result[i][1] for i in range(1, 5)], [11, 11, 12, 10])
        self.assertEqual(load, {10: 4, 11: 3, 12: 3})

    def test_first_fitting_rule_decides_and_rules_without_users_are_passed(self):
        empty = Rule(1, TMALL, (), False, "round_robin", ())
        zhejiang = Rule(2, TMALL, ("浙江",), False, "round_robin", (20,))
        rest = Rule(3, False, (), False, "round_robin", (30,))
        orders = [ZJ, ZJ._replace(id=2, province="广东省"), ZJ._replace(id=3, channel_id=JD)]
        self.assertEqual(assign(orders, [empty, zhejiang, rest], {}, {}),
                         {1: (2, 20), 2: (3, 30), 3: (3, 30)})

    def test_no_rule_fits_no_assignment(self):
        rule = Rule(1, JD, (), False, "round_robin", (10,))
        self.assertEqual(assign([ZJ], [rule], {}, {}), {})
