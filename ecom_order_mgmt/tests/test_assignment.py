# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Work assignment and expedited orders (订单分配, 加急) [004]."""
from datetime import datetime
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import EcomCase
from .test_order_import_wizard import make_csv, row

CS_GROUP = "ecom_order_mgmt.group_ecom_cs"


class TestAssignment(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestAssignment, cls).setUpClass()
        env = cls.env
        cls.cs2 = env["res.users"].with_context(no_reset_password=True).create({
            "name": "Second CS", "login": "test_assign_cs2",
            "groups_id": [(6, 0, [env.ref(CS_GROUP).id])]})
        # the demo's rules are not this test's
        env["ecom.assignment.rule"].search([]).write({"active": False})
        cls.Rule = env["ecom.assignment.rule"]

    def _rule(self, method="round_robin", users=None, **values):
        values.setdefault("channel_id", self.channel.id)
        values.update({"name": "Test rule", "method": method,
                       "user_ids": [(6, 0, (users or (self.users["cs"] | self.cs2)).ids)]})
        return self.Rule.create(values)

    def test_round_robin_among_the_rule_users(self):
        rule = self._rule()
        orders = [self._order() for _i in range(4)]
        self.assertEqual([o.ecom_assignee_id for o in orders],
                         [self.users["cs"], self.cs2, self.users["cs"], self.cs2])
        self.assertEqual(orders[0].ecom_assignment_rule_id, rule)

    def test_lowest_workload_gets_the_order(self):
        cs3 = self.cs2.copy({"name": "Third CS", "login": "test_assign_cs3"})
        self._rule("workload", users=self.cs2 | cs3)
        first = self._order()  # both idle: the rule's first user
        self.assertEqual(first.ecom_assignee_id, self.cs2)
        second = self._order()
        self.assertEqual(second.ecom_assignee_id, cs3)
        # the first user's order is done with: they are the least busy again
        first.action_cancel()
        self.assertEqual(self._order().ecom_assignee_id, self.cs2)

    def test_province_rule_first_then_the_channel_rule(self):
        self._rule(users=self.cs2, provinces="江苏, 上海", sequence=1)
        self._rule(users=self.users["cs"], sequence=2)
        self.assertEqual(self._order(ecom_province="上海市").ecom_assignee_id, self.cs2)
        self.assertEqual(self._order(ecom_province="浙江省").ecom_assignee_id,
                         self.users["cs"])

    def test_import_assigns_the_file_in_one_pass(self):
        channel = self.env["ecom.channel"].create({
            "name": "Import shop", "code": "ASSIGN01", "platform": "other"})
        self.env["product.product"].create({
            "name": "Assign cap", "default_code": "EC-ASSIGN-CAP", "list_price": 59.0,
            "type": "consu"})
        self._rule(channel_id=channel.id)
        content = make_csv([row(channel_code="ASSIGN01", platform_ref="AS-%d" % i,
                                product_code="EC-ASSIGN-CAP") for i in range(6)])
        queries = []
        cursor_execute = type(self.env.cr).execute

        def counting(cr, query, params=None, log_exceptions=None):
            if "ecom_assignee_id" in str(query) and "UPDATE" not in str(query):
                queries.append(query)
            return cursor_execute(cr, query, params)
        with patch.object(type(self.env.cr), "execute", counting):
            self.env["ecom.order.import"].sudo(self.users["cs"]).import_file(
                content, "orders.csv")
        orders = self.env["sale.order"].search([("ecom_channel_id", "=", channel.id)])
        self.assertEqual(len(orders), 6)
        self.assertEqual(len(orders.filtered(lambda o: o.ecom_assignee_id == self.cs2)), 3)
        self.assertEqual(len(orders.filtered(
            lambda o: o.ecom_assignee_id == self.users["cs"])), 3)
        # one look-up for the whole file, not one per order
        self.assertEqual(len([q for q in queries if "ecom_assignee_id IS NULL" in q]), 1)

    def test_my_orders_filter_and_expedited_first(self):
        self._rule(users=self.cs2)
        mine = self._order()
        self.assertEqual(mine.ecom_assignee_id, self.cs2)
        action = self.env.ref("ecom_order_mgmt.action_ecom_order_cs")
        self.assertIn("search_default_my_orders", action.context)
        Orders = self.env["sale.order"].sudo(self.users["cs"])
        view = Orders.fields_view_get(
            self.env.ref("ecom_order_mgmt.view_ecom_order_search").id, "search")
        self.assertIn('name="my_orders"', view["arch"])
        domain = ["|", ("ecom_assignee_id", "=", self.cs2.id), ("ecom_assignee_id", "=", False)]
        self.assertIn(mine, self.env["sale.order"].search(domain))
        self.assertNotIn(mine, self.env["sale.order"].search(
            ["|", ("ecom_assignee_id", "=", self.users["cs"].id),
             ("ecom_assignee_id", "=", False)]))
        tree = Orders.fields_view_get(
            self.env.ref("ecom_order_mgmt.view_ecom_order_tree").id, "tree")
        self.assertIn('default_order="ecom_expedited desc', tree["arch"])
        urgent = self._order(ecom_expedited=True)
        first = self.env["sale.order"].search(
            [("ecom_channel_id", "=", self.channel.id)],
            order="ecom_expedited desc, date_order desc, id desc", limit=1)
        self.assertEqual(first, urgent)

    def test_expedited_order_has_the_shorter_sla(self):
        # Monday 10:00 in Shanghai (02:00 UTC), channel 9-18, SLA 1 h, expedited 0.5 h
        self.channel.write({"sla_hours": 1.0, "expedited_sla_hours": 0.5})
        received = fields.Datetime.to_string(datetime(2026, 11, 23, 2, 0))
        normal = self._order(ecom_received_at=received)
        urgent = self._order(ecom_received_at=received, ecom_expedited=True)
        self.assertEqual(normal.ecom_sla_deadline, "2026-11-23 03:00:00")
        self.assertEqual(urgent.ecom_sla_deadline, "2026-11-23 02:30:00")
        normal.ecom_expedited = True
        self.assertEqual(normal.ecom_sla_deadline, "2026-11-23 02:30:00")
        picking = self._delivery(self._approved(ecom_expedited=True))
        self.assertTrue(picking.ecom_expedited)

    def test_the_delivery_is_found_by_its_orders_channel_province_and_flag(self):
        order = self._approved(ecom_province="浙江省")
        picking = self._delivery(order)

        def found(**values):
            # a search on the delivery's stored columns, as the queues filter
            return self.env["stock.picking"].search(
                [("id", "=", picking.id)] + [(name, "=", value)
                                             for name, value in values.items()])

        self.assertEqual(found(ecom_channel_id=self.channel.id, ecom_province="浙江省",
                               ecom_expedited=False), picking)
        # each on its own: the three are computed together
        order.write({"ecom_province": "江苏省"})
        self.assertEqual(found(ecom_province="江苏省", ecom_expedited=False), picking)
        order.write({"ecom_expedited": True})
        self.assertEqual(found(ecom_province="江苏省", ecom_expedited=True), picking)

    def test_manager_reassigns_with_a_trace_cs_cannot(self):
        self._rule(users=self.users["cs"])
        order = self._order()
        with self.assertRaises(AccessError):
            self._as("cs", order).action_ecom_reassign(self.cs2.id)
        with self.assertRaises(AccessError):
            self._as("cs", order).write({"ecom_assignee_id": self.cs2.id})
        self.assertFalse(self._as("cs", order).can_ecom_reassign)
        self._as("manager", order).action_ecom_reassign(self.cs2.id)
        self.assertEqual(order.ecom_assignee_id, self.cs2)
        self.assertTrue(order.message_ids.filtered(
            lambda m: "Re-assigned from" in (m.body or "") and self.cs2.name in m.body))
        with self.assertRaises(UserError):  # not a CS user
            self._as("manager", order).action_ecom_reassign(self.users["warehouse"].id)
