# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Recognising the buyer of an imported order (tools/order_import/buyers.py)."""
import unittest

from ..tools.order_import.buyers import phone_key, phone_spellings, phone_stored, state_key


class TestBuyers(unittest.TestCase):

    def test_one_phone_in_several_spellings_has_one_key(self):
        assert phone_key("138 0013-8000") == phone_key("13800138000") == "13800138000"
        assert phone_key("+86 138 0013 8000") == "8613800138000"
        assert phone_key(None) == phone_key("") == ""

    def test_a_new_buyer_keeps_the_digits_and_the_plus(self):
        assert phone_stored(" +86 138-0013-8000 ") == "+8613800138000"
        assert phone_stored("0571 8888 6666") == "057188886666"

    def test_spellings_searched_for_an_existing_buyer(self):
        assert phone_spellings(" +86 138 0013 8000") == {
            "+86 138 0013 8000", "8613800138000", "+8613800138000"}

    def test_province_with_or_without_its_suffix(self):
        assert state_key("广西壮族自治区") == state_key("广西") == "广西"
        assert state_key("新疆维吾尔自治区") == "新疆"
        assert state_key("浙江省") == state_key(" 浙 江 ") == "浙江"
        assert state_key("北京市") == "北京"
        assert state_key("香港特别行政区") == "香港"
        # a name that is only a suffix stays as it is
        assert state_key("省") == "省"
        assert state_key(None) == ""
