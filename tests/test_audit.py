"""Every decision is in the document's chatter: who, when, what (and why).

State changes are tracked fields (`track_visibility`), read back here from
`message_ids.tracking_value_ids` with the message's author and date; sign-offs
and refusals with a reason are messages posted by the actions.
"""
from datetime import date, timedelta

from odoo import fields

from odoo.addons.ecom_order_mgmt.tests.common import EcomCase


class TestAudit(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestAudit, cls).setUpClass()
        cls.env.user.company_id.ecom_return_days = 30
        cls.warehouse._ecom_ensure_return_locations()
        cls.vendor = cls.env["res.partner"].create({"name": "Audit vendor", "supplier": True})
        cls.env["product.supplierinfo"].create({
            "name": cls.vendor.id, "product_tmpl_id": cls.product_out.product_tmpl_id.id,
            "price": 10.0})

    def setUp(self):
        super(TestAudit, self).setUp()
        # Database time, a little earlier: the messages are dated by the server.
        self.start = fields.Datetime.from_string(fields.Datetime.now()) - timedelta(seconds=5)

    def _change(self, record, field, new_label, role):
        """The tracked change of `field` to `new_label`: author and date checked."""
        record = record.sudo()
        values = record.message_ids.mapped("tracking_value_ids").filtered(
            lambda t: t.field == field and t.new_value_char == new_label)
        self.assertTrue(values, "%s %s → %s" % (record._name, field, new_label))
        message = values.sorted("id")[-1].mail_message_id
        self.assertEqual(message.author_id, self.users[role].partner_id)
        self.assertGreaterEqual(fields.Datetime.from_string(message.date), self.start)
        return message

    def _note(self, record, text, role):
        record = record.sudo()
        messages = record.message_ids.filtered(lambda m: text in (m.body or ""))
        self.assertTrue(messages, "%s: no message with %r" % (record._name, text))
        self.assertEqual(messages[0].author_id, self.users[role].partner_id)
        self.assertGreaterEqual(fields.Datetime.from_string(messages[0].date), self.start)

    def _en(self, role, records):
        return self._as(role, records).with_context(lang="en_US")

    def test_order_review_and_exception(self):
        order = self._order()
        self._en("cs", order).action_ecom_set_exception("risk", "Buyer flagged by the platform")
        self._change(order, "ecom_state", "Exception", "cs")
        self._note(order, "Buyer flagged by the platform", "cs")
        self._en("cs", order).action_ecom_resume()
        self._en("cs", order).action_ecom_cs_approve()
        self._change(order, "ecom_state", "To Finance Review", "cs")
        self._en("finance", order).action_ecom_finance_approve()
        self._change(order, "ecom_state", "Approved", "finance")
        self.assertEqual((order.ecom_cs_user_id, order.ecom_finance_user_id),
                         (self.users["cs"], self.users["finance"]))

    def test_fulfilment_stages(self):
        picking = self._delivery(self._approved())
        self._walk(picking, "delivered")
        for label, role in (("Waybill Printed", "warehouse"), ("Picked", "warehouse"),
                            ("Packed", "warehouse"), ("Checked", "warehouse"),
                            ("Shipped", "warehouse"), ("Delivered", "warehouse")):
            self._change(picking, "ecom_fulfil_state", label, role)

    def test_custom_request_sign_off_and_rejection(self):
        order = self.env["sale.order"].create({
            "partner_id": self.buyer.id,
            "order_line": [(0, 0, {"product_id": self.product_out.id, "product_uom_qty": 1,
                                   "price_unit": 100.0})]})
        request = self._en("cs", self.env["ecom.custom.request"]).create({
            "order_id": order.id, "line_id": order.order_line.id, "price_change": True,
            "new_price_unit": 130.0,
            "buyer_date": fields.Date.to_string(date.today() + timedelta(days=30))})
        request = self.env["ecom.custom.request"].browse(request.id)
        request.action_record_feasibility(
            True, inbound_date=fields.Date.to_string(date.today() + timedelta(days=10)),
            inbound_qty=1, vendor_id=self.vendor.id)
        request.action_buyer_accept(10, "Cotton")
        self._en("cs", request).action_submit()
        self._change(request, "state", "Price Approval", "cs")
        self._en("director", request).action_approve("Fair price")
        self._en("gm", request).action_reject("Too dear for this buyer")
        self._change(request, "state", "Draft", "gm")
        self._note(request, "Too dear for this buyer", "gm")
        approvals = request.approval_ids.sorted("id")
        self.assertEqual(approvals.mapped("user_id").ids,
                         [self.users["director"].id, self.users["gm"].id], "director first")
        self.assertTrue(all(a.date for a in approvals))

    def test_return_case_decisions(self):
        order = self._approved([(self.product_a, 2)])
        case = self._en("cs", self.env["ecom.return"]).create({
            "order_id": order.id, "type": "refund_only",
            "line_ids": [(0, 0, {"product_id": self.product_a.id, "quantity": 1,
                                 "responsibility": "customer"})]})
        other = case.copy()
        self._en("manager", case).action_approve()
        self._change(case, "state", "Approved", "manager")
        self.assertEqual(case.approved_by, self.users["manager"])
        self._en("finance", case).action_refund()
        self._change(case, "state", "Done", "finance")
        self._en("manager", other).action_reject("Opened twice")
        self._change(other, "state", "Rejected", "manager")
        self._note(other, "Opened twice", "manager")

    def test_backorder_cancellation(self):
        order = self._order([(self.product_out, 1)])
        self._as("cs", order).action_ecom_cs_approve()
        self._as("finance", order).action_ecom_finance_approve()
        backorder = order.ecom_backorder_ids
        self._en("cs", backorder).action_cancel()
        self._change(backorder, "state", "Cancelled", "cs")
