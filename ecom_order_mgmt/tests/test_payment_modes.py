# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Payment modes as records: one per mode of the suite, chosen as tags on a rule."""
import psycopg2

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from .common import EcomCase


class TestPaymentModes(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestPaymentModes, cls).setUpClass()
        cls.env["ecom.review.rule"].search([]).write({"active": False})
        cls.Mode = cls.env["ecom.payment.mode"]

    def _mode(self, code):
        return self.env.ref("ecom_order_mgmt.payment_mode_%s" % code)

    def _apply(self, orders):
        action = self._as("cs", orders).action_ecom_apply_review_rules()
        return {line.order_id: line.outcome for line in
                self.env["ecom.review.result"].browse(action["res_id"]).line_ids}

    def test_one_record_per_mode_an_order_can_have(self):
        order_modes = self.env["sale.order"]._fields["ecom_payment_mode"].get_values(self.env)
        self.assertEqual(sorted(self.Mode.search([]).mapped("code")), sorted(order_modes))
        self.assertEqual(self._mode("cod").name, "Cash on delivery")
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError):
            with self.env.cr.savepoint():
                self.Mode.create({"code": "cod", "name": "COD again"})

    def test_rule_decides_only_the_orders_of_its_modes(self):
        rule = self.env["ecom.review.rule"].create({
            "name": "COD only", "outcome": "pass_cs",
            "payment_mode_ids": [(6, 0, (self._mode("cod") | self._mode("cod_inspect")).ids)]})
        cod = self._order(ecom_payment_mode="cod", paid=False)
        prepaid = self._order()
        outcome = self._apply(cod | prepaid)
        self.assertEqual((outcome[cod], outcome[prepaid]), ("passed", "kept"))
        self.assertEqual(cod.ecom_rule_id, rule)
        self.assertIn("COD only: payment mode prepaid", prepaid.ecom_rule_note)

    def test_codes_as_text_set_the_tags(self):
        Rule = self.env["ecom.review.rule"]
        rule = Rule.create({"name": "Codes", "payment_modes": " prepaid,instalment ,"})
        self.assertEqual(rule.payment_mode_ids, self._mode("prepaid") | self._mode("instalment"))
        self.assertEqual(rule.payment_modes, "prepaid, instalment")
        rule.payment_modes = ""
        self.assertFalse(rule.payment_mode_ids)
        with self.assertRaisesRegex(ValidationError, "unknown payment modes bitcoin, paypal"):
            rule.payment_modes = "cod, paypal, bitcoin"

    def test_everyone_reads_the_modes_and_only_managers_change_them(self):
        self.assertEqual(self._as("warehouse", self._mode("cod")).name, "Cash on delivery")
        with self.assertRaises(AccessError):
            self._as("cs", self._mode("cod")).write({"name": "货到付款"})
        self._as("manager", self._mode("cod")).write({"name": "货到付款"})
        self.assertEqual(self._mode("cod").name, "货到付款")
