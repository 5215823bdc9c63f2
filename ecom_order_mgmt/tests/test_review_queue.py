# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The review queues as each role meets them: the platform order number a
channel order cannot lack, the review actions of the Action menu (reviewers
only, channel orders only) and the "Needs my review" filter (SPEC 2)."""
from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import EcomCase

BINDINGS = ("ecom_order_mgmt.action_server_ecom_bulk_review",
            "ecom_order_mgmt.action_server_ecom_apply_rules",
            "ecom_order_mgmt.action_ecom_exception_wizard")


class TestPlatformRef(EcomCase):

    def test_channel_order_without_platform_ref_is_refused_on_create(self):
        for empty in (False, "", "   "):
            with self.assertRaises(ValidationError) as refusal, self.env.cr.savepoint():
                self._order(ref="x", ecom_platform_ref=empty)
            self.assertIn("platform order number", refusal.exception.name)

    def test_platform_ref_cannot_be_emptied_on_write(self):
        order = self._order()
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._as("cs", order).write({"ecom_platform_ref": " "})
        # A quotation put in a channel needs one too.
        quotation = self.env["sale.order"].create({"partner_id": self.buyer.id})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            quotation.write({"ecom_channel_id": self.channel.id})
        quotation.write({"ecom_channel_id": self.channel.id, "ecom_platform_ref": "TM-42"})
        self.assertEqual(quotation.ecom_platform_ref, "TM-42")

    def test_plain_sale_order_needs_none(self):
        order = self.env["sale.order"].create({
            "partner_id": self.buyer.id,
            "order_line": [(0, 0, {"product_id": self.product_a.id, "product_uom_qty": 1})]})
        self.assertFalse(order.ecom_platform_ref)
        order.write({"note": "no platform here"})
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_duplicate_of_a_channel_order_gets_a_free_number(self):
        order = self._order(ref="TM-DUP")
        first, second = order.copy(), order.copy()
        self.assertEqual((first.ecom_platform_ref, second.ecom_platform_ref),
                         ("TM-DUP-1", "TM-DUP-2"))
        self.assertEqual(first.ecom_channel_id, self.channel)


class TestReviewActionsMenu(EcomCase):

    def _ids(self, xmlids):
        return {self.env.ref(xmlid).id for xmlid in xmlids}

    def test_reviewers_only_see_the_review_actions(self):
        salesman = self.env["res.users"].create({
            "name": "Plain salesman", "login": "plain_salesman_menu",
            "groups_id": [(6, 0, [self.env.ref("sales_team.group_sale_salesman").id])]})
        expected = self._ids(BINDINGS)
        for user, sees in ((salesman, False), (self.users["warehouse"], False),
                           (self.users["cs"], True), (self.users["finance"], True),
                           (self.users["manager"], True)):
            bound = {action["id"] for action in self.env["ir.actions.actions"].sudo(
                user).get_bindings("sale.order")["action"]}
            self.assertEqual(expected <= bound, sees, user.login)
            if not sees:
                self.assertFalse(expected & bound, user.login)

    def test_server_actions_refuse_other_users(self):
        salesman = self.env["res.users"].create({
            "name": "Plain salesman", "login": "plain_salesman_run",
            "groups_id": [(6, 0, [self.env.ref("sales_team.group_sale_salesman").id])]})
        order = self._order()
        action = self.env.ref("ecom_order_mgmt.action_server_ecom_bulk_review")
        with self.assertRaises(AccessError):
            action.sudo(salesman).with_context(
                active_model="sale.order", active_ids=order.ids).run()
        result = action.sudo(self.users["cs"]).with_context(
            active_model="sale.order", active_ids=order.ids).run()
        self.assertEqual(result["res_model"], "ecom.review.result")
        self.assertEqual(order.ecom_state, "to_finance")

    def test_review_actions_refuse_orders_without_a_channel(self):
        quotation = self.env["sale.order"].create({"partner_id": self.buyer.id})
        order = self._order()
        for call in (lambda o: o.action_ecom_bulk_review(),
                     lambda o: o.action_ecom_apply_review_rules()):
            with self.assertRaises(UserError) as refusal:
                call(self._as("cs", order | quotation))
            self.assertIn("channel orders only", refusal.exception.name)
            self.assertIn(quotation.name, refusal.exception.name)
        self.assertEqual(order.ecom_state, "to_review", "nothing done")
        wizard = self.env["ecom.exception.wizard"].sudo(self.users["cs"]).with_context(
            active_model="sale.order", active_ids=[order.id, quotation.id])
        with self.assertRaises(UserError):
            wizard.default_get(["order_ids"])
        self.assertEqual(wizard.with_context(active_ids=order.ids).default_get(
            ["order_ids"])["order_ids"], [(6, 0, order.ids)])


class TestNeedsMyReview(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestNeedsMyReview, cls).setUpClass()
        cls.for_cs = cls._order()
        cls.for_finance = cls._order()
        cls.for_finance.sudo(cls.users["cs"]).action_ecom_cs_approve()
        cls.held = cls._order()
        cls.held.sudo(cls.users["cs"]).action_ecom_set_exception("risk")
        cls.quotation = cls.env["sale.order"].create({"partner_id": cls.buyer.id})
        cls.ours = cls.for_cs | cls.for_finance | cls.held | cls.quotation

    def _mine(self, user, value=True, operator="="):
        return self.env["sale.order"].sudo(user).search(
            [("id", "in", self.ours.ids), ("ecom_needs_my_review", operator, value)])

    def test_each_role_finds_the_orders_waiting_for_it(self):
        expected = {"cs": self.for_cs, "finance": self.for_finance,
                    # not finance: money is finance's alone (issue 20)
                    "manager": self.for_cs,
                    "warehouse": self.env["sale.order"]}
        for role, orders in expected.items():
            user = self.users[role]
            self.assertEqual(self._mine(user), orders, role)
            self.assertEqual(self._mine(user, False), self.ours - orders, role)
            self.assertEqual(self._mine(user, True, "!="), self.ours - orders, role)
            shown = self.ours.sudo(user).filtered("ecom_needs_my_review")
            self.assertEqual(shown.ids, orders.ids, role)

    def test_the_filter_is_offered_and_each_queue_opens_on_its_stage(self):
        search = self.env.ref("ecom_order_mgmt.view_ecom_order_search")
        arch = etree.fromstring(self.env["sale.order"].fields_view_get(
            search.id, "search")["arch"])
        needs = arch.xpath("//filter[@name='needs_my_review']")
        self.assertEqual(len(needs), 1)
        self.assertIn("ecom_needs_my_review", needs[0].get("domain"))
        # each queue opens on its own stage (for a manager, who reviews both,
        # Needs My Review would put the same orders in both queues)
        for xmlid, stage in (("action_ecom_order_cs", "to_review"),
                             ("action_ecom_order_finance", "to_finance")):
            action = self.env.ref("ecom_order_mgmt.%s" % xmlid)
            self.assertEqual(action.search_view_id, search)
            self.assertIn("'search_default_%s': 1" % stage, action.context)
