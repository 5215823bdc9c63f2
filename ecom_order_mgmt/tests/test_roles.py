# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Roles of SPEC: groups, demo users and what each role sees in the menu."""
from odoo.tests.common import TransactionCase

from ..const import DEFAULT_TZ

ROLES = ("cs", "finance", "warehouse", "manager", "director", "gm")

# Menus of the suite each role must see; every other suite menu stays hidden.
ORDERS = {"menu_ecom_root", "menu_ecom_orders", "menu_ecom_order_exception", "menu_ecom_order"}
# Each operational role finds the KPI reports of its own work under Reporting.
REPORTING = {"menu_ecom_reporting", "menu_ecom_kpi_export"}
CS = ORDERS | REPORTING | {"menu_ecom_order_cs", "menu_ecom_order_import",
                           "menu_ecom_order_report_review", "menu_ecom_channel_product"}
# Money is finance's alone (issue 20): the platforms' settlements, what they
# still owe, the carriers' COD statements.
SETTLEMENTS = {"menu_ecom_finance", "menu_ecom_settlement", "menu_ecom_settlement_import",
               "menu_ecom_unsettled_report", "menu_ecom_cod_import", "menu_ecom_cod_statement",
               "menu_ecom_cod_difference"}
# (and the accounts review of the couriers' handover batches, [000])
FINANCE = ORDERS | REPORTING | SETTLEMENTS | {"menu_ecom_order_finance",
                                              "menu_ecom_order_report_review",
                                              "menu_ecom_handover_review"}
WAREHOUSE = REPORTING | {"menu_ecom_root", "menu_ecom_warehouse", "menu_ecom_delivery",
                         "menu_ecom_receipt", "menu_ecom_handover",
                         "menu_ecom_shipping_ledger_warehouse",
                         "menu_ecom_order_report_shipping"}
CONFIG = {"menu_ecom_dashboard", "menu_ecom_shipping_ledger_reporting", "menu_ecom_config",
          "menu_ecom_settings", "menu_ecom_channel", "menu_ecom_calendar",
          "menu_ecom_review_rule", "menu_ecom_assignment_rule",
          "menu_ecom_exception_reason", "menu_ecom_import_profile",
          "menu_ecom_order_report", "menu_ecom_order_report_sla", "menu_ecom_order_report_aov",
          "menu_ecom_order_report_amount_band", "menu_ecom_order_report_buyers",
          "menu_ecom_margin_report", "menu_ecom_margin_report_products",
          "menu_ecom_buyer_report", "menu_ecom_buyer_report_top", "menu_ecom_staff_report"}
VISIBLE_MENUS = {
    "cs": CS,
    "finance": FINANCE,
    "warehouse": WAREHOUSE,
    "manager": CS | WAREHOUSE | CONFIG,
}
VISIBLE_MENUS["director"] = VISIBLE_MENUS["manager"]
VISIBLE_MENUS["gm"] = VISIBLE_MENUS["manager"]

# Each role opens Odoo on its own queue (the director's and the general
# manager's, "Waiting for My Sign-off", comes with ecom_backorder); the
# manager's is the E-commerce dashboard.
HOME_ACTIONS = {
    "cs": "ecom_order_mgmt.action_ecom_order_cs",
    "finance": "ecom_order_mgmt.action_ecom_order_finance",
    "warehouse": "ecom_order_mgmt.action_ecom_delivery",
    "manager": "ecom_order_mgmt.action_ecom_dashboard",
}


class TestRoles(TransactionCase):

    def _group(self, role):
        return self.env.ref("ecom_order_mgmt.group_ecom_%s" % role)

    def _user(self, role):
        return self.env.ref("ecom_order_mgmt.user_ecom_%s" % role)

    def test_roles_share_one_application_category(self):
        category = self.env.ref("ecom_order_mgmt.module_category_ecom")
        for role in ROLES:
            self.assertEqual(self._group(role).category_id, category, role)

    def test_manager_includes_operational_roles_but_finance(self):
        manager = self._group("manager")
        for role in ("cs", "warehouse"):
            self.assertIn(self._group(role), manager.trans_implied_ids)
        # segregation of duties: money is finance's alone (issue 20)
        for role in ("manager", "director", "gm"):
            self.assertNotIn(self._group("finance"), self._group(role).trans_implied_ids)
            self.assertFalse(self._user(role).has_group("ecom_order_mgmt.group_ecom_finance"))
        self.assertTrue(self.env.ref("base.user_root").has_group(
            "ecom_order_mgmt.group_ecom_finance"), "the administrator keeps both")
        for role in ("director", "gm"):
            self.assertIn(manager, self._group(role).trans_implied_ids)

    def test_director_and_gm_do_not_imply_each_other(self):
        # Two signatures must come from two people: neither tier holds the other.
        director, gm = self._group("director"), self._group("gm")
        self.assertNotIn(director, gm.trans_implied_ids)
        self.assertNotIn(gm, director.trans_implied_ids)

    def test_demo_user_has_exactly_the_groups_of_its_role(self):
        for role in ROLES:
            group = self._group(role)
            user = self._user(role)
            self.assertEqual(user.login, "ecom_%s" % role)
            self.assertEqual(user.groups_id, group | group.trans_implied_ids,
                             "user ecom_%s" % role)

    def test_demo_user_password_is_its_login(self):
        for role in ROLES:
            login = "ecom_%s" % role
            uid = self.env["res.users"].authenticate(
                self.env.cr.dbname, login, login, {"interactive": False})
            self.assertEqual(uid, self._user(role).id, login)

    def test_each_role_sees_its_own_menus_only(self):
        suite_menus = self.env["ir.model.data"].search([
            ("module", "=", "ecom_order_mgmt"), ("model", "=", "ir.ui.menu")])
        by_id = {d.res_id: d.name for d in suite_menus}
        for role in ROLES:
            menus = self.env["ir.ui.menu"].sudo(self._user(role))
            visible = {by_id[mid] for mid in menus._visible_menu_ids() if mid in by_id}
            # Parent menus with nothing visible under them are not shown.
            self.assertEqual(visible, VISIBLE_MENUS[role], role)

    def test_internal_user_without_role_sees_no_suite_menu(self):
        user = self.env["res.users"].create({
            "name": "Plain employee", "login": "plain_employee_roles",
            "groups_id": [(6, 0, [self.env.ref("base.group_user").id])]})
        root = self.env.ref("ecom_order_mgmt.menu_ecom_root")
        visible = self.env["ir.ui.menu"].sudo(user)._visible_menu_ids()
        self.assertNotIn(root.id, visible)

    def test_demo_users_work_in_chinese_on_beijing_time(self):
        for role in ROLES:
            user = self._user(role)
            self.assertEqual((user.lang, user.tz), ("zh_CN", DEFAULT_TZ), role)

    def test_demo_users_open_odoo_on_their_queue(self):
        for role, action in HOME_ACTIONS.items():
            self.assertEqual(self._user(role).action_id.id, self.env.ref(action).id, role)

    def _new_user(self, login, *groups, **values):
        return self.env["res.users"].with_context(no_reset_password=True).create(dict(
            values, name=login, login=login,
            groups_id=[(6, 0, [self._group(group).id for group in groups])]))

    def test_new_users_get_their_role_home_action(self):
        """The group's default home action (Settings > Users > Groups) is given
        to the users created in it without one."""
        for role, action in HOME_ACTIONS.items():
            user = self._new_user("new_%s_home" % role, role)
            self.assertEqual(user.action_id.id, self.env.ref(action).id, role)
            self.assertEqual(self._group(role).ecom_home_action_id.id, self.env.ref(action).id)

    def test_the_most_senior_role_gives_the_home_action(self):
        # A manager is also CS and warehouse (not finance): the manager's screen.
        user = self._new_user("new_manager_cs_home", "cs", "manager")
        self.assertEqual(user.action_id.id, self.env.ref(HOME_ACTIONS["manager"]).id)

    def test_a_home_action_given_is_kept(self):
        discuss = self.env.ref("mail.mail_channel_action_client_chat")
        user = self._new_user("new_cs_discuss", "cs", action_id=discuss.id)
        self.assertEqual(user.action_id.id, discuss.id)
        plain = self.env["res.users"].create({
            "name": "Plain employee home", "login": "plain_employee_home",
            "groups_id": [(6, 0, [self.env.ref("base.group_user").id])]})
        self.assertFalse(plain.action_id)
