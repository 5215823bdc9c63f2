# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The platforms' own exports in tools/order_import (no database): address
splitting, amounts, statuses, protected numbers and masked phones, header
signatures, zip uploads and the Tmall/Taobao order + item report pair."""
import csv
import io
import unittest
import zipfile
from decimal import Decimal

from ..tools import order_import as oi
from ..tools.order_import.address import split_address, strip_postcode
from ..tools.order_import.amounts import Figures, reconcile
from ..tools.order_import.bundle import unpack
from ..tools.order_import.buyers import buyer_key, phone_hidden, phone_stored
from ..tools.order_import.cells import CellError, convert_cell
from ..tools.order_import.reading import FileError
from ..tools.order_import.signature import ITEMS, ORDERS, recognise
from ..tools.order_import.skus import sku_key
from ..tools.order_import.status import skip_reason, status_key, status_keys

D = Decimal
RULES = oi.PlatformRules(status_keys("待发货\n买家已付款，等待卖家发货"),
                         status_keys("无售后或售后取消"), "prepaid", True)
# A small export of one row per order (as Pinduoduo's), and a pair (as
# Tmall/Taobao's): the layouts an import profile would give.
SINGLE = oi.Layout("Single", {
    "platform_ref": ["订单号"], "status": ["订单状态"], "after_sale_status": ["售后状态"],
    "buyer_name": ["收货人"], "phone": ["手机"], "province": ["省"], "city": ["市"],
    "district": ["区"], "street": ["街道"], "order_time": ["支付时间"],
    "product_code": ["商家编码-SKU维度", "商家编码-商品维度"], "product_ref": ["商品id"],
    "spec": ["商品规格"], "quantity": ["商品数量(件)"], "goods_amount": ["商品总价(元)"],
    "shop_discount": ["店铺优惠折扣(元)"], "platform_discount": ["平台优惠折扣(元)"],
    "freight": ["邮费(元)"], "paid_amount": ["用户实付金额(元)"]},
    required=["platform_ref", "status", "buyer_name", "phone", "order_time", "quantity",
              "goods_amount", "paid_amount"],
    signature=[["订单号"], ["商品总价(元)"], ["用户实付金额(元)"]], strict=False, rules=RULES)
SINGLE_HEADER = ["订单号", "订单状态", "售后状态", "收货人", "手机", "省", "市", "区", "街道",
                 "支付时间", "商家编码-SKU维度", "商家编码-商品维度", "商品id", "商品规格",
                 "商品数量(件)", "商品总价(元)", "店铺优惠折扣(元)", "平台优惠折扣(元)",
                 "邮费(元)", "用户实付金额(元)"]
ITEMS_LAYOUT = oi.Layout("Pair items", {
    "platform_ref": ["订单编号"], "product_title": ["标题"], "unit_price": ["价格"],
    "quantity": ["购买数量"], "product_code": ["商家编码", "外部系统编号"],
    "spec": ["商品属性"], "shop": ["店铺名称"]},
    required=["platform_ref", "unit_price", "quantity"],
    signature=[["订单编号"], ["标题"], ["购买数量"]], strict=False, rules=RULES)
PAIR = oi.Layout("Pair", {
    "platform_ref": ["订单编号"], "status": ["订单状态"], "buyer_name": ["收货人姓名"],
    "phone": ["联系手机", "联系电话"], "full_address": ["收货地址"],
    "order_time": ["订单付款时间"], "goods_amount": ["买家应付货款"], "freight": ["买家应付邮费"],
    "total_amount": ["总金额"], "paid_amount": ["买家实际支付金额"], "shop": ["店铺名称"],
    "remark": ["买家留言"], "seller_note": ["订单备注"], "invoice_title": ["发票抬头"]},
    required=["platform_ref", "status", "buyer_name", "phone", "full_address", "order_time",
              "paid_amount"],
    signature=[["订单编号"], ["买家实际支付金额"], ["收货地址"]], strict=False, rules=RULES,
    items=ITEMS_LAYOUT)
ORDER_HEADER = ["订单编号", "订单状态", "收货人姓名", "联系手机", "联系电话", "收货地址",
                "订单付款时间", "买家应付货款", "买家应付邮费", "总金额", "买家实际支付金额",
                "店铺名称", "买家留言", "订单备注", "发票抬头"]
ITEM_HEADER = ["订单编号", "标题", "价格", "购买数量", "外部系统编号", "商品属性", "商家编码"]
PAID = "买家已付款，等待卖家发货"


def make_csv(header, rows, encoding="utf-8-sig"):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def single_row(ref="P1", status="待发货", after_sale="无售后或售后取消", goods="198.00",
               shop="10.00", platform="5.00", freight="0.00", paid="183.00", quantity="2",
               province="湖北省", city="武汉市", district="洪山区", street="珞喻路1037号",
               phone="159****3344", sku_code="EC-RED-M", code=""):
    return [ref, status, after_sale, "赵敏", phone, province, city, district, street,
            "2026-12-01 11:20:45", sku_code, code, "556677001", "红色,M", quantity, goods, shop,
            platform, freight, paid]


def order_row(ref, status=PAID, address="浙江省 杭州市 西湖区 文三路478号 (310012)",
              goods="257.00", freight="0.00", total="257.00", paid="247.00", shop="示例店",
              mobile="138****5678", phone=""):
    return [ref, status, "张伟", mobile, phone, address, "2026-12-01 09:15:32", goods, freight,
            total, paid, shop, "请尽快发货", "老客户", "杭州示例科技有限公司"]


def item_row(ref, title="T恤", price="99.00", quantity="2", code="EC-RED-M", spec="尺码:M"):
    return [ref, title, price, quantity, "", spec, code]


def parse_pair(orders, items, **kwargs):
    return oi.parse_upload([("orders.csv", make_csv(ORDER_HEADER, orders)),
                            ("items.csv", make_csv(ITEM_HEADER, items))],
                           layouts=[PAIR, SINGLE], **kwargs)


def texts(result):
    return [(oi.row_part(err.row), err.column, err.text()) for err in result.errors]


class TestAddress(unittest.TestCase):

    def test_full_addresses_split_into_their_parts(self):
        cases = {
            "广东省 深圳市 南山区 粤海街道 科技园路1号 (518000)":
                ("广东省", "深圳市", "南山区", "粤海街道 科技园路1号", "518000"),
            "北京 北京市 朝阳区 建国路88号": ("北京市", "北京市", "朝阳区", "建国路88号", ""),
            "上海市浦东新区张江路665号": ("上海市", "上海市", "浦东新区", "张江路665号", ""),
            "广东省深圳市南山区科技园路1号（518057）":
                ("广东省", "深圳市", "南山区", "科技园路1号", "518057"),
            "广西 南宁市 青秀区 民族大道1号 530000":
                ("广西壮族自治区", "南宁市", "青秀区", "民族大道1号", "530000"),
            "新疆维吾尔自治区 伊犁哈萨克自治州 伊宁市 解放路1号":
                ("新疆维吾尔自治区", "伊犁哈萨克自治州", "伊宁市", "解放路1号", ""),
            "内蒙古自治区锡林郭勒盟锡林浩特市额尔敦路8号":
                ("内蒙古自治区", "锡林郭勒盟", "锡林浩特市", "额尔敦路8号", ""),
            "湖北省 省直辖县级行政区划 仙桃市 郑场镇 幸福路3号":
                ("湖北省", "仙桃市", "", "郑场镇 幸福路3号", ""),
            "海南省 陵水黎族自治县 椰林镇 椰林路5号":
                ("海南省", "陵水黎族自治县", "", "椰林镇 椰林路5号", ""),
            "浙江省金华市义乌市稠城街道工人北路1号":
                ("浙江省", "金华市", "义乌市", "稠城街道工人北路1号", ""),
            "广东省 东莞市 长安镇 振安路1号": ("广东省", "东莞市", "", "长安镇 振安路1号", ""),
            "中国 四川省 阿坝藏族羌族自治州 马尔康市 达萨街1号":
                ("四川省", "阿坝藏族羌族自治州", "马尔康市", "达萨街1号", ""),
        }
        for text, expected in cases.items():
            address = split_address(text)
            self.assertTrue(address.complete, text)
            self.assertEqual((address.province, address.city, address.district,
                              address.street, address.postcode), expected, text)

    def test_what_cannot_be_split_is_kept_whole(self):
        for text, province in (("经济技术开发区 创业大道88号 (330000)", ""),
                               ("广东省 南山区 科技园路1号", "广东省"),
                               ("北京路88号", "北京市"), ("", "")):
            address = split_address(text)
            self.assertFalse(address.complete, text)
            self.assertEqual(address.street, strip_postcode(text)[0])
            self.assertEqual((address.province, address.district), (province, ""))


class TestAmounts(unittest.TestCase):

    def figures(self, items="257.00", goods="257.00", freight="0.00", shop=None,
                platform=None, total=None, paid="247.00", exact=True):
        return Figures(D(items), goods and D(goods), D(freight), shop and D(shop),
                       platform and D(platform), total and D(total), D(paid), exact)

    def test_what_adds_up_becomes_freight_and_discount(self):
        self.assertEqual(reconcile(self.figures(total="257.00")), ((D(0), D(10)), None))
        self.assertEqual(reconcile(self.figures("299.00", "299.00", "10.00", total="309.00",
                                                paid="309.00")), ((D(10), D(0)), None))
        # shop and platform discounts given: they must make the amount paid
        self.assertEqual(reconcile(self.figures("299.00", "299.00", "8.00", "0.00", "20.00",
                                                paid="287.00")), ((D(8), D(20)), None))
        # a unit price worked out from the goods total: the cents go to the discount
        self.assertEqual(reconcile(self.figures("99.99", "100.00", paid="100.00",
                                                exact=False)), ((D(0), D("-0.01")), None))

    def test_figures_that_disagree_are_named_with_both_values(self):
        cases = [
            (self.figures(items="247.00"), "goods_amount",
             "The items add up to 247.00, but the goods total of the order is 257.00."),
            (self.figures(total="267.00"), "total_amount",
             "The order total is 267.00, but goods 257.00 and freight 0.00 make 257.00."),
            (self.figures(shop="10.00", platform="5.00"), "paid_amount",
             "The buyer paid 247.00, but goods 257.00 less discounts 15.00 plus freight "
             "0.00 make 242.00."),
            (self.figures(paid="300.00"), "paid_amount",
             "The buyer paid 300.00, more than goods 257.00 and freight 0.00 (257.00)."),
        ]
        for figures, field, text in cases:
            completion, mismatch = reconcile(figures)
            self.assertIsNone(completion)
            self.assertEqual((mismatch.field, mismatch.message % mismatch.params), (field, text))


class TestStatusPhonesAndNumbers(unittest.TestCase):

    def test_status_compared_without_width_spaces_or_punctuation(self):
        self.assertEqual(status_key(" 买家已付款，等待卖家发货 "), status_key("买家已付款,等待卖家发货"))
        statuses = status_keys("待发货\n\n买家已付款，等待卖家发货\n")
        self.assertEqual(len(statuses), 2)
        ok = status_keys("无售后或售后取消")
        self.assertIsNone(skip_reason("待发货", "", statuses, ok))
        self.assertIsNone(skip_reason("待发货", "无售后或售后取消", statuses, ok))
        self.assertEqual(skip_reason("交易关闭", "", statuses, ok), "交易关闭")
        self.assertEqual(skip_reason("待发货", "退款中", statuses, ok), "待发货 / 退款中")
        self.assertEqual(skip_reason("", "", statuses, ok), "-")
        self.assertIsNone(skip_reason("anything", "", None, ok))

    def test_protected_order_numbers_and_lost_digits(self):
        ref = oi.COLUMN_BY_KEY["platform_ref"]
        for raw in ('="3401234567890123"', "'3401234567890123", "\t3401234567890123 ",
                    "= \"3401234567890123\""):
            self.assertEqual(convert_cell(ref, raw), "3401234567890123", raw)
        for raw, fragment in (("3.40123E+15", "scientific notation"),
                              ('=HYPERLINK("x")', "formula"), ("=1+1", "formula")):
            with self.assertRaises(CellError) as caught:
                convert_cell(ref, raw)
            self.assertIn(fragment, caught.exception.message % dict(
                caught.exception.params, column="x"))

    def test_masked_and_virtual_phones_kept_as_given(self):
        phone = oi.COLUMN_BY_KEY["phone"]
        for raw in ("138****5678", "13800001234-1234", "13800001234转1234", "138＊＊＊＊5678"):
            self.assertEqual(convert_cell(phone, raw), raw)
            self.assertTrue(phone_hidden(raw), raw)
            self.assertEqual(phone_stored(raw), raw)
        self.assertFalse(phone_hidden("138-0013-8000"))
        self.assertFalse(phone_hidden("0571-88886666"))
        # a masked number is shared by many buyers: the name tells them apart
        self.assertNotEqual(buyer_key("138****5678", "张三"), buyer_key("138****5678", "李四"))
        self.assertEqual(buyer_key("138 0013 8000", "张三"), buyer_key("13800138000", "李四"))

    def test_sku_keys_ignore_how_the_spec_is_written(self):
        self.assertEqual(sku_key("556677001", "颜色:红色;尺码:M"),
                         sku_key(" 556677001", "颜色：红色； 尺码：m"))
        self.assertNotEqual(sku_key("556677001", "红色,M"), sku_key("556677001", "红色,L"))


class TestSignature(unittest.TestCase):

    def test_header_recognised_whatever_its_spelling_and_order(self):
        header = list(reversed(SINGLE_HEADER)) + ["商家实收金额(元)", "备注"]
        self.assertEqual(recognise(header, [PAIR, SINGLE]), (SINGLE, ORDERS))
        variants = ["\ufeff订单号", " 商品总价（元） ", "用户实付金额 (元)"]
        self.assertEqual(recognise(variants, [PAIR, SINGLE]), (SINGLE, ORDERS))
        self.assertEqual(recognise(ITEM_HEADER, [PAIR, SINGLE]), (PAIR, ITEMS))
        self.assertEqual(recognise(["订单号", "商品总价"], [PAIR, SINGLE]), (None, None))

    def test_two_exports_in_one_header_are_refused(self):
        with self.assertRaises(FileError) as caught:
            recognise(ORDER_HEADER + SINGLE_HEADER, [PAIR, SINGLE])
        self.assertEqual(caught.exception.params, {"layouts": "Pair, Single"})

    def test_copy_of_a_profile_and_more_specific_variant(self):
        copy = oi.Layout("Copy", {"platform_ref": ["订单号"]}, required=[],
                         signature=[["订单号"], ["商品总价(元)"], ["用户实付金额(元)"]],
                         strict=False, rules=RULES)
        self.assertIs(recognise(SINGLE_HEADER, [SINGLE, copy])[0], SINGLE)
        self.assertIs(recognise(SINGLE_HEADER, [copy, SINGLE])[0], copy)
        variant = oi.Layout("Variant", {"platform_ref": ["订单号"]}, required=[],
                            signature=[["订单号"], ["商品总价(元)"], ["用户实付金额(元)"],
                                       ["售后状态"]], strict=False, rules=RULES)
        self.assertIs(recognise(SINGLE_HEADER, [SINGLE, variant])[0], variant)


class TestSingleFileExport(unittest.TestCase):

    def parse(self, rows):
        return oi.parse_upload([("pdd.csv", make_csv(SINGLE_HEADER, rows))],
                               layouts=[PAIR, SINGLE],
                               channel_code="PDD01")

    def test_orders_completed_and_others_skipped(self):
        rows = [single_row(),
                single_row("P2", goods="299.00", shop="0.00", platform="20.00", freight="8.00",
                           paid="287.00", quantity="1", province="", city="", district="",
                           street="广东省深圳市南山区科技园路1号", sku_code="", code="EC-JEANS"),
                # skipped: a bad cell of a skipped order is no error
                single_row("P3", status="已发货，待签收", quantity="x"),
                single_row("P4", after_sale="退款中"),
                single_row("P5", goods="100.00", shop="0.00", platform="0.00", paid="100.00",
                           quantity="3", street="火星基地1号", province="", city="",
                           district="")]
        result = self.parse(rows)
        self.assertEqual(result.errors, [])
        self.assertEqual(list(result.skipped.values()), [
            ("P3", "已发货，待签收", 4), ("P4", "待发货 / 退款中", 5)])
        first, second, third = result.orders
        self.assertEqual(first.key, ("PDD01", "P1"))
        self.assertEqual((first.phone, first.payment_mode, first.freight_line,
                          first.discount_line, first.payable), ("159****3344", "prepaid",
                                                                D("0.00"), D("15.00"),
                                                                D("183.00")))
        self.assertEqual([(line.product_code, line.quantity, line.unit_price, line.product_ref,
                           line.spec) for line in first.lines],
                         [("EC-RED-M", 2, D("99.00"), "556677001", "红色,M")])
        self.assertEqual((second.province, second.city, second.district, second.street,
                          second.address_review), ("广东省", "深圳市", "南山区", "科技园路1号",
                                                   False))
        self.assertEqual(second.lines[0].product_code, "EC-JEANS")  # the fall-back column
        self.assertEqual((second.freight_line, second.discount_line), (D("8.00"), D("20.00")))
        # 100.00 for 3: 33.33 each, the cent back on the discount line
        self.assertEqual((third.lines[0].unit_price, third.discount_line),
                         (D("33.33"), D("-0.01")))
        self.assertEqual((third.street, third.address_review), ("火星基地1号", True))
        self.assertEqual(result.rejected_rows, [])

    def test_amounts_that_do_not_add_up_refuse_the_order(self):
        result = self.parse([single_row(), single_row("P2", paid="190.00")])
        self.assertEqual([order.platform_ref for order in result.orders], ["P1"])
        self.assertEqual(texts(result), [
            ((0, 3), "paid_amount", "The buyer paid 190.00, but goods 198.00 less discounts "
                                    "15.00 plus freight 0.00 make 183.00.")])
        self.assertEqual([row for row, cells in result.rejected_rows], [3])

    def test_another_export_pasted_below_is_refused_whole(self):
        content = make_csv(SINGLE_HEADER, [single_row()]) + make_csv(
            ORDER_HEADER, [order_row("T1")], "utf-8")
        result = oi.parse_upload([("pdd.csv", content)], layouts=[PAIR, SINGLE])
        self.assertEqual([err.text() for err in result.file_errors], [
            "Row 3 is the header of another export (Pair): a file holds one export; import "
            "each on its own."])
        self.assertEqual((result.orders, result.rejected_rows), ([], []))

    def test_scientific_order_number_refused_on_its_row(self):
        result = self.parse([single_row(), single_row("3.40123E+15")])
        self.assertEqual([order.platform_ref for order in result.orders], ["P1"])
        self.assertEqual([(oi.row_part(err.row), err.column) for err in result.errors],
                         [((0, 3), "platform_ref")])
        self.assertIn("scientific notation", result.errors[0].text())


class TestPair(unittest.TestCase):

    def test_items_joined_to_their_orders(self):
        result = parse_pair(
            [order_row("T1"), order_row("T2", status="交易关闭"),
             order_row("T3", address="北京 北京市 朝阳区 建国路88号", goods="299.00",
                       freight="10.00", total="309.00", paid="309.00", mobile="",
                       phone="0571-88886666")],
            [item_row("T1"), item_row("T1", "棒球帽", "59.00", "1", "EC-CAP"),
             item_row("T2"), item_row("T3", "牛仔裤", "299.00", "1", "", "尺码:32")])
        self.assertEqual(result.errors, [])
        self.assertEqual(result.layout, PAIR)
        self.assertEqual(list(result.skipped), ["T2"])
        self.assertEqual(result.shops, {"示例店"})
        first, second = result.orders
        self.assertEqual(first.rows, [2, oi.ITEM_ROWS + 2, oi.ITEM_ROWS + 3])
        self.assertEqual([(line.product_code, line.quantity, line.unit_price, line.title)
                          for line in first.lines],
                         [("EC-RED-M", 2, D("99.00"), "T恤"), ("EC-CAP", 1, D("59.00"), "棒球帽")])
        self.assertEqual((first.province, first.city, first.district, first.street,
                          first.postcode), ("浙江省", "杭州市", "西湖区", "文三路478号", "310012"))
        self.assertEqual((first.discount_line, first.seller_note, first.invoice_title),
                         (D("10.00"), "老客户", "杭州示例科技有限公司"))
        self.assertEqual((second.phone, second.freight_line, second.lines[0].product_code,
                          second.lines[0].spec), ("0571-88886666", D("10.00"), "", "尺码:32"))

    def test_item_without_order_and_order_without_items_are_refused(self):
        result = parse_pair([order_row("T1"), order_row("T2")],
                            [item_row("T1"), item_row("T1", "棒球帽", "59.00", "1", "EC-CAP"),
                             item_row("T9")])
        self.assertEqual(result.orders[0].platform_ref, "T1")
        self.assertEqual(texts(result), [
            ((0, 3), None, "Order T2 has no item in the item report items.csv."),
            ((1, 4), "platform_ref",
             "Order T9 of the item report has no row in the order report orders.csv.")])
        self.assertEqual(result.rejected_rows, [
            (3, order_row("T2")), (oi.ITEM_ROWS + 4, item_row("T9"))])

    def test_amounts_checked_per_order_with_both_figures(self):
        result = parse_pair([order_row("T1"), order_row("T2")],
                            [item_row("T1"), item_row("T1", "棒球帽", "59.00", "1", "EC-CAP"),
                             item_row("T2"), item_row("T2", "棒球帽", "49.00", "1", "EC-CAP")])
        self.assertEqual([order.platform_ref for order in result.orders], ["T1"])
        self.assertEqual(texts(result)[0], (
            (0, 3), "goods_amount",
            "The items add up to 247.00, but the goods total of the order is 257.00."))
        # the rejected rows of a pair come back as a pair (with an Error
        # column), and read as one again
        files = oi.rejected_files(result)
        self.assertEqual([name for name, data in files],
                         ["orders_rejected.csv", "items_rejected.csv"])
        again = oi.parse_upload(files, layouts=[PAIR, SINGLE])
        self.assertEqual(again.layout, PAIR)
        self.assertEqual([row for row, cells in again.rejected_rows],
                         [2, oi.ITEM_ROWS + 2, oi.ITEM_ROWS + 3])
        self.assertEqual(again.errors[0].text(), result.errors[0].text())

    def test_reports_of_two_shops_or_two_exports_are_no_pair(self):
        items_of_other_shop = make_csv(ITEM_HEADER + ["店铺名称"],
                                       [item_row("T1") + ["另一家店"]])
        result = oi.parse_upload([("orders.csv", make_csv(ORDER_HEADER, [order_row("T1")])),
                                  ("items.csv", items_of_other_shop)], layouts=[PAIR])
        self.assertIn("is from shop \"示例店\" and the item report items.csv from shop "
                      "\"另一家店\"", result.file_errors[0].text())
        result = parse_pair([order_row("T1")], [item_row("X1"), item_row("X2")])
        self.assertIn("have no order number in common", result.file_errors[0].text())
        self.assertEqual((result.orders, result.rejected_rows), ([], []))

    def test_one_report_alone_or_two_files_of_one_kind(self):
        orders = make_csv(ORDER_HEADER, [order_row("T1")])
        items = make_csv(ITEM_HEADER, [item_row("T1")])
        for files, fragment in (([("o.csv", orders)], "upload its item report"),
                                ([("i.csv", items)], "upload its order report"),
                                ([("o.csv", orders), ("o2.csv", orders)], "are not the order")):
            result = oi.parse_upload(files, layouts=[PAIR])
            self.assertIn(fragment, result.file_errors[0].text())

    def test_zip_of_the_pair_in_any_order(self):
        items = make_csv(ITEM_HEADER, [item_row("T1"), item_row("T1", "帽", "59.00", "1")])
        archive = oi.pack([("宝贝报表.csv", items),
                           ("订单报表.csv", make_csv(ORDER_HEADER, [order_row("T1")]))])
        result = oi.parse_upload([("export.zip", archive)], layouts=[PAIR])
        self.assertEqual(result.errors, [])
        self.assertEqual([part.filename for part in result.parts], ["订单报表.csv", "宝贝报表.csv"])
        # a background part of a big pair is a pair of CSV files again
        again = oi.parse_upload(oi.order_files(result, result.orders), layouts=[PAIR])
        self.assertEqual([(o.platform_ref, len(o.lines), o.discount_line) for o in again.orders],
                         [("T1", 2, D("10.00"))])


class TestZip(unittest.TestCase):

    def test_zip_content_and_size_checked_before_reading(self):
        many = oi.pack([("a.csv", b"x"), ("b.csv", b"x"), ("c.xlsx", b"x"), ("d.txt", b"x")])
        with self.assertRaises(FileError) as caught:
            unpack(many, 1000)
        self.assertEqual(caught.exception.params, {"count": 3})
        bomb = oi.pack([("a.csv", b"0" * 5000000)])
        self.assertLess(len(bomb), 100000)
        with self.assertRaises(FileError) as caught:
            unpack(bomb, 1000000)
        self.assertEqual(caught.exception.params["limit"], "0.954")
        with self.assertRaises(FileError):
            unpack(b"PK\x03\x04 broken", 1000)

    def test_member_names_of_a_chinese_windows(self):
        class GbkName(zipfile.ZipInfo):
            # what a Chinese Windows writes: the name in GBK, no UTF-8 flag
            def _encodeFilenameFlags(self):
                return "订单.csv".encode("gbk"), self.flag_bits

        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr(GbkName("order.csv"), b"x")
        self.assertEqual(unpack(out.getvalue(), 1000), [("订单.csv", b"x")])
