# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The performance layer's switch (bulk/switch.py): off, each piece takes
the plain ORM path, and gives what the layer gives on the same data."""
from contextlib import contextmanager
from datetime import datetime

from ..bulk.switch import PARAM, bulk_layer_on
from .common import EcomCase


class TestBulkLayerSwitch(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestBulkLayerSwitch, cls).setUpClass()
        cls.product_cap = cls._product("Test cap", "TST-CAP", "6990000000042", 20.0, 0)
        cls.shelf = cls.env["stock.location"].create({
            "name": "Shelf 7", "usage": "internal", "location_id": cls.stock_location.id})

    def _switch(self, on):
        self.env["ir.config_parameter"].sudo().set_param(PARAM, "1" if on else "0")

    @contextmanager
    def _rolled_back(self):
        """Run the block on the data as it is now, then take it all back."""
        self.env.cr.execute("SAVEPOINT bulk_layer_run")
        try:
            yield
        finally:
            self.env.cr.execute("ROLLBACK TO SAVEPOINT bulk_layer_run")
            self.env.clear()
            # the parameter's cache does not follow the rollback
            self.registry.clear_caches()

    @contextmanager
    def _counting(self, model, method):
        """Record the ids of the records `method` of `model` is called on."""
        cls = type(self.env[model])
        original = getattr(cls, method)
        calls = []

        def counting(records, *args, **kwargs):
            calls.append(records.ids)
            return original(records, *args, **kwargs)

        setattr(cls, method, counting)
        try:
            yield calls
        finally:
            setattr(cls, method, original)

    def test_the_parameter_switches_the_layer(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(PARAM, False)  # not set: on
        self.assertTrue(bulk_layer_on(self.env))
        for value, on in (("0", False), ("False", False), ("off", False), (" no ", False),
                          ("1", True), ("True", True)):
            params.set_param(PARAM, value)
            self.assertEqual(bulk_layer_on(self.env), on, value)

    # ------------------------------------------------------------------
    # Bulk creation
    # ------------------------------------------------------------------
    def _order_values(self, ref):
        return {
            "partner_id": self.buyer.id, "partner_invoice_id": self.buyer.id,
            "partner_shipping_id": self.buyer.id,
            "pricelist_id": self.env.ref("product.list0").id,
            "ecom_channel_id": self.channel.id, "ecom_platform_ref": ref,
            "ecom_buyer_name": "王小明", "ecom_buyer_phone": "13800138000",
            "ecom_payment_mode": "prepaid", "ecom_paid_amount": 130.0,
            "order_line": [(0, 0, {
                "product_id": self.product_a.id, "name": "Shirt S", "product_uom_qty": 1.0,
                "product_uom": self.product_a.uom_id.id, "price_unit": 100.0,
                "tax_id": [(6, 0, [])]}), (0, 0, {
                    "product_id": self.product_out.id, "name": "Hat", "product_uom_qty": 1.0,
                    "product_uom": self.product_out.uom_id.id, "price_unit": 30.0,
                    "tax_id": [(6, 0, [])]})],
        }

    def test_off_creates_each_record_with_create(self):
        Order = self.env["sale.order"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True,
            ecom_defer_received_mail=True)
        made = {}
        for on in (True, False):
            self._switch(on)
            refs = ["LAYER-%s-%d" % (on, n) for n in range(3)]
            with self._counting("sale.order", "create") as calls:
                orders = Order._ecom_create_many([self._order_values(ref) for ref in refs])
            self.assertEqual(orders.mapped("ecom_platform_ref"), refs)
            made[on] = (len(calls), orders.mapped("amount_total"),
                        orders.mapped("ecom_state"), [len(o.order_line) for o in orders])
        # on: one INSERT per model, create() never called; off: once per order
        self.assertEqual(made[True][0], 0)
        self.assertEqual(made[False][0], 3)
        self.assertEqual(made[True][1:], made[False][1:])
        self.assertEqual(made[False][1:], ([130.0] * 3, ["to_review"] * 3, [2, 2, 2]))

    # ------------------------------------------------------------------
    # Reservation
    # ------------------------------------------------------------------
    def _reserved(self, orders):
        """What is reserved where: per delivery move, its state and lines."""
        moves = orders.mapped("picking_ids.move_lines").sorted("id")
        quants = self.env["stock.quant"].search(
            [("product_id", "in", moves.mapped("product_id").ids)], order="id")
        return ([(move.state, move.picking_id.state, move.reserved_availability,
                  sorted((line.location_id.id, line.product_uom_qty, line.product_qty,
                          line.package_id.id, line.state) for line in move.move_line_ids))
                 for move in moves],
                [(quant.id, quant.reserved_quantity) for quant in quants])

    def _stock_hats_and_caps(self):
        """5 hats: 2 old ones on the shelf, 3 newer in stock; 5 caps in a package."""
        Quant = self.env["stock.quant"]
        Quant._update_available_quantity(self.product_out, self.shelf, 2,
                                         in_date=datetime(2026, 1, 1, 8, 0))
        Quant._update_available_quantity(self.product_out, self.stock_location, 3,
                                         in_date=datetime(2026, 2, 1, 8, 0))
        package = self.env["stock.quant.package"].create({"name": "PACK-LAYER"})
        Quant._update_available_quantity(self.product_cap, self.stock_location, 5,
                                         package_id=package)

    def test_off_reserves_with_odoo_what_on_reserves(self):
        hat_1 = self._approved([(self.product_out, 3)])
        hat_2 = self._approved([(self.product_out, 3)])
        cap = self._approved([(self.product_cap, 2)])
        self._stock_hats_and_caps()
        orders = hat_1 | hat_2 | cap
        requests = [("first", hat_1.order_line.id, 3), ("second", hat_2.order_line.id, 3),
                    ("cap", cap.order_line.id, 2), ("no line", False, 1)]
        runs = {}
        for on in (True, False):
            with self._rolled_back():
                self._switch(on)
                with self._counting("stock.move", "_update_reserved_quantity") as calls:
                    taken = self.env["stock.move"]._ecom_reserve_bulk(requests)
                self.env.clear()
                runs[on] = (taken, self._reserved(orders), calls)
        # the same quantities on the same lines and quants either way
        self.assertEqual(runs[True][:2], runs[False][:2])
        taken, (moves, _quants), _calls = runs[False]
        self.assertEqual({key: taken.get(key, 0.0) for key, _line, _qty in requests},
                         {"first": 3, "second": 2, "cap": 2, "no line": 0})
        # oldest hats first: the shelf's 2, then 1 of the stock's 3
        self.assertEqual(moves[0][3], sorted([(self.shelf.id, 2, 2, False, "assigned"),
                                              (self.stock_location.id, 1, 1, False, "assigned")]))
        self.assertEqual((moves[1][0], moves[1][2]), ("partially_available", 2))
        # on: only the packaged caps go through Odoo's reservation; off: every move
        cap_move = cap.mapped("picking_ids.move_lines").ids
        self.assertEqual(runs[True][2], [cap_move])
        self.assertEqual(sorted(runs[False][2]), sorted(
            [cap_move] + [order.mapped("picking_ids.move_lines").ids for order in (hat_1, hat_2)]))

    def test_a_bulk_reviews_deliveries_are_reserved_as_odoo_reserves_them(self):
        # finance passes four orders in one bulk review; their deliveries are
        # reserved at the end of it: on, in a few statements; off, by
        # action_assign per delivery. Odoo's own reservation is the oracle.
        soap = self.env["product.product"].create({
            "name": "Test soap", "type": "consu", "list_price": 5.0, "taxes_id": [(5,)]})
        self._stock_hats_and_caps()
        orders = self.env["sale.order"]
        for lines in ([(self.product_out, 3)], [(self.product_out, 3), (self.product_a, 1)],
                      [(self.product_cap, 2)], [(soap, 1), (self.product_out, 1)]):
            orders |= self._order(lines)
        self._as("cs", orders).action_ecom_cs_approve()
        runs = {}
        for on in (True, False):
            with self._rolled_back():
                self._switch(on)
                with self._counting("stock.move", "_update_reserved_quantity") as calls:
                    self._as("finance", orders).action_ecom_bulk_review()
                self.env.clear()
                cap_move = orders[2].mapped("picking_ids.move_lines").ids
                runs[on] = (self._reserved(orders), calls, cap_move)
        self.assertEqual(runs[True][0], runs[False][0])
        moves, _quants = runs[False][0]
        # first confirmed, first served: 3 hats, then the 2 left, then none
        self.assertEqual([(move[0], move[2]) for move in moves], [
            ("assigned", 3), ("partially_available", 2), ("assigned", 1),
            ("assigned", 2), ("assigned", 1), ("confirmed", 0)])
        # on: only the packaged caps need Odoo's quant reservation (the soap
        # is a consumable, the last hats have no stock left)
        self.assertEqual(runs[True][1], [runs[True][2]])
        self.assertEqual(len(runs[False][1]), 4)

    def test_a_move_made_to_order_is_left_to_odoo(self):
        # Odoo does not reserve stock for a move made to order: neither does
        # the bulk path, which leaves its delivery to Odoo's action_assign
        order = self._approved([(self.product_out, 2)])  # no hats: nothing reserved
        delivery = self._delivery(order)
        delivery.move_lines.write({"procure_method": "make_to_order"})
        self.env["stock.quant"]._update_available_quantity(
            self.product_out, self.stock_location, 5)
        self._switch(True)
        left = delivery._ecom_reserve_in_bulk()
        self.assertEqual(left, delivery)
        left.action_assign()
        self.assertEqual((delivery.move_lines.state, delivery.move_lines.reserved_availability),
                         ("confirmed", 0))

    # ------------------------------------------------------------------
    # Reads
    # ------------------------------------------------------------------
    def test_off_reads_supply_with_the_orm(self):
        supplier = self.env.ref("stock.stock_location_suppliers")
        for qty, when in ((7, "2026-12-20 08:00:00"), (5, "2026-12-10 08:00:00")):
            self.env["stock.picking"].create({
                "picking_type_id": self.warehouse.in_type_id.id, "location_id": supplier.id,
                "location_dest_id": self.stock_location.id,
                "move_lines": [(0, 0, {
                    "name": "Hats", "product_id": self.product_out.id, "product_uom_qty": qty,
                    "product_uom": self.product_out.uom_id.id, "location_id": supplier.id,
                    "location_dest_id": self.stock_location.id, "date_expected": when})],
            }).action_confirm()
        self._approved([(self.product_a, 4)])  # 4 of the 20 shirts reserved
        products = self.product_a | self.product_out
        free_domain = [("product_id", "in", products.ids),
                       ("location_id", "child_of", self.stock_location.id)]
        incoming_domain = [("product_id", "in", products.ids),
                           ("location_dest_id", "child_of", self.stock_location.id),
                           ("location_id.usage", "not in", ("internal", "transit")),
                           ("state", "in", ("waiting", "confirmed", "assigned"))]
        read = {}
        for on in (True, False):
            self._switch(on)
            read[on] = (self.env["stock.quant"]._ecom_free_quantities(free_domain),
                        self.env["stock.move"]._ecom_dated_quantities(incoming_domain))
        self.assertEqual(read[True], read[False])
        self.assertEqual(read[False], ({self.product_a.id: 16.0}, [
            (self.product_out.id, "2026-12-10 08:00:00", 5.0),
            (self.product_out.id, "2026-12-20 08:00:00", 7.0)]))

    def test_off_reads_related_fields_as_odoo_does(self):
        orders = self._approved() | self._approved()
        pickings = orders.mapped("picking_ids")
        names = ["ecom_buyer_name", "ecom_platform_ref", "sale_id"]
        read = {}
        for on in (True, False):
            self._switch(on)
            self.env.clear()
            with self._counting("stock.picking", "_ecom_fetch_related_paths") as calls:
                rows = pickings.read(names)
            read[on] = (rows, len(calls))
        self.assertEqual(read[True][0], read[False][0])
        # on: the related paths fetched first; off: left to the ORM
        self.assertTrue(read[True][1])
        self.assertFalse(read[False][1])
        self.assertEqual({row["ecom_platform_ref"] for row in read[False][0]},
                         set(orders.mapped("ecom_platform_ref")))
