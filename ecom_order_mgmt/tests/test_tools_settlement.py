# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reading platform settlements (tools/settlement.py), without a database:
each platform's file gives the same lines (order, gross, fees, net), a file
with a bad row is refused whole, and a line is booked only when its gross
is what the clearing account holds."""
import datetime
import io
import os
import unittest
from decimal import Decimal

import xlsxwriter

from ..tools import settlement as st
from ..tools.order_import.reading import FileError

SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       os.pardir, os.pardir, "data", "samples")
SUITE_HEADER = ["Line No.", "Platform Order No.", "Date", "Gross", "Commission",
                "Other Fees", "Net"]


def csv_bytes(rows, encoding="utf-8-sig"):
    return "\r\n".join(",".join(str(cell) for cell in row) for row in rows).encode(encoding)


def xlsx_bytes(rows):
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet()
    when = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if isinstance(cell, datetime.datetime):
                sheet.write_datetime(r, c, cell, when)
            else:
                sheet.write(r, c, cell)
    book.close()
    return out.getvalue()


class TestSettlementFiles(unittest.TestCase):

    def test_suite_template_gives_one_line_per_order(self):
        parsed = st.parse_settlement(csv_bytes([
            SUITE_HEADER,
            ["L001", "T001", "2026-11-10", "100.00", "5.00", "1.00", "94.00"],
            ["L002", "T002", "2026-11-11 08:00:00", '"¥1,250.50"', "-62.53", "", "1187.97"],
        ]), "settle.csv")
        self.assertEqual(parsed.profile, "suite")
        self.assertEqual(parsed.errors, [])
        first, second = parsed.lines
        self.assertEqual((first.key, first.order_ref, first.gross, first.commission,
                          first.other_fees, first.net),
                         ("L001", "T001", Decimal("100.00"), Decimal("5.00"),
                          Decimal("1.00"), Decimal("94.00")))
        self.assertEqual(second.gross, Decimal("1250.50"))
        # a deduction written as a negative number is still a fee
        self.assertEqual(second.commission, Decimal("62.53"))
        self.assertEqual(second.date, datetime.date(2026, 11, 11))

    def test_chinese_headers_and_gb18030(self):
        parsed = st.parse_settlement(csv_bytes([
            ["流水号", "订单号", "结算时间", "订单金额", "佣金", "其他费用", "实收金额"],
            ["L9", "T9", "2026/11/12", "200", "10", "0", "190"],
        ], encoding="gb18030"), "结算.csv")
        self.assertEqual(parsed.lines[0].net, Decimal("190.00"))

    def test_net_that_is_not_gross_less_fees_refuses_the_row(self):
        parsed = st.parse_settlement(csv_bytes([
            SUITE_HEADER,
            ["L001", "T001", "2026-11-10", "100.00", "5.00", "0", "96.00"],
            ["L002", "T002", "2026-11-10", "abc", "0", "0", "0"],
            ["L001", "T003", "2026-11-10", "10", "0", "0", "10"],
        ]), "settle.csv")
        self.assertEqual([row for row, _message, _params in parsed.errors], [2, 3, 4])
        self.assertEqual(parsed.errors[0][1], st.MSG_NET)
        self.assertEqual(parsed.errors[1][1], st.MSG_AMOUNT)
        self.assertEqual(parsed.errors[2][1], st.MSG_DUPLICATE)

    def test_alipay_statement_is_folded_per_order(self):
        """Alipay's account statement: a preamble, one row per movement
        (trade income, service fee, refund, withdrawal), a summary at the end."""
        header = ["账务流水号", "业务流水号", "商户订单号", "商品名称", "发生时间", "对方账号",
                  "收入金额（+元）", "支出金额（-元）", "账户余额（元）", "交易渠道", "业务类型",
                  "备注"]
        parsed = st.parse_settlement(csv_bytes([
            ["#支付宝账务明细查询"], ["#账号：[20880000000000000156]"],
            ["#起始日期：[2026年11月01日 00:00:00]   终止日期：[2026年11月30日 00:00:00]"],
            ["#-----------------------------------------账务明细列表-----------------------"],
            header,
            ["2026111021001", "B1", "T200P3851026110100012", "衬衫", "2026-11-10 10:00:00", "",
             "198.00", "", "198.00", "支付宝", "交易付款", ""],
            ["2026111021002", "B2", "T200P3851026110100012", "", "2026-11-10 10:00:01", "",
             "", "-9.90", "188.10", "支付宝", "服务费", "天猫佣金"],
            ["2026111021003", "B3", "T200P3851026110100012", "", "2026-11-10 10:00:02", "",
             "", "-1.00", "187.10", "支付宝", "收费", "花呗服务费"],
            ["2026111021004", "B4", "3851026110100027", "", "2026-11-11 09:00:00", "",
             "299.00", "", "486.10", "支付宝", "在线支付", ""],
            ["2026111021005", "B5", "3851026110100027", "", "2026-11-12 09:00:00", "",
             "", "-99.00", "387.10", "支付宝", "交易退款", ""],
            ["2026111021006", "B6", "T200P3851026110100033", "", "2026-11-12 09:30:00", "",
             "", "-5.00", "382.10", "支付宝", "淘宝客佣金", ""],
            ["2026111021007", "", "", "", "2026-11-13 00:00:00", "",
             "", "-382.10", "0.00", "支付宝", "提现", "提现到银行卡"],
            ["#-----------------------------------------账务明细列表结束-----------------------"],
            ["#收入合计：497.00元"], ["#支出合计：497.00元"],
        ]), "20880000000000000156_账务明细.csv")
        self.assertEqual(parsed.profile, "alipay")
        self.assertEqual(parsed.errors, [])
        self.assertEqual(parsed.skipped, 1)  # the withdrawal is no order's money
        lines = {line.order_ref: line for line in parsed.lines}
        tmall = lines["T200P3851026110100012"]
        self.assertEqual((tmall.key, tmall.gross, tmall.commission, tmall.other_fees, tmall.net),
                         ("2026111021001", Decimal("198.00"), Decimal("10.90"), Decimal("0"),
                          Decimal("187.10")))
        refunded = lines["3851026110100027"]
        self.assertEqual((refunded.gross, refunded.net), (Decimal("200.00"), Decimal("200.00")))
        self.assertEqual(refunded.date, datetime.date(2026, 11, 12))
        fee_only = lines["T200P3851026110100033"]
        self.assertEqual((fee_only.gross, fee_only.other_fees, fee_only.net),
                         (Decimal("0"), Decimal("5.00"), Decimal("-5.00")))

    def test_jd_and_pinduoduo_settlements(self):
        jd = st.parse_settlement(xlsx_bytes([
            ["单据编号", "订单编号", "结算时间", "货款(元)", "佣金(元)", "其他费用(元)",
             "应结金额(元)"],
            ["JS001", 90001234567, datetime.datetime(2026, 11, 15, 12, 0), 499, 39.92, 0,
             459.08],
        ]), "jd.xlsx")
        self.assertEqual(jd.profile, "jd")
        self.assertEqual((jd.lines[0].order_ref, jd.lines[0].net),
                         ("90001234567", Decimal("459.08")))
        pdd = st.parse_settlement(csv_bytes([
            ["账单流水号", "订单编号", "入账时间", "订单金额(元)", "技术服务费(元)",
             "其他费用(元)", "实收金额(元)"],
            ["P01", "261115-123456789", "2026-11-15 13:00:00", "59.00", "0.35", "0.00",
             "58.65"],
        ]), "pdd.csv")
        self.assertEqual(pdd.profile, "pdd")
        self.assertEqual(pdd.lines[0].commission, Decimal("0.35"))

    def test_files_it_cannot_read(self):
        with self.assertRaises(FileError) as caught:
            st.parse_settlement(csv_bytes([["a", "b"], ["1", "2"]]), "x.csv")
        self.assertEqual(caught.exception.message, st.MSG_NO_HEADER)
        with self.assertRaises(FileError) as caught:
            st.parse_settlement(csv_bytes([SUITE_HEADER]), "x.csv")
        self.assertEqual(caught.exception.message, st.MSG_NO_LINES)
        with self.assertRaises(FileError):
            st.parse_settlement(b"whatever", "x.pdf")

    def test_order_reference_of_a_taobao_trade(self):
        self.assertEqual(st.order_refs("T200P3851026110100012"),
                         ["T200P3851026110100012", "3851026110100012"])
        self.assertEqual(st.order_refs(" T00000001 "), ["T00000001"])
        self.assertEqual(st.order_refs(""), [])

    def test_match(self):
        self.assertIsNone(st.match(Decimal("100"), 100.0, True, True))
        self.assertEqual(st.match(100, 0, False, False), st.NO_ORDER)
        self.assertEqual(st.match(100, 0, True, False), st.NO_PAYMENT)
        self.assertEqual(st.match(100, 0, True, True), st.SETTLED)
        self.assertEqual(st.match(95, 100, True, True), st.AMOUNT)
        # a refund paid out: the platform's line is negative, as is the item
        self.assertIsNone(st.match(Decimal("-30"), -30.0, True, True))

    def test_age_buckets(self):
        self.assertEqual([st.age_bucket(d) for d in (0, 7, 8, 15, 16, 30, 31, 60, 61, 400)],
                         ["0_7", "0_7", "8_15", "8_15", "16_30", "16_30", "31_60", "31_60",
                          "61", "61"])
        self.assertIn("WHEN d <= 7 THEN '0_7'", st.age_bucket_sql("d"))


@unittest.skipUnless(os.path.isdir(SAMPLES), "data/samples not shipped with the addon")
class TestSettlementSamples(unittest.TestCase):
    """The sample statements (data/samples/make_settlement_samples.py) read
    without error, their nets adding up to what the platform paid out."""

    def _parse(self, name):
        with open(os.path.join(SAMPLES, name), "rb") as sample:
            return st.parse_settlement(sample.read(), name)

    def test_alipay_sample(self):
        parsed = self._parse("settlement_alipay_tmall.csv")
        self.assertEqual((parsed.profile, parsed.errors, parsed.skipped), ("alipay", [], 1))
        self.assertEqual(len(parsed.lines), 5)
        # the withdrawal to the bank is the sum of the nets
        self.assertEqual(sum(line.net for line in parsed.lines), Decimal("1043.09"))
        refunded = [line for line in parsed.lines if line.order_ref == "DEMOTM00000004"][0]
        self.assertEqual((refunded.gross, refunded.commission),
                         (Decimal("99.00"), Decimal("1.19")))

    def test_jd_and_template_samples(self):
        jd = self._parse("settlement_jd.xlsx")
        self.assertEqual((jd.profile, jd.errors, len(jd.lines)), ("jd", [], 3))
        self.assertEqual(jd.lines[0].commission, Decimal("39.92"))
        wechat = self._parse("settlement_template_wechat.csv")
        self.assertEqual((wechat.profile, [ln.net for ln in wechat.lines]),
                         ("suite", [Decimal("98.41"), Decimal("196.81")]))
