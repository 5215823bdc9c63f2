# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The suite's shared constants, each defined once.

Imported by the three addons (``from odoo.addons.ecom_order_mgmt.const
import CS``): no ORM here, so that tools, models, wizards and reports can
all read them.
"""

# The roles (res.groups xml ids, SPEC "Who uses it")
CS = "ecom_order_mgmt.group_ecom_cs"
FINANCE = "ecom_order_mgmt.group_ecom_finance"
WAREHOUSE = "ecom_order_mgmt.group_ecom_warehouse"
MANAGER = "ecom_order_mgmt.group_ecom_manager"
DIRECTOR = "ecom_order_mgmt.group_ecom_director"
GM = "ecom_order_mgmt.group_ecom_gm"
PURCHASE = "purchase.group_purchase_user"

# How a buyer pays (contract: sale.order.ecom_payment_mode)
PAYMENT_MODES = [
    ("prepaid", "Prepaid online"),
    ("cod", "Cash on delivery"),
    ("cod_inspect", "COD after inspection"),
    ("instalment", "Instalments"),
]
COD_MODES = ("cod", "cod_inspect")

# The clock of a channel (or company) that says nothing else: the suite's
# users are in mainland China.
DEFAULT_TZ = "Asia/Shanghai"
