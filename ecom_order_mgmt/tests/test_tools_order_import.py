# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Order file parser (tools/order_import/): pure Python, no database. Reading
files: the samples, file-level errors, XLSX cells (cells and orders:
test_tools_order_import_cells.py; rejected rows: test_tools_order_import_rejects.py)."""
import datetime
import io
import os
import unittest
from decimal import Decimal

import openpyxl

from ..tools import order_import as oi
from .common_order_import import (
    BASE_ROW,
    HEADER_EN,
    HEADER_ZH,
    KEYS,
    SAMPLES,
    located,
    make_csv,
    make_xlsx,
    parse_rows,
    read_sample,
    row,
)


class TestSamples(unittest.TestCase):

    def setUp(self):
        super(TestSamples, self).setUp()
        # The samples are the repository's data/samples: a checkout without
        # them cannot run these tests, and says so (never a silent skip).
        self.assertTrue(os.path.isdir(SAMPLES), "%s is missing" % SAMPLES)

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
