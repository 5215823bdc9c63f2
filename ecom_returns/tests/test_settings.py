# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The after-sales settings, changed by the e-commerce manager (not only the
administrator) on E-commerce > Configuration > Settings."""
from odoo.exceptions import AccessError

from odoo.addons.ecom_order_mgmt.tests.common import EcomCase


class TestAfterSalesSettings(EcomCase):

    def test_manager_saves_the_after_sales_settings(self):
        company = self.env.user.company_id
        supervisor = self.users["manager"]
        page = self.env["ecom.settings"].sudo(supervisor)
        defaults = page.default_get(["ecom_return_days", "ecom_return_customer_fault_payer"])
        self.assertEqual(defaults, {"ecom_return_days": company.ecom_return_days,
                                    "ecom_return_customer_fault_payer":
                                        company.ecom_return_customer_fault_payer})
        page.create({
            "ecom_return_days": 15, "ecom_return_shipping_fee": 12.5,
            "ecom_return_customer_fault_payer": "company",
            "ecom_return_supervisor_id": supervisor.id, "ecom_followup_days": 5,
        }).execute()
        self.assertEqual(
            (company.ecom_return_days, company.ecom_return_shipping_fee,
             company.ecom_return_customer_fault_payer, company.ecom_return_supervisor_id,
             company.ecom_followup_days),
            (15, 12.5, "company", supervisor, 5))

    def test_customer_service_cannot(self):
        company = self.env.user.company_id
        days = company.ecom_return_days
        with self.assertRaises(AccessError):
            self.env["ecom.settings"].sudo(self.users["cs"]).create(
                {"ecom_return_days": days + 30}).execute()
        self.assertEqual(company.ecom_return_days, days)
