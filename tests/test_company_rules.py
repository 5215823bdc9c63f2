"""Company rules: a user of another company neither reads nor changes a
company's documents, nor presses their buttons (moved out of
tests/test_access_matrix.py, unchanged)."""
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.ecom_order_mgmt.tests.common import EcomCase


def _day(offset):
    return fields.Date.to_string(date.today() + timedelta(days=offset))


class TestCompanyRules(EcomCase):
    """A user of company B neither reads nor changes company A's documents."""

    @classmethod
    def setUpClass(cls):
        super(TestCompanyRules, cls).setUpClass()
        env = cls.env
        cls.company_b = env["res.company"].create({"name": "Other shop company"})
        groups = [env.ref("ecom_order_mgmt.group_ecom_manager").id]
        cls.user_b = env["res.users"].with_context(no_reset_password=True).create({
            "name": "Manager B", "login": "test_matrix_manager_b",
            "email": "mb@example.com", "company_id": cls.company_b.id,
            "company_ids": [(6, 0, [cls.company_b.id])], "groups_id": [(6, 0, groups)]})
        cls.channel.company_id = env.user.company_id
        order = cls._order([(cls.product_out, 1)])
        order.action_ecom_cs_approve()
        order.action_ecom_finance_approve()
        cls.order = order
        cls.backorder = order.ecom_backorder_ids
        cls.case = env["ecom.return"].create({
            "order_id": order.id, "type": "refund_only",
            "line_ids": [(0, 0, {"product_id": cls.product_out.id, "quantity": 1,
                                 "responsibility": "customer"})]})
        plain = env["sale.order"].create({
            "partner_id": cls.buyer.id,
            "order_line": [(0, 0, {"product_id": cls.product_out.id, "product_uom_qty": 1,
                                   "price_unit": 10.0})]})
        cls.request = env["ecom.custom.request"].create({
            "order_id": plain.id, "line_id": plain.order_line.id, "buyer_date": _day(30)})

    def test_other_company_sees_and_changes_nothing(self):
        documents = [self.channel, self.order, self.backorder, self.case, self.request,
                     self.order.picking_ids]
        for record in documents:
            self.assertTrue(record.company_id, record)
            Model = self.env[record._name].sudo(self.user_b)
            self.assertFalse(Model.search([("id", "=", record.id)]), record._name)
            with self.assertRaises(AccessError, msg=record._name):
                record.sudo(self.user_b).read(["display_name"])
            with self.assertRaises((AccessError, UserError, ValidationError),
                                   msg=record._name):
                record.sudo(self.user_b).write({"message_follower_ids": []})
                record.sudo(self.user_b).check_access_rule("write")

    def test_other_company_cannot_press_the_buttons(self):
        calls = [(self.order, lambda r: r.action_ecom_cancel()),
                 (self.backorder, lambda r: r.action_cancel()),
                 (self.case, lambda r: r.action_approve()),
                 (self.request, lambda r: r.action_cancel("no"))]
        for record, call in calls:
            with self.assertRaises(AccessError, msg=record._name):
                call(record.sudo(self.user_b))
