# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.ecom_order_mgmt.tests.common import EcomCase


class ReturnsCase(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(ReturnsCase, cls).setUpClass()
        cls.product_c = cls._product("Test coat", "TST-COAT", "6990000000042", 130.0, 20)
        cls.product_d = cls._product("Test socks", "TST-SOCKS", "6990000000059", 33.33, 20)
        cls.company = cls.env.user.company_id
        cls.company.write({"ecom_return_days": 7, "ecom_return_shipping_fee": 10.0,
                           "ecom_return_customer_fault_payer": "buyer",
                           "ecom_return_supervisor_id": cls.users["manager"].id})
        cls.warehouse._ecom_ensure_return_locations()
        cls.returns_location = cls.warehouse.ecom_return_location_id
        cls.defective_location = cls.warehouse.ecom_defective_location_id

    def _delivered(self, lines=None, **values):
        order = self._approved(lines, **values)
        self._walk(self._delivery(order), "delivered")
        return order

    def _case(self, order, case_type, lines, **values):
        """Opened by CS; lines = [(product, qty, responsibility[, replacement])]."""
        line_values = []
        for line in lines:
            product, quantity, responsibility = line[:3]
            vals = {"product_id": product.id, "quantity": quantity,
                    "responsibility": responsibility}
            if len(line) > 3:
                vals["replacement_product_id"] = line[3].id
            line_values.append((0, 0, vals))
        vals = {"order_id": order.id, "type": case_type, "line_ids": line_values}
        vals.update(values)
        return self._as("cs", self.env["ecom.return"]).create(vals)

    def _receive(self, case, defective=None):
        """The warehouse inspects ({product: defective units}) and validates."""
        for line in case.line_ids:
            if defective and line.product_id in defective:
                self._as("warehouse", line).quantity_defective = defective[line.product_id]
        picking = case.return_picking_id
        for move_line in picking.move_line_ids:
            move_line.qty_done = move_line.product_uom_qty
        self._as("warehouse", picking).button_validate()
        return picking

    def _qty(self, product, location):
        return sum(self.env["stock.quant"].search([
            ("product_id", "=", product.id), ("location_id", "=", location.id)]).mapped(
            "quantity"))


class TestBeforeShipment(ReturnsCase):

    def test_refund_only_on_a_paid_order_takes_the_goods_off_the_delivery(self):
        order = self._approved([(self.product_a, 2), (self.product_b, 1)])
        case = self._case(order, "refund_only", [(self.product_a, 1, "customer")])
        self.assertTrue(case.before_shipment)
        self.assertFalse(case.buyer_fee)  # no parcel comes back
        self._as("manager", case).action_approve()
        self.assertEqual(case.state, "approved")
        moves = self._delivery(order).move_lines.filtered(
            lambda m: m.product_id == self.product_a and m.state != "cancel")
        self.assertEqual(sum(moves.mapped("product_uom_qty")), 1)
        self._as("finance", case).action_refund()
        self.assertEqual(case.state, "done")
        self.assertEqual(case.refund_invoice_id.type, "out_refund")
        self.assertEqual(case.refund_invoice_id.state, "paid")  # paid back to the buyer
        self.assertAlmostEqual(case.refund_invoice_id.amount_total, 100.0, places=2)
        self.assertEqual(order.ecom_refund_count, 1)

    def test_refund_of_everything_closes_the_order(self):
        order = self._approved([(self.product_a, 1)])
        case = self._case(order, "refund_only", [(self.product_a, 1, "customer")])
        self._as("manager", case).action_approve()
        self.assertEqual(order.state, "cancel")
        self._as("finance", case).action_refund()
        self.assertAlmostEqual(case.refund_invoice_id.amount_total, 100.0, places=2)

    def test_unpaid_order_is_closed_without_refund(self):
        order = self._approved([(self.product_a, 1)])
        order.ecom_paid_amount = 0.0
        self.assertEqual(order.ecom_payment_state, "unpaid")
        case = self._case(order, "refund_only", [(self.product_a, 1, "customer")])
        self._as("manager", case).action_approve()
        self.assertEqual(case.state, "done")
        self.assertEqual(order.state, "cancel")
        self.assertFalse(case.refund_invoice_id)

    def test_refund_only_refused_once_shipped(self):
        order = self._approved([(self.product_a, 1)])
        self._walk(self._delivery(order), "shipped")
        with self.assertRaisesRegex(ValidationError, "return"):
            self._case(order, "refund_only", [(self.product_a, 1, "customer")])

    def test_exchange_before_shipment_charges_the_difference(self):
        order = self._approved([(self.product_a, 1)])
        case = self._case(order, "exchange", [(self.product_a, 1, "customer", self.product_c)])
        self.assertAlmostEqual(case.price_difference, 30.0, places=2)
        self._as("manager", case).action_approve()
        delivery = self._delivery(order)
        live = delivery.move_lines.filtered(lambda m: m.state != "cancel")
        self.assertEqual(live.mapped("product_id"), self.product_c)
        self.assertEqual(case.state, "approved")
        self._as("finance", case).action_refund()
        self.assertEqual(case.state, "done")
        self.assertEqual(case.charge_invoice_id.type, "out_invoice")
        self.assertAlmostEqual(case.charge_invoice_id.amount_total, 30.0, places=2)
        # the changed delivery still ships through the stages
        self._walk(delivery, "shipped")
        self.assertEqual(delivery.state, "done")

    def test_exchange_before_shipment_refunds_the_difference(self):
        order = self._approved([(self.product_a, 1)])
        case = self._case(order, "exchange", [(self.product_a, 1, "customer", self.product_b)])
        self._as("manager", case).action_approve()
        self._as("finance", case).action_refund()
        self.assertAlmostEqual(case.refund_invoice_id.amount_total, 50.0, places=2)


class TestAfterDelivery(ReturnsCase):

    def test_late_return_is_not_eligible(self):
        order = self._delivered([(self.product_a, 1)])
        self._delivery(order).ecom_delivered_at = fields.Datetime.to_string(
            datetime.now() - timedelta(days=10))
        case = self._case(order, "return_refund", [(self.product_a, 1, "customer")])
        with self.assertRaisesRegex(UserError, "within 7 days"):
            self._as("manager", case).action_approve()
        self.assertEqual(case.state, "draft")
        self.company.ecom_return_days = 15
        self._as("manager", case).action_approve()
        self.assertEqual(case.state, "waiting_return")

    def test_tags_removed_is_not_eligible(self):
        order = self._delivered([(self.product_a, 1)])
        case = self._case(order, "return_refund", [(self.product_a, 1, "customer")],
                          tags_intact=False)
        with self.assertRaisesRegex(UserError, "tags"):
            self._as("manager", case).action_approve()

    def test_over_quantity_refused(self):
        order = self._delivered([(self.product_a, 2)])
        with self.assertRaisesRegex(ValidationError, "only 2"), self.env.cr.savepoint():
            self._case(order, "return_refund", [(self.product_a, 3, "customer")])
        self._case(order, "return_refund", [(self.product_a, 1, "customer")])
        with self.assertRaisesRegex(ValidationError, "only 1"), self.env.cr.savepoint():
            self._case(order, "exchange", [(self.product_a, 2, "customer")])
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._case(order, "return_refund", [(self.product_b, 1, "customer")])

    def test_rejected_case_frees_its_quantity(self):
        order = self._delivered([(self.product_a, 1)])
        case = self._case(order, "return_refund", [(self.product_a, 1, "customer")])
        with self.assertRaises(UserError):
            self._as("manager", case).action_reject("  ")
        self._as("manager", case).action_reject("Worn, tags cut")
        self.assertEqual(case.state, "rejected")
        self.assertEqual(case.reject_reason, "Worn, tags cut")
        self._case(order, "return_refund", [(self.product_a, 1, "customer")])

    def test_fee_follows_responsibility_and_policy(self):
        order = self._delivered([(self.product_a, 1), (self.product_b, 1)])
        case = self._case(order, "return_refund", [(self.product_a, 1, "customer")])
        self.assertEqual(case.shipping_payer, "buyer")
        self.assertAlmostEqual(case.buyer_fee, 10.0, places=2)
        self.assertAlmostEqual(case.refund_preview, 90.0, places=2)
        case.line_ids.responsibility = "carrier"
        self.assertEqual(case.shipping_payer, "carrier")
        self.assertEqual(case.buyer_fee, 0.0)
        case.line_ids.responsibility = "customer"
        self._case(order, "return_refund", [(self.product_b, 1, "company")])
        self.company.ecom_return_customer_fault_payer = "company"
        case.invalidate_cache()
        self.assertEqual(case.shipping_payer, "company")
        self.assertAlmostEqual(case.refund_preview, 100.0, places=2)

    def test_good_and_defective_units_land_in_their_locations(self):
        order = self._delivered([(self.product_a, 3)])
        stock_before = self._qty(self.product_a, self.stock_location)
        case = self._case(order, "return_refund", [(self.product_a, 3, "company")])
        self._as("manager", case).action_approve()
        self.assertEqual(case.state, "waiting_return")
        picking = case.return_picking_id
        self.assertEqual(picking.location_dest_id, self.returns_location)
        self.assertEqual(picking.picking_type_id, self._delivery(order).picking_type_id
                         .return_picking_type_id or self._delivery(order).picking_type_id)
        with self.assertRaises(AccessError):
            self._as("cs", picking).button_validate()
        self._receive(case, {self.product_a: 1})
        self.assertEqual(case.state, "received")
        self.assertEqual(self._qty(self.product_a, self.returns_location), 0)
        self.assertEqual(self._qty(self.product_a, self.stock_location), stock_before + 2)
        self.assertEqual(self._qty(self.product_a, self.defective_location), 1)
        activity = case.activity_ids
        self.assertEqual(activity.user_id, self.users["manager"])
        self._as("finance", case).action_refund()
        self.assertEqual(case.state, "done")
        self.assertAlmostEqual(case.refund_invoice_id.amount_total, 300.0, places=2)

    def test_refund_to_the_cent_minus_the_buyer_fee(self):
        order = self._delivered([(self.product_d, 3)])
        self.assertAlmostEqual(order.amount_total, 99.99, places=2)
        case = self._case(order, "return_refund", [(self.product_d, 3, "customer")])
        self._as("manager", case).action_approve()
        self._receive(case)
        self._as("finance", case).action_refund()
        invoice = case.refund_invoice_id
        self.assertAlmostEqual(invoice.amount_total, 89.99, places=2)
        self.assertEqual(invoice.partner_id, order.partner_invoice_id)

    def test_refund_capped_at_what_was_paid_across_cases(self):
        order = self._delivered([(self.product_a, 2)])
        order.ecom_paid_amount = 150.0  # a platform coupon paid the rest
        first = self._case(order, "return_refund", [(self.product_a, 1, "company")])
        self._as("manager", first).action_approve()
        self._receive(first)
        self._as("finance", first).action_refund()
        self.assertAlmostEqual(first.refund_invoice_id.amount_total, 100.0, places=2)
        second = self._case(order, "return_refund", [(self.product_a, 1, "company")])
        self.assertAlmostEqual(second.refund_preview, 50.0, places=2)
        self._as("manager", second).action_approve()
        self._receive(second)
        self._as("finance", second).action_refund()
        self.assertAlmostEqual(second.refund_invoice_id.amount_total, 50.0, places=2)
        self.assertEqual(order.ecom_refund_count, 2)

    def test_exchange_after_receipt_ships_the_replacement_and_refunds_the_difference(self):
        order = self._delivered([(self.product_a, 1)])
        case = self._case(order, "exchange", [(self.product_a, 1, "company", self.product_b)])
        self._as("manager", case).action_approve()
        self.assertEqual(case.state, "waiting_return")
        self._receive(case)
        self.assertEqual(case.state, "received")
        # The replacement is an order of its own (issue 22 item 5): reviewed,
        # then shipped through the fulfilment stages.
        replacement = case.replacement_order_id
        self.assertEqual(replacement.ecom_exchange_of_id, order)
        self._as("cs", replacement).action_ecom_cs_approve()
        self._as("finance", replacement).action_ecom_finance_approve()
        delivery = self._delivery(replacement)
        self.assertEqual(delivery.move_lines.mapped("product_id"), self.product_b)
        self.assertEqual(delivery.ecom_fulfil_state, "to_print")
        self.assertEqual(delivery.sale_id, replacement)
        self._as("finance", case).action_refund()
        self.assertEqual(case.state, "done")
        self.assertAlmostEqual(case.refund_invoice_id.amount_total, 50.0, places=2)

    def test_exchange_after_receipt_charges_the_difference_and_the_buyer_fee(self):
        order = self._delivered([(self.product_a, 1)])
        case = self._case(order, "exchange", [(self.product_a, 1, "customer", self.product_c)])
        self.assertAlmostEqual(case.price_difference, 30.0, places=2)
        self._as("manager", case).action_approve()
        self._receive(case)
        self._as("finance", case).action_refund()
        self.assertAlmostEqual(case.charge_invoice_id.amount_total, 40.0, places=2)

    def test_same_price_exchange_is_done_at_receipt(self):
        order = self._delivered([(self.product_a, 1)])
        case = self._case(order, "exchange", [(self.product_a, 1, "company")])
        self._as("manager", case).action_approve()
        self._receive(case)
        self.assertEqual(case.state, "done")
        self.assertTrue(case.replacement_order_id)

    def test_reissue_ships_again_at_no_charge_with_a_carrier_claim(self):
        order = self._approved([(self.product_a, 1)])
        delivery = self._walk(self._delivery(order), "shipped")
        case = self._case(order, "reissue", [(self.product_a, 1, "carrier")])
        self.assertFalse(case.buyer_fee)
        self._as("manager", case).action_approve()
        self.assertEqual(case.state, "done")
        replacement = case.replacement_picking_id
        self.assertEqual(replacement.move_lines.mapped("product_id"), self.product_a)
        self.assertEqual(replacement.move_lines.mapped("price_unit"), [0.0])
        self.assertFalse(replacement.move_lines.mapped("sale_line_id"))
        self.assertFalse(case.refund_invoice_id | case.charge_invoice_id)
        self.assertEqual(order.amount_total, 100.0)
        claim = case.claim_ids
        self.assertEqual(claim.carrier_id, self.carrier)
        self.assertEqual(claim.tracking_ref, delivery.carrier_tracking_ref)
        self.assertAlmostEqual(claim.amount, 100.0, places=2)
        self.assertEqual(claim.state, "draft")
        self._as("cs", claim).action_claim()
        self.assertEqual(claim.state, "claimed")
        self._walk(replacement, "shipped")
        self.assertEqual(replacement.state, "done")

    def test_reissue_refused_before_shipment(self):
        order = self._approved([(self.product_a, 1)])
        with self.assertRaisesRegex(ValidationError, "not been shipped"):
            self._case(order, "reissue", [(self.product_a, 1, "carrier")])


class TestBatches(ReturnsCase):
    """Several cases approved, received and refunded in one action."""

    def _receive_together(self, cases):
        pickings = cases.mapped("return_picking_id")
        self._as("warehouse", self.env["stock.immediate.transfer"]).create(
            {"pick_ids": [(6, 0, pickings.ids)]}).process()

    def test_a_batch_is_approved_received_and_refunded_together(self):
        first = self._case(self._delivered([(self.product_a, 2)]), "return_refund",
                           [(self.product_a, 2, "company")])
        second = self._case(self._delivered([(self.product_a, 1), (self.product_d, 3)]),
                            "return_refund", [(self.product_d, 3, "customer")])
        cases = first | second
        stock = {p: self._qty(p, self.stock_location) for p in (self.product_a, self.product_d)}
        self._as("manager", cases).action_approve()
        self.assertEqual(cases.mapped("state"), ["waiting_return"] * 2)
        self.assertEqual(len(cases.mapped("return_picking_id")), 2)
        self._as("warehouse", first.line_ids).quantity_defective = 1
        self._receive_together(cases)
        self.assertEqual(cases.mapped("state"), ["received"] * 2)
        self.assertEqual(self._qty(self.product_a, self.stock_location), stock[self.product_a] + 1)
        self.assertEqual(self._qty(self.product_a, self.defective_location), 1)
        self.assertEqual(self._qty(self.product_d, self.stock_location), stock[self.product_d] + 3)
        self.assertEqual(self._qty(self.product_d, self.returns_location), 0)
        self.assertTrue(first.activity_ids)
        self.assertFalse(second.activity_ids)
        self._as("finance", cases).action_refund()
        self.assertEqual(cases.mapped("state"), ["done"] * 2)
        self.assertAlmostEqual(first.refund_invoice_id.amount_total, 200.0, places=2)
        self.assertAlmostEqual(second.refund_invoice_id.amount_total, 89.99, places=2)
        self.assertEqual(first.refund_invoice_id.partner_id, first.order_id.partner_invoice_id)
        self.assertEqual(cases.mapped("refund_invoice_id.state"), ["paid"] * 2)
        for case in cases:
            self.assertIn(case.refund_invoice_id.number, case.message_ids[0].body)

    def test_refunds_of_one_order_in_one_batch_are_capped_together(self):
        order = self._delivered([(self.product_a, 2)])
        order.ecom_paid_amount = 150.0
        cases = self._case(order, "return_refund", [(self.product_a, 1, "company")])
        cases |= self._case(order, "return_refund", [(self.product_a, 1, "company")])
        self._as("manager", cases).action_approve()
        self._receive_together(cases)
        self._as("finance", cases).action_refund()
        self.assertEqual([round(a, 2) for a in cases.mapped("refund_invoice_id.amount_total")],
                         [100.0, 50.0])

    def test_a_second_return_of_a_delivery_leaves_the_first_one_ready(self):
        order = self._delivered([(self.product_a, 2)])
        first = self._case(order, "return_refund", [(self.product_a, 1, "company")])
        self._as("manager", first).action_approve()
        second = self._case(order, "return_refund", [(self.product_a, 1, "company")])
        self._as("manager", second).action_approve()
        self.assertEqual((first | second).mapped("return_picking_id.state"), ["assigned"] * 2)
        self._receive(first)
        self.assertEqual(first.state, "received")

    def test_approval_and_receipt_are_recorded_by_who_did_them(self):
        case = self._case(self._delivered([(self.product_a, 1)]), "return_refund",
                          [(self.product_a, 1, "company")])
        self._as("manager", case).with_context(lang="en_US").action_approve()
        self._receive(case)
        tracking = case.sudo().message_ids.mapped("tracking_value_ids")
        states = tracking.filtered(lambda t: t.field == "state").sorted("id")
        self.assertEqual(states.mapped("new_value_char"),
                         ["Draft", "Waiting for Return", "Received"])
        approval, receipt = states[1].mail_message_id, states[2].mail_message_id
        self.assertEqual(approval.author_id, self.users["manager"].partner_id)
        self.assertEqual(approval.tracking_value_ids.filtered(
            lambda t: t.field == "approved_by").new_value_char, self.users["manager"].name)
        self.assertEqual(receipt.author_id, self.users["warehouse"].partner_id)


class TestGuards(ReturnsCase):

    def test_cs_cannot_refund_and_warehouse_cannot_approve(self):
        order = self._delivered([(self.product_a, 1)])
        case = self._case(order, "return_refund", [(self.product_a, 1, "company")])
        self.assertFalse(self._as("warehouse", case).can_approve)
        with self.assertRaises(AccessError):
            self._as("warehouse", case).action_approve()
        with self.assertRaises(AccessError):
            self._as("cs", case).action_approve()
        self.assertTrue(self._as("manager", case).can_approve)
        self._as("manager", case).action_approve()
        with self.assertRaises(UserError):
            self._as("manager", case).action_approve()  # wrong stage
        self._receive(case)
        self.assertFalse(self._as("cs", case).can_refund)
        with self.assertRaises(AccessError):
            self._as("cs", case).action_refund()
        self.assertTrue(self._as("finance", case).can_refund)
        self._as("finance", case).action_refund()
        with self.assertRaises(UserError):
            self._as("finance", case).action_refund()  # refunded once

    def test_whoever_opened_a_case_cannot_approve_it(self):
        order = self._delivered([(self.product_a, 1)])
        case = self._as("manager", self.env["ecom.return"]).create({
            "order_id": order.id, "type": "return_refund",
            "line_ids": [(0, 0, {"product_id": self.product_a.id, "quantity": 1,
                                 "responsibility": "company"})]})
        self.assertFalse(self._as("manager", case).can_approve)
        with self.assertRaisesRegex(UserError, "another manager must approve it"):
            self._as("manager", case).action_approve()
        self.assertEqual(case.state, "draft")
        self.assertFalse(case.return_picking_id)
        colleague = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Second manager", "login": "test_second_manager",
            "email": "second.manager@example.com",
            "groups_id": [(6, 0, [self.env.ref("ecom_order_mgmt.group_ecom_manager").id])]})
        self.assertTrue(case.sudo(colleague).can_approve)
        case.sudo(colleague).action_approve()
        self.assertEqual(case.state, "waiting_return")
        self.assertEqual(case.approved_by, colleague)

    def test_only_the_warehouse_receives_through_the_immediate_transfer(self):
        order = self._delivered([(self.product_a, 1)])
        case = self._case(order, "return_refund", [(self.product_a, 1, "company")])
        self._as("manager", case).action_approve()
        picking = case.return_picking_id

        def transfer(role):
            return self._as(role, self.env["stock.immediate.transfer"]).create(
                {"pick_ids": [(6, 0, picking.ids)]})

        with self.assertRaisesRegex(AccessError, "Receiving returns"), \
                self.env.cr.savepoint():
            transfer("cs").process()
        self.assertEqual((case.state, picking.state), ("waiting_return", "assigned"))
        transfer("warehouse").process()
        self.assertEqual((case.state, picking.state), ("received", "done"))

    def test_non_channel_order_refused(self):
        order = self.env["sale.order"].create({
            "partner_id": self.buyer.id,
            "order_line": [(0, 0, {"product_id": self.product_a.id, "product_uom_qty": 1})]})
        order.action_confirm()
        with self.assertRaises(ValidationError):
            self._case(order, "refund_only", [(self.product_a, 1, "customer")])


class TestFeedback(ReturnsCase):

    def test_delivery_followup_created_once_after_n_days(self):
        order = self._approved([(self.product_a, 1)])
        delivery = self._walk(self._delivery(order), "shipped")
        self.company.ecom_followup_days = 3
        Feedback = self.env["ecom.feedback"]
        self.assertFalse(Feedback._cron_delivery_followup().filtered(
            lambda f: f.picking_id == delivery))
        delivery.ecom_shipped_at = fields.Datetime.to_string(
            datetime.now() - timedelta(days=4))
        created = Feedback._cron_delivery_followup().filtered(
            lambda f: f.picking_id == delivery)
        self.assertEqual(len(created), 1)
        self.assertEqual(created.kind, "delivery_followup")
        self.assertEqual(created.order_id, order)
        self.assertFalse(Feedback._cron_delivery_followup().filtered(
            lambda f: f.picking_id == delivery))

    def test_feedback_resolution_and_case_from_feedback(self):
        order = self._delivered([(self.product_a, 1)])
        feedback = self._as("cs", self.env["ecom.feedback"]).create({
            "name": "Shirt too small", "kind": "return_request", "order_id": order.id,
            "partner_id": order.partner_id.id, "description": "Wants size M"})
        action = feedback.action_open_return()
        self.assertEqual(action["context"]["default_order_id"], order.id)
        with self.assertRaises(UserError):
            feedback.action_resolve()
        feedback.resolution = "Exchange opened"
        feedback.action_resolve()
        self.assertEqual(feedback.state, "resolved")

    def test_every_warehouse_has_return_locations(self):
        warehouse = self.env["stock.warehouse"].create({"name": "Second WH", "code": "WH2T"})
        self.assertEqual(warehouse.ecom_return_location_id.usage, "internal")
        self.assertTrue(warehouse.ecom_defective_location_id)
        self.assertTrue(self.returns_location.return_location)
