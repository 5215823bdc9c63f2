# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fulfilment stages on channel deliveries, scanning and the carrier handover."""
from odoo.exceptions import AccessError, UserError

from .common import EcomCase


class TestFulfilment(EcomCase):

    def setUp(self):
        super(TestFulfilment, self).setUp()
        self.order = self._approved([(self.product_a, 2), (self.product_b, 1)])
        self.picking = self._delivery(self.order)
        self.wh = self._as("warehouse", self.picking)

    def test_full_walk_records_who_and_when_and_validates_the_delivery(self):
        self._walk(self.picking, "delivered")
        p = self.picking
        self.assertEqual(p.ecom_fulfil_state, "delivered")
        self.assertEqual(p.state, "done")
        self.assertEqual(p.ecom_printed_by, self.users["warehouse"])
        self.assertEqual(p.ecom_picker_id, self.users["warehouse"])
        self.assertEqual(p.ecom_packer_id, self.users["warehouse"])
        self.assertEqual(p.ecom_checker_id, self.users["warehouse"])
        for stamp in ("ecom_printed_at", "ecom_picked_at", "ecom_packed_at",
                      "ecom_checked_at", "ecom_shipped_at", "ecom_delivered_at"):
            self.assertTrue(p[stamp], stamp)
        self.assertEqual(self.order.order_line.mapped("qty_delivered"), [2.0, 1.0])
        self.assertEqual(p.ecom_weight, 1.5, "weighed from the products when not typed")

    def test_print_needs_carrier_and_tracking_number(self):
        with self.assertRaisesRegex(UserError, "carrier and the tracking number"):
            self.wh.action_ecom_print_waybill()
        self.picking.carrier_id = self.carrier
        with self.assertRaisesRegex(UserError, "carrier and the tracking number"):
            self.wh.action_ecom_print_waybill()
        self.picking.carrier_tracking_ref = "SF123"
        action = self.wh.action_ecom_print_waybill()
        self.assertEqual(action["report_name"], "ecom_order_mgmt.report_ecom_delivery_note")
        self.assertEqual(self.picking.ecom_fulfil_state, "printed")

    def test_steps_cannot_be_skipped(self):
        with self.assertRaisesRegex(UserError, "this step needs stage Waybill Printed"):
            self.wh.action_ecom_pick()
        self._walk(self.picking, "packed")
        with self.assertRaisesRegex(UserError, "needs stage Checked"):
            self.wh.action_ecom_ship()
        self.assertEqual(self.picking.state, "assigned", "not validated")

    def test_other_roles_cannot_move_deliveries(self):
        for role in ("cs", "finance"):
            with self.assertRaises(AccessError):
                self._as(role, self.picking).action_ecom_print_waybill()
        self._walk(self.picking, "shipped")
        # CS confirms the buyer's receipt after calling them.
        self._as("cs", self.picking).action_ecom_confirm_delivered()
        self.assertEqual(self.picking.ecom_fulfil_state, "delivered")

    def test_scan_refuses_unknown_code_other_product_and_too_many(self):
        self._walk(self.picking, "packed")
        with self.assertRaisesRegex(UserError, "Unknown code NOPE"):
            self.wh.action_ecom_scan("NOPE")
        with self.assertRaisesRegex(UserError, "is not in delivery"):
            self.wh.action_ecom_scan(self.product_out.barcode)
        self.wh.action_ecom_scan(self.product_b.default_code)
        with self.assertRaisesRegex(UserError, "Too many .*holds 1, scanned 2"):
            self.wh.action_ecom_scan(self.product_b.barcode)
        with self.assertRaisesRegex(UserError, "positive whole number"):
            self.wh.action_ecom_scan(self.product_a.barcode, 0)
        self.assertEqual(len(self.picking.ecom_scan_ids), 1, "refused scans are not kept")

    def test_check_names_every_line_that_differs(self):
        self._walk(self.picking, "packed")
        self.wh.action_ecom_scan(self.product_a.barcode)
        with self.assertRaises(UserError) as error:
            self.wh.action_ecom_check()
        message = error.exception.name
        self.assertIn("Test shirt S: scanned 1 of 2", message)
        self.assertIn("Test shirt M: scanned 0 of 1", message)
        self.assertEqual(self.picking.ecom_fulfil_state, "packed")
        self.wh.action_ecom_scan(self.product_a.barcode)
        self.wh.action_ecom_scan(self.product_b.barcode)
        self.wh.action_ecom_check()
        self.assertEqual(self.picking.ecom_fulfil_state, "checked")

    def test_scanner_wizard_reports_refusals_without_stopping(self):
        self._walk(self.picking, "packed")
        action = self.wh.action_ecom_open_scanner()
        Wizard = self.env["ecom.scan.wizard"].sudo(self.users["warehouse"])
        wizard = Wizard.with_context(**action["context"]).create({"code": "NOPE"})
        wizard = Wizard.browse(wizard.action_scan()["res_id"])
        self.assertFalse(wizard.last_ok)
        self.assertIn("Unknown code NOPE", wizard.last_result)
        wizard.code = self.product_a.barcode
        wizard = Wizard.browse(wizard.action_scan()["res_id"])
        self.assertTrue(wizard.last_ok)

    def test_kanban_page_shows_each_delivery_its_own_buyer(self):
        # a page of deliveries reads the buyer fields (related to the order)
        # in batch: each card still gets its own order's values
        orders = self._approved(ecom_buyer_name="张三", ecom_province="浙江省") \
            | self._approved(ecom_buyer_name="李四", ecom_province="广东省")
        pickings = self._delivery(orders[0]) | self._delivery(orders[1])
        self.env["stock.picking"].invalidate_cache()
        rows = self._as("warehouse", pickings).read(
            ["name", "ecom_buyer_name", "ecom_province", "ecom_sla_deadline"])
        self.assertEqual({r["id"]: (r["ecom_buyer_name"], r["ecom_province"]) for r in rows},
                         {pickings[0].id: ("张三", "浙江省"), pickings[1].id: ("李四", "广东省")})
        self.assertEqual([r["ecom_sla_deadline"] for r in rows],
                         [p.sale_id.ecom_sla_deadline for p in pickings])
        order_rows = self._as("cs", orders).read(["name", "currency_id"])
        self.assertEqual([r["currency_id"][0] for r in order_rows],
                         [o.pricelist_id.currency_id.id for o in orders])

    def test_delivery_not_reserved_cannot_be_picked(self):
        order = self._approved([(self.product_out, 1)])
        picking = self._delivery(order)
        self.assertEqual(picking.ecom_fulfil_state, "to_print")
        picking.write({"carrier_id": self.carrier.id, "carrier_tracking_ref": "X1"})
        self._as("warehouse", picking).action_ecom_print_waybill()
        with self.assertRaisesRegex(UserError, "not fully reserved"):
            self._as("warehouse", picking).action_ecom_pick()


class TestHandover(EcomCase):

    def test_batch_closes_only_when_both_counts_agree_and_ships_all(self):
        pickings = self.env["stock.picking"]
        for province in ("浙江省", "广东省"):
            order = self._approved(ecom_province=province)
            pickings |= self._walk(self._delivery(order), "checked")
        Handover = self.env["ecom.handover"].sudo(self.users["warehouse"])
        batch = Handover.create({"carrier_id": self.carrier.id})
        for picking in pickings:
            batch.action_scan_parcel(picking.carrier_tracking_ref)
        with self.assertRaisesRegex(UserError, "already in this batch"):
            batch.action_scan_parcel(pickings[0].carrier_tracking_ref)
        with self.assertRaisesRegex(UserError, "No channel delivery"):
            batch.action_scan_parcel("NOT-A-PARCEL")
        self.assertEqual(batch.parcel_count, 2)
        self.assertIn("广东省: 1", batch.region_summary)
        batch.carrier_count = 3
        with self.assertRaisesRegex(UserError, "2 parcels scanned but the courier counts 3"):
            batch.action_close()
        self.assertEqual(set(pickings.mapped("ecom_fulfil_state")), {"checked"})
        batch.carrier_count = 2
        batch.action_close()
        self.assertEqual(batch.state, "done")
        self.assertEqual(set(pickings.mapped("ecom_fulfil_state")), {"shipped"})
        self.assertEqual(set(pickings.mapped("state")), {"done"})

    def test_parcel_must_be_checked_and_for_this_carrier(self):
        order = self._approved()
        picking = self._walk(self._delivery(order), "packed")
        batch = self.env["ecom.handover"].sudo(self.users["warehouse"]).create(
            {"carrier_id": self.carrier.id})
        with self.assertRaisesRegex(UserError, "has not passed the check"):
            batch.action_scan_parcel(picking.carrier_tracking_ref)
        other = self.carrier.copy({"name": "Other courier"})
        batch2 = self.env["ecom.handover"].create({"carrier_id": other.id})
        with self.assertRaisesRegex(UserError, "goes with Test courier"):
            batch2.action_scan_parcel(picking.carrier_tracking_ref)


class TestShipAlone(EcomCase):
    """A delivery shipped on its own: the courier counts too (handover check)."""

    def setUp(self):
        super(TestShipAlone, self).setUp()
        picking = self._delivery(self._approved())
        picking.ecom_package_count = 2      # two parcels packed
        self.picking = self._walk(picking, "checked")
        self.wh = self._as("warehouse", self.picking)

    def test_shipping_needs_the_couriers_count(self):
        for count in (None, 1, 3, -2, 2.0, "2", True):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                self.wh.action_ecom_ship(count) if count is not None \
                    else self.wh.action_ecom_ship()
        self.assertEqual(self.picking.ecom_fulfil_state, "checked")
        self.assertEqual(self.picking.state, "assigned", "not validated")
        self.assertFalse(self.picking.ecom_handover_id)
        with self.assertRaisesRegex(UserError, "2 parcels packed but the courier counts 3"):
            self.wh.action_ecom_ship(3)

    def test_both_counts_agree_the_parcel_leaves_in_a_batch_of_its_own(self):
        self.assertTrue(self.wh.action_ecom_ship(carrier_count=2))
        self.assertEqual(self.picking.ecom_fulfil_state, "shipped")
        self.assertEqual(self.picking.state, "done")
        batch = self.picking.ecom_handover_id
        self.assertEqual(batch.state, "done")
        self.assertEqual((batch.parcel_count, batch.carrier_count), (2, 2))
        self.assertEqual(batch.carrier_id, self.carrier)
        self.assertEqual(batch.user_id, self.users["warehouse"])
        self.assertIn("2 parcels handed over", batch.message_ids[0].body)

    def test_the_ship_button_asks_for_the_count(self):
        self.assertTrue(self.wh.can_ecom_ship)
        action = self.wh.action_ecom_open_ship_wizard()
        Wizard = self.env[action["res_model"]].sudo(self.users["warehouse"]).with_context(
            **action["context"])
        wizard = Wizard.create({"carrier_count": 1})
        self.assertEqual((wizard.package_count, wizard.carrier_id), (2, self.carrier))
        with self.assertRaisesRegex(UserError, "courier counts 1"):
            wizard.action_ship()
        wizard.carrier_count = 2
        wizard.action_ship()
        self.assertEqual(self.picking.ecom_fulfil_state, "shipped")

    def test_a_parcel_scanned_into_a_batch_ships_with_the_batch(self):
        batch = self.env["ecom.handover"].sudo(self.users["warehouse"]).create(
            {"carrier_id": self.carrier.id})
        batch.action_scan_parcel(self.picking.carrier_tracking_ref)
        self.assertFalse(self.wh.can_ecom_ship, "no Ship button: the batch ships it")
        with self.assertRaisesRegex(UserError, "ships when the batch closes"):
            self.wh.action_ecom_ship(2)
        batch.carrier_count = 2
        batch.action_close()
        self.assertEqual(self.picking.ecom_fulfil_state, "shipped")

    def test_one_courier_takes_the_parcels_of_one_carrier(self):
        other = self._walk(self._delivery(self._approved()), "checked")
        both = self._as("warehouse", self.picking | other)
        other.carrier_id = self.carrier.copy({"name": "Other courier"})
        with self.assertRaisesRegex(UserError, "do not go with one carrier"):
            both.action_ecom_ship(3)
        other.carrier_id = self.carrier
        both.action_ecom_ship(3)
        self.assertEqual(set(both.mapped("ecom_fulfil_state")), {"shipped"})
        self.assertEqual(len(both.mapped("ecom_handover_id")), 1, "one batch, one count")

    def test_other_roles_cannot_ship(self):
        for role in ("cs", "finance"):
            with self.assertRaises(AccessError):
                self._as(role, self.picking).action_ecom_ship(2)
        self.assertEqual(self.picking.ecom_fulfil_state, "checked")


class TestSplitDelivery(EcomCase):

    def test_split_delivery_ships_what_is_reserved_and_the_rest_follows(self):
        # 20 in stock, 25 ordered; the buyer agreed to receive it in batches.
        order = self._approved([(self.product_a, 25)], picking_policy="direct")
        first = self._delivery(order)
        self.assertEqual(first.state, "assigned", "partly reserved is ready in a split")
        wh = self._as("warehouse", first)
        first.write({"carrier_id": self.carrier.id, "carrier_tracking_ref": "SPLIT1"})
        wh.action_ecom_print_waybill()
        wh.action_ecom_pick()
        wh.action_ecom_pack()
        with self.assertRaisesRegex(UserError, "Too many"):
            wh.action_ecom_scan(self.product_a.barcode, 21)
        wh.action_ecom_scan(self.product_a.barcode, 20)
        wh.action_ecom_check()
        wh.action_ecom_ship(1)
        self.assertEqual(first.state, "done")
        rest = self._delivery(order) - first
        self.assertEqual(len(rest), 1)
        self.assertEqual(rest.backorder_id, first)
        self.assertEqual(rest.ecom_fulfil_state, "to_print")
        self.assertEqual(sum(rest.move_lines.mapped("product_uom_qty")), 5)
        self.assertEqual(order.order_line.qty_delivered, 20)

    def test_deliver_all_at_once_waits_for_everything(self):
        order = self._approved([(self.product_a, 25)])
        picking = self._delivery(order)
        self.assertNotEqual(picking.state, "assigned")
        self.assertFalse(self._as("warehouse", picking).can_ecom_pick)
