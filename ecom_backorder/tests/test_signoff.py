# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The sign-off mixin (ecom.signoff.mixin of ecom_order_mgmt): its rules.

Odoo 11 has no test-only models outside an installed addon, so the rules
are exercised through the custom request, its first user; one test checks
that the mixin itself knows nothing of custom requests (the after-sales
addon, which does not depend on ecom_backorder, must be able to use it).
"""
import inspect
import re

from odoo.exceptions import AccessError, UserError
from odoo.modules.module import load_information_from_description_file

from odoo.addons.ecom_order_mgmt.models import ecom_signoff_mixin

from .common import CustomRequestCase, day


class TestSignoffMixin(CustomRequestCase):

    def _submitted(self, opener="cs", submitter="cs"):
        """A price change waiting for its first signature."""
        order = self.env["sale.order"].create({
            "partner_id": self.buyer.id,
            "order_line": [(0, 0, {"product_id": self.product_custom.id,
                                   "product_uom_qty": 2, "price_unit": 100.0})]})
        request = self._as(opener, self.Request).create({
            "order_id": order.id, "line_id": order.order_line.id, "buyer_date": day(30),
            "price_change": True, "new_price_unit": 120.0, "packaging_standard": "Box"})
        request = self.Request.browse(request.id)
        self._as("purchase", request).action_record_feasibility(
            True, inbound_date=day(20), inbound_qty=2, vendor_id=self.vendor.id)
        self._as(opener, request).action_buyer_accept(15, "Cotton")
        self._as(submitter, request).action_submit()
        self.assertEqual(request.state, "price_approval")
        return request

    # ------------------------------------------------------------------
    # Where it lives
    # ------------------------------------------------------------------
    def test_mixin_belongs_to_the_base_addon_and_knows_no_custom_request(self):
        self.assertEqual(type(self.env["ecom.signoff.mixin"])._module, "ecom_order_mgmt")
        self.assertEqual(type(self.env["ecom.signoff.approval.mixin"])._module,
                         "ecom_order_mgmt")
        depends = load_information_from_description_file("ecom_order_mgmt")["depends"]
        self.assertNotIn("ecom_backorder", depends)
        source = inspect.getsource(ecom_signoff_mixin)
        self.assertFalse(re.search(r"custom|ecom_backorder|ecom_returns|request_id", source,
                                   re.IGNORECASE))
        for name in ("approval_submission", "submitted_by_id", "approval_tier_due",
                     "is_my_signature_due"):
            self.assertIn(name, self.env["ecom.signoff.mixin"]._fields)

    def test_the_request_plugs_in_its_own_approval_records(self):
        Approval = self.env["ecom.custom.request.approval"]
        for name in ("tier", "submission", "user_id", "decision", "comment", "date"):
            self.assertIn(name, Approval._fields)
        table = self.Request._ecom_action_table()
        for action in ("approve", "reject"):
            self.assertEqual(set(table[action].groups), {
                "ecom_order_mgmt.group_ecom_director", "ecom_order_mgmt.group_ecom_gm"})
            self.assertEqual(set(table[action].states), {"price_approval",
                                                         "procurement_approval"})

    # ------------------------------------------------------------------
    # The rules
    # ------------------------------------------------------------------
    def test_director_first_then_general_manager(self):
        request = self._submitted()
        self.assertEqual(request.approval_tier_due, "director")
        self.assertFalse(self._as("gm", request).can_approve)
        self._as("director", request).action_approve("Fine")
        self.assertEqual(request.approval_tier_due, "gm")
        self.assertFalse(self._as("director", request).can_approve)
        self.assertTrue(self._as("gm", request).can_approve)
        self._as("gm", request).action_approve()
        self.assertFalse(request.approval_tier_due)
        self.assertEqual(request.state, "deposit_pending")

    def test_each_signature_is_a_record_and_a_chatter_note(self):
        request = self._submitted()
        self._as("director", request).action_approve("Cost confirmed")
        self._as("gm", request).action_reject("Too dear")
        self.assertEqual(
            [(a.tier, a.decision, a.user_id, a.submission, a.stage, a.comment)
             for a in request.approval_ids.sorted("id")],
            [("director", "approved", self.users["director"], 1, "price", "Cost confirmed"),
             ("gm", "rejected", self.users["gm"], 1, "price", "Too dear")])
        notes = request.message_ids.filtered(lambda m: "(Price change)" in (m.body or ""))
        self.assertEqual(len(notes), 2)
        for label, role, comment in (("Director approved", "director", "Cost confirmed"),
                                     ("General manager rejected", "gm", "Too dear")):
            note = notes.filtered(lambda m, label=label: label in m.body)
            self.assertEqual(note.author_id, self.users[role].partner_id)
            self.assertIn(comment, note.body)

    def test_resubmission_starts_again_from_the_director(self):
        request = self._submitted()
        self._as("director", request).action_approve()
        self._as("gm", request).action_reject("Ask the workshop again")
        self.assertEqual((request.state, request.approval_tier_due), ("draft", False))
        self._as("cs", request).action_submit()
        self.assertEqual((request.approval_submission, request.approval_tier_due),
                         (2, "director"))
        # The director signs again: the first signature was for another submission.
        self.assertTrue(self._as("director", request).can_approve)
        self._as("director", request).action_approve()
        self._as("gm", request).action_approve()
        self.assertEqual(request.state, "deposit_pending")
        self.assertEqual(len(request.approval_ids), 4, "earlier signatures are kept")

    def test_signatures_of_one_stage_do_not_count_for_the_next(self):
        request = self._submitted()
        self._as("director", request).action_approve()
        self._as("gm", request).action_approve()
        self._as("finance", request).action_confirm_deposit()
        self._as("cs", request).action_submit()
        self.assertEqual((request.state, request.approval_tier_due),
                         ("procurement_approval", "director"))

    def test_nobody_signs_what_they_opened_or_submitted(self):
        opened = self._submitted(opener="director", submitter="cs")
        submitted = self._submitted(opener="cs", submitter="director")
        for request in (opened, submitted):
            self.assertFalse(self._as("director", request).can_approve)
            for action in ("action_approve", "action_reject"):
                with self.assertRaisesRegex(UserError, "someone else must sign"):
                    getattr(self._as("director", request), action)("No")
            self.assertFalse(request.approval_ids)

    def test_signer_todo_never_goes_to_whoever_opened_or_submitted(self):
        director_group = self.env.ref("ecom_order_mgmt.group_ecom_director")
        self.env["res.users"].create({
            "name": "Second director", "login": "test_ecom_second_director",
            "email": "test_ecom_second_director@example.com",
            "groups_id": [(6, 0, director_group.ids)]})
        request = self._submitted(opener="director", submitter="director")
        sign = self.env.ref("ecom_backorder.mail_activity_type_custom_sign")
        todo = request.activity_ids.filtered(lambda a: a.activity_type_id == sign)
        self.assertEqual(len(todo), 1)
        self.assertNotEqual(todo.user_id, self.users["director"])
        self.assertIn(director_group, todo.user_id.groups_id)
        self.assertFalse(todo.user_id.has_group("ecom_order_mgmt.group_ecom_gm"))

    def test_rejection_needs_a_reason_in_every_stage(self):
        request = self._submitted()
        self._as("director", request).action_approve()
        self._as("gm", request).action_approve()
        self._as("finance", request).action_confirm_deposit()
        self._as("cs", request).action_submit()
        for reason in (None, "", " \n "):
            with self.assertRaisesRegex(UserError, "reason"):
                self._as("director", request).action_reject(reason)
        self.assertEqual(request.state, "procurement_approval")
        self.assertEqual(request.approval_ids.mapped("stage"), ["price", "price"])
        self._as("director", request).action_reject("Vendor not approved")
        self.assertEqual(request.state, "deposit_paid")

    def test_only_the_two_tiers_may_sign_with_the_actions_label(self):
        request = self._submitted()
        for role in ("cs", "finance", "manager"):
            with self.assertRaisesRegex(AccessError, "Signing a custom request"):
                self._as(role, request).action_approve()
            with self.assertRaisesRegex(AccessError, "Rejecting a custom request"):
                self._as(role, request).action_reject("No")
        self.assertFalse(request.approval_ids)

    def test_waiting_for_my_sign_off_search(self):
        request = self._submitted()
        mine = self._as("director", self.Request)
        self.assertIn(request, mine.search([("is_my_signature_due", "=", True)]))
        self.assertNotIn(request, mine.search([("is_my_signature_due", "!=", True)]))
        self.assertNotIn(request, self._as("gm", self.Request).search(
            [("is_my_signature_due", "=", True)]))
        with self.assertRaisesRegex(UserError, "Unsupported search"):
            mine.search([("is_my_signature_due", "in", [True])])
