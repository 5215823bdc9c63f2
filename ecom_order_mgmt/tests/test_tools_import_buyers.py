# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Recognising the buyer of an imported order (tools/order_import/buyers.py)."""
import unittest

from ..tools.order_import.buyers import phone_key, phone_spellings, phone_stored, state_key


class TestBuyerKeys(unittest.TestCase):
    # unittest.TestCase: Odoo's own runner (--test-enable) sees them too

    def test_one_phone_in_several_spellings_has_one_key(self):
        self.assertEqual(phone_key("138 0013-8000"), "13800138000")
        self.assertEqual(phone_key("13800138000"), "13800138000")
        self.assertEqual(phone_key("+86 138 0013 8000"), "8613800138000")
        self.assertEqual(phone_key(None), "")
        self.assertEqual(phone_key(""), "")

    def test_a_new_buyer_keeps_the_digits_and_the_plus(self):
        self.assertEqual(phone_stored(" +86 138-0013-8000 "), "+8613800138000")
        self.assertEqual(phone_stored("0571 8888 6666"), "057188886666")

    def test_spellings_searched_for_an_existing_buyer(self):
        self.assertEqual(phone_spellings(" +86 138 0013 8000"), {
            "+86 138 0013 8000", "8613800138000", "+8613800138000"})

    def test_province_with_or_without_its_suffix(self):
        for spelling, key in (("广西壮族自治区", "广西"), ("广西", "广西"), ("新疆维吾尔自治区", "新疆"),
                              ("浙江省", "浙江"), (" 浙 江 ", "浙江"), ("北京市", "北京"),
                              ("香港特别行政区", "香港"),
                              # a name that is only a suffix stays as it is
                              ("省", "省"), (None, "")):
            self.assertEqual(state_key(spelling), key, spelling)
