# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Purchasing (Odoo's purchase users) in the E-commerce menu; the warehouse
on custom requests; the sign-off queue of the director and the general
manager; the custom orders' deposit on the manager's settings page."""
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.ecom_order_mgmt.const import DEFAULT_TZ
from odoo.addons.ecom_order_mgmt.tests.common import EcomCase

BACKORDER_MENU = "ecom_backorder.menu_ecom_backorder"
CUSTOM_MENU = "ecom_backorder.menu_ecom_custom_request"
SIGNOFF_MENU = "ecom_backorder.menu_ecom_custom_request_my_signature"
SIGNOFF_ACTION = "ecom_backorder.action_ecom_custom_request_my_signature"

# Purchasing's branch of the suite's menus (its Purchase app gets Custom
# Requests too).
PURCHASE_MENUS = {
    "ecom_order_mgmt.menu_ecom_root", "ecom_backorder.menu_ecom_backorders", BACKORDER_MENU,
    "ecom_backorder.menu_ecom_approvals", CUSTOM_MENU,
    "ecom_backorder.menu_purchase_ecom_custom_request",
}


def _day(offset):
    return fields.Date.to_string(date.today() + timedelta(days=offset))


class TestPurchaseRole(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestPurchaseRole, cls).setUpClass()
        env = cls.env
        cls.users["purchase"] = env.ref("ecom_backorder.user_ecom_purchase")
        cls.vendor = env["res.partner"].create({"name": "Role test vendor", "supplier": True})
        env["product.supplierinfo"].create({
            "name": cls.vendor.id, "product_tmpl_id": cls.product_out.product_tmpl_id.id,
            "price": 10.0})

    def _backorder(self):
        order = self._order([(self.product_out, 2)])
        self._as("cs", order).action_ecom_cs_approve()
        self._as("finance", order).action_ecom_finance_approve()
        return order.ecom_backorder_ids

    def _request(self, price_change=False):
        order = self.env["sale.order"].create({
            "partner_id": self.buyer.id,
            "order_line": [(0, 0, {"product_id": self.product_out.id, "product_uom_qty": 2,
                                   "price_unit": 100.0})]})
        return self.env["ecom.custom.request"].create({
            "order_id": order.id, "line_id": order.order_line.id, "buyer_date": _day(30),
            "packaging_standard": "Kraft box", "price_change": price_change,
            "new_price_unit": 120.0 if price_change else 0.0})

    def _count(self, role, menu_xmlid):
        counts = self.env["ir.ui.menu"].sudo(self.users[role]).ecom_needaction_counts()
        return counts.get(str(self.env.ref(menu_xmlid).id), 0)

    def _visible(self, role, modules=("ecom_order_mgmt", "ecom_backorder")):
        data = self.env["ir.model.data"].search([
            ("module", "in", modules), ("model", "=", "ir.ui.menu")])
        by_id = {d.res_id: "%s.%s" % (d.module, d.name) for d in data}
        menus = self.env["ir.ui.menu"].sudo(self.users[role])._visible_menu_ids()
        return {by_id[menu] for menu in menus if menu in by_id}

    # ------------------------------------------------------------------
    def test_demo_purchase_user(self):
        user = self.users["purchase"]
        group = self.env.ref("purchase.group_purchase_user")
        self.assertEqual(user.login, "ecom_purchase")
        self.assertEqual(user.groups_id, group | group.trans_implied_ids)
        uid = self.env["res.users"].authenticate(
            self.env.cr.dbname, "ecom_purchase", "ecom_purchase", {"interactive": False})
        self.assertEqual(uid, user.id)
        self.assertEqual((user.lang, user.tz), ("zh_CN", DEFAULT_TZ))
        self.assertEqual(user.action_id.id, self.env.ref("ecom_backorder.action_ecom_backorder").id)

    def test_purchasing_sees_its_branch_of_the_menu(self):
        self.assertEqual(self._visible("purchase"), PURCHASE_MENUS)

    def test_purchasing_opens_backorders_and_notifies_the_supplier(self):
        backorder = self._backorder()
        Backorder = self.env["ecom.backorder"].sudo(self.users["purchase"])
        action = self.env.ref("ecom_backorder.action_ecom_backorder")
        for view_type in ("tree", "kanban", "form"):
            fields_ = Backorder.fields_view_get(view_type=view_type)["fields"]
            Backorder.browse(backorder.id).read(list(fields_))
        self.assertIn(backorder, Backorder.search(
            [("state", "in", ("open", "notified", "partial"))]))
        self.assertEqual(action.res_model, "ecom.backorder")
        before = self._count("purchase", BACKORDER_MENU)
        self.assertGreaterEqual(before, 1)
        Backorder.browse(backorder.id).action_notify_supplier()
        self.assertEqual(backorder.state, "notified")
        self.assertEqual(backorder.purchase_line_id.order_id.partner_id, self.vendor)
        # Asked, it no longer waits for purchasing (CS still allocates it).
        self.assertEqual(self._count("purchase", BACKORDER_MENU), before - 1)
        self.assertIn(backorder, self.env["ecom.backorder"].sudo(self.users["cs"]).search(
            self.env["ecom.backorder"].sudo(self.users["cs"])._needaction_domain_get()))

    def test_purchasing_counts_the_custom_requests_it_must_answer(self):
        before = self._count("purchase", CUSTOM_MENU)
        request = self._request()
        self.assertEqual(self._count("purchase", CUSTOM_MENU), before + 1)
        request.sudo(self.users["purchase"]).action_record_feasibility(
            True, inbound_date=_day(20), inbound_qty=2, vendor_id=self.vendor.id,
            production_cycle_days=10)
        self.assertEqual(self._count("purchase", CUSTOM_MENU), before)

    def test_warehouse_opens_custom_requests(self):
        request = self._request()
        self.assertIn(CUSTOM_MENU, self._visible("warehouse"))
        Request = self.env["ecom.custom.request"].sudo(self.users["warehouse"])
        for view_type in ("tree", "kanban", "form"):
            fields_ = Request.fields_view_get(view_type=view_type)["fields"]
            Request.browse(request.id).read(list(fields_))
        with self.assertRaises(AccessError):
            Request.browse(request.id).unlink()

    def test_director_and_gm_open_odoo_on_their_sign_off_queue(self):
        action = self.env.ref(SIGNOFF_ACTION)
        for role in ("director", "gm"):
            self.assertEqual(self.users[role].action_id.id, action.id, role)
            user = self.env["res.users"].with_context(no_reset_password=True).create({
                "name": "New %s" % role, "login": "new_%s_signoff" % role,
                "groups_id": [(6, 0, [self.env.ref(
                    "ecom_order_mgmt.group_ecom_%s" % role).id])]})
            self.assertEqual(user.action_id.id, action.id, role)
        buyer = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "New buyer", "login": "new_purchase_home",
            "groups_id": [(6, 0, [self.env.ref("purchase.group_purchase_user").id])]})
        self.assertEqual(buyer.action_id.id,
                         self.env.ref("ecom_backorder.action_ecom_backorder").id)

    def test_sign_off_queue_counts_the_signatures_due(self):
        before = {role: self._count(role, SIGNOFF_MENU) for role in ("director", "gm")}
        request = self._request(price_change=True)
        request.action_record_feasibility(True, inbound_date=_day(20), inbound_qty=2,
                                          vendor_id=self.vendor.id, production_cycle_days=10)
        request.action_buyer_accept(10, "Cotton", False)
        request.action_submit()
        self.assertEqual(request.state, "price_approval")
        self.assertEqual(self._count("director", SIGNOFF_MENU), before["director"] + 1)
        self.assertEqual(self._count("gm", SIGNOFF_MENU), before["gm"])
        request.sudo(self.users["director"]).action_approve()
        self.assertEqual(self._count("director", SIGNOFF_MENU), before["director"])
        self.assertEqual(self._count("gm", SIGNOFF_MENU), before["gm"] + 1)


class TestDepositSetting(EcomCase):

    def test_manager_saves_the_deposit(self):
        company = self.env.user.company_id
        page = self.env["ecom.settings"].sudo(self.users["manager"])
        self.assertEqual(page.default_get(["ecom_deposit_percent"])["ecom_deposit_percent"],
                         company.ecom_deposit_percent)
        page.create({"ecom_deposit_percent": 40}).execute()
        self.assertEqual(company.ecom_deposit_percent, 40)

    def test_a_deposit_outside_0_100_is_refused(self):
        company = self.env.user.company_id
        page = self.env["ecom.settings"].sudo(self.users["manager"]).create(
            {"ecom_deposit_percent": 150})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            page.execute()
        company.invalidate_cache()
        self.assertEqual(company.ecom_deposit_percent, 30)
