# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Review stages on sale.order: 客审 → 财审, exceptions, refusals."""
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import EcomCase


class TestReview(EcomCase):

    def test_channel_order_starts_at_cs_review(self):
        order = self._order()
        self.assertEqual(order.ecom_state, "to_review")
        self.assertTrue(order.ecom_received_at)
        self.assertTrue(order.ecom_sla_deadline)
        self.assertEqual(order.warehouse_id, self.warehouse)
        self.assertEqual(order.ecom_payment_state, "paid")

    def test_cs_then_finance_approval_confirms_and_creates_delivery(self):
        order = self._order([(self.product_a, 2), (self.product_b, 1)])
        self._as("cs", order).action_ecom_cs_approve()
        self.assertEqual(order.ecom_state, "to_finance")
        self.assertEqual(order.ecom_cs_user_id, self.users["cs"])
        self.assertTrue(order.ecom_cs_date)
        self.assertEqual(order.state, "draft", "CS review does not confirm")

        self._as("finance", order).action_ecom_finance_approve()
        self.assertEqual(order.ecom_state, "approved")
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.ecom_finance_user_id, self.users["finance"])
        delivery = self._delivery(order)
        self.assertEqual(len(delivery), 1)
        self.assertEqual(delivery.ecom_fulfil_state, "to_print")
        self.assertEqual(delivery.state, "assigned")

    def test_orders_approved_together_are_reserved_first_come_first_served(self):
        # 20 shirts in stock: the first order takes 15, the second gets the 5
        # left, the third waits; each delivery reserved as Odoo would when
        # the orders are confirmed one after the other
        orders = self._order([(self.product_a, 15)]) | self._order([(self.product_a, 10)]) \
            | self._order([(self.product_a, 1)])
        self._as("cs", orders).action_ecom_cs_approve()
        self._as("finance", orders).action_ecom_finance_approve()
        deliveries = [self._delivery(order) for order in orders]
        self.assertEqual([d.state for d in deliveries], ["assigned", "confirmed", "confirmed"])
        self.assertEqual([sum(d.mapped("move_lines.reserved_availability"))
                          for d in deliveries], [15.0, 5.0, 0.0])
        self.assertEqual([d.ecom_fulfil_state for d in deliveries], ["to_print"] * 3)

    def test_decisions_are_in_the_chatter_with_who(self):
        order = self._order()
        self._as("cs", order).action_ecom_cs_approve()
        self._as("finance", order).action_ecom_finance_approve()
        tracked = order.message_ids.mapped("tracking_value_ids").filtered(
            lambda t: t.field == "ecom_state")
        authors = {t.new_value_char: t.mail_message_id.author_id for t in tracked}
        self.assertEqual(authors["To Finance Review"], self.users["cs"].partner_id)
        self.assertEqual(authors["Approved"], self.users["finance"].partner_id)

    def test_wrong_group_is_refused_on_the_server(self):
        order = self._order()
        for role in ("finance", "warehouse"):
            with self.assertRaises(AccessError):
                self._as(role, order).action_ecom_cs_approve()
        self._as("cs", order).action_ecom_cs_approve()
        for role in ("cs", "warehouse"):
            with self.assertRaises(AccessError):
                self._as(role, order).action_ecom_finance_approve()
        self.assertEqual(order.ecom_state, "to_finance")

    def test_wrong_stage_is_refused(self):
        order = self._order()
        with self.assertRaisesRegex(UserError, "only orders that passed CS review"):
            self._as("finance", order).action_ecom_finance_approve()
        self._as("cs", order).action_ecom_cs_approve()
        with self.assertRaisesRegex(UserError, "only orders waiting for CS review"):
            self._as("cs", order).action_ecom_cs_approve()

    def test_predicates_follow_stage_and_group(self):
        order = self._order()
        self.assertTrue(self._as("cs", order).can_ecom_cs_approve)
        self.assertFalse(self._as("finance", order).can_ecom_cs_approve)
        self.assertFalse(self._as("cs", order).can_ecom_finance_approve)
        self.assertFalse(self._as("cs", order).can_ecom_resume)

    def test_incomplete_address_refused_at_cs_review(self):
        order = self._order(ecom_street="")
        with self.assertRaisesRegex(UserError, "street"):
            self._as("cs", order).action_ecom_cs_approve()
        self.assertEqual(order.ecom_state, "to_review")

    def test_amount_mismatch_refused_at_finance_review(self):
        order = self._order(ecom_paid_amount=50.0)
        self._as("cs", order).action_ecom_cs_approve()
        with self.assertRaisesRegex(UserError, "paid 50.00, but the order total is 100.00"):
            self._as("finance", order).action_ecom_finance_approve()
        self.assertEqual(order.ecom_state, "to_finance")
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.picking_ids)

    def test_cash_on_delivery_needs_the_channel_to_allow_it(self):
        order = self._order(paid=False, ecom_payment_mode="cod")
        self.assertEqual(order.ecom_payment_state, "cod")
        self._as("cs", order).action_ecom_cs_approve()
        self.channel.allow_cod = False
        with self.assertRaisesRegex(UserError, "does not accept cash on delivery"):
            self._as("finance", order).action_ecom_finance_approve()
        self.channel.allow_cod = True
        self._as("finance", order).action_ecom_finance_approve()
        self.assertEqual(order.ecom_state, "approved")

    def test_exception_blocks_approval_until_resumed(self):
        order = self._order()
        self._as("cs", order).action_ecom_cs_approve()
        self._as("finance", order).action_ecom_set_exception("risk", "Buyer on the blacklist?")
        self.assertEqual(order.ecom_state, "exception")
        self.assertEqual(order.ecom_exception_reason_id.code, "risk")
        self.assertIn("Buyer on the blacklist?", order.message_ids[0].body)
        with self.assertRaises(UserError):
            self._as("finance", order).action_ecom_finance_approve()
        with self.assertRaises(AccessError):
            self._as("warehouse", order).action_ecom_resume()
        self._as("cs", order).action_ecom_resume()
        self.assertEqual(order.ecom_state, "to_finance", "back to the stage it left")
        self.assertFalse(order.ecom_exception_reason_id)
        self._as("finance", order).action_ecom_finance_approve()
        self.assertEqual(order.ecom_state, "approved")

    def test_exception_reasons_of_spec_exist_and_unknown_code_refused(self):
        codes = set(self.env["ecom.exception.reason"].search([]).mapped("code"))
        self.assertLessEqual({"address_incomplete", "amount_mismatch", "out_of_stock",
                              "buyer_remark", "risk", "duplicate"}, codes)
        order = self._order()
        with self.assertRaisesRegex(UserError, "Unknown exception reason"):
            self._as("cs", order).action_ecom_set_exception("no_such_reason")
        self.assertEqual(order.ecom_state, "to_review")

    def test_exception_only_from_open_stages(self):
        order = self._approved()
        with self.assertRaisesRegex(UserError, "only orders under review"):
            self._as("cs", order).action_ecom_set_exception("risk")

    def test_cancel_from_review(self):
        order = self._order()
        self._as("cs", order).action_ecom_cancel()
        self.assertEqual(order.ecom_state, "cancel")
        self.assertEqual(order.state, "cancel")
        with self.assertRaises(UserError):
            self._as("cs", order).action_ecom_cs_approve()

    def test_channel_order_cannot_skip_review(self):
        order = self._order()
        with self.assertRaisesRegex(UserError, "confirmed by passing CS and finance review"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")

    @mute_logger("odoo.sql_db")
    def test_same_platform_order_twice_is_refused_by_the_database(self):
        self._order(ref="DUP-1")
        with self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self._order(ref="DUP-1")
        # Another channel may carry the same platform number.
        other = self.channel.copy({"code": "TTEST2"})
        self.assertTrue(self._order(ref="DUP-1", ecom_channel_id=other.id))

    def test_bulk_review_reports_what_passed_and_why_not(self):
        good = self._order()
        bad = self._order(ecom_buyer_phone="")
        waiting = self._order()
        self._as("cs", waiting).action_ecom_cs_approve()
        action = self._as("cs", good | bad | waiting).action_ecom_bulk_review()
        result = self.env["ecom.review.result"].browse(action["res_id"])
        outcome = {line.order_id: (line.outcome, line.note) for line in result.line_ids}
        self.assertEqual(outcome[good][0], "passed")
        self.assertEqual(outcome[bad][0], "failed")
        self.assertIn("phone", outcome[bad][1])
        # A CS user cannot pass the finance review of the third order.
        self.assertEqual(outcome[waiting][0], "failed")
        self.assertEqual(good.ecom_state, "to_finance")
        self.assertEqual(bad.ecom_state, "to_review")
        self.assertEqual(result.passed_count, 1)
        self.assertEqual(result.failed_count, 2)


class TestStandardFlowUntouched(EcomCase):
    """A sale without a channel behaves exactly as in plain Odoo."""

    def test_standard_order_confirms_ships_and_invoices(self):
        order = self.env["sale.order"].create({
            "partner_id": self.buyer.id,
            "order_line": [(0, 0, {"product_id": self.product_a.id, "product_uom_qty": 2,
                                   "price_unit": 100.0})]})
        self.assertFalse(order.ecom_state)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        picking = order.picking_ids
        self.assertFalse(picking.ecom_fulfil_state)
        self.assertFalse(picking.can_ecom_print_waybill)
        picking.action_assign()
        for line in picking.move_line_ids:
            line.qty_done = line.product_uom_qty
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(order.order_line.qty_delivered, 2)
        invoice = self.env["account.invoice"].browse(order.action_invoice_create())
        self.assertEqual(invoice.amount_total, 200.0)
