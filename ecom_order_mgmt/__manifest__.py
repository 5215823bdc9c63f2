# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "E-commerce Order Management",
    "summary": "Channel orders: import, CS and finance review, fulfilment "
               "stages, exceptions, SLA, printed documents, order KPIs",
    "version": "11.0.1.0.0",
    "category": "Sales",
    "website": "https://example.com/ecom-order-mgmt",
    "author": "E-commerce Order Management contributors",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    # The addon's third-party imports, less those Odoo itself requires
    # (pytz, psycopg2, PyPDF2, lxml). ecom_backorder and ecom_returns have
    # none of their own (their tests read XLSX with openpyxl, required here).
    "external_dependencies": {
        "python": ["openpyxl", "xlsxwriter"],
    },
    "depends": [
        "mail",
        "sale_management",
        "sale_stock",
        "delivery",
        "report_xlsx",
        "queue_job",
    ],
    "data": [
        "security/ecom_security.xml",
        "security/ir.model.access.csv",
        "security/ecom_rules.xml",
        "security/ecom_settlement_security.xml",
        "data/ecom_data.xml",
        "data/ecom_exception_reason_data.xml",
        "data/ecom_payment_mode_data.xml",
        "data/ecom_notification_data.xml",
        "report/ecom_reports.xml",
        "report/report_ecom_delivery_note.xml",
        "report/report_ecom_shipping_mark.xml",
        "report/report_ecom_receiving_mark.xml",
        "report/report_ecom_outbound_order.xml",
        "report/report_invoice_ecom.xml",
        "data/ecom_daily_order_list_data.xml",
        "data/ecom_settlement_data.xml",
        "wizards/ecom_wizard_views.xml",
        "views/ecom_channel_views.xml",
        "views/ecom_channel_money_views.xml",
        "views/sale_order_views.xml",
        "views/sale_order_invoice_views.xml",
        "views/stock_picking_views.xml",
        "views/ecom_config_views.xml",
        "report/ecom_order_report_views.xml",
        "wizards/ecom_kpi_export_views.xml",
        "views/ecom_menus.xml",
        # screens that hang their menus under the ones above
        "wizards/ecom_order_import_views.xml",
        "report/ecom_shipping_ledger_views.xml",
        "views/res_config_settings_views.xml",
        "data/ecom_cod_data.xml",
        "views/ecom_cod_views.xml",
        # platform settlements (对账) and what the platforms still owe
        "views/ecom_settlement_views.xml",
        "wizards/ecom_settlement_import_views.xml",
        "report/ecom_unsettled_report_views.xml",
        # E-commerce > Finance: settlements, unsettled report, COD statements
        "views/ecom_finance_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/ecom_channel_demo.xml",
        "demo/ecom_money_demo.xml",
        "demo/ecom_order_demo.xml",
    ],
}
