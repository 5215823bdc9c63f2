# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "E-commerce After-sales",
    "summary": "Returns, refunds, exchanges, reissues, carrier claims and "
               "the buyer feedback log",
    "version": "11.0.2.0.0",
    "category": "Sales",
    "website": "https://example.com/ecom-order-mgmt",
    "author": "E-commerce Order Management contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": [
        "ecom_order_mgmt",
        "account",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/ecom_returns_security.xml",
        "data/ecom_returns_data.xml",
        "data/ecom_return_reason_data.xml",
        "data/ecom_returns_mail_data.xml",
        "report/report_ecom_return_slip.xml",
        "views/ecom_return_views.xml",
        "views/ecom_return_refund_views.xml",
        "views/ecom_carrier_claim_views.xml",
        "views/ecom_feedback_views.xml",
        "views/sale_order_views.xml",
        "views/res_company_views.xml",
        "views/ecom_channel_views.xml",
        "views/ecom_settings_views.xml",
        "views/ecom_returns_menus.xml",
        "report/ecom_return_report_views.xml",
        "views/ecom_dashboard_views.xml",
    ],
    "demo": [
        "demo/ecom_returns_demo.xml",
    ],
}
