# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The platforms' own exports (import profiles), written by make_samples.py.

Made-up buyers, laid out as the seller centres export their orders:

* taobao_orders.csv + taobao_items.csv (GB18030, as the seller centre
  writes them) and taobao_export.zip (both): the Tmall/Taobao order report
  and item report of shop 示例天猫旗舰店, 8 orders: 5 paid and waiting to
  ship (one with an item whose merchant code no product has: mapped by
  the channel's SKU map), 3 skipped (等待买家付款, 交易关闭, 卖家已发货…);
* pinduoduo_orders.csv (UTF-8 with BOM, columns with "(元)"): 6 orders, 3
  skipped (已发货，待签收, 待发货 with 售后 退款中, 已取消);
* jd_export.xlsx: JD's order export of shop 示例京东专营店, one row per
  line, order numbers as numbers, 5 orders (one cash on delivery), 2
  skipped (等待付款, 已取消);
* douyin_orders.csv (UTF-8): one row per sub-order, 5 orders, 2 skipped
  (已关闭, 待支付).

Each has a skipped status, a masked phone, an order number protected from
the spreadsheet (="…" or '…), an address in one free text, and a discount.
"""
import csv
import datetime
import io
import os
import zipfile

import xlsxwriter

TAOBAO_SHOP = "示例天猫旗舰店"
JD_SHOP = "示例京东专营店"
PAID_TAOBAO = "买家已付款，等待卖家发货"

TAOBAO_ORDER_HEADER = [
    "订单编号", "买家会员名", "买家支付宝账号", "买家应付货款", "买家应付邮费", "总金额",
    "买家实际支付金额", "订单状态", "买家留言", "收货人姓名", "收货地址", "运送方式",
    "联系电话", "联系手机", "订单创建时间", "订单付款时间", "宝贝标题", "宝贝总数量",
    "店铺名称", "订单关闭原因", "发票抬头", "纳税人识别号", "订单备注"]
TAOBAO_ITEM_HEADER = ["订单编号", "标题", "价格", "购买数量", "外部系统编号", "商品属性",
                      "套餐信息", "备注", "订单状态", "商家编码"]
# (order no. as written, status, buyer, phone, mobile, address, created, paid,
#  freight, paid amount, remark, seller note, invoice title, tax id,
#  [(title, price, quantity, merchant code, attributes)])
TAOBAO = [
    ('="3851026120100011"', PAID_TAOBAO, "张伟", "", "138****5678",
     "浙江省 杭州市 西湖区 文三路478号华星时代广场A座1203室 (310012)",
     "2026-12-01 09:10:00", "2026-12-01 09:15:32", "0.00", "247.00", "请尽快发货",
     "老客户，送小礼品", "杭州示例科技有限公司", "91330106MA2B3C4D5E",
     [("纯棉圆领T恤 红色", "99.00", 2, "EC-TSHIRT-RED-M", "颜色分类:红色;尺码:M"),
      ("棒球帽 黑色", "59.00", 1, "EC-CAP-BLK", "颜色分类:黑色")]),
    ("'3851026120100022", PAID_TAOBAO, "李娜", "", "13912345678",
     "北京 北京市 朝阳区 建国路88号SOHO现代城5号楼2306", "2026-12-01 10:00:00",
     "2026-12-01 10:02:11", "10.00", "309.00", "", "", "", "",
     [("修身牛仔裤", "299.00", 1, "EC-JEANS-32", "尺码:32")]),
    ("3851026120200033", "等待买家付款", "王芳", "", "13712345601",
     "江苏省 南京市 鼓楼区 中山北路30号 (210008)", "2026-12-02 14:48:05", "", "0.00",
     "0.00", "", "", "", "", [("帆布托特包", "129.00", 1, "EC-BAG-TOTE", "")]),
    ("3851026120200044", "交易关闭", "刘洋", "", "15012345678",
     "上海 上海市 浦东新区 张江路665号3号楼502", "2026-12-02 20:31:47", "", "0.00", "0.00",
     "", "", "", "", [("棒球帽 黑色", "59.00", 3, "EC-CAP-BLK", "颜色分类:黑色")]),
    ("3851026120300055", PAID_TAOBAO, "孙丽", "0571-88886666", "",
     "经济技术开发区 创业大道88号 (330000)", "2026-12-03 08:00:00", "2026-12-03 08:05:00",
     "0.00", "439.00", "", "", "", "", [("跑步鞋", "459.00", 1, "EC-SNEAKER-42", "尺码:42")]),
    ("3851026120300066", "卖家已发货，等待买家确认", "马超", "", "15800001234",
     "河南省 郑州市 金水区 花园路39号", "2026-12-03 09:00:00", "2026-12-03 09:01:00", "0.00",
     "99.00", "", "", "", "", [("纯棉圆领T恤 蓝色", "99.00", 1, "EC-TSHIRT-BLU-M", "")]),
    ('="3851026120400077"', PAID_TAOBAO, "陈静", "", "13800001234-1234",
     "新疆维吾尔自治区 乌鲁木齐市 天山区 解放北路1号 (830000)", "2026-12-04 11:00:00",
     "2026-12-04 11:03:00", "12.00", "200.00", "", "", "", "",
     [("新款帆布鞋 小白鞋", "129.00", 1, "", "颜色分类:白色;尺码:40"),
      ("棒球帽 黑色", "59.00", 1, "EC-CAP-BLK", "颜色分类:黑色")]),
    ("3851026120400088", PAID_TAOBAO, "杨磊", "", "13698765432",
     "湖北省 省直辖县级行政区划 仙桃市 郑场镇 幸福路3号", "2026-12-04 22:00:00",
     "2026-12-04 22:17:39", "0.00", "277.00", "", "", "", "",
     [("纯棉圆领T恤 蓝色", "99.00", 3, "EC-TSHIRT-BLU-M", "颜色分类:蓝色;尺码:M")]),
]

PDD_HEADER = [
    "商品", "订单号", "订单状态", "商品总价(元)", "店铺优惠折扣(元)", "平台优惠折扣(元)",
    "邮费(元)", "用户实付金额(元)", "商家实收金额(元)", "商品数量(件)", "收货人", "手机", "省",
    "市", "区", "街道", "支付时间", "商品id", "商品规格", "商家编码-SKU维度",
    "商家编码-商品维度", "商家备注", "买家留言", "售后状态"]
# (title, order no., status, goods, shop discount, platform discount, freight,
#  paid, merchant receives, quantity, recipient, phone, province, city,
#  district, street, paid at, product id, spec, SKU code, product code,
#  seller note, buyer remark, after-sale status)
NO_AFTER_SALE = "无售后或售后取消"
PINDUODUO = [
    ("纯棉圆领T恤", '="261201-558812345678901"', "待发货", "198.00", "10.00", "5.00", "0.00",
     "183.00", "188.00", "2", "赵敏", "159****3344", "湖北省", "武汉市", "洪山区",
     "珞喻路1037号华中科技大学西十二舍", "2026-12-01 11:20:45", "556677001", "红色,M",
     "EC-TSHIRT-RED-M", "EC-TSHIRT", "", "尽快发货", NO_AFTER_SALE),
    ("修身牛仔裤", "'261201-558812345678902", "待发货", "299.00", "0.00", "20.00", "8.00",
     "287.00", "307.00", "1", "周杰", "13822223333", "", "", "", "广东省深圳市南山区科技园路1号",
     "2026-12-01 16:03:12", "556677002", "32码", "", "EC-JEANS-32", "加急", "", NO_AFTER_SALE),
    ("帆布托特包", "261202-558812345678903", "已发货，待签收", "129.00", "0.00", "0.00", "0.00",
     "129.00", "129.00", "1", "吴婷", "13377778888", "浙江省", "宁波市", "鄞州区",
     "钱湖北路288号", "2026-12-02 09:41:27", "556677003", "米白", "EC-BAG-TOTE", "", "", "",
     NO_AFTER_SALE),
    ("棒球帽", "261202-558812345678904", "待发货", "59.00", "0.00", "0.00", "0.00", "59.00",
     "59.00", "1", "郑浩", "18900001111", "福建省", "厦门市", "思明区", "环岛南路3999号",
     "2026-12-02 19:58:03", "556677004", "黑色", "EC-CAP-BLK", "", "", "", "退款中"),
    ("跑步鞋", "261203-558812345678905", "已取消", "459.00", "0.00", "0.00", "0.00", "0.00",
     "0.00", "1", "黄晓明", "13788889999", "山东省", "青岛市", "市南区", "香港中路10号",
     "", "556677005", "42码", "EC-SNEAKER-42", "", "", "", NO_AFTER_SALE),
    ("棒球帽", "261203-558812345678906", "待发货", "177.00", "0.00", "0.00", "0.00", "177.00",
     "177.00", "3", "林小红", "18888886666", "广东省", "深圳市", "福田区", "福华三路88号财富大厦26楼",
     "2026-12-03 21:45:30", "556677004", "黑色", "EC-CAP-BLK", "", "", "", NO_AFTER_SALE),
]

JD_HEADER = [
    "订单号", "商品ID", "商品名称", "订购数量", "支付方式", "下单时间", "京东价", "订单金额",
    "应付金额", "订单状态", "客户姓名", "客户地址", "联系电话", "订单备注", "运费金额",
    "付款确认时间", "商家SKU", "货号", "店铺名称", "发票抬头", "纳税人识别号"]
# (order no., payment, ordered at, goods, freight, payable, status, name,
#  address, phone, remark, invoice title, tax id,
#  [(product id, title, quantity, price, SKU, article no.)])
JD = [
    ('="250112345679001"', "在线支付", datetime.datetime(2026, 12, 1, 10, 30), "398.00",
     "0.00", "388.00", "等待出库", "何军", "广东省 广州市 天河区 天河路385号太古汇北塔1506",
     "137****2222", "", "广州示例贸易有限公司", "91440101MA5C6D7E8F",
     [(100012345601, "纯棉圆领T恤 红色 M", 1, "99.00", "EC-TSHIRT-RED-M", ""),
      (100012345602, "修身牛仔裤 32", 1, "299.00", "", "EC-JEANS-32")]),
    (250112345679002, "货到付款", datetime.datetime(2026, 12, 1, 15, 12, 44), "459.00",
     "10.00", "469.00", "等待出库", "黄蓉", "重庆 重庆市 渝北区 金开大道68号",
     "13611112222", "送货前电话联系", "", "",
     [(100012345603, "跑步鞋 42", 1, "459.00", "EC-SNEAKER-42", "")]),
    (250112345679003, "在线支付", datetime.datetime(2026, 12, 2, 9, 0), "118.00", "0.00",
     "118.00", "等待付款", "郭靖", "山东省 青岛市 市南区 香港中路10号", "13788889990", "", "",
     "", [(100012345604, "棒球帽 黑色", 2, "59.00", "EC-CAP-BLK", "")]),
    (250112345679004, "在线支付", datetime.datetime(2026, 12, 2, 21, 45, 30), "228.00",
     "0.00", "228.00", "已取消", "杨过", "广东省 深圳市 福田区 福华三路88号", "18888886660",
     "", "", "", [(100012345605, "帆布托特包", 1, "129.00", "EC-BAG-TOTE", ""),
                  (100012345606, "纯棉圆领T恤 蓝色 M", 1, "99.00", "EC-TSHIRT-BLU-M", "")]),
    (250112345679005, "在线支付", datetime.datetime(2026, 12, 3, 0, 3, 15), "258.00", "0.00",
     "238.00", "等待出库", "小龙女", "内蒙古自治区 呼和浩特市 赛罕区 大学东街1号 (010020)",
     "13900139000", "", "", "", [(100012345605, "帆布托特包", 2, "129.00", "EC-BAG-TOTE", "")]),
]

DOUYIN_HEADER = [
    "主订单编号", "子订单编号", "选购商品", "商品规格", "商品数量", "商品ID", "商家编码",
    "商品单价", "订单应付金额", "运费", "收件人", "收件人手机号", "省", "市", "区", "街道",
    "详细地址", "订单提交时间", "支付完成时间", "订单状态", "买家留言", "商家备注"]
# (main order no., payable, freight, recipient, phone, province, city,
#  district, street, detail, submitted, paid, status, remark, seller note,
#  [(title, spec, quantity, product id, merchant code, price)])
DOUYIN = [
    ('="4930000000000001"', "207.00", "0.00", "周杰伦", "186****1234", "广东省", "广州市",
     "天河区", "天河街道", "天河路385号太古汇北塔1506", "2026/12/01 10:00:00",
     "2026/12/01 10:00:30", "待发货", "", "直播间下单",
     [("纯棉圆领T恤", "蓝色;M", 1, "3600000001", "EC-TSHIRT-BLU-M", "99.00"),
      ("棒球帽", "黑色", 2, "3600000002", "EC-CAP-BLK", "59.00")]),
    ("'4930000000000002", "305.00", "6.00", "蔡依林", "13566667777", "", "", "", "",
     "四川省 阿坝藏族羌族自治州 马尔康市 达萨街1号", "2026/12/01 12:00:00",
     "2026/12/01 12:01:00", "待发货", "不要放驿站", "",
     [("修身牛仔裤", "32码", 1, "3600000003", "EC-JEANS-32", "299.00")]),
    ("4930000000000003", "129.00", "0.00", "王力宏", "13500001111", "江苏省", "苏州市",
     "工业园区", "", "星湖街328号", "2026/12/02 09:00:00", "2026/12/02 09:00:10", "已关闭",
     "", "", [("帆布托特包", "米白", 1, "3600000004", "EC-BAG-TOTE", "129.00")]),
    ("4930000000000004", "459.00", "0.00", "林俊杰", "13500002222", "福建省", "厦门市",
     "思明区", "", "环岛南路1号", "2026/12/02 20:00:00", "", "待支付", "", "",
     [("跑步鞋", "42码", 1, "3600000005", "EC-SNEAKER-42", "459.00")]),
    ("4930000000000005", "129.00", "0.00", "孙燕姿", "13500003333", "", "", "", "",
     "海南省 陵水黎族自治县 椰林镇 椰林路5号", "2026/12/03 08:00:00", "2026/12/03 08:00:20",
     "备货中", "", "", [("帆布托特包", "米白", 1, "3600000004", "EC-BAG-TOTE", "129.00")]),
]


def _csv_bytes(header, rows, encoding):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def taobao_files():
    """(order report bytes, item report bytes): GB18030 CSV."""
    orders, items = [], []
    for (ref, status, buyer, phone, mobile, address, created, paid_at, freight, paid,
         remark, note, title, tax_id, lines) in TAOBAO:
        goods = sum(float(price) * qty for _t, price, qty, _c, _a in lines)
        total = goods + float(freight)
        closed = "买家不想买了" if status == "交易关闭" else ""
        orders.append([ref, "tb_%s" % buyer, "", "%.2f" % goods, freight, "%.2f" % total, paid,
                       status, remark, buyer, address, "快递", phone, mobile, created, paid_at,
                       lines[0][0], sum(qty for _t, _p, qty, _c, _a in lines), TAOBAO_SHOP,
                       closed, title, tax_id, note])
        for item_title, price, qty, code, attributes in lines:
            items.append([ref, item_title, price, qty, code, attributes, "", "", status, code])
    return (_csv_bytes(TAOBAO_ORDER_HEADER, orders, "gb18030"),
            _csv_bytes(TAOBAO_ITEM_HEADER, items, "gb18030"))


def pinduoduo_file():
    return _csv_bytes(PDD_HEADER, [list(row) for row in PINDUODUO], "utf-8-sig")


def douyin_file():
    rows = []
    for (ref, payable, freight, name, phone, province, city, district, street, detail,
         submitted, paid_at, status, remark, note, lines) in DOUYIN:
        for number, (title, spec, qty, product_id, code, price) in enumerate(lines, 1):
            sub = "%s%02d" % (ref.strip("='\""), number)
            rows.append([ref, sub, title, spec, qty, product_id, code, price, payable, freight,
                         name, phone, province, city, district, street, detail, submitted,
                         paid_at, status, remark, note])
    return _csv_bytes(DOUYIN_HEADER, rows, "utf-8")


def write_jd(path):
    workbook = xlsxwriter.Workbook(path)
    workbook.set_properties({"created": datetime.datetime(2026, 12, 4, 9, 0, 0),
                             "author": "JD export"})
    sheet = workbook.add_worksheet("订单")
    whole = workbook.add_format({"num_format": "0"})
    when = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    sheet.write_row(0, 0, JD_HEADER)
    row = 1
    for (ref, payment, ordered, goods, freight, payable, status, name, address, phone,
         remark, title, tax_id, lines) in JD:
        for product_id, item, qty, price, sku, article in lines:
            values = [ref, product_id, item, qty, payment, ordered, price, goods, payable,
                      status, name, address, phone, remark, freight, "", sku, article,
                      JD_SHOP, title, tax_id]
            for col, value in enumerate(values):
                if isinstance(value, datetime.datetime):
                    sheet.write_datetime(row, col, value, when)
                elif isinstance(value, int):
                    sheet.write_number(row, col, value, whole)
                else:
                    sheet.write_string(row, col, value)
            row += 1
    workbook.close()


def zip_bytes(files):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 4, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()


def write_all(here):
    """Write the platforms' sample exports into the folder `here`."""
    orders, items = taobao_files()
    files = {
        "taobao_orders.csv": orders,
        "taobao_items.csv": items,
        "taobao_export.zip": zip_bytes([("taobao_orders.csv", orders),
                                        ("taobao_items.csv", items)]),
        "pinduoduo_orders.csv": pinduoduo_file(),
        "douyin_orders.csv": douyin_file(),
    }
    for name, data in files.items():
        with open(os.path.join(here, name), "wb") as handle:
            handle.write(data)
    write_jd(os.path.join(here, "jd_export.xlsx"))
