# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Custom orders (订制): the whole chain, its sign-offs, its money and its refusals."""
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from odoo.addons.ecom_order_mgmt.tests.common import EcomCase


def _day(offset):
    return fields.Date.to_string(date.today() + timedelta(days=offset))


class TestCustomRequest(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestCustomRequest, cls).setUpClass()
        env = cls.env
        cls.users["purchase"] = env["res.users"].create({
            "name": "Test Purchasing", "login": "test_ecom_purchase",
            "email": "test_ecom_purchase@example.com",
            "groups_id": [(6, 0, [env.ref("purchase.group_purchase_user").id])]})
        cls.vendor = env["res.partner"].create({
            "name": "Test cap workshop", "supplier": True, "customer": False})
        cls.product_custom = cls._product(
            "Custom cap", "TST-CAP-CUSTOM", "6990000000042", 100.0, 0)
        cls.Request = env["ecom.custom.request"]
        # Buyer mails go to buyers with an address only.
        cls.buyer.write({"email": "buyer@example.com", "lang": "en_US"})

    # ------------------------------------------------------------------
    # Helpers: each step as the person whose job it is
    # ------------------------------------------------------------------
    def _as(self, role, records):
        # Messages are checked in English, whatever the demo users' language.
        return records.sudo(self.users[role]).with_context(lang="en_US")

    def _plain_order(self, price=100.0, qty=2):
        """A non-channel quotation (Odoo's standard sales flow)."""
        return self.env["sale.order"].create({
            "partner_id": self.buyer.id,
            "order_line": [(0, 0, {"product_id": self.product_custom.id,
                                   "product_uom_qty": qty, "price_unit": price})]})

    def _request(self, order=None, user="cs", **values):
        order = order or self._plain_order()
        vals = {"order_id": order.id, "line_id": order.order_line[0].id,
                "buyer_date": _day(30),
                "packaging_standard": "Kraft box, one cap per box, logo label on the side"}
        vals.update(values)
        request = self._as(user, self.Request).create(vals)
        # Assertions read everything; the actions run as each person.
        return self.Request.browse(request.id)

    def _feasible(self, request, days=20, qty=None):
        self._as("purchase", request).action_record_feasibility(
            True, inbound_date=_day(days), inbound_qty=qty or request.quantity,
            vendor_id=self.vendor.id, production_cycle_days=15, note="Workshop can do it")

    def _accept(self, request, accepts_inbound=False):
        self._as("cs", request).action_buyer_accept(
            15, "Black cotton twill, embroidered logo", accepts_inbound)

    def _sign(self, request):
        self._as("director", request).action_approve("Agreed")
        self._as("gm", request).action_approve()

    STEPS = ["draft", "deposit_pending", "deposit_paid", "procurement_approval",
             "purchasing", "ordered", "received", "balance_pending", "ready"]

    def _position(self, request):
        if request.state == "draft":
            return 0 if request.buyer_decision == "accepted" else -1
        if request.state == "purchasing" and request.purchase_order_id:
            return self.STEPS.index("ordered")
        return self.STEPS.index(request.state)

    def _advance(self, request, stage):
        """Take a request through the real actions from where it is up to `stage`
        ("ordered": purchasing with the purchase order placed)."""
        start = self._position(request) + 1
        for step in self.STEPS[start:self.STEPS.index(stage) + 1]:
            if step == "draft":
                self._feasible(request)
                self._accept(request)
            elif step == "deposit_pending":
                self._as("cs", request).action_submit()
                if request.state == "price_approval":
                    self._sign(request)
            elif step == "deposit_paid":
                self._as("finance", request).action_confirm_deposit()
            elif step == "procurement_approval":
                self._as("cs", request).action_submit()
            elif step == "purchasing":
                self._sign(request)
            elif step == "ordered":
                self._as("purchase", request).action_place_po()
            elif step == "received":
                if not request.purchase_order_id:
                    self._as("purchase", request).action_place_po()
                self._as("purchase", request).action_receive()
            elif step == "balance_pending":
                self._as("cs", request).action_request_balance()
            else:
                self._as("finance", request).action_confirm_balance()
        self.assertEqual(request.state, "purchasing" if stage == "ordered" else stage)
        return request

    # ------------------------------------------------------------------
    # The chain
    # ------------------------------------------------------------------
    def test_whole_chain_of_a_channel_order(self):
        order = self._order([(self.product_custom, 2)], paid=False)
        self._as("cs", order).action_ecom_cs_approve()
        request = self._request(order)
        self.assertEqual((request.state, request.requester_id), ("draft", self.users["cs"]))
        self.assertEqual(request.deposit_percent, 30.0)
        self._advance(request, "deposit_paid")
        # Finance confirming the deposit was the order's finance review.
        self.assertEqual((order.state, order.ecom_state), ("sale", "approved"))
        self.assertEqual(order.ecom_finance_user_id, self.users["finance"])
        self.assertEqual(order.ecom_paid_amount, 60.0)
        self._advance(request, "ready")
        self.assertEqual(order.ecom_paid_amount, 200.0)
        self.assertEqual(order.ecom_payment_state, "paid")
        delivery = self._delivery(order)
        self.assertEqual(delivery.state, "assigned", "received goods are reserved for the buyer")
        self._walk(delivery, "shipped")
        self._as("cs", request).action_done()
        self.assertEqual(request.state, "done")
        states = request.message_ids.mapped("tracking_value_ids").filtered(
            lambda t: t.field == "state").mapped("new_value_char")
        for label in ("Waiting for Deposit", "Deposit Received", "Procurement Approval",
                      "Purchasing", "Goods Received", "Waiting for Balance",
                      "Delivery Released", "Done"):
            self.assertIn(label, states)

    def test_buyer_declines_and_the_order_is_cancelled(self):
        request = self._request()
        self._feasible(request)
        with self.assertRaisesRegex(UserError, "reason"):
            self._as("cs", request).action_buyer_decline("  ")
        self._as("cs", request).action_buyer_decline("Too long to wait")
        self.assertEqual((request.state, request.buyer_decision), ("cancel", "declined"))
        self.assertIn("Too long to wait", request.cancel_reason)
        self.assertEqual(request.order_id.state, "cancel")
        self.assertTrue(request.message_ids.filtered(
            lambda m: "Too long to wait" in (m.body or "")))
        self.assertFalse(self._as("cs", request).can_submit)

    def test_purchasing_answers_and_the_buyer_accepts(self):
        request = self._request()
        with self.assertRaises(AccessError):
            self._as("cs", request).action_record_feasibility(True, _day(20), 2)
        with self.assertRaisesRegex(UserError, "not confirmed that it can be made"):
            self._as("cs", request).action_buyer_accept(15, "Standard")
        self._feasible(request)
        self.assertEqual((request.feasibility, request.feasibility_user_id),
                         ("yes", self.users["purchase"]))
        self.assertEqual(request.comparison, "ok")
        self._accept(request)
        self.assertEqual(request.buyer_decision, "accepted")
        self.assertEqual(request.production_cycle_days, 15)
        self.assertEqual(request.production_standard, "Black cotton twill, embroidered logo")
        self.assertEqual(request.buyer_decision_user_id, self.users["cs"])

    def test_late_or_short_inbound_needs_the_buyers_consent(self):
        request = self._request(buyer_date=_day(10), quantity=2)
        self._feasible(request, days=25, qty=1)
        self.assertEqual(request.comparison, "late_short")
        self.assertIn("15 day(s) late", request.comparison_note)
        with self.assertRaisesRegex(UserError, "must accept the inbound"):
            self._accept(request)
        self._accept(request, accepts_inbound=True)
        self.assertTrue(request.buyer_accepts_inbound)
        self._as("cs", request).action_submit()
        self.assertEqual(request.state, "deposit_pending")

    def test_submit_needs_the_buyers_agreement(self):
        request = self._request()
        with self.assertRaisesRegex(UserError, "purchasing has not confirmed"):
            self._as("cs", request).action_submit()
        self._feasible(request)
        with self.assertRaisesRegex(UserError, "buyer has not agreed"):
            self._as("cs", request).action_submit()
        self.assertEqual(request.state, "draft")

    def test_without_price_change_the_buyer_is_asked_for_the_deposit(self):
        request = self._advance(self._request(), "deposit_pending")
        self.assertFalse(request.approval_ids)
        mail = request.message_ids.filtered(lambda m: "deposit for your custom order"
                                            in (m.subject or ""))
        self.assertEqual(len(mail), 1)
        self.assertIn(self.buyer, mail.partner_ids)
        self.assertIn("60.00", mail.body)

    # ------------------------------------------------------------------
    # Sign-off
    # ------------------------------------------------------------------
    def test_price_change_approved(self):
        request = self._request(price_change=True, new_price_unit=120.0,
                                price_change_reason="Embroidery costs more")
        self._advance(request, "draft")
        self._as("cs", request).action_submit()
        self.assertEqual((request.state, request.approval_tier_due),
                         ("price_approval", "director"))
        self._as("director", request).action_approve("Margin still fine")
        self.assertEqual((request.state, request.approval_tier_due), ("price_approval", "gm"))
        self.assertEqual(request.line_id.price_unit, 100.0, "not before the last signature")
        self._as("gm", request).action_approve("OK")
        self.assertEqual(request.state, "deposit_pending")
        self.assertEqual(request.line_id.price_unit, 120.0)
        self.assertEqual(request.old_price_unit, 100.0)
        self.assertEqual(request.order_id.amount_total, 240.0)
        self.assertEqual((request.deposit_amount, request.balance_amount), (72.0, 168.0))
        director, gm = request.approval_ids
        self.assertEqual(
            [(a.stage, a.tier, a.user_id, a.decision, a.comment) for a in (director, gm)],
            [("price", "director", self.users["director"], "approved", "Margin still fine"),
             ("price", "gm", self.users["gm"], "approved", "OK")])
        self.assertTrue(director.date and gm.date >= director.date)
        # The chatter says who signed, when, what and why.
        message = request.message_ids.filtered(lambda m: "Director approved" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.users["director"].partner_id)
        self.assertTrue(message.date)
        self.assertIn("Margin still fine", message.body)
        # The audit trail is not editable.
        with self.assertRaises(UserError):
            director.sudo().write({"comment": "changed"})
        with self.assertRaises(UserError):
            director.sudo().unlink()

    def test_price_change_rejected(self):
        request = self._request(price_change=True, new_price_unit=150.0)
        self._advance(request, "draft")
        self._as("cs", request).action_submit()
        self._as("director", request).action_approve()
        self._as("gm", request).action_reject("Too expensive for this buyer")
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.line_id.price_unit, 100.0)
        rejection = request.approval_ids.filtered(lambda a: a.decision == "rejected")
        self.assertEqual((rejection.tier, rejection.user_id, rejection.comment),
                         ("gm", self.users["gm"], "Too expensive for this buyer"))
        self.assertTrue(request.message_ids.filtered(
            lambda m: "Too expensive for this buyer" in (m.body or "")))

    def test_rejected_request_cannot_be_approved_until_resubmitted(self):
        request = self._request(price_change=True, new_price_unit=130.0)
        self._advance(request, "draft")
        self._as("cs", request).action_submit()
        self._as("director", request).action_reject("Ask the vendor for a better price")
        for role in ("director", "gm"):
            with self.assertRaisesRegex(UserError, "nothing to sign"):
                self._as(role, request).action_approve()
        self.assertFalse(self._as("director", request).can_approve)
        self._as("cs", request).write({"new_price_unit": 115.0})
        self._as("cs", request).action_submit()
        self.assertEqual((request.approval_submission, request.approval_tier_due), (2, "director"))
        self._sign(request)
        self.assertEqual(request.state, "deposit_pending")
        self.assertEqual(request.line_id.price_unit, 115.0)

    def test_director_signature_of_an_earlier_submission_does_not_count(self):
        request = self._request(price_change=True, new_price_unit=130.0)
        self._advance(request, "draft")
        self._as("cs", request).action_submit()
        self._as("director", request).action_approve()
        self._as("gm", request).action_reject("Wrong price")
        self._as("cs", request).action_submit()
        with self.assertRaisesRegex(UserError, "director's signature"):
            self._as("gm", request).action_approve()

    def test_gm_cannot_sign_before_the_director(self):
        request = self._request(price_change=True, new_price_unit=120.0)
        self._advance(request, "draft")
        self._as("cs", request).action_submit()
        self.assertFalse(self._as("gm", request).can_approve)
        with self.assertRaisesRegex(UserError, "director's signature"):
            self._as("gm", request).action_approve()
        with self.assertRaisesRegex(UserError, "director's signature"):
            self._as("gm", request).action_reject("no")
        self.assertFalse(request.approval_ids)
        self.assertEqual(request.state, "price_approval")

    def test_requester_cannot_approve_their_own_request(self):
        # The director opens and submits a request (directors are managers,
        # hence also customer service): someone else must sign it.
        request = self._request(user="director", price_change=True, new_price_unit=120.0)
        self._feasible(request)
        self._as("director", request).action_buyer_accept(15, "Standard")
        self._as("director", request).action_submit()
        self.assertFalse(self._as("director", request).can_approve)
        with self.assertRaisesRegex(UserError, "someone else must sign"):
            self._as("director", request).action_approve()
        self.assertFalse(request.approval_ids)
        # Nor may whoever submitted it: CS opens, a director submits.
        other = self._request(price_change=True, new_price_unit=120.0)
        self._advance(other, "draft")
        self._as("director", other).action_submit()
        with self.assertRaisesRegex(UserError, "someone else must sign"):
            self._as("director", other).action_approve()

    def test_one_person_never_signs_both_tiers(self):
        both = self.env["res.users"].create({
            "name": "Director and GM", "login": "test_ecom_both",
            "email": "test_ecom_both@example.com",
            "groups_id": [(6, 0, [self.env.ref("ecom_order_mgmt.group_ecom_director").id,
                                  self.env.ref("ecom_order_mgmt.group_ecom_gm").id])]})
        request = self._request(price_change=True, new_price_unit=120.0)
        self._advance(request, "draft")
        self._as("cs", request).action_submit()
        request.sudo(both).action_approve()
        with self.assertRaisesRegex(UserError, "already signed"):
            request.sudo(both).with_context(lang="en_US").action_approve()

    def test_others_cannot_sign(self):
        request = self._request(price_change=True, new_price_unit=120.0)
        self._advance(request, "draft")
        self._as("cs", request).action_submit()
        for role in ("cs", "finance", "manager", "purchase"):
            with self.assertRaises(AccessError):
                self._as(role, request).action_approve()

    def test_reject_without_reason_is_refused(self):
        request = self._request(price_change=True, new_price_unit=120.0)
        self._advance(request, "draft")
        self._as("cs", request).action_submit()
        for reason in (None, "", "   "):
            with self.assertRaisesRegex(UserError, "reason"):
                self._as("director", request).action_reject(reason)
        self.assertEqual(request.state, "price_approval")
        self.assertFalse(request.approval_ids)

    def test_waiting_for_my_sign_off(self):
        request = self._request(price_change=True, new_price_unit=120.0)
        self._advance(request, "draft")
        self._as("cs", request).action_submit()
        mine = [("is_my_signature_due", "=", True)]
        self.assertIn(request, self._as("director", self.Request).search(mine))
        self.assertNotIn(request, self._as("gm", self.Request).search(mine))
        self.assertNotIn(request, self._as("cs", self.Request).search(mine))
        self._as("director", request).action_approve()
        self.assertNotIn(request, self._as("director", self.Request).search(mine))
        self.assertIn(request, self._as("gm", self.Request).search(mine))
        self.assertIn(request, self._as("director", self.Request).search(
            [("is_my_signature_due", "=", False)]))

    def test_submit_from_deposit_paid_goes_to_procurement_approval(self):
        request = self._advance(self._request(), "deposit_paid")
        self._as("cs", request).action_submit()
        self.assertEqual(request.state, "procurement_approval")
        self.assertEqual(request.submitted_by_id, self.users["cs"])
        self.assertEqual(request.approval_tier_due, "director")
        self._as("director", request).action_approve()
        self._as("gm", request).action_reject("Vendor not approved")
        self.assertEqual(request.state, "deposit_paid")
        self._as("purchase", request).action_submit()
        self.assertEqual(request.state, "procurement_approval")
        self._sign(request)
        self.assertEqual(request.state, "purchasing")
        self.assertEqual(request.approval_ids.mapped("stage"), ["procurement"] * 4)
        self.assertTrue(request.activity_ids, "purchasing is asked to place the order")

    # ------------------------------------------------------------------
    # Money
    # ------------------------------------------------------------------
    def test_deposit_30_percent_of_1000_01_and_balance_sum_to_the_total(self):
        request = self._request(self._plain_order(price=1000.01, qty=1))
        self.assertEqual(request.deposit_percent, 30.0)
        self.assertEqual(request.deposit_amount, 300.0)
        self.assertEqual(request.balance_amount, 700.01)
        self._advance(request, "ready")
        self.assertEqual(request.deposit_invoice_id.amount_total, 300.0)
        self.assertEqual(request.deposit_payment_id.amount, 300.0)
        self.assertEqual(request.balance_payment_id.amount, 700.01)
        self.assertEqual(request.balance_invoice_id.amount_total, 700.01)
        # What accounting holds for the order, not the request's own fields:
        # its invoices and the payments posted for them add up to the total.
        invoices = request.order_id.invoice_ids.filtered(lambda i: i.state != "cancel")
        payments = invoices.mapped("payment_ids").filtered(lambda p: p.state != "cancelled")
        total = request.order_id.amount_total
        self.assertEqual(round(sum(invoices.mapped("amount_total")), 2), total)
        self.assertEqual(round(sum(payments.mapped("amount")), 2), total)
        self.assertEqual(invoices.mapped("state"), ["paid"] * len(invoices))

    def test_deposit_and_balance_are_real_payments(self):
        request = self._advance(self._request(), "deposit_paid")
        invoice, payment = request.deposit_invoice_id, request.deposit_payment_id
        self.assertEqual((invoice.state, invoice.amount_total, invoice.residual),
                         ("paid", 60.0, 0.0))
        self.assertEqual(payment.state, "posted")
        self.assertEqual(payment.invoice_ids, invoice)
        self.assertEqual(payment.partner_id, self.buyer)
        self.assertEqual(request.deposit_user_id, self.users["finance"])
        self.assertEqual(request.order_id.state, "sale")
        self._advance(request, "ready")
        final = request.balance_invoice_id
        self.assertEqual((final.state, final.amount_total, final.residual),
                         ("paid", 140.0, 0.0))
        self.assertEqual(request.balance_payment_id.invoice_ids, final)
        self.assertEqual(request.balance_user_id, self.users["finance"])
        self.assertEqual(request.order_id.invoice_status, "invoiced")

    def test_balance_of_an_order_invoiced_on_delivery_is_a_customer_payment(self):
        self.product_custom.invoice_policy = "delivery"
        request = self._advance(self._request(), "ready")
        self.assertFalse(request.balance_invoice_id)
        payment = request.balance_payment_id
        self.assertEqual((payment.state, payment.amount, payment.partner_id),
                         ("posted", 140.0, self.buyer))
        self.assertIn(request.order_id.name, payment.communication)

    def test_cs_cannot_confirm_a_deposit(self):
        request = self._advance(self._request(), "deposit_pending")
        self.assertFalse(self._as("cs", request).can_confirm_deposit)
        with self.assertRaises(AccessError):
            self._as("cs", request).action_confirm_deposit()
        for role in ("warehouse", "purchase"):
            with self.assertRaises(AccessError):
                self._as(role, request).action_confirm_deposit()
        self.assertEqual(request.state, "deposit_pending")
        self.assertFalse(request.deposit_payment_id)
        self._advance(request, "received")
        self._as("cs", request).action_request_balance()
        with self.assertRaises(AccessError):
            self._as("cs", request).action_confirm_balance()

    def test_deposit_confirmed_twice_is_refused(self):
        request = self._advance(self._request(), "deposit_paid")
        with self.assertRaisesRegex(UserError, "only requests waiting for the deposit"):
            self._as("finance", request).action_confirm_deposit()
        payments = self.env["account.payment"].search([("communication", "like", request.name)])
        self.assertEqual(len(payments), 1)

    def test_channel_order_needs_cs_review_before_the_deposit(self):
        order = self._order([(self.product_custom, 2)], paid=False)
        request = self._advance(self._request(order), "deposit_pending")
        with self.assertRaisesRegex(UserError, "must pass CS review"):
            self._as("finance", request).action_confirm_deposit()
        self.assertEqual(order.state, "draft")

    def test_deposit_percent_outside_0_100_is_refused(self):
        request = self._request()
        for percent in (-1, 100.5, 150):
            with self.assertRaises(ValidationError), self.cr.savepoint():
                self._as("cs", request).write({"deposit_percent": percent})
            with self.assertRaises(ValidationError), self.cr.savepoint():
                self._request(deposit_percent=percent)
            with self.assertRaises(ValidationError), self.cr.savepoint():
                self.env.user.company_id.ecom_deposit_percent = percent
        self._as("cs", request).write({"deposit_percent": 50})
        self.assertEqual((request.deposit_amount, request.balance_amount), (100.0, 100.0))
        company = self.env.user.company_id
        company.ecom_deposit_percent = 40
        self.assertEqual(self._request().deposit_percent, 40)

    def test_amounts_are_computed_never_typed(self):
        request = self._request()
        for field, value in (("deposit_amount", 1.0), ("balance_amount", 1.0),
                             ("deposit_received", 1.0), ("state", "ready")):
            with self.assertRaises(AccessError):
                self._as("finance", request).write({field: value})
        with self.assertRaises(AccessError):
            self._request(deposit_amount=10.0)
        self.assertEqual((request.deposit_amount, request.balance_amount), (60.0, 140.0))
        request.order_id.order_line.product_uom_qty = 3
        self.assertEqual((request.deposit_amount, request.balance_amount), (90.0, 210.0))

    def test_deposit_percent_is_frozen_after_the_draft(self):
        request = self._advance(self._request(), "deposit_pending")
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            self._as("cs", request).write({"deposit_percent": 50})
        self.assertEqual(request.deposit_percent, 30.0)

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
        self._as("purchase", request).write({"expected_date": _day(-1)})
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
    # Refusals and guards
    # ------------------------------------------------------------------
    def test_actions_set_the_state_not_the_users(self):
        request = self._request()
        with self.assertRaises(AccessError):
            self._as("manager", request).write({"state": "ready"})
        with self.assertRaises(AccessError):
            self._as("cs", request).write({"feasibility": "yes"})
        with self.assertRaises(AccessError):
            self._request(state="ready")
        self.assertEqual(request.state, "draft")

    def test_cancel_before_the_deposit_only(self):
        request = self._advance(self._request(), "deposit_pending")
        with self.assertRaisesRegex(UserError, "reason"):
            self._as("cs", request).action_cancel("")
        self._as("cs", request).action_cancel("The buyer found it elsewhere")
        self.assertEqual((request.state, request.order_id.state), ("cancel", "cancel"))
        other = self._advance(self._request(), "deposit_paid")
        with self.assertRaisesRegex(UserError, "after-sales"):
            self._as("cs", other).action_cancel("Too late")

    def test_wrong_stage_is_refused(self):
        request = self._request()
        with self.assertRaisesRegex(UserError, "only requests waiting for the balance"):
            self._as("finance", request).action_confirm_balance()
        with self.assertRaisesRegex(UserError, "nothing to sign"):
            self._as("director", request).action_approve()
        with self.assertRaisesRegex(UserError, "goods are received"):
            self._as("purchase", request).action_receive()

    def test_concurrent_signature_is_refused(self):
        # The suite's tests run on a database with its demo data: a missing
        # demo request is a failure, not a reason to skip.
        request = self.env.ref("ecom_backorder.custom_request_demo_price",
                               raise_if_not_found=False)
        self.assertTrue(request, "the demo data of ecom_backorder is not in the database")
        self.assertEqual(request.state, "price_approval")
        with self.registry.cursor() as other_cr:
            # Someone else is signing the same request right now.
            other_cr.execute("SELECT id FROM ecom_custom_request WHERE id = %s FOR UPDATE",
                             [request.id])
            with mute_logger("odoo.sql_db"), \
                    self.assertRaisesRegex(UserError, "Someone else is processing"):
                self._as("gm", request).action_approve()
            other_cr.rollback()
        self.assertEqual(request.approval_tier_due, "gm")
        self._as("gm", request).action_approve()
        self.assertEqual(request.state, "deposit_pending")

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
