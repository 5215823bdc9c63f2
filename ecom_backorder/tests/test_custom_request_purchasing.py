# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Custom orders (订制): purchasing, follow-up, release of the delivery, and the
notifications (buyer mails in the buyer's language, signer to-dos)."""
from odoo.exceptions import AccessError, UserError

from .common import CustomRequestCase, day


class TestCustomRequestPurchasing(CustomRequestCase):
    """Purchase order, follow-up, receipt, release; mails and to-dos."""

    # ------------------------------------------------------------------
    # Purchasing, follow-up and release
    # ------------------------------------------------------------------
    def test_purchase_order_carries_the_packaging_standard_and_the_request(self):
        request = self._advance(self._request(), "purchasing")
        with self.assertRaises(AccessError):
            self._as("cs", request).action_place_po()
        self._as("purchase", request).action_place_po()
        po = request.purchase_order_id
        self.assertEqual(po.ecom_custom_request_id, request)
        self.assertEqual(po.ecom_packaging_standard,
                         "Kraft box, one cap per box, logo label on the side")
        self.assertIn("Kraft box, one cap per box", po.notes)
        self.assertIn("Black cotton twill", po.notes)
        self.assertEqual(po.partner_id, self.vendor)
        self.assertEqual(po.state, "purchase")
        self.assertEqual((po.order_line.product_id, po.order_line.product_qty),
                         (self.product_custom, 2.0))
        self.assertEqual(request.expected_date, request.inbound_date)
        self.assertEqual(request.purchase_user_id, self.users["purchase"])
        with self.assertRaisesRegex(UserError, "already has purchase order"):
            self._as("purchase", request).action_place_po()

    def test_purchase_order_needs_the_packaging_standard(self):
        request = self._request(packaging_standard=False)
        self._advance(request, "purchasing")
        with self.assertRaisesRegex(UserError, "packaging design standard"):
            self._as("purchase", request).action_place_po()
        self.assertFalse(request.purchase_order_id)

    def test_overdue_follow_up_creates_one_activity(self):
        request = self._advance(self._request(), "ordered")
        self.assertFalse(request.is_overdue)
        self._as("purchase", request).write({"expected_date": day(-1)})
        self.assertTrue(request.is_overdue)
        self.assertIn(request, self.Request.search([("is_overdue", "=", True)]))
        followup = self.env.ref("ecom_backorder.mail_activity_type_custom_followup")
        self.Request._cron_overdue_followup()
        self.Request._cron_overdue_followup()
        activities = request.activity_ids.filtered(lambda a: a.activity_type_id == followup)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.users["purchase"])
        self._as("purchase", request).action_receive()
        self.assertFalse(request.activity_ids.filtered(
            lambda a: a.activity_type_id == followup))
        self.assertFalse(request.is_overdue)

    def test_receipt_validates_the_purchase_receipt(self):
        request = self._advance(self._request(), "received")
        receipt = request.purchase_order_id.picking_ids
        self.assertEqual(receipt.state, "done")
        self.assertEqual(request.received_qty, 2.0)
        self.assertEqual(request.received_user_id, self.users["purchase"])
        self.assertEqual(self.product_custom.qty_available, 2.0)

    def test_delivery_blocked_until_the_balance_is_confirmed(self):
        order = self._order([(self.product_custom, 2)], paid=False)
        self._as("cs", order).action_ecom_cs_approve()
        request = self._advance(self._request(order), "deposit_paid")
        delivery = self._delivery(order)
        self.assertEqual(delivery.ecom_fulfil_state, "to_print")
        delivery.write({"carrier_id": self.carrier.id, "carrier_tracking_ref": "SF1"})
        for stage in ("deposit_paid", "received", "balance_pending"):
            self._advance(request, stage)
            wh = self._as("warehouse", delivery)
            self.assertFalse(wh.can_ecom_print_waybill)
            with self.assertRaisesRegex(UserError, "waiting for the custom order's balance"):
                wh.action_ecom_print_waybill()
        self.assertEqual(delivery.state, "assigned")
        self._as("finance", request).action_confirm_balance()
        self.assertEqual(request.state, "ready")
        self.assertTrue(self._as("warehouse", delivery).can_ecom_print_waybill)
        self._walk(delivery, "shipped")
        self.assertEqual(delivery.state, "done")
        release = request.message_ids.filtered(lambda m: "is on its way" in (m.subject or ""))
        self.assertEqual(len(release), 1)

    def test_standard_delivery_validation_blocked_too(self):
        request = self._advance(self._request(), "received")
        delivery = self._delivery(request.order_id)
        self.assertFalse(delivery.ecom_fulfil_state, "a non-channel delivery")
        for move_line in delivery.move_line_ids:
            move_line.qty_done = move_line.product_uom_qty
        with self.assertRaisesRegex(UserError, "waiting for the custom order's balance"):
            delivery.button_validate()
        self._advance(request, "ready")
        delivery.button_validate()
        self.assertEqual(delivery.state, "done")
        self._as("cs", request).action_done()
        self.assertEqual(request.state, "done")

    def test_balance_mail_and_request(self):
        request = self._advance(self._request(), "balance_pending")
        mail = request.message_ids.filtered(lambda m: "has arrived" in (m.subject or ""))
        self.assertEqual(len(mail), 1)
        self.assertIn("140.00", mail.body)

    def test_close_needs_the_delivery_done(self):
        request = self._advance(self._request(), "ready")
        with self.assertRaisesRegex(UserError, "not done yet"):
            self._as("cs", request).action_done()

    # ------------------------------------------------------------------
    # Notifications: buyer mails queued in the buyer's language, signer to-dos
    # ------------------------------------------------------------------
    def _mails(self, request):
        return self.env["mail.mail"].search([
            ("model", "=", "ecom.custom.request"), ("res_id", "=", request.id)])

    def _sign_todos(self, request):
        sign = self.env.ref("ecom_backorder.mail_activity_type_custom_sign")
        return request.activity_ids.filtered(lambda a: a.activity_type_id == sign)

    def test_deposit_and_balance_mails_are_queued_in_the_buyers_language(self):
        self.buyer.lang = "zh_CN"
        request = self._advance(self._request(), "deposit_pending")
        deposit = self._mails(request)
        self.assertEqual(len(deposit), 1)
        self.assertEqual((deposit.state, deposit.recipient_ids), ("outgoing", self.buyer))
        self.assertIn("订金", deposit.subject)
        self.assertIn("60.00", deposit.body_html)
        self.assertIn("140.00", deposit.body_html, "the balance to come")
        self._advance(request, "balance_pending")
        balance = self._mails(request) - deposit
        self.assertIn("尾款", balance.body_html)
        self.assertIn("140.00", balance.body_html)

    def test_no_buyer_mail_when_the_company_switches_them_off(self):
        self.env.user.company_id.ecom_notify_buyer = False
        request = self._advance(self._request(), "deposit_pending")
        self.assertFalse(self._mails(request))

    def test_channel_switch_applies_to_custom_orders_of_the_channel(self):
        self.channel.notify_buyer = False
        order = self._order([(self.product_custom, 2)], paid=False)
        self._as("cs", order).action_ecom_cs_approve()
        request = self._advance(self._request(order), "deposit_pending")
        self.assertFalse(self._mails(request))

    def test_signers_get_a_todo_in_turn_closed_when_signed(self):
        request = self._request(price_change=True, new_price_unit=120.0)
        self._advance(request, "draft")
        self._as("cs", request).action_submit()
        todo = self._sign_todos(request)
        self.assertEqual(todo.user_id, self.users["director"])
        self._as("director", request).action_approve()
        todo = self._sign_todos(request)
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.user_id, self.users["gm"])
        self._as("gm", request).action_approve()
        self.assertFalse(self._sign_todos(request))
        self.assertEqual(len(request.message_ids.filtered(
            lambda m: m.mail_activity_type_id == self.env.ref(
                "ecom_backorder.mail_activity_type_custom_sign"))), 2, "both logged as done")

    def test_rejection_closes_the_signer_todo(self):
        request = self._request(price_change=True, new_price_unit=130.0)
        self._advance(request, "draft")
        self._as("cs", request).action_submit()
        self._as("director", request).action_reject("Too expensive")
        self.assertFalse(self._sign_todos(request))
