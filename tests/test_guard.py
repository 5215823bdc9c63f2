# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shared action guard (ecom.guard.mixin), across the three addons.

- every `can_<action>` boolean a view shows names an action of the model's
  action table, whose groups exist;
- the button a view shows for a role is exactly what the server lets that
  role do (one predicate: the screen never promises what the server refuses,
  and never hides what it allows);
- what only the actions decide (stages, decisions, allocations) is refused
  to a client that writes it directly, and the record is left as it was.
"""
from odoo.exceptions import AccessError, UserError

from odoo.addons.ecom_order_mgmt.tests.common import EcomCase

ROLES = ("cs", "finance", "warehouse", "manager", "director", "gm")


class TestGuard(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestGuard, cls).setUpClass()
        cls.warehouse._ecom_ensure_return_locations()
        cls.env.user.company_id.ecom_return_days = 30

    def _guarded_models(self):
        mixin = type(self.env["ecom.guard.mixin"])
        return [name for name in self.env.registry
                if name != "ecom.guard.mixin" and isinstance(self.env[name], mixin)]

    def test_every_predicate_names_an_action_of_its_model(self):
        models = self._guarded_models()
        self.assertIn("sale.order", models)
        self.assertIn("ecom.return", models)
        self.assertIn("ecom.backorder", models)
        for name in models:
            model = self.env[name]
            table = model._ecom_action_table()
            predicates = [field for field, definition in model._fields.items()
                          if definition.compute == "_compute_ecom_can"]
            for field in predicates:
                self.assertTrue(field.startswith(model._ecom_can_prefix), (name, field))
                self.assertIn(field[len(model._ecom_can_prefix):], table,
                              "%s.%s has no action in the table" % (name, field))
            for action, spec in table.items():
                self.assertTrue(spec.groups, (name, action))
                for xmlid in spec.groups:
                    self.assertTrue(self.env.ref(xmlid, raise_if_not_found=False),
                                    "%s/%s: no group %s" % (name, action, xmlid))
                if spec.target:
                    field = model._fields[model._ecom_state_field]
                    self.assertIn(spec.target, dict(field._description_selection(self.env)),
                                  (name, action))

    # ------------------------------------------------------------------
    def _documents(self):
        """One document at a stage where something can be done with it, with
        the data its actions need (a button may show while data is missing
        and say what to complete when pressed: `_ecom_problem`)."""
        review = self._order([(self.product_a, 1)])
        finance = self._order([(self.product_a, 1)])
        self._as("cs", finance).action_ecom_cs_approve()
        delivered = self._approved([(self.product_b, 1)])
        picking = self._delivery(self._approved([(self.product_a, 1)]))
        self._walk(self._delivery(delivered), "delivered")
        case = self._as("cs", self.env["ecom.return"]).create({
            "order_id": delivered.id, "type": "return_refund",
            "line_ids": [(0, 0, {"product_id": self.product_b.id, "quantity": 1,
                                 "responsibility": "company"})]})
        feedback = self._as("cs", self.env["ecom.feedback"]).create({
            "name": "Where is my parcel?", "partner_id": self.buyer.id,
            "order_id": delivered.id, "resolution": "Told the buyer"})
        backorder = self.env["ecom.backorder"].create({
            "order_id": review.id, "line_id": review.order_line.id,
            "product_id": self.product_a.id, "quantity": 1})
        return {"to_review": review, "to_finance": finance, "picking": picking,
                "case": case, "feedback": feedback, "backorder": backorder}

    def test_a_button_shown_is_a_button_the_server_accepts(self):
        documents = self._documents()
        checked = 0
        mismatches = []
        for label, record in documents.items():
            prefix = record._ecom_can_prefix
            actions = [field[len(prefix):] for field, definition in record._fields.items()
                       if definition.compute == "_compute_ecom_can"]
            for role in ROLES:
                mine = record.sudo(self.users[role])
                for action in actions:
                    shown = mine[prefix + action]
                    self.env.cr.execute("SAVEPOINT guard_cell")
                    try:
                        mine._ecom_ensure(action)
                        accepted, why = True, ""
                    except (AccessError, UserError) as error:
                        accepted, why = False, error.name
                    finally:
                        self.env.cr.execute("ROLLBACK TO SAVEPOINT guard_cell")
                        record.invalidate_cache()
                    checked += 1
                    if shown != accepted:
                        mismatches.append("%s %s as %s: shown=%s, server %s %s" % (
                            label, action, role, shown,
                            "accepts" if accepted else "refuses:", why))
        self.assertGreater(checked, 60)
        self.assertFalse(mismatches, "\n".join(mismatches))

    # ------------------------------------------------------------------
    def test_what_only_actions_decide_is_not_writable(self):
        documents = self._documents()
        handover = self._as("warehouse", self.env["ecom.handover"]).create({
            "carrier_id": self.carrier.id})
        claim = self.env["ecom.carrier.claim"].create({"amount": 10.0})
        attempts = [
            ("warehouse", documents["picking"], {"ecom_fulfil_state": "shipped"}),
            ("warehouse", documents["picking"], {"ecom_shipped_at": "2026-01-01 00:00:00"}),
            ("cs", documents["to_review"], {"ecom_state": "approved"}),
            ("cs", documents["backorder"], {"closed": "done"}),
            ("cs", documents["backorder"], {"quantity_allocated": 1.0}),
            ("cs", documents["feedback"], {"state": "resolved"}),
            ("cs", documents["case"], {"state": "done"}),
            ("cs", claim, {"state": "paid"}),
            ("warehouse", handover, {"state": "done"}),
        ]
        for role, record, values in attempts:
            before = record.read(list(values))[0]
            with self.assertRaises(AccessError, msg="%s writing %s" % (role, values)):
                record.sudo(self.users[role]).write(values)
            record.invalidate_cache()
            self.assertEqual(record.read(list(values))[0], before)

    def test_backorder_cancel_is_guarded_on_the_server(self):
        backorder = self._documents()["backorder"]
        with self.assertRaises(AccessError):
            self._as("warehouse", backorder).action_cancel()
        self._as("cs", backorder).action_cancel()
        self.assertEqual(backorder.state, "cancel")
        with self.assertRaisesRegex(UserError, "no longer open"):
            self._as("cs", backorder).action_cancel()

    def test_feedback_can_be_cancelled_once(self):
        feedback = self._documents()["feedback"]
        self._as("cs", feedback).action_cancel()
        self.assertEqual(feedback.state, "cancel")
        self.assertFalse(self._as("cs", feedback).can_resolve)
        with self.assertRaisesRegex(UserError, "already closed"):
            self._as("cs", feedback).action_resolve()
