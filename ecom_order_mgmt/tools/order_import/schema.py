# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The fields an imported order line fills, whatever the file calls them.

One :class:`Column` per field: its key (what the rest of the import uses),
its labels (the headers of the suite's own file layout, and the names the
messages give the field), whether a row must have it, and how its cells are
read (``kind``, see :mod:`.cells`). Which header of a file holds which field
is the business of :mod:`.layout`.
"""
from collections import namedtuple
from decimal import Decimal

Column = namedtuple("Column", "key label label_zh required kind max_length")

# kind: "code" (coded text: formulas refused, xlsx numbers -> integer string),
# "text" (free text: leading formula characters stripped), "phone",
# "datetime", "quantity", "amount", "payment_mode".
COLUMNS = (
    Column("channel_code", "Channel Code", "渠道编码", True, "code", 500),
    Column("platform_ref", "Platform Order No.", "平台订单号", True, "code", 500),
    Column("order_time", "Order Time", "下单时间", True, "datetime", 500),
    Column("buyer_name", "Buyer", "买家姓名", True, "text", 500),
    Column("phone", "Phone", "联系电话", True, "phone", 500),
    Column("province", "Province", "省", True, "text", 500),
    Column("city", "City", "市", True, "text", 500),
    Column("district", "District", "区/县", False, "text", 500),
    Column("street", "Street", "详细地址", True, "text", 500),
    Column("product_code", "Product Code", "商品编码", True, "code", 500),
    Column("quantity", "Quantity", "数量", True, "quantity", 500),
    Column("unit_price", "Unit Price", "单价", True, "amount", 500),
    Column("paid_amount", "Paid Amount", "实付金额", False, "amount", 500),
    Column("payment_mode", "Payment Mode", "支付方式", True, "payment_mode", 500),
    Column("remark", "Buyer Remark", "买家备注", False, "text", 2000),
)
# The fields only the platforms' own exports have (import profiles map
# their columns; the suite's template has none of them).
PLATFORM_COLUMNS = (
    Column("shop", "Shop", "店铺", False, "code", 500),
    Column("status", "Order Status", "订单状态", False, "text", 500),
    Column("after_sale_status", "After-sale Status", "售后状态", False, "text", 500),
    Column("full_address", "Shipping Address", "收货地址", False, "text", 1000),
    Column("goods_amount", "Goods Total", "商品总价", False, "amount", 500),
    Column("freight", "Freight", "运费", False, "amount", 500),
    Column("shop_discount", "Shop Discount", "店铺优惠", False, "amount", 500),
    Column("platform_discount", "Platform Discount", "平台优惠", False, "amount", 500),
    Column("total_amount", "Order Total", "订单总金额", False, "amount", 500),
    Column("seller_note", "Seller Note", "卖家备注", False, "text", 2000),
    Column("invoice_title", "Invoice Title", "发票抬头", False, "text", 500),
    Column("invoice_tax_id", "Buyer Tax ID", "纳税人识别号", False, "code", 500),
    Column("product_ref", "Platform Product ID", "平台商品ID", False, "code", 500),
    Column("product_title", "Product Title", "商品标题", False, "text", 1000),
    Column("spec", "Product Spec", "商品规格", False, "text", 1000),
)
COLUMN_BY_KEY = {col.key: col for col in COLUMNS + PLATFORM_COLUMNS}
# Errors of a row are listed in this order of their fields.
COLUMN_ORDER = {col.key: index for index, col in enumerate(COLUMNS + PLATFORM_COLUMNS)}

# Values of the optional fields a row leaves empty (or a file leaves out):
# an amount a platform's file does not give is None, not 0.
DEFAULTS = {"district": "", "remark": "", "paid_amount": Decimal("0.00")}
PLATFORM_DEFAULTS = {
    "freight": Decimal("0.00"), "shop_discount": None, "platform_discount": None,
    "goods_amount": None, "total_amount": None,
}

# The order lines of one order share its key...
KEY_FIELDS = ("channel_code", "platform_ref")
# ...and the fields of the order, taken from its first row; those in
# CHECKED_HEADER_FIELDS must repeat identically on every line (address and
# remark are not checked: platforms leave them blank or abbreviate them on
# later lines).
HEADER_FIELDS = ("order_time", "buyer_name", "phone", "province", "city", "district",
                 "street", "payment_mode", "paid_amount", "remark")
CHECKED_HEADER_FIELDS = ("order_time", "buyer_name", "phone", "payment_mode", "paid_amount")
# The same for the fields of the platforms' exports (the amounts of an order
# repeat on each of its lines in the exports with one row per line).
PLATFORM_HEADER_FIELDS = ("shop", "status", "after_sale_status", "full_address",
                          "goods_amount", "freight", "shop_discount", "platform_discount",
                          "total_amount", "seller_note", "invoice_title", "invoice_tax_id")
PLATFORM_CHECKED_FIELDS = ("goods_amount", "freight", "shop_discount", "platform_discount",
                           "total_amount")
# The fields of an order line
LINE_FIELDS = ("product_code", "quantity", "unit_price")
