#!/usr/bin/env python3
# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""(Re)write the sample order exports of this folder, byte for byte the same.

    .venv/bin/python data/samples/make_samples.py

* tmall_orders_utf8bom.csv   Chinese headers, UTF-8 with BOM, TMALL01, 6 orders
* wechat_orders_gb18030.csv  Chinese headers, GB18030, WX01, 4 orders (COD, 分期)
* jd_orders.xlsx             English headers, JD01, 5 orders, numeric order
                             numbers and real xlsx datetimes
* orders_with_bad_row.csv    English headers, UTF-8, TMALL01, 4 orders; row 4
                             (2nd line of the 2nd order) has quantity -2

and the platforms' own exports (platform_samples.py: taobao_orders.csv,
taobao_items.csv, taobao_export.zip, pinduoduo_orders.csv, jd_export.xlsx,
douyin_orders.csv), read with the import profiles.

In the suite's template, every row: channel, order no., time, buyer, phone,
province, city, district, street, product code, quantity, unit price, paid
amount, payment mode, remark.
Paid amount is the order total for prepaid and instalment orders, 0 for COD.
"""
import csv
import datetime
import os
from decimal import Decimal

import xlsxwriter
from platform_samples import write_all as write_platform_samples

HERE = os.path.dirname(os.path.abspath(__file__))

HEADER_EN = ["Channel Code", "Platform Order No.", "Order Time", "Buyer", "Phone",
             "Province", "City", "District", "Street", "Product Code", "Quantity",
             "Unit Price", "Paid Amount", "Payment Mode", "Buyer Remark"]
HEADER_ZH = ["渠道编码", "平台订单号", "下单时间", "买家姓名", "联系电话", "省", "市",
             "区/县", "详细地址", "商品编码", "数量", "单价", "实付金额", "支付方式",
             "买家备注"]

PRICES = {
    "EC-TSHIRT-RED-M": "99.00", "EC-TSHIRT-RED-L": "99.00", "EC-TSHIRT-BLU-M": "99.00",
    "EC-JEANS-32": "299.00", "EC-SNEAKER-42": "459.00", "EC-CAP-BLK": "59.00",
    "EC-BAG-TOTE": "129.00",
}
BARCODES = {
    "6901234500011": "EC-TSHIRT-RED-M", "6901234500028": "EC-TSHIRT-RED-L",
    "6901234500035": "EC-TSHIRT-BLU-M", "6901234500042": "EC-JEANS-32",
    "6901234500059": "EC-SNEAKER-42", "6901234500066": "EC-CAP-BLK",
    "6901234500073": "EC-BAG-TOTE",
}
COD_MODES = {"货到付款", "COD", "cash on delivery", "COD after inspection"}

# (ref, time, buyer, phone, province, city, district, street, payment, remark,
#  [(product code or barcode, quantity)])
TMALL = [
    ("3851026110100012", "2026-11-01 09:15:32", "张伟", "13800138000", "浙江省", "杭州市",
     "西湖区", "文三路478号华星时代广场A座1203室", "支付宝", "请尽快发货,谢谢",
     [("EC-TSHIRT-RED-M", 2), ("EC-CAP-BLK", 1)]),
    ("3851026110100027", "2026-11-01 10:02:11", "李娜", "13912345678", "广东省", "深圳市",
     "南山区", "高新南七道18号深圳湾科技生态园10栋", "微信支付", "",
     [("EC-JEANS-32", 1)]),
    ("3851026110200033", "2026-11-02 14:48:05", "王芳", "13712345601", "北京市", "北京市",
     "朝阳区", "建国路88号SOHO现代城5号楼2306", "在线支付", "",
     [("EC-SNEAKER-42", 1), ("EC-TSHIRT-BLU-M", 1), ("EC-BAG-TOTE", 1)]),
    ("3851026110300041", "2026-11-03 20:31:47", "陈静", "18612345678", "江苏省", "南京市",
     "鼓楼区", "中山北路30号城市名人酒店公寓1806", "支付宝", "",
     [("EC-BAG-TOTE", 1), ("EC-CAP-BLK", 2)]),
    ("3851026110400058", "2026-11-04 08:05:00", "杨磊", "13698765432", "四川省", "成都市",
     "武侯区", "天府大道北段1700号环球中心E1区", "花呗分期", "",
     [("EC-SNEAKER-42", 1)]),
    ("3851026110400066", "2026-11-04 22:17:39", "刘洋", "15012345678", "上海市", "上海市",
     "浦东新区", "张江路665号3号楼502", "支付宝", "",
     [("EC-TSHIRT-RED-L", 3), ("EC-TSHIRT-RED-M", 1)]),
]

WECHAT = [
    ("0042611050000017", "2026-11-05 11:20:45", "赵敏", "13566667777", "湖北省", "武汉市",
     "洪山区", "珞喻路1037号华中科技大学西十二舍", "微信支付", "",
     [("6901234500011", 1), ("EC-JEANS-32", 1)]),
    ("4200026110500028", "2026-11-05 16:03:12", "周杰", "13822223333", "广东省", "广州市",
     "天河区", "天河路385号太古汇北塔1506", "货到付款", "到了先打电话",
     [("EC-SNEAKER-42", 1)]),
    ("4200026110600039", "2026-11-06 09:41:27", "吴婷", "13377778888", "浙江省", "宁波市",
     "鄞州区", "钱湖北路288号", "分期", "",
     [("EC-TSHIRT-BLU-M", 2), ("6901234500073", 1)]),
    ("4200026110700044", "2026-11-07 19:58:03", "郑浩", "18900001111", "福建省", "厦门市",
     "思明区", "环岛南路3999号", "微信", "",
     [("6901234500066", 3)]),
]

# JD order numbers and some phones/barcodes are numbers in the sheet, as JD
# exports them; the importer must give back the exact digits.
JD = [
    (250112345678901, datetime.datetime(2026, 11, 8, 10, 30, 0), "孙丽", "13611112222",
     "北京市", "北京市", "海淀区", "中关村大街27号中关村大厦1102", "Online", "",
     [("EC-TSHIRT-RED-M", 1), ("EC-JEANS-32", 1)]),
    (250112345678902, datetime.datetime(2026, 11, 8, 15, 12, 44), "马超", 15800001234,
     "河南省", "郑州市", "金水区", "花园路39号国贸中心B座808", "COD", "",
     [("EC-SNEAKER-42", 1)]),
    (250112345678903, datetime.datetime(2026, 11, 9, 9, 0, 0), "黄晓明", "13788889999",
     "山东省", "青岛市", "市南区", "香港中路10号颐和国际A座2001", "COD after inspection",
     "", [("EC-CAP-BLK", 2)]),
    (250112345678904, datetime.datetime(2026, 11, 10, 21, 45, 30), "林小红", "18888886666",
     "广东省", "深圳市", "福田区", "福华三路88号财富大厦26楼", "Installment", "",
     [("EC-BAG-TOTE", 1), ("EC-TSHIRT-BLU-M", 2)]),
    (250112345678905, datetime.datetime(2026, 11, 11, 0, 3, 15), "何军", "13900139000",
     "重庆市", "重庆市", "渝北区", "金开大道68号", "WeChat Pay", "",
     [(6901234500042, 1)]),
]

BAD = [
    ("3851026111500011", "2026-11-15 10:00:00", "钱多多", "13800001111", "浙江省", "杭州市",
     "滨江区", "网商路699号", "Alipay", "", [("EC-CAP-BLK", 1)]),
    # Row 4 of the file: quantity -2 instead of 2.
    ("3851026111500028", "2026-11-15 11:30:00", "孙悟空", "13800002222", "江苏省", "苏州市",
     "工业园区", "星湖街328号", "Alipay", "", [("EC-TSHIRT-RED-M", 1), ("EC-CAP-BLK", 2)]),
    ("3851026111500036", "2026-11-15 13:45:00", "周芷若", "13800003333", "广东省", "深圳市",
     "南山区", "科苑南路2666号", "cash on delivery", "",
     [("EC-JEANS-32", 1), ("EC-BAG-TOTE", 1)]),
    ("3851026111500044", "2026-11-15 16:20:00", "欧阳娜娜", "13800004444", "北京市", "北京市",
     "朝阳区", "望京街9号望京国际商业中心", "WeChat Pay", "", [("EC-SNEAKER-42", 1)]),
]
BAD_ROW_REF, BAD_ROW_LINE, BAD_ROW_QUANTITY = "3851026111500028", 1, -2


def _price(code):
    return Decimal(PRICES[BARCODES.get(str(code), str(code))])


def _rows(channel, orders):
    """Yield one row (15 values) per order line."""
    for ref, when, buyer, phone, province, city, district, street, mode, remark, lines \
            in orders:
        total = sum(_price(code) * qty for code, qty in lines)
        paid = Decimal("0.00") if mode in COD_MODES else total
        for code, qty in lines:
            yield [channel, ref, when, buyer, phone, province, city, district, street,
                   code, qty, _price(code), paid, mode, remark]


def _write_csv(name, header, rows, encoding):
    with open(os.path.join(HERE, name), "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(["%s" % value for value in row])


def _write_xlsx(name, header, rows):
    path = os.path.join(HERE, name)
    workbook = xlsxwriter.Workbook(path)
    # A fixed creation date keeps the file identical from run to run.
    workbook.set_properties({"created": datetime.datetime(2026, 11, 12, 9, 0, 0),
                             "author": "JD export"})
    sheet = workbook.add_worksheet("Orders")
    bold = workbook.add_format({"bold": True})
    whole = workbook.add_format({"num_format": "0"})
    money = workbook.add_format({"num_format": "0.00"})
    when = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    sheet.write_row(0, 0, header, bold)
    for index, row in enumerate(rows, 1):
        for col, value in enumerate(row):
            if isinstance(value, datetime.datetime):
                sheet.write_datetime(index, col, value, when)
            elif isinstance(value, Decimal):
                sheet.write_number(index, col, float(value), money)
            elif isinstance(value, int):
                sheet.write_number(index, col, value, whole)
            else:
                sheet.write_string(index, col, value)
    sheet.set_column(0, len(header) - 1, 18)
    workbook.close()


def main():
    """Write the sample files next to this script."""
    _write_csv("tmall_orders_utf8bom.csv", HEADER_ZH, _rows("TMALL01", TMALL), "utf-8-sig")
    _write_csv("wechat_orders_gb18030.csv", HEADER_ZH, _rows("WX01", WECHAT), "gb18030")
    _write_xlsx("jd_orders.xlsx", HEADER_EN, _rows("JD01", JD))
    bad_rows = list(_rows("TMALL01", BAD))
    bad = [row for row in bad_rows if row[1] == BAD_ROW_REF][BAD_ROW_LINE]
    bad[10] = BAD_ROW_QUANTITY
    _write_csv("orders_with_bad_row.csv", HEADER_EN, bad_rows, "utf-8")
    write_platform_samples(HERE)


if __name__ == "__main__":
    main()
