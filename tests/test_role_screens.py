"""Every role opens every screen of the E-commerce menu it sees.

For each role (its demo user) and each menu it sees under E-commerce, the
menu's action is opened as the web client does: each view of the action is
loaded, the list reads its first records with the view's fields, the form
reads a record with the form's. A menu shown to a role that cannot read
what it opens (the warehouse on custom requests, purchasing on backorders)
fails here, not in front of the user.
"""
from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase
from odoo.tools.safe_eval import safe_eval

ROLES = {
    "cs": "ecom_order_mgmt.user_ecom_cs",
    "finance": "ecom_order_mgmt.user_ecom_finance",
    "warehouse": "ecom_order_mgmt.user_ecom_warehouse",
    "manager": "ecom_order_mgmt.user_ecom_manager",
    "director": "ecom_order_mgmt.user_ecom_director",
    "gm": "ecom_order_mgmt.user_ecom_gm",
    "purchase": "ecom_backorder.user_ecom_purchase",
}


class TestRoleScreens(TransactionCase):

    def _open(self, user, menu):
        """Open `menu` as `user`; the problems met, as text."""
        action = menu.action
        if action._name != "ir.actions.act_window":
            return []
        Model = self.env[action.res_model].sudo(user)
        values = self.env["ir.ui.menu"].sudo(user)._ecom_eval_context()
        domain = safe_eval(action.domain or "[]", values)
        views = [(view.view_id.id, view.view_mode) for view in action.view_ids]
        views += [(False, mode) for mode in (action.view_mode or "").split(",")
                  if mode and mode not in [known for _id, known in views]]
        problems = []
        for view_id, mode in views:
            if mode not in ("tree", "kanban", "form", "pivot", "graph"):
                continue
            try:
                view = Model.fields_view_get(view_id or None, mode)
                names = list(view["fields"])
                if mode == "form":
                    records = Model.search(domain, limit=1)
                    if records:
                        records.read(names)
                    else:
                        Model.default_get(names)
                elif mode in ("tree", "kanban"):
                    Model.search_read(domain, names, limit=3)
                else:
                    Model.search_count(domain)
            except AccessError as error:
                problems.append("%s (%s): %s" % (menu.complete_name, mode, error.name))
        return problems

    def test_each_role_opens_the_screens_it_sees(self):
        root = self.env.ref("ecom_order_mgmt.menu_ecom_root")
        problems = []
        for role, xmlid in ROLES.items():
            user = self.env.ref(xmlid)
            menus = self.env["ir.ui.menu"].sudo(user).search([("id", "child_of", root.id)])
            self.assertIn(root, menus, role)
            for menu in menus.filtered("action"):
                problems += ["%s: %s" % (role, p) for p in self._open(user, menu)]
        self.assertFalse(problems, "\n".join(problems))

    def _receipt(self, warehouse, product, picking_type=None):
        """A transfer of 3 `product` into `warehouse` from the vendors, ready."""
        picking_type = picking_type or warehouse.in_type_id
        source = picking_type.default_location_src_id \
            or self.env.ref("stock.stock_location_suppliers")
        target = picking_type.default_location_dest_id or warehouse.lot_stock_id
        picking = self.env["stock.picking"].create({
            "picking_type_id": picking_type.id, "location_id": source.id,
            "location_dest_id": target.id,
            "move_lines": [(0, 0, {
                "name": product.name, "product_id": product.id, "product_uom_qty": 3,
                "product_uom": product.uom_id.id, "location_id": source.id,
                "location_dest_id": target.id})]})
        picking.action_confirm()
        return picking

    def test_the_warehouse_finds_the_receipts_to_receive(self):
        """Under E-commerce the warehouse has a queue of the receipts of the
        channels' warehouses not received yet; CS and finance do not."""
        root = self.env.ref("ecom_order_mgmt.menu_ecom_root")
        menu = self.env.ref("ecom_order_mgmt.menu_ecom_receipt")
        for role, shown in (("warehouse", True), ("manager", True), ("cs", False),
                            ("finance", False)):
            menus = self.env["ir.ui.menu"].sudo(self.env.ref(ROLES[role])).search(
                [("id", "child_of", root.id)])
            self.assertEqual(menu in menus, shown, role)
        self.assertEqual(menu.name, "Receipts to Receive")

        shop = self.env.ref("stock.warehouse0")
        self.env["ecom.channel"].create({
            "name": "Receipts shop", "code": "RCPTS", "platform": "tmall",
            "warehouse_id": shop.id})
        other = self.env["stock.warehouse"].create({"name": "No shop", "code": "NOSHP"})
        product = self.env["product.product"].create({"name": "Receipt shirt",
                                                      "type": "product"})
        waiting = self._receipt(shop, product)
        received = self._receipt(shop, product)
        received.move_lines.quantity_done = 3
        received.action_done()
        elsewhere = self._receipt(other, product)
        delivery = self._receipt(shop, product, shop.out_type_id)
        self.assertEqual((waiting.state, received.state), ("assigned", "done"))

        user = self.env.ref(ROLES["warehouse"])
        action = menu.action
        domain = safe_eval(action.domain, self.env["ir.ui.menu"].sudo(user)._ecom_eval_context())
        listed = self.env["stock.picking"].sudo(user).search(domain)
        self.assertIn(waiting, listed)
        for picking in (received, elsewhere, delivery):
            self.assertNotIn(picking, listed, picking.name)
        self.assertTrue(self._open(user, menu) == [], self._open(user, menu))
