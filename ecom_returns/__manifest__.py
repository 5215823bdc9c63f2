# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "E-commerce After-sales",
    "summary": "Returns, refunds, exchanges, reissues, carrier claims and "
               "the buyer feedback log",
    "version": "11.0.1.0.0",
    "category": "Sales",
    "website": "https://example.com/ecom-order-mgmt",
    "author": "E-commerce Order Management contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": [
        "ecom_order_mgmt",
    ],
    "data": [],
    "demo": [],
}
