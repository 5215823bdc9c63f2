# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest
import xmlrpc.client

from ..tools.report_action import downloadable

# What Odoo 11's ir.actions.report.report_action() returns for a button
# pressed with the web client's context.
ODOO_ACTION = {
    "context": {"lang": "zh_CN", "tz": None, "uid": 7, "active_ids": [4, 5]},
    "data": None,
    "type": "ir.actions.report",
    "report_name": "ecom_order_mgmt.report_ecom_delivery_note",
    "report_type": "qweb-pdf",
    "report_file": "ecom_order_mgmt.report_ecom_delivery_note",
    "name": "Delivery Note",
}


class TestDownloadable(unittest.TestCase):

    def test_marshals_over_xmlrpc(self):
        with self.assertRaises(TypeError):
            xmlrpc.client.dumps((ODOO_ACTION,), allow_none=False)
        action = downloadable(ODOO_ACTION, "stock.picking", [4, 5])
        xmlrpc.client.dumps((action,), allow_none=False)

    def test_keeps_what_the_download_needs(self):
        action = downloadable(ODOO_ACTION, "stock.picking", (4, 5))
        self.assertEqual(action, {
            "type": "ir.actions.report",
            "report_name": "ecom_order_mgmt.report_ecom_delivery_note",
            "report_type": "qweb-pdf",
            "report_file": "ecom_order_mgmt.report_ecom_delivery_note",
            "name": "Delivery Note",
            "context": {"active_model": "stock.picking", "active_ids": [4, 5]},
        })
        self.assertNotIn("data", action, "no data: the client prints the active ids")
