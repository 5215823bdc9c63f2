# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Order file parser (tools/order_import/): pure Python, no database. Cells
(conversion, refusals, defused text) and their grouping into orders."""
import datetime
import unittest
from decimal import Decimal

from ..tools import order_import as oi
from ..tools.order_import.cells import PAYMENT_LABELS
from .common_order_import import located, parse_rows, row


class TestCells(unittest.TestCase):

    def assertCellError(self, column, value, fragment="", **extra):
        result = parse_rows([row(**dict(extra, **{column: value}))])
        self.assertEqual(located(result), [(2, column)], (value, result.errors))
        self.assertIn(fragment, result.errors[0].text())
        self.assertEqual(result.orders, [])
        return result.errors[0]

    def assertCellValue(self, column, value, expected, attribute=None):
        result = parse_rows([row(**{column: value})])
        self.assertEqual(result.errors, [], value)
        order = result.orders[0]
        if column in ("product_code", "quantity", "unit_price"):
            got = getattr(order.lines[0], column)
        else:
            got = getattr(order, attribute or column)
        self.assertEqual(got, expected)

    def test_quantity_refused(self):
        for value in ("0", "-1", "1.5", "abc", "1e3", "=1+1"):
            self.assertCellError("quantity", value, "Quantity")
        self.assertIn("whole number", self.assertCellError("quantity", "1.5").text())
        self.assertIn("greater than 0", self.assertCellError("quantity", "-1").text())

    def test_quantity_accepted(self):
        self.assertCellValue("quantity", " 3 ", 3)
        self.assertCellValue("quantity", "2.0", 2)

    def test_amounts(self):
        for value in ("1.005", "19.999"):
            self.assertIn("2 decimals", self.assertCellError("unit_price", value).text())
        self.assertIn("negative", self.assertCellError("unit_price", "-1").text())
        for value in ("abc", "NaN", "Infinity", "1e2", "12,50"):
            self.assertCellError("unit_price", value, "not a valid amount")
        self.assertCellError("paid_amount", "1.234", "2 decimals")
        self.assertCellValue("unit_price", "19.900", Decimal("19.90"))
        self.assertCellValue("unit_price", "¥1,299.5", Decimal("1299.50"))
        self.assertCellValue("unit_price", "0", Decimal("0.00"))
        self.assertEqual(str(parse_rows([row(paid_amount="-0")]).orders[0].paid_amount), "0.00")
        self.assertCellValue("unit_price", "￥ 59", Decimal("59.00"))
        self.assertCellError("unit_price", "5 9", "not a valid amount")
        self.assertCellError("quantity", "1 2", "whole number")
        self.assertCellValue("paid_amount", "", Decimal("0"))
        self.assertCellValue("paid_amount", "118", Decimal("118.00"))

    def test_required_cells(self):
        for key in ("channel_code", "platform_ref", "order_time", "buyer_name", "phone",
                    "province", "city", "street", "product_code", "quantity", "unit_price",
                    "payment_mode"):
            self.assertCellError(key, "  ", "is required")
        self.assertCellValue("district", "", "")
        self.assertCellValue("remark", "", "")

    def test_several_errors_in_one_row(self):
        result = parse_rows([row(phone="abc", quantity="0", unit_price="x", buyer_name="")])
        self.assertEqual(located(result),
                         [(2, "buyer_name"), (2, "phone"), (2, "quantity"), (2, "unit_price")])
        for error in result.errors:
            self.assertIn(oi.COLUMN_BY_KEY[error.column].label, error.text())

    def test_datetimes(self):
        expected = datetime.datetime(2026, 11, 20, 10, 15)
        for value in ("2026-11-20 10:15:00", "2026-11-20 10:15", "2026/11/20 10:15:00",
                      "2026/11/20 10:15", "2026/11/20  10:15"):
            self.assertCellValue("order_time", value, expected)
        self.assertCellValue("order_time", "2026-11-20", datetime.datetime(2026, 11, 20))
        for value in ("2026-13-01", "20/11/2026", "yesterday", "2026-11-20T10:15:00"):
            self.assertCellError("order_time", value, "not a valid date")

    def test_phone(self):
        self.assertCellValue("phone", "+86 138-0013-8000", "+86 138-0013-8000")
        self.assertCellValue("phone", "0571 8888 1234", "0571 8888 1234")
        self.assertCellError("phone", "138001380x0", "digits, spaces")
        self.assertCellError("phone", "(0571)88881234", "digits, spaces")
        self.assertCellError("phone", "123456", "7 to 15 digits")
        self.assertCellError("phone", "1234567890123456", "7 to 15 digits")
        self.assertCellError("phone", "1.38001E+10", "scientific notation")

    def test_payment_mode_aliases(self):
        for mode, labels in PAYMENT_LABELS.items():
            for label in labels + (mode,):
                for variant in (label, " %s " % label.upper(), label.replace(" ", "  ")):
                    self.assertCellValue("payment_mode", variant, mode)
        self.assertCellValue("payment_mode", "Cash On Delivery", "cod")
        self.assertCellValue("payment_mode", "cashondelivery", "cod")
        self.assertCellValue("payment_mode", "先 验货 后付款", "cod_inspect")
        error = self.assertCellError("payment_mode", "credit card", "not a known payment")
        self.assertIn("prepaid, cod, cod_inspect, instalment", error.text())

    def test_formula_in_coded_columns(self):
        for key in ("channel_code", "platform_ref", "product_code", "phone", "quantity",
                    "unit_price", "paid_amount"):
            for value in ("=1+1", "@SUM(A1)"):
                error = self.assertCellError(key, value, "looks like a spreadsheet formula")
                self.assertEqual(error.params["value"], value)

    def test_formula_in_free_text_is_defused(self):
        result = parse_rows([row(buyer_name='=HYPERLINK("http://x","Bob")',
                                 street="+ 1 Main St", city="@杭州市", province="-浙江省",
                                 district="=-+@西湖区", remark="--备注")])
        self.assertEqual(result.errors, [])
        order = result.orders[0]
        self.assertEqual(order.buyer_name, 'HYPERLINK("http://x","Bob")')
        self.assertEqual((order.street, order.city, order.province, order.district),
                         ("1 Main St", "杭州市", "浙江省", "西湖区"))
        self.assertEqual(order.remark, "备注")
        self.assertCellError("buyer_name", "=", "is required")

    def test_html_and_control_characters(self):
        result = parse_rows([row(buyer_name="<script>alert(1)</script>Bob",
                                 street="<b>文三路</b>1号<br/>", remark="a\x00b\x07c\u200bd\tok",
                                 product_code="\ufeffEC-CAP-BLK\u200b",
                                 city="<style>p{}</style>杭州<img src=x onerror=alert(1)>市")])
        self.assertEqual(result.errors, [])
        order = result.orders[0]
        self.assertEqual(order.buyer_name, "Bob")
        self.assertEqual(order.street, "文三路1号")
        self.assertEqual(order.remark, "abcd ok")
        self.assertEqual(order.city, "杭州市")
        self.assertEqual(order.lines[0].product_code, "EC-CAP-BLK")
        self.assertCellValue("buyer_name", "<scr\x00ipt>x</script>Bob", "Bob")
        # Not a tag: kept.
        self.assertCellValue("remark", "size < 40 and > 38", "size < 40 and > 38")

    def test_length_limits(self):
        self.assertCellValue("street", "路" * 500, "路" * 500)
        self.assertCellError("street", "路" * 501, "longer than 500")
        self.assertCellValue("remark", "x" * 2000, "x" * 2000)
        self.assertCellError("remark", "x" * 2001, "longer than 2000")
        self.assertCellError("product_code", "X" * 501, "longer than 500")

    def test_codes_keep_leading_zeros_and_refuse_lost_digits(self):
        self.assertCellValue("platform_ref", "000123", "000123", attribute="platform_ref")
        self.assertCellValue("product_code", "0690123", "0690123")
        self.assertCellError("platform_ref", "2.0250101E+15", "scientific notation")
        self.assertCellError("product_code", "6.90123E+12", "scientific notation")

    def test_formula_quote_from_rejected_file_is_undone(self):
        self.assertCellError("quantity", "'-2", "greater than 0")
        self.assertCellError("product_code", "'=cmd", "formula")
        self.assertCellValue("phone", "'+86 13800138000", "+86 13800138000")


class TestOrders(unittest.TestCase):

    def test_grouping_keeps_first_appearance(self):
        rows = [row(platform_ref="B"), row(platform_ref="A"),
                row(platform_ref="B", product_code="EC-BAG-TOTE"),
                row(platform_ref="A", channel_code="JD01")]
        result = parse_rows(rows)
        self.assertEqual(result.errors, [])
        self.assertEqual([order.key for order in result.orders],
                         [("TMALL01", "B"), ("TMALL01", "A"), ("JD01", "A")])
        self.assertEqual(result.orders[0].rows, [2, 4])
        self.assertEqual([line.row for line in result.orders[0].lines], [2, 4])

    def test_header_fields_from_first_row(self):
        result = parse_rows([row(street="文三路1号", remark="first"),
                             row(street="文三路1号 3楼", remark="", district="",
                                 phone="138 0013 8000", payment_mode="Alipay")])
        self.assertEqual(result.errors, [])
        order = result.orders[0]
        self.assertEqual((order.street, order.remark, order.phone),
                         ("文三路1号", "first", "13800138000"))

    def test_header_field_differs(self):
        rows = [row(), row(product_code="EC-BAG-TOTE"),
                row(buyer_name="李四", order_time="2026-11-20 10:16", payment_mode="COD",
                    paid_amount="0", phone="13900139000")]
        result = parse_rows(rows + [row(platform_ref="OTHER")])
        self.assertEqual([order.platform_ref for order in result.orders], ["OTHER"])
        self.assertEqual(located(result), [
            (2, None), (3, None), (4, "order_time"), (4, "buyer_name"), (4, "phone"),
            (4, "paid_amount"), (4, "payment_mode")])
        differs = result.errors[3]
        self.assertEqual(differs.params["first"], 2)
        self.assertIn("differs from row 2 of the same order", differs.text())
        self.assertIn("李四", differs.text())
        self.assertEqual(result.errors[0].params, {"ref": "9000000000001", "bad_row": 4})
        self.assertEqual([number for number, cells in result.rejected_rows], [2, 3, 4])

    def test_bad_first_row_rejects_order_without_cascade(self):
        result = parse_rows([row(order_time="bad"), row(product_code="EC-BAG-TOTE")])
        self.assertEqual(located(result), [(2, "order_time"), (3, None)])
        self.assertEqual(result.errors[1].params["bad_row"], 2)

    def test_row_without_key_is_rejected_alone(self):
        result = parse_rows([row(), row(platform_ref="", product_code="EC-BAG-TOTE"),
                             row(channel_code="=X", platform_ref="Z")])
        self.assertEqual(len(result.orders), 1)
        self.assertEqual(len(result.orders[0].lines), 1)
        self.assertEqual(located(result), [(3, "platform_ref"), (4, "channel_code")])
        self.assertEqual([number for number, cells in result.rejected_rows], [3, 4])

    def test_errors_sorted_by_row_then_column(self):
        rows = [row(platform_ref="A", quantity="0", channel_code=""),
                row(platform_ref="B", remark="x" * 3000, buyer_name="")]
        result = parse_rows(rows)
        self.assertEqual(located(result), [(2, "channel_code"), (2, "quantity"),
                                           (3, "buyer_name"), (3, "remark")])
