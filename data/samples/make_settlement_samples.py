#!/usr/bin/env python3
# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""(Re)write the sample platform settlements of this folder, byte for byte the same.

    .venv/bin/python data/samples/make_settlement_samples.py

They settle the demo orders (ecom_order_mgmt/demo/ecom_order_demo.xml); import
them with E-commerce > Finance > Import Settlement on the demo channel named.

* settlement_alipay_tmall.csv  支付宝账务明细 of the Tmall shop (channel Tmall,
  journal 支付宝), GB18030 as Alipay exports it: a preamble, one row per
  movement (trade income, 0.6 % technical service fee, a refund, a marketing
  fee), a withdrawal to the bank (left aside), the summary rows. Four demo
  orders, one line of an order that is not in Odoo (to resolve).
* settlement_jd.xlsx           京东结算单 of the JD shop (channel JD, journal
  京东钱包): one row per order, 8 % commission; DEMOJD00000011 paid 10 less
  than the order (a platform coupon: a difference to resolve).
* settlement_template_wechat.csv  the suite's own template (UTF-8), WeChat
  store (journal 微信支付), 0.6 % fee.

Each line carries the platform's own line number: importing a file again
changes nothing.
"""
import csv
import datetime
import io
import os
from decimal import ROUND_HALF_UP, Decimal

import xlsxwriter

HERE = os.path.dirname(os.path.abspath(__file__))
CENT = Decimal("0.01")


def _money(value):
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _fee(gross, rate):
    return _money(Decimal(gross) * Decimal(rate))


# (order no., gross paid by the buyer, refund, other fees, date)
ALIPAY = [
    ("DEMOTM00000001", "198.00", "0", "0", "2026-11-21 10:12:03"),
    ("DEMOTM00000002", "299.00", "0", "3.00", "2026-11-21 11:40:51"),
    ("DEMOTM00000004", "198.00", "99.00", "0", "2026-11-22 09:05:17"),
    ("DEMOTM00000007", "398.00", "0", "0", "2026-11-22 15:31:44"),
    ("DEMOTM99999999", "59.00", "0", "0", "2026-11-23 08:00:00"),
]
JD = [
    ("JS2026112400001", "DEMOJD00000008", "499.00", "2026-11-24 12:00:00"),
    ("JS2026112400002", "DEMOJD00000011", "289.00", "2026-11-24 12:00:00"),
    ("JS2026112400003", "DEMOJD00000015", "228.00", "2026-11-24 12:00:00"),
]
WECHAT = [
    ("WX2026112500001", "DEMOWX00000005", "99.00", "2026-11-25"),
    ("WX2026112500002", "DEMOWX00000009", "198.00", "2026-11-25"),
]
ALIPAY_HEADER = ["账务流水号", "业务流水号", "商户订单号", "商品名称", "发生时间", "对方账号",
                 "收入金额（+元）", "支出金额（-元）", "账户余额（元）", "交易渠道", "业务类型",
                 "备注"]


def alipay_rows():
    """The statement's rows: preamble, movements, withdrawal, summary."""
    rows = [["#支付宝账务明细查询"], ["#账号：[20880000000000000156]"],
            ["#起始日期：[2026年11月21日 00:00:00]   终止日期：[2026年11月24日 00:00:00]"],
            ["#---------------------------------账务明细列表----------------------------------"],
            ALIPAY_HEADER]
    balance = Decimal("0.00")
    income = expense = Decimal("0.00")
    serial = 2026112100000000

    def movement(ref, when, amount, kind, note):
        nonlocal balance, serial, income, expense
        serial += 1
        balance += amount
        if amount >= 0:
            income += amount
        else:
            expense += -amount
        rows.append([str(serial), "B%d" % serial, ref, "", when, "",
                     "%.2f" % amount if amount >= 0 else "",
                     "%.2f" % amount if amount < 0 else "", "%.2f" % balance,
                     "支付宝", kind, note])

    for ref, gross, refund, other, when in ALIPAY:
        movement(ref, when, _money(gross), "交易付款", "")
        movement(ref, when, -_fee(gross, "0.006"), "服务费", "基础软件服务费")
        if Decimal(refund):
            movement(ref, when, -_money(refund), "交易退款", "售后退款")
        if Decimal(other):
            movement(ref, when, -_money(other), "淘宝客佣金", "营销推广")
    movement("", "2026-11-24 00:30:00", -balance, "提现", "提现到银行卡")
    rows += [["#---------------------------------账务明细列表结束-------------------------------"],
             ["#收入合计：%.2f元" % income], ["#支出合计：%.2f元" % expense],
             ["#导出时间：[2026年11月24日 09:00:00]"]]
    return rows


def write_csv(name, rows, encoding):
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    with open(os.path.join(HERE, name), "wb") as handle:
        handle.write(out.getvalue().encode(encoding))


def write_jd(name):
    path = os.path.join(HERE, name)
    book = xlsxwriter.Workbook(path)
    # a fixed creation time: the file is the same byte for byte
    book.set_properties({"created": datetime.datetime(2026, 11, 24, 12, 0, 0)})
    sheet = book.add_worksheet("结算单明细")
    when = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    amount = book.add_format({"num_format": "0.00"})
    header = ["单据编号", "订单编号", "结算时间", "货款(元)", "佣金(元)", "其他费用(元)",
              "应结金额(元)"]
    sheet.write_row(0, 0, header)
    for row, (key, ref, gross, at) in enumerate(JD, 1):
        commission = _fee(gross, "0.08")
        sheet.write(row, 0, key)
        sheet.write(row, 1, ref)
        sheet.write_datetime(row, 2, datetime.datetime.strptime(at, "%Y-%m-%d %H:%M:%S"),
                             when)
        sheet.write_number(row, 3, float(gross), amount)
        sheet.write_number(row, 4, float(commission), amount)
        sheet.write_number(row, 5, 0.0, amount)
        sheet.write_number(row, 6, float(_money(gross) - commission), amount)
    book.close()


def template_rows():
    rows = [["Line No.", "Platform Order No.", "Date", "Gross", "Commission", "Other Fees",
             "Net"]]
    for key, ref, gross, day in WECHAT:
        fee = _fee(gross, "0.006")
        rows.append([key, ref, day, gross, "%.2f" % fee, "0.00", "%.2f" % (_money(gross) - fee)])
    return rows


def main():
    write_csv("settlement_alipay_tmall.csv", alipay_rows(), "gb18030")
    write_jd("settlement_jd.xlsx")
    write_csv("settlement_template_wechat.csv", template_rows(), "utf-8")


if __name__ == "__main__":
    main()
