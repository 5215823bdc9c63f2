# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Where each setting is changed, by the role that owns it.

The e-commerce manager changes the company's e-commerce settings on
E-commerce > Configuration > Settings (Odoo's own Settings are for the
administrator), each channel's working week and payment on the channel's
form, the public holidays on the working calendars.
"""
from datetime import date

from lxml import etree

from odoo.exceptions import AccessError

from .common import EcomCase


class TestSettingsPage(EcomCase):

    def _page(self, role, **values):
        return self.env["ecom.settings"].sudo(self.users[role]).create(values)

    def test_manager_opens_the_company_values(self):
        company = self.env.user.company_id
        company.write({"ecom_notify_buyer": False,
                       "ecom_order_list_group_id": self.env.ref("stock.group_stock_user").id})
        page = self.env["ecom.settings"].sudo(self.users["manager"])
        values = page.default_get(list(page._fields))
        self.assertEqual(values["company_id"], company.id)
        self.assertIs(values["ecom_notify_buyer"], False)
        self.assertEqual(values["ecom_order_list_group_id"],
                         self.env.ref("stock.group_stock_user").id)

    def test_manager_saves_the_settings(self):
        company = self.env.user.company_id
        finance = self.env.ref("ecom_order_mgmt.group_ecom_finance")
        self.assertFalse(company.sudo(self.users["manager"]).check_access_rights(
            "write", raise_exception=False), "the manager is not an administrator")
        result = self._page("manager", ecom_notify_buyer=False,
                            ecom_order_list_group_id=finance.id).execute()
        self.assertEqual(result, {"type": "ir.actions.client", "tag": "reload"})
        company.invalidate_cache()
        self.assertFalse(company.ecom_notify_buyer)
        self.assertEqual(company.ecom_order_list_group_id, finance)

    def test_other_roles_cannot_save(self):
        company = self.env.user.company_id
        for role in ("cs", "finance", "warehouse"):
            with self.assertRaises(AccessError, msg=role):
                self._page(role, ecom_notify_buyer=False).execute()
        self.assertTrue(company.ecom_notify_buyer)

    def test_manager_cannot_save_another_company(self):
        other = self.env["res.company"].create({"name": "Not my shop"})
        page = self._page("manager", ecom_notify_buyer=False)
        page.sudo().company_id = other
        with self.assertRaises(AccessError):
            page.execute()
        self.assertTrue(other.ecom_notify_buyer)

    def test_every_company_setting_of_the_suite_is_on_the_page(self):
        """Each addon's e-commerce fields of the company are on the page and its form."""
        company_fields = {
            name for name, field in self.env["res.company"]._fields.items()
            if name.startswith("ecom_") and field.store and not field.compute}
        page = self.env["ecom.settings"]
        self.assertEqual(set(page._ecom_company_fields()), company_fields)
        arch = page.fields_view_get(
            self.env.ref("ecom_order_mgmt.ecom_settings_view_form").id, "form")["arch"]
        shown = {node.get("name") for node in etree.fromstring(arch).iter("field")}
        self.assertLessEqual(company_fields, shown)

    def test_page_is_on_the_manager_menu(self):
        menu = self.env.ref("ecom_order_mgmt.menu_ecom_settings")
        self.assertEqual(menu.action, self.env.ref("ecom_order_mgmt.action_ecom_settings"))
        self.assertIn(menu.id, self.env["ir.ui.menu"].sudo(
            self.users["manager"])._visible_menu_ids())
        self.assertNotIn(menu.id, self.env["ir.ui.menu"].sudo(
            self.users["cs"])._visible_menu_ids())


class TestChannelForm(EcomCase):

    def test_channel_form_shows_its_working_week_and_payment(self):
        arch = self.env["ecom.channel"].fields_view_get(
            self.env.ref("ecom_order_mgmt.ecom_channel_view_form").id, "form")["arch"]
        shown = {node.get("name") for node in etree.fromstring(arch).iter("field")
                 if node.get("invisible") != "1"}
        for name in ("tz", "work_days", "work_hour_start", "work_hour_end", "allow_cod",
                     "sla_hours", "resource_calendar_id"):
            self.assertIn(name, shown)


class TestHolidayData(EcomCase):
    """The State Council's 2026 schedule (国务院办公厅关于2026年部分节假日安排的通知)."""

    def test_2026_public_holidays_and_make_up_days(self):
        calendar = self.env.ref("ecom_order_mgmt.resource_calendar_cn_holidays")
        _windows, holidays, workdays = calendar._ecom_sla_schedule()

        def days(month, first, last):
            return {date(2026, month, day) for day in range(first, last + 1)}
        expected = (days(1, 1, 3) | days(2, 15, 23) | days(4, 4, 6) | days(5, 1, 5)
                    | days(6, 19, 21) | days(9, 25, 27) | days(10, 1, 7))
        self.assertEqual({day for day in holidays if day.year == 2026}, expected)
        self.assertEqual({day for day in workdays if day.year == 2026}, {
            date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9),
            date(2026, 9, 20), date(2026, 10, 10)})

    def test_channel_calendars_follow_the_public_holidays(self):
        calendar = self.env.ref("ecom_order_mgmt.resource_calendar_cn_holidays")
        _windows, holidays, workdays = self.channel.resource_calendar_id._ecom_sla_schedule()
        self.assertEqual((holidays, workdays), calendar._ecom_sla_schedule()[1:])
