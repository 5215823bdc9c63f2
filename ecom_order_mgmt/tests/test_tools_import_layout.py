# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""File layouts of the order import (tools/order_import/layout.py): the column
names of a file stop at the layout, the orders are the same whatever they are."""
import csv
import io
import unittest

from ..tools import order_import as oi

# The same two lines (one order) under the suite's headers and under a
# platform's own (in another column order, with a column of its own).
ROWS = [
    {"channel_code": "TMALL01", "platform_ref": "38510", "order_time": "2026-11-20 10:15:00",
     "buyer_name": "张三", "phone": "138 0013 8000", "province": "浙江省", "city": "杭州市",
     "street": "文三路1号", "product_code": "EC-CAP-BLK", "quantity": "2",
     "unit_price": "59.00", "paid_amount": "217.00", "payment_mode": "支付宝"},
    {"channel_code": "TMALL01", "platform_ref": "38510", "order_time": "2026-11-20 10:15:00",
     "buyer_name": "张三", "phone": "13800138000", "province": "浙江省", "city": "杭州市",
     "street": "文三路1号", "product_code": "EC-BAG-TOTE", "quantity": "1",
     "unit_price": "99.00", "paid_amount": "217.00", "payment_mode": "支付宝"},
]
PLATFORM_HEADERS = {
    "platform_ref": "订单编号", "channel_code": "店铺代码", "order_time": "订单创建时间",
    "buyer_name": "收货人姓名", "phone": "联系手机", "province": "收货省份",
    "city": "收货城市", "street": "收货详细地址", "product_code": "商家编码",
    "quantity": "购买数量", "unit_price": "商品单价", "paid_amount": "买家实付金额",
    "payment_mode": "付款方式",
}
PLATFORM = oi.Layout("platform", {key: (name,) for key, name in PLATFORM_HEADERS.items()})


def make_csv(header, keys, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for line in rows:
        writer.writerow([line.get(key, "") for key in keys])
    return out.getvalue().encode("utf-8")


def suite_file(rows):
    keys = [col.key for col in oi.COLUMNS]
    return make_csv([col.label for col in oi.COLUMNS], keys, rows)


def platform_file(rows, extra=True):
    keys = sorted(PLATFORM_HEADERS, reverse=True)
    header = [PLATFORM_HEADERS[key] for key in keys]
    if extra:
        header.append("宝贝标题")
        keys.append("title")
    return make_csv(header, keys, rows)


def orders(result):
    return [(order.key, order.order_time, order.buyer_name, order.phone, order.province,
             order.district, order.payment_mode, order.paid_amount, order.remark,
             [(line.product_code, line.quantity, line.unit_price, line.row)
              for line in order.lines]) for order in result.orders]


class TestLayout(unittest.TestCase):

    def test_another_layout_gives_the_same_orders(self):
        suite = oi.parse_file(suite_file(ROWS), "orders.csv")
        platform = oi.parse_file(platform_file(ROWS), "orders.csv", layout=PLATFORM)
        assert suite.errors == platform.errors == []
        assert orders(platform) == orders(suite)
        assert len(platform.orders) == 1
        # what the layout does not know is ignored and said so, as with the suite's
        assert platform.ignored_columns == ["宝贝标题"]

    def test_errors_name_the_field_whatever_the_file_calls_it(self):
        bad = [dict(ROWS[0], quantity="-2"), ROWS[1]]
        suite = oi.parse_file(suite_file(bad), "orders.csv")
        platform = oi.parse_file(platform_file(bad), "orders.csv", layout=PLATFORM)
        assert [(e.row, e.column, e.text()) for e in platform.errors] == [
            (e.row, e.column, e.text()) for e in suite.errors]
        assert platform.errors[0].text() == "Quantity must be greater than 0 (got -2)."

    def test_missing_and_duplicate_columns_of_a_layout(self):
        header = ["订单编号", "店铺代码", "订单编号", "Quantity", "error", ""]
        found = PLATFORM.map_header(header)
        assert found.indexes == {"platform_ref": 0, "channel_code": 1}
        assert found.duplicates == ["platform_ref"]
        # the suite's own header names mean nothing to another layout
        assert found.ignored == ["Quantity"]
        assert "quantity" in found.missing and "district" not in found.missing
        result = oi.parse_file(make_csv(header, [], []), "orders.csv", layout=PLATFORM)
        assert [e.text() for e in result.file_errors][1] == (
            "Column Platform Order No. appears more than once in the header.")

    def test_suite_layout_reads_keys_english_and_chinese_headers(self):
        for names in (["channel_code", "platform_ref"], ["Channel  CODE", "platform order no."],
                      ["渠道编码", "平台订单号"]):
            assert oi.SUITE_LAYOUT.map_header(names).indexes == {
                "channel_code": 0, "platform_ref": 1}

    def test_row_cells_by_field_key(self):
        indexes = {"platform_ref": 2, "quantity": 0}
        assert oi.SUITE_LAYOUT.row_cells(["3", "x", "A-1"], indexes) == {
            "platform_ref": "A-1", "quantity": "3"}
        # a short row has nothing in its missing cells
        assert oi.SUITE_LAYOUT.row_cells(["3"], indexes) == {"platform_ref": None, "quantity": "3"}

    def test_platform_layout_tolerates_spelling_and_falls_back(self):
        layout = oi.Layout("pdd", {"platform_ref": ["订单号"],
                                   "product_code": ["商家编码-SKU维度", "商家编码-商品维度"],
                                   "goods_amount": ["商品总价(元)"]},
                           required=["platform_ref"], strict=False)
        header = ["\ufeff 订单号 ", "商家编码-商品维度", "商品总价（元）", "商家编码-SKU维度",
                  "订单号"]
        found = layout.map_header(header)
        # a repeated column of a lenient layout is no error: the first is read
        self.assertEqual((found.indexes, found.fallbacks, found.duplicates, found.missing),
                         ({"platform_ref": 0, "product_code": 3, "goods_amount": 2},
                          {"product_code": [1]}, [], []))
        cells = layout.row_cells(["P1", "EC-TSHIRT", "198", "", "P1"], found.indexes,
                                 found.fallbacks)
        self.assertEqual(cells, {"platform_ref": "P1", "product_code": "EC-TSHIRT",
                                 "goods_amount": "198"})
        cells = layout.row_cells(["P1", "EC-TSHIRT", "198", "EC-RED-M"], found.indexes,
                                 found.fallbacks)
        self.assertEqual(cells["product_code"], "EC-RED-M")
        self.assertEqual(oi.header_name("商品总价（元）"), oi.header_name(" 商品总价 (元)"))
