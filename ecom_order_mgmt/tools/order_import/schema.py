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
COLUMN_BY_KEY = {col.key: col for col in COLUMNS}
# Errors of a row are listed in this order of their fields.
COLUMN_ORDER = {col.key: index for index, col in enumerate(COLUMNS)}

# Values of the optional fields a row leaves empty (or a file leaves out).
DEFAULTS = {"district": "", "remark": "", "paid_amount": Decimal("0.00")}

# The order lines of one order share its key...
KEY_FIELDS = ("channel_code", "platform_ref")
# ...and the fields of the order, taken from its first row; those in
# CHECKED_HEADER_FIELDS must repeat identically on every line (address and
# remark are not checked: platforms leave them blank or abbreviate them on
# later lines).
HEADER_FIELDS = ("order_time", "buyer_name", "phone", "province", "city", "district",
                 "street", "payment_mode", "paid_amount", "remark")
CHECKED_HEADER_FIELDS = ("order_time", "buyer_name", "phone", "payment_mode", "paid_amount")
# The fields of an order line
LINE_FIELDS = ("product_code", "quantity", "unit_price")
