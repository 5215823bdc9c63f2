# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Order file parser (tools/order_import/): pure Python, no database."""
import csv
import datetime
import io
import os
import unittest
from decimal import Decimal

import openpyxl

from ..tools import order_import as oi
from ..tools.order_import.cells import PAYMENT_LABELS

SAMPLES = os.path.join(os.path.dirname(os.path.realpath(__file__)),
                       os.pardir, os.pardir, "data", "samples")

HEADER_EN = [col.label for col in oi.COLUMNS]
HEADER_ZH = [col.label_zh for col in oi.COLUMNS]
KEYS = [col.key for col in oi.COLUMNS]

BASE_ROW = {
    "channel_code": "TMALL01",
    "platform_ref": "9000000000001",
    "order_time": "2026-11-20 10:15:00",
    "buyer_name": "张三",
    "phone": "13800138000",
    "province": "浙江省",
    "city": "杭州市",
    "district": "西湖区",
    "street": "文三路1号",
    "product_code": "EC-CAP-BLK",
    "quantity": "2",
    "unit_price": "59.00",
    "paid_amount": "118.00",
    "payment_mode": "支付宝",
    "remark": "",
}


def row(**values):
    """A valid line as a {key: text} dict, with ``values`` overriding it."""
    line = dict(BASE_ROW)
    line.update(values)
    return line


def make_csv(rows, header=None, keys=None, encoding="utf-8", delimiter=","):
    """CSV bytes: ``header`` (default English) over the ``rows`` dicts."""
    keys = keys or KEYS
    header = header or [oi.COLUMN_BY_KEY[key].label for key in keys]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for line in rows:
        writer.writerow([line.get(key, "") for key in keys] if isinstance(line, dict)
                        else line)
    return out.getvalue().encode(encoding)


def parse_rows(rows, **kwargs):
    return oi.parse_file(make_csv(rows, **kwargs), "orders.csv")


def make_xlsx(rows, header=None):
    """XLSX bytes with raw cell values (numbers, datetimes kept native)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header or HEADER_EN)
    for line in rows:
        sheet.append([line.get(key) for key in KEYS] if isinstance(line, dict) else line)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def located(result):
    """The errors as (row, column) pairs, in result order."""
    return [(err.row, err.column) for err in result.errors]


def read_sample(name):
    with open(os.path.join(SAMPLES, name), "rb") as handle:
        return handle.read()


@unittest.skipUnless(os.path.isdir(SAMPLES), "data/samples not shipped with the addon")
class TestSamples(unittest.TestCase):

    def _parse(self, name):
        result = oi.parse_file(read_sample(name), name)
        return result

    def assertPaidMatches(self, order):
        if order.payment_mode in ("cod", "cod_inspect"):
            self.assertEqual(order.paid_amount, Decimal("0"))
        else:
            self.assertEqual(order.paid_amount, order.amount_total)

    def test_tmall_utf8_bom(self):
        result = self._parse("tmall_orders_utf8bom.csv")
        self.assertEqual(result.errors, [])
        self.assertEqual(result.encoding, "utf-8-sig")
        # The BOM is gone: the first header cell matches its column.
        self.assertEqual(result.header[0], "渠道编码")
        self.assertEqual(len(result.orders), 6)
        self.assertEqual(sum(len(order.lines) for order in result.orders), 11)
        self.assertEqual(result.total_rows, 11)
        first = result.orders[0]
        self.assertEqual(first.key, ("TMALL01", "3851026110100012"))
        self.assertEqual(first.order_time, datetime.datetime(2026, 11, 1, 9, 15, 32))
        self.assertEqual((first.buyer_name, first.phone), ("张伟", "13800138000"))
        self.assertEqual((first.province, first.city, first.district),
                         ("浙江省", "杭州市", "西湖区"))
        self.assertEqual(first.remark, "请尽快发货,谢谢")
        self.assertEqual(first.payment_mode, "prepaid")
        self.assertEqual(first.paid_amount, Decimal("257.00"))
        self.assertEqual([(line.product_code, line.quantity, line.unit_price, line.row)
                          for line in first.lines],
                         [("EC-TSHIRT-RED-M", 2, Decimal("99.00"), 2),
                          ("EC-CAP-BLK", 1, Decimal("59.00"), 3)])
        self.assertEqual(first.rows, [2, 3])
        self.assertEqual([len(order.lines) for order in result.orders], [2, 1, 3, 2, 1, 2])
        self.assertEqual(result.orders[4].payment_mode, "instalment")
        for order in result.orders:
            self.assertEqual(order.channel_code, "TMALL01")
            self.assertPaidMatches(order)

    def test_wechat_gb18030(self):
        content = read_sample("wechat_orders_gb18030.csv")
        with self.assertRaises(UnicodeDecodeError):
            content.decode("utf-8")
        result = oi.parse_file(content, "wechat_orders_gb18030.csv")
        self.assertEqual(result.errors, [])
        self.assertEqual(result.encoding, "gb18030")
        self.assertEqual(len(result.orders), 4)
        orders = {order.platform_ref: order for order in result.orders}
        # Leading zeros of a text order number survive.
        self.assertIn("0042611050000017", orders)
        self.assertEqual(orders["0042611050000017"].buyer_name, "赵敏")
        self.assertEqual(orders["0042611050000017"].lines[0].product_code, "6901234500011")
        self.assertEqual(orders["4200026110500028"].payment_mode, "cod")
        self.assertEqual(orders["4200026110500028"].paid_amount, Decimal("0.00"))
        self.assertEqual(orders["4200026110500028"].remark, "到了先打电话")
        self.assertEqual(orders["4200026110600039"].payment_mode, "instalment")
        self.assertEqual(orders["4200026110600039"].paid_amount, Decimal("327.00"))
        for order in result.orders:
            self.assertEqual(order.channel_code, "WX01")
            self.assertPaidMatches(order)

    def test_jd_xlsx(self):
        result = self._parse("jd_orders.xlsx")
        self.assertEqual(result.errors, [])
        self.assertIsNone(result.encoding)
        self.assertEqual(len(result.orders), 5)
        self.assertEqual([order.platform_ref for order in result.orders],
                         ["2501123456789%02d" % n for n in range(1, 6)])
        by_ref = {order.platform_ref: order for order in result.orders}
        self.assertEqual(by_ref["250112345678901"].order_time,
                         datetime.datetime(2026, 11, 8, 10, 30))
        self.assertEqual(by_ref["250112345678901"].paid_amount, Decimal("398.00"))
        # Phone and barcode stored as numbers come back as exact digit strings.
        self.assertEqual(by_ref["250112345678902"].phone, "15800001234")
        self.assertEqual(by_ref["250112345678902"].payment_mode, "cod")
        self.assertEqual(by_ref["250112345678903"].payment_mode, "cod_inspect")
        self.assertEqual(by_ref["250112345678904"].payment_mode, "instalment")
        self.assertEqual(by_ref["250112345678905"].lines[0].product_code, "6901234500042")
        self.assertEqual(by_ref["250112345678905"].payment_mode, "prepaid")
        for order in result.orders:
            self.assertEqual(order.channel_code, "JD01")
            self.assertIsInstance(order.paid_amount, Decimal)
            self.assertPaidMatches(order)

    def test_bad_row_sample(self):
        result = self._parse("orders_with_bad_row.csv")
        self.assertEqual(result.encoding, "utf-8")
        self.assertEqual(len(result.orders), 3)
        self.assertNotIn("3851026111500028", [order.platform_ref for order in result.orders])
        self.assertEqual(located(result), [(3, None), (4, "quantity")])
        note, bad = result.errors
        self.assertEqual(bad.params["value"], "-2")
        self.assertIn("greater than 0", bad.text())
        self.assertEqual(note.text(),
                         "Order 3851026111500028 rejected because row 4 has an error.")
        self.assertEqual(note.params, {"ref": "3851026111500028", "bad_row": 4})
        self.assertEqual([number for number, cells in result.rejected_rows], [3, 4])
        self.assertEqual(result.file_errors, [])

    def test_refs_unique_across_samples(self):
        refs = []
        for name in ("tmall_orders_utf8bom.csv", "wechat_orders_gb18030.csv",
                     "jd_orders.xlsx", "orders_with_bad_row.csv"):
            result = self._parse(name)
            refs.extend({key[1] for key in [o.key for o in result.orders]}
                        | {cells[1] for number, cells in result.rejected_rows})
        self.assertEqual(len(refs), len(set(refs)))
        self.assertEqual(len(refs), 6 + 4 + 5 + 4)


class TestFileLevel(unittest.TestCase):

    def assertFileError(self, result, fragment):
        self.assertEqual(len(result.file_errors), 1, result.errors)
        error = result.file_errors[0]
        self.assertEqual((error.row, error.column), (None, None))
        self.assertIn(fragment, error.text())
        self.assertEqual(result.orders, [])
        self.assertEqual(result.rejected_rows, [])

    def test_wrong_extension(self):
        content = make_csv([row()])
        for name in ("orders.xls", "orders.txt", "orders", "orders.csv.zip"):
            self.assertFileError(oi.parse_file(content, name), ".csv or .xlsx")
        self.assertEqual(len(oi.parse_file(content, "ORDERS.CSV").orders), 1)

    def test_oversized_checked_before_decoding(self):
        # Not decodable at all: only the size error may be reported.
        result = oi.parse_file(b"\xff" * 3000, "orders.csv", max_bytes=1000)
        self.assertFileError(result, "MB")
        self.assertIsNone(result.encoding)
        result = oi.parse_file(b"x" * (3 * 1024 * 1024), "big.xlsx", max_bytes=2 * 1024 * 1024)
        self.assertFileError(result, "the 2 MB limit")
        self.assertEqual(result.file_errors[0].params["size"], "3")

    def test_undecodable(self):
        result = oi.parse_file(make_csv([row()]) + b"\xff\xff", "orders.csv")
        self.assertFileError(result, "UTF-8")
        result = oi.parse_file("a,b".encode("utf-16"), "orders.csv")
        self.assertFileError(result, "UTF-16")

    def test_utf8_without_bom(self):
        result = oi.parse_file(make_csv([row()], header=HEADER_ZH), "orders.csv")
        self.assertEqual(result.encoding, "utf-8")
        self.assertEqual(len(result.orders), 1)

    def test_gb18030_with_chinese_header(self):
        result = parse_rows([row()], header=HEADER_ZH, encoding="gb18030")
        self.assertEqual(result.encoding, "gb18030")
        self.assertEqual(result.orders[0].buyer_name, "张三")

    def test_empty_and_header_only(self):
        self.assertFileError(oi.parse_file(b"", "orders.csv"), "no data rows")
        self.assertFileError(oi.parse_file(b"\r\n,,\r\n \r\n", "orders.csv"), "no data rows")
        self.assertFileError(parse_rows([]), "no data rows")
        self.assertFileError(parse_rows([[""] * 15, [" "] * 15]), "no data rows")
        self.assertFileError(oi.parse_file(make_xlsx([]), "orders.xlsx"), "no data rows")

    def test_missing_columns_named_together(self):
        keys = [key for key in KEYS if key not in ("phone", "quantity", "district")]
        result = parse_rows([row()], keys=keys)
        self.assertFileError(result, "Phone, Quantity")
        self.assertNotIn("District", result.file_errors[0].text())

    def test_optional_columns_may_be_absent(self):
        keys = [key for key in KEYS if key not in ("district", "paid_amount", "remark")]
        result = parse_rows([row()], keys=keys)
        self.assertEqual(result.errors, [])
        order = result.orders[0]
        self.assertEqual((order.district, order.remark), ("", ""))
        self.assertEqual(order.paid_amount, Decimal("0"))

    def test_duplicate_columns(self):
        header = HEADER_EN + ["买家姓名"]
        result = oi.parse_file(make_csv([list(BASE_ROW.values()) + ["李四"]], header=header),
                               "orders.csv")
        self.assertFileError(result, "Buyer appears more than once")

    def test_extra_columns_ignored(self):
        header = ["Shop Note"] + HEADER_EN + ["Error", "", "Coupon"]
        cells = ["x"] + list(BASE_ROW.values()) + ["old error", "", "C1"]
        result = oi.parse_file(make_csv([cells], header=header), "orders.csv")
        self.assertEqual(result.errors, [])
        self.assertEqual(result.ignored_columns, ["Shop Note", "Coupon"])
        self.assertEqual(result.orders[0].buyer_name, "张三")
        self.assertEqual(result.header, header)

    def test_header_names_are_lenient(self):
        header = ["  %s " % name.upper() for name in HEADER_EN[:8]] + KEYS[8:]
        header[3] = "买家姓名"
        result = parse_rows([row()], header=header)
        self.assertEqual(result.errors, [])
        self.assertEqual(len(result.orders), 1)

    def test_tab_and_semicolon_delimiters(self):
        for delimiter in ("\t", ";"):
            result = parse_rows([row(), row(product_code="EC-BAG-TOTE")], delimiter=delimiter)
            self.assertEqual(result.errors, [], delimiter)
            self.assertEqual(len(result.orders[0].lines), 2)

    def test_too_many_rows(self):
        rows = [row(platform_ref=str(n), quantity="0" if n == 1 else "1") for n in range(6)]
        result = oi.parse_file(make_csv(rows), "orders.csv", max_rows=5)
        self.assertFileError(result, "more than 5 data rows")
        self.assertEqual(len(result.errors), 1)  # the bad row 3 is not reported
        self.assertEqual(len(oi.parse_file(make_csv(rows), "o.csv", max_rows=6).orders), 5)

    def test_unreadable_xlsx(self):
        self.assertFileError(oi.parse_file(b"PK\x03\x04 not a zip", "orders.xlsx"),
                             "not a readable .xlsx")
        self.assertFileError(oi.parse_file(make_csv([row()]), "orders.xlsx"),
                             "not a readable .xlsx")

    def test_unclosed_quote_does_not_crash(self):
        content = make_csv([row()]) + b'TMALL01,"unterminated\r\n' + b"x" * 10
        result = oi.parse_file(content, "orders.csv")
        self.assertEqual(result.file_errors, [])  # csv reads it to the end
        self.assertEqual(len(result.orders), 1)
        self.assertTrue(result.rejected_rows)


class TestXlsx(unittest.TestCase):

    def test_numeric_cells_become_exact_strings(self):
        line = row(platform_ref=2.0250101E+15, phone=13800138000, product_code=6901234500011,
                   order_time=datetime.datetime(2026, 11, 20, 10, 15), quantity=2.0,
                   unit_price=59, paid_amount=118.0)
        result = oi.parse_file(make_xlsx([line]), "orders.xlsx")
        self.assertEqual(result.errors, [])
        order = result.orders[0]
        self.assertEqual(order.platform_ref, "2025010100000000")
        self.assertEqual(order.phone, "13800138000")
        self.assertEqual(order.lines[0].product_code, "6901234500011")
        self.assertEqual(order.lines[0].quantity, 2)
        self.assertEqual(order.lines[0].unit_price, Decimal("59.00"))
        self.assertEqual(order.paid_amount, Decimal("118.00"))

    def test_float_noise_and_real_decimals(self):
        result = oi.parse_file(make_xlsx([row(unit_price=17.910000000000004, paid_amount=35.82),
                                          row(unit_price=1.005, paid_amount=35.82)]),
                               "orders.xlsx")
        self.assertEqual(located(result), [(2, None), (3, "unit_price")])

    def test_dates_text_times_and_blank_rows(self):
        rows = [row(order_time=datetime.date(2026, 11, 20)), [None] * 15,
                row(platform_ref="9000000000002", order_time="2026/11/21 08:00"),
                row(platform_ref="9000000000003", quantity=1.5)]
        result = oi.parse_file(make_xlsx(rows), "orders.xlsx")
        self.assertEqual([order.order_time for order in result.orders],
                         [datetime.datetime(2026, 11, 20), datetime.datetime(2026, 11, 21, 8)])
        # The blank row 3 still counts: the bad row is row 5 as Excel shows it.
        self.assertEqual(located(result), [(5, "quantity")])
        self.assertEqual(result.total_rows, 3)

    def test_sparse_sheet_keeps_row_numbers(self):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        for col, name in enumerate(HEADER_EN, 1):
            sheet.cell(row=3, column=col, value=name)
        for col, key in enumerate(KEYS, 1):
            sheet.cell(row=7, column=col, value=row(quantity="0")[key])
        out = io.BytesIO()
        workbook.save(out)
        result = oi.parse_file(out.getvalue(), "orders.xlsx")
        self.assertEqual(located(result), [(7, "quantity")])
        self.assertEqual(result.header, HEADER_EN)


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


class TestRejectOrder(unittest.TestCase):

    def setUp(self):
        super(TestRejectOrder, self).setUp()
        self.result = parse_rows([row(platform_ref="A"),
                                  row(platform_ref="A", product_code="EC-UNKNOWN"),
                                  row(platform_ref="A", product_code="EC-BAG-TOTE"),
                                  row(platform_ref="B")])

    def test_reject_order(self):
        result = self.result
        self.assertEqual(len(result.orders), 2)
        result.reject_order(("TMALL01", "A"), 3, "Unknown product %(code)s.",
                            {"code": "EC-UNKNOWN"}, column="product_code")
        self.assertEqual([order.platform_ref for order in result.orders], ["B"])
        self.assertEqual(located(result), [(2, None), (3, "product_code"), (4, None)])
        self.assertEqual(result.errors[1].text(), "Unknown product EC-UNKNOWN.")
        self.assertEqual(result.errors[0].params, {"ref": "A", "bad_row": 3})
        self.assertEqual([number for number, cells in result.rejected_rows], [2, 3, 4])
        self.assertEqual(result.rejected_rows[1][1][9], "EC-UNKNOWN")

    def test_reject_again_and_by_order(self):
        result = self.result
        order = result.orders[0]
        result.reject_order(order, 3, "Unknown product.")
        result.reject_order(order.key, 2, "Duplicate order.")
        self.assertEqual(located(result), [(2, None), (3, None), (4, None)])
        self.assertEqual([err.text() for err in result.errors],
                         ["Duplicate order.", "Unknown product.",
                          "Order A rejected because row 2 has an error."])

    def test_reject_unknown(self):
        with self.assertRaises(KeyError):
            self.result.reject_order(("TMALL01", "NOPE"), 2, "x")
        with self.assertRaises(ValueError):
            self.result.reject_order(("TMALL01", "B"), 2, "x")
        self.assertEqual(len(self.result.orders), 2)


class TestRejectedCsv(unittest.TestCase):

    def _read(self, content):
        self.assertTrue(content.startswith(b"\xef\xbb\xbf"))
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))

    def _bad_sample(self):
        rows = [row(platform_ref="A"), row(platform_ref="B"),
                row(platform_ref="B", product_code="EC-BAG-TOTE", quantity="-2"),
                row(platform_ref="C")]
        return make_csv(rows)

    def test_round_trip(self):
        result = oi.parse_file(self._bad_sample(), "orders.csv")
        self.assertEqual(len(result.orders), 2)
        table = self._read(oi.rejected_rows_csv(result))
        self.assertEqual(table[0], HEADER_EN + ["Error"])
        self.assertEqual(len(table), 3)
        self.assertEqual(table[1][-1], "Order B rejected because row 4 has an error.")
        self.assertEqual(table[2][-1], "Quantity must be greater than 0 (got -2).")
        quantity = KEYS.index("quantity")
        self.assertEqual(table[2][quantity], "'-2")
        # The user fixes the cell and imports the same file again.
        table[2][quantity] = "2"
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(table)
        fixed = oi.parse_file(out.getvalue().encode("utf-8-sig"), "orders_rejected.csv")
        self.assertEqual(fixed.errors, [])
        self.assertEqual(fixed.encoding, "utf-8-sig")
        self.assertEqual(fixed.ignored_columns, [])
        self.assertEqual(len(fixed.orders), 1)
        self.assertEqual([(line.product_code, line.quantity) for line in fixed.orders[0].lines],
                         [("EC-CAP-BLK", 2), ("EC-BAG-TOTE", 2)])
        self.assertEqual(fixed.orders[0].rows, [2, 3])

    def test_rejected_again_reuses_error_column(self):
        result = oi.parse_file(self._bad_sample(), "orders.csv")
        again = oi.parse_file(oi.rejected_rows_csv(result), "orders_rejected.csv")
        self.assertEqual(len(again.orders), 0)
        self.assertEqual(located(again), [(2, None), (3, "quantity")])
        table = self._read(oi.rejected_rows_csv(again))
        self.assertEqual(table[0].count("Error"), 1)
        self.assertEqual(table[2][-1], "Quantity must be greater than 0 (got -2).")

    def test_formula_cells_are_quoted(self):
        result = parse_rows([row(platform_ref="=cmd|' /C calc'!A0", buyer_name="@x",
                                 street="+1", remark="-1", phone="+86 13800138000")])
        table = self._read(oi.rejected_rows_csv(result))
        line = dict(zip(KEYS, table[1]))
        self.assertEqual(line["platform_ref"], "'=cmd|' /C calc'!A0")
        self.assertEqual((line["buyer_name"], line["street"], line["remark"], line["phone"]),
                         ("'@x", "'+1", "'-1", "'+86 13800138000"))
        self.assertIn("formula", table[1][-1])
        for cell in table[1]:
            self.assertNotIn(cell[:1], "=+-@")

    def test_xlsx_rows_written_as_text(self):
        line = row(platform_ref=250112345678901, order_time=datetime.datetime(2026, 11, 8, 10),
                   quantity=0, unit_price=59.5, phone=13800138000)
        result = oi.parse_file(make_xlsx([line]), "orders.xlsx")
        table = self._read(oi.rejected_rows_csv(result))
        cells = dict(zip(KEYS, table[1]))
        self.assertEqual(cells["platform_ref"], "250112345678901")
        self.assertEqual(cells["order_time"], "2026-11-08 10:00:00")
        self.assertEqual((cells["quantity"], cells["unit_price"], cells["phone"]),
                         ("0", "59.5", "13800138000"))

    def test_short_rows_padded(self):
        content = make_csv([row()]) + b"TMALL01,X\r\n"
        result = oi.parse_file(content, "orders.csv")
        table = self._read(oi.rejected_rows_csv(result))
        self.assertEqual(len(table[1]), len(HEADER_EN) + 1)
        self.assertIn("Order Time is required", table[1][-1])

    def test_nothing_rejected(self):
        result = parse_rows([row()])
        self.assertEqual(self._read(oi.rejected_rows_csv(result)), [HEADER_EN + ["Error"]])


class TestVolume(unittest.TestCase):

    def test_twenty_thousand_lines(self):
        codes = ["EC-TSHIRT-RED-M", "EC-JEANS-32", "EC-CAP-BLK", "6901234500073"]
        rows = []
        for number in range(20000):
            order = number // 4  # four lines per order
            rows.append(row(platform_ref="%016d" % order, product_code=codes[number % 4],
                            quantity=str(number % 3 + 1), paid_amount="",
                            buyer_name="买家%d" % order, remark="备注 <b>%d</b>" % order))
        rows[10001]["quantity"] = "0"
        result = oi.parse_file(make_csv(rows), "big.csv")
        self.assertEqual(result.total_rows, 20000)
        self.assertEqual(len(result.orders), 4999)
        self.assertEqual(sum(len(order.lines) for order in result.orders), 19996)
        self.assertEqual(located(result), [(10002, None), (10003, "quantity"), (10004, None),
                                           (10005, None)])
        self.assertEqual(result.orders[0].remark, "备注 0")


class TestOrdersCsv(unittest.TestCase):
    """orders_csv(): the rows of some orders, for a background part of a file."""

    def _values(self, result):
        return [(order.key, order.phone, order.order_time, order.remark, order.paid_amount,
                 [(line.product_code, line.quantity, line.unit_price) for line in order.lines])
                for order in result.orders]

    def test_parts_parse_back_to_the_same_orders(self):
        rows = [row(platform_ref="P1", phone="+8613900001234", remark="=SUM(A1)"),
                row(platform_ref="P2", product_code="EC-JEANS-32"),
                row(platform_ref="P2", product_code="EC-CAP-BLK"),
                row(platform_ref="P3", quantity="0"),
                row(platform_ref="P4")]
        for content, name in ((make_csv(rows), "orders.csv"), (make_xlsx(rows), "orders.xlsx")):
            result = oi.parse_file(content, name)
            self.assertEqual([order.platform_ref for order in result.orders], ["P1", "P2", "P4"])
            part = oi.orders_csv(result, result.orders[:2])
            again = oi.parse_file(part, "part.csv")
            self.assertFalse(again.errors)
            self.assertEqual(self._values(again), self._values(result)[:2])
