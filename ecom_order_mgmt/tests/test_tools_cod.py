# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A carrier's COD remittance statement, without the ORM (tools/cod.py)."""
import datetime
import io
import unittest
from decimal import Decimal

from ..tools import cod
from ..tools.order_import.reading import FileError


def _csv(text, bom=False):
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


class TestParseStatement(unittest.TestCase):
    # unittest.TestCase: Odoo's own runner (--test-enable) sees them too

    def test_rows_of_a_chinese_csv(self):
        rows, problems = cod.parse_statement(_csv(
            "运单号,代收金额,回款日期\nSF001,\"1,299.00\",2026-12-01\n\nSF002,￥88,2026/12/02 18:30\n",
            bom=True), "sf.csv")
        self.assertEqual(problems, [])
        self.assertEqual(rows, [
            cod.StatementRow(2, "SF001", Decimal("1299.00"), datetime.date(2026, 12, 1)),
            cod.StatementRow(4, "SF002", Decimal("88.00"), datetime.date(2026, 12, 2))])

    def test_english_header_in_any_case_and_order(self):
        rows, _problems = cod.parse_statement(_csv(
            "Date,Amount Collected,Tracking No.\n20261203,10.5,yt9\n"), "yto.csv")
        self.assertEqual(rows, [cod.StatementRow(2, "yt9", Decimal("10.50"),
                                                 datetime.date(2026, 12, 3))])

    def test_xlsx_cells_as_the_spreadsheet_holds_them(self):
        import openpyxl
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["快递单号", "金额", "日期"])
        sheet.append(["ZT1", 59.9, datetime.datetime(2026, 12, 4, 9, 0)])
        buffer = io.BytesIO()
        book.save(buffer)
        rows, _problems = cod.parse_statement(buffer.getvalue(), "zto.xlsx")
        self.assertEqual(rows, [cod.StatementRow(2, "ZT1", Decimal("59.90"),
                                                 datetime.date(2026, 12, 4))])

    def test_bad_rows_are_named_good_rows_kept(self):
        rows, problems = cod.parse_statement(_csv(
            "运单号,代收金额,日期\n,10,2026-12-01\nSF2,abc,2026-12-01\nSF3,-5,2026-12-01\n"
            "SF4,10,tomorrow\nSF5,10,2026-12-01\n"), "sf.csv")
        self.assertEqual([r.tracking_ref for r in rows], ["SF5"])
        self.assertEqual([(p.message, p.params["row"]) for p in problems], [
            (cod.MSG_TRACKING, 2), (cod.MSG_AMOUNT, 3), (cod.MSG_AMOUNT, 4), (cod.MSG_DATE, 5)])

    def test_a_file_without_the_columns_or_rows_is_refused(self):
        with self.assertRaises(FileError) as caught:
            cod.parse_statement(_csv("运单号,日期\nSF1,2026-12-01\n"), "sf.csv")
        self.assertEqual(caught.exception.params["columns"], "amount")
        with self.assertRaises(FileError) as caught:
            cod.parse_statement(_csv("运单号,金额,日期\n"), "sf.csv")
        self.assertEqual(caught.exception.message, cod.MSG_NO_DATA)
        with self.assertRaises(FileError):
            cod.parse_statement(b"x", "statement.pdf")


class TestJudge(unittest.TestCase):

    def test_what_a_remittance_comes_to(self):
        self.assertEqual(cod.judge(100, 100), (cod.PAID, Decimal("100.00"), Decimal("0.00")))
        self.assertEqual(cod.judge(80, 100), (cod.SHORT, Decimal("80.00"), Decimal("20.00")))
        self.assertEqual(cod.judge(120, 100), (cod.OVER, Decimal("100.00"), Decimal("20.00")))
        self.assertEqual(cod.judge(100, 0), (cod.ALREADY_PAID, 0, Decimal("100.00")))
        self.assertEqual(cod.judge(100, 100, cod=False).outcome, cod.NOT_COD)
        self.assertEqual(cod.judge(100, 0, invoiced=False).outcome, cod.NOT_INVOICED)

    def test_cents_are_exact(self):
        self.assertEqual(cod.judge(0.1 + 0.2, 0.3).outcome, cod.PAID)

    def test_one_key_per_remittance(self):
        day = datetime.date(2026, 12, 1)
        self.assertEqual(cod.line_key(" sf1 ", day, 10), cod.line_key("SF1", day, "10.00"))
        self.assertNotEqual(cod.line_key("SF1", day, 10), cod.line_key("SF1", day, 11))
        self.assertEqual(cod.digest(b"a"), cod.digest(b"a"))
