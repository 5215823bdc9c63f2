# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Order file parser (tools/order_import/): pure Python, no database. Rejecting
orders, the rejected-rows file, volume, and the rows of some orders as CSV."""
import csv
import datetime
import io
import unittest

from ..tools import order_import as oi
from .common_order_import import HEADER_EN, KEYS, located, make_csv, make_xlsx, parse_rows, row


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
