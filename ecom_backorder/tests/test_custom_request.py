# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Custom orders (订制): the whole chain, its sign-offs and its refusals
(money: test_custom_request_money.py; purchasing and notifications:
test_custom_request_purchasing.py)."""
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import CustomRequestCase, day


class TestCustomRequest(CustomRequestCase):
    """The chain, the sign-offs, refusals and guards."""

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
            self._as("cs", request).action_record_feasibility(True, day(20), 2)
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
        request = self._request(buyer_date=day(10), quantity=2)
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
        request = self.env.ref("ecom_backorder.custom_request_demo_price",
                               raise_if_not_found=False)
        if not request or request.state != "price_approval":
            self.skipTest("needs the demo data")
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
