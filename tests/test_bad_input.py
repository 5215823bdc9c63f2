"""Bad input gets a clear message and writes nothing (SPEC section 7).

Where each refusal is proven (this file adds what was missing; OM =
ecom_order_mgmt/tests, BO = ecom_backorder/tests, RT = ecom_returns/tests):

- zero / negative quantity at CS review: here, test_zero_or_negative_quantity_at_cs_review
- zero / negative return quantity, defective units out of range: here,
  test_return_line_quantities
- zero / negative import quantity and price: OM test_tools_order_import_cells
  (test_quantity_refused, test_amounts)
- deposit outside 0-100 %: BO test_custom_request_money
  (test_deposit_percent_outside_0_100_is_refused); tests/test_properties
- return quantity above what was delivered: RT test_returns (test_over_quantity_refused);
  here, test_return_line_quantities; tests/test_properties
- refund above what was paid: RT test_returns
  (test_refund_capped_at_what_was_paid_across_cases); tests/test_properties,
  tests/test_concurrency
- approving in the wrong stage: OM test_review (test_wrong_stage_is_refused), BO
  test_custom_request (test_wrong_stage_is_refused); here, test_case_actions_in_the_wrong_stage
- approving one's own request, GM before the director, both tiers by one person, a
  rejected request signed again: BO test_custom_request
  (test_requester_cannot_approve_their_own_request, test_gm_cannot_sign_before_the_director,
  test_one_person_never_signs_both_tiers,
  test_rejected_request_cannot_be_approved_until_resubmitted)
- rejection without a reason: BO test_reject_without_reason_is_refused; here,
  test_case_rejection_needs_a_reason
- writing a stage or a money field directly: tests/test_access_matrix
  (test_*_not_writable_directly)
- import, wrong encoding and missing / extra / duplicate columns: OM
  test_order_import_wizard (test_file_level_errors_write_nothing), OM
  test_tools_order_import (test_undecodable, test_missing_columns_named_together,
  test_extra_columns_ignored, test_duplicate_columns)
- import, formulas and HTML in text cells, stored as plain text; the rejected-rows file
  quotes leading = + - @: OM test_order_import_wizard (test_hostile_cells_stored_sanitised),
  OM test_tools_order_import_cells (test_formula_in_free_text_is_defused,
  test_html_and_control_characters), OM test_tools_order_import_rejects
  (test_formula_cells_are_quoted)
- import, 20,000 lines with one bad row: OM test_tools_order_import_rejects
  (test_twenty_thousand_lines)
- import, a 50 MB file: here, test_50_mb_import_is_refused; OM test_order_import_wizard
  (test_default_size_limit)
- import, the same order twice or at once: OM test_order_import_wizard
  (test_same_file_twice_reports_duplicates, test_concurrent_import_of_the_same_order)
"""
from odoo.exceptions import UserError, ValidationError

from odoo.addons.ecom_order_mgmt.tests.common import EcomCase


class TestBadInput(EcomCase):

    def _count(self, model, domain=None):
        return self.env[model].search_count(domain or [])

    def test_zero_or_negative_quantity_at_cs_review(self):
        for quantity in (0, -2):
            order = self._order([(self.product_a, 1), (self.product_b, 1)])
            order.order_line[1].product_uom_qty = quantity
            with self.assertRaisesRegex(UserError, "must be positive"):
                self._as("cs", order).with_context(lang="en_US").action_ecom_cs_approve()
            self.assertEqual(order.ecom_state, "to_review")
            self.assertFalse(order.ecom_cs_user_id)

    def test_return_line_quantities(self):
        self.env.user.company_id.ecom_return_days = 30
        self.warehouse._ecom_ensure_return_locations()
        order = self._approved([(self.product_a, 2)])
        cases, lines = self._count("ecom.return"), self._count("ecom.return.line")
        Case = self._as("cs", self.env["ecom.return"]).with_context(lang="en_US")
        # Each refused call is one RPC transaction: rolled back as a whole.
        for quantity in (0, -1):
            with self.assertRaisesRegex(ValidationError, "must be positive"), \
                    self.env.cr.savepoint():
                Case.create({"order_id": order.id, "type": "refund_only", "line_ids": [
                    (0, 0, {"product_id": self.product_a.id, "quantity": quantity,
                            "responsibility": "customer"})]})
        with self.assertRaisesRegex(ValidationError, "above|more than|only"), \
                self.env.cr.savepoint():
            Case.create({"order_id": order.id, "type": "refund_only", "line_ids": [
                (0, 0, {"product_id": self.product_a.id, "quantity": 3,
                        "responsibility": "customer"})]})
        self.assertEqual((self._count("ecom.return"), self._count("ecom.return.line")),
                         (cases, lines))
        case = Case.create({"order_id": order.id, "type": "refund_only", "line_ids": [
            (0, 0, {"product_id": self.product_a.id, "quantity": 1,
                    "responsibility": "customer"})]})
        line = self._as("warehouse", case.line_ids).with_context(lang="en_US")
        for defective in (-1, 2):
            with self.assertRaisesRegex(ValidationError, "Defective units"):
                line.quantity_defective = defective
        self.assertEqual(case.line_ids.quantity_defective, 0)

    def test_case_actions_in_the_wrong_stage(self):
        order = self._approved([(self.product_a, 2)])
        case = self._as("cs", self.env["ecom.return"]).create({
            "order_id": order.id, "type": "refund_only", "line_ids": [
                (0, 0, {"product_id": self.product_a.id, "quantity": 1,
                        "responsibility": "customer"})]})
        invoices = self._count("account.invoice")
        with self.assertRaisesRegex(UserError, "nothing is to be refunded"):
            self._as("finance", case).with_context(lang="en_US").action_refund()
        self._as("manager", case).action_approve()
        with self.assertRaisesRegex(UserError, "only draft cases"):
            self._as("manager", case).with_context(lang="en_US").action_approve()
        with self.assertRaisesRegex(UserError, "only draft cases"):
            self._as("manager", case).with_context(lang="en_US").action_reject("Late")
        self.assertEqual(case.state, "approved")
        self.assertEqual(self._count("account.invoice"), invoices)

    def test_case_rejection_needs_a_reason(self):
        order = self._approved([(self.product_a, 1)])
        case = self._as("cs", self.env["ecom.return"]).create({
            "order_id": order.id, "type": "refund_only", "line_ids": [
                (0, 0, {"product_id": self.product_a.id, "quantity": 1,
                        "responsibility": "customer"})]})
        for reason in ("", "   ", None):
            with self.assertRaisesRegex(UserError, "reason"):
                self._as("manager", case).with_context(lang="en_US").action_reject(reason)
        self.assertEqual((case.state, case.reject_reason), ("draft", False))

    def test_50_mb_import_is_refused(self):
        orders = self._count("sale.order")
        Import = self._as("cs", self.env["ecom.order.import"]).with_context(lang="en_US")
        with self.assertRaisesRegex(UserError, "MB limit"):
            Import.import_file(b"=cmd|' /C calc'!A0," * (50 * 1024 * 1024 // 20), "big.csv")
        self.assertEqual(self._count("sale.order"), orders)
