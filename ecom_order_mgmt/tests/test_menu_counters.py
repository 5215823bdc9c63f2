# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The counters on the E-commerce menus: how many items wait for the user."""
import xmlrpc.client

from .common import EcomCase

CS_QUEUE = "ecom_order_mgmt.menu_ecom_order_cs"
FINANCE_QUEUE = "ecom_order_mgmt.menu_ecom_order_finance"
DELIVERIES = "ecom_order_mgmt.menu_ecom_delivery"
ALL_ORDERS = "ecom_order_mgmt.menu_ecom_order"
EXCEPTIONS = "ecom_order_mgmt.menu_ecom_order_exception"
RECEIPTS = "ecom_order_mgmt.menu_ecom_receipt"
QUEUES = (CS_QUEUE, FINANCE_QUEUE, DELIVERIES)


class TestMenuCounters(EcomCase):

    def _counts(self, role):
        """{menu xml id: count} of the queues as `role` sees them (0: no counter)."""
        counts = self.env["ir.ui.menu"].sudo(self.users[role]).ecom_needaction_counts()
        # what the web client receives must marshal (string keys)
        xmlrpc.client.dumps((counts,))
        return {xmlid: counts.get(str(self.env.ref(xmlid).id), 0)
                for xmlid in QUEUES + (ALL_ORDERS, EXCEPTIONS)}

    def _all_counts(self):
        return {role: self._counts(role) for role in ("cs", "finance", "warehouse", "manager")}

    def _delta(self, before, after):
        return {role: {xmlid: after[role][xmlid] - before[role][xmlid]
                       for xmlid in before[role] if after[role][xmlid] != before[role][xmlid]}
                for role in before}

    def test_each_queue_counts_what_waits_for_the_role(self):
        before = self._all_counts()
        orders = self._order() | self._order() | self._order()
        after_import = self._all_counts()
        self.assertEqual(self._delta(before, after_import), {
            "cs": {CS_QUEUE: 3}, "finance": {}, "warehouse": {}, "manager": {CS_QUEUE: 3}})

        self._as("cs", orders[0] | orders[1]).action_ecom_cs_approve()
        after_cs = self._all_counts()
        self.assertEqual(self._delta(before, after_cs), {
            "cs": {CS_QUEUE: 1}, "finance": {FINANCE_QUEUE: 2}, "warehouse": {},
            # money is finance's alone: the manager does not review payments
            "manager": {CS_QUEUE: 1}})

        self._as("finance", orders[0]).action_ecom_finance_approve()
        after_finance = self._all_counts()
        self.assertEqual(self._delta(before, after_finance), {
            "cs": {CS_QUEUE: 1}, "finance": {FINANCE_QUEUE: 1},
            "warehouse": {DELIVERIES: 1},
            "manager": {CS_QUEUE: 1, DELIVERIES: 1}})

        # Shipped, the delivery no longer waits for the warehouse.
        self._walk(self._delivery(orders[0]), "shipped")
        self.assertEqual(self._counts("warehouse")[DELIVERIES],
                         before["warehouse"][DELIVERIES])

    def test_counts_match_what_the_queue_lists(self):
        self._order()
        user = self.users["cs"]
        count = self._counts("cs")[CS_QUEUE]
        listed = self.env["sale.order"].sudo(user).search_count([
            ("ecom_channel_id", "!=", False), ("ecom_state", "=", "to_review")])
        self.assertEqual(count, listed)
        self.assertGreater(count, 0)

    def test_lists_that_are_not_queues_have_no_counter(self):
        self._order()
        for role in ("cs", "manager"):
            counts = self._counts(role)
            self.assertEqual(counts[ALL_ORDERS], 0, role)
            # orders held as exceptions wait for nobody's review
            self.assertEqual(counts[EXCEPTIONS], 0, role)

    def test_receipts_ready_to_receive_are_counted_for_the_warehouse(self):
        warehouse = self.users["warehouse"]
        menus = self.env["ir.ui.menu"].sudo(warehouse)
        receipts_menu = str(self.env.ref(RECEIPTS).id)
        before = menus.ecom_needaction_counts()
        supplier = self.env["res.partner"].create({"name": "Counter supplier", "supplier": True})
        suppliers = self.env.ref("stock.stock_location_suppliers")
        receipt = self.env["stock.picking"].create({
            "partner_id": supplier.id, "picking_type_id": self.warehouse.in_type_id.id,
            "location_id": suppliers.id, "location_dest_id": self.stock_location.id,
            "move_lines": [(0, 0, {
                "name": self.product_a.name, "product_id": self.product_a.id,
                "product_uom_qty": 4, "product_uom": self.product_a.uom_id.id,
                "location_id": suppliers.id, "location_dest_id": self.stock_location.id})]})
        receipt.action_confirm()
        after = menus.ecom_needaction_counts()
        # the list opens on "Ready": an announced receipt counts once ready
        self.assertEqual(after.get(receipts_menu, 0), before.get(receipts_menu, 0) + 1)
        # the warehouse's deliveries are not receipts, and CS has no warehouse queue
        self.assertEqual(after.get(str(self.env.ref(DELIVERIES).id), 0),
                         before.get(str(self.env.ref(DELIVERIES).id), 0))
        self.assertNotIn(receipts_menu, self.env["ir.ui.menu"].sudo(
            self.users["cs"]).ecom_needaction_counts())
        receipt.move_lines.quantity_done = 4
        receipt.action_done()
        self.assertEqual(menus.ecom_needaction_counts().get(receipts_menu, 0),
                         before.get(receipts_menu, 0))

    def test_users_without_a_role_get_no_counter(self):
        user = self.env["res.users"].create({
            "name": "Plain employee counters", "login": "plain_employee_counters",
            "groups_id": [(6, 0, [self.env.ref("base.group_user").id])]})
        self.assertEqual(self.env["ir.ui.menu"].sudo(user).ecom_needaction_counts(), {})
        self.assertFalse(self.env["sale.order"].sudo(user)._needaction_domain_get())
        self.assertFalse(self.env["stock.picking"].sudo(user)._needaction_domain_get())
