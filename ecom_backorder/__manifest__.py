# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "E-commerce Backorders and Custom Orders",
    "summary": "Stock shortage check, backorders allocated by customer "
               "priority, custom orders with director and GM sign-off, "
               "30% deposit and 70% balance",
    "version": "11.0.1.0.0",
    "category": "Sales",
    "website": "https://example.com/ecom-order-mgmt",
    "author": "E-commerce Order Management contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": [
        "ecom_order_mgmt",
        "purchase",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/ecom_backorder_security.xml",
        "data/ecom_backorder_data.xml",
        "data/ecom_custom_request_data.xml",
        "wizards/ecom_backorder_wizard_views.xml",
        "views/ecom_backorder_views.xml",
        "views/sale_order_views.xml",
        "views/product_views.xml",
        "views/res_partner_views.xml",
        "views/ecom_backorder_menus.xml",
        "wizards/ecom_custom_request_wizard_views.xml",
        # hangs its menus under the ones above
        "views/ecom_custom_request_views.xml",
        "views/res_config_settings_views.xml",
        "views/ecom_settings_views.xml",
        "data/ecom_role_home_data.xml",
        "report/ecom_backorder_report_views.xml",
        "views/ecom_dashboard_views.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/ecom_backorder_demo.xml",
        "demo/ecom_custom_request_demo.xml",
    ],
}
