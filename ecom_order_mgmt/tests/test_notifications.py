# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Buyer mails (queued, in the buyer's language) and the exception handler's to-do."""
from .common import EcomCase

EXCEPTION = "ecom_order_mgmt.mail_activity_type_ecom_exception"


class TestNotifications(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestNotifications, cls).setUpClass()
        cls.buyer.write({"email": "buyer@example.com", "lang": "en_US"})
        cls.buyer_zh = cls.env["res.partner"].create({
            "name": "张三", "email": "zhangsan@example.com", "lang": "zh_CN",
            "customer": True})
        cls.channel.exception_user_id = cls.users["cs"]

    def _mails(self, record):
        return self.env["mail.mail"].search([
            ("model", "=", record._name), ("res_id", "=", record.id)])

    def _exception_activities(self, order):
        return order.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(EXCEPTION))

    # ------------------------------------------------------------------
    # Order received
    # ------------------------------------------------------------------
    def test_order_received_is_queued_in_english(self):
        order = self._order(ref="RCV-EN-1")
        mail = self._mails(order)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing", "queued, not sent in the request")
        self.assertEqual(mail.recipient_ids, self.buyer)
        self.assertIn("we received your order RCV-EN-1", mail.subject)
        self.assertIn("Test shirt S", mail.body_html)
        self.assertIn("Order total", mail.body_html)
        self.assertIn(mail.mail_message_id, order.message_ids, "shown in the chatter")
        self.assertFalse(self._mails(order.copy()), "a duplicate is not a new order")

    def test_order_received_in_the_buyers_language(self):
        order = self._order(ref="RCV-ZH-1", partner_id=self.buyer_zh.id)
        mail = self._mails(order)
        self.assertEqual(mail.recipient_ids, self.buyer_zh)
        self.assertIn("我们已收到您的订单 RCV-ZH-1", mail.subject)
        self.assertIn("订单金额", mail.body_html)
        self.assertNotIn("Thank you", mail.body_html)

    def test_no_mail_for_a_standard_sale(self):
        order = self.env["sale.order"].create({
            "partner_id": self.buyer.id,
            "order_line": [(0, 0, {"product_id": self.product_a.id, "product_uom_qty": 1})]})
        order.action_confirm()
        picking = order.picking_ids
        for move_line in picking.move_line_ids:
            move_line.qty_done = move_line.product_uom_qty
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertFalse(self._mails(order) | self._mails(picking))

    def test_no_mail_when_switched_off_or_without_address(self):
        self.channel.notify_buyer = False
        self.assertFalse(self._mails(self._order()))
        self.channel.notify_buyer = True
        self.env.user.company_id.ecom_notify_buyer = False
        self.assertFalse(self._mails(self._order()))
        self.env.user.company_id.ecom_notify_buyer = True
        nobody = self.env["res.partner"].create({"name": "No mail buyer"})
        self.assertFalse(self._mails(self._order(partner_id=nobody.id)))
        self.assertTrue(self._mails(self._order()))

    def test_imports_mail_in_one_batch_if_the_channel_wants_it(self):
        Order = self.env["sale.order"].with_context(ecom_defer_received_mail=True)
        orders = Order.browse()
        for _i in range(3):
            orders |= Order.create({
                "partner_id": self.buyer.id, "ecom_channel_id": self.channel.id,
                "ecom_platform_ref": self._next_ref(),
                "order_line": [(0, 0, {"product_id": self.product_a.id,
                                       "product_uom_qty": 1})]})
        self.assertFalse(self.env["mail.mail"].search([
            ("model", "=", "sale.order"), ("res_id", "in", orders.ids)]),
            "the import mails at the end, not order by order")
        self.channel.notify_on_import = False
        self.assertFalse(orders._ecom_notify_received(imported=True))
        self.channel.notify_on_import = True
        mails = orders._ecom_notify_received(imported=True)
        self.assertEqual(len(mails), 3)
        self.assertEqual(sorted(mails.mapped("res_id")), sorted(orders.ids))
        self.assertEqual(mails.mapped("recipient_ids"), self.buyer)

    # ------------------------------------------------------------------
    # Held in exception
    # ------------------------------------------------------------------
    def test_held_order_mails_the_reason_and_gives_the_handler_one_todo(self):
        order = self._order(partner_id=self.buyer_zh.id)
        self._as("cs", order).action_ecom_set_exception("address_incomplete", "No street")
        held = self._mails(order).filtered(lambda m: "暂缓" in m.subject)
        self.assertEqual(len(held), 1)
        self.assertIn("地址不完整", held.body_html, "the reason, in the buyer's language")
        todo = self._exception_activities(order)
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.user_id, self.users["cs"])
        self.assertIn("No street", todo.note)
        # Resumed: the to-do is done (logged), held again: one new to-do.
        self._as("cs", order).action_ecom_resume()
        self.assertFalse(self._exception_activities(order))
        self.assertTrue(order.message_ids.filtered(
            lambda m: m.mail_activity_type_id == self.env.ref(EXCEPTION)))
        self._as("cs", order).action_ecom_set_exception("buyer_remark")
        self.assertEqual(len(self._exception_activities(order)), 1)
        self._as("manager", order).action_cancel()
        self.assertFalse(self._exception_activities(order), "closed with the order")

    def test_held_order_english_and_reason_not_for_the_buyer(self):
        order = self._order()
        self._as("finance", order).action_ecom_set_exception("amount_mismatch")
        held = self._mails(order).filtered(lambda m: "is on hold" in m.subject)
        self.assertIn("Amount mismatch", held.body_html)
        risky = self._order()
        self.env.ref("ecom_order_mgmt.exception_risk").notify_buyer = False
        self._as("cs", risky).action_ecom_set_exception("risk")
        self.assertFalse(self._mails(risky).filtered(lambda m: "is on hold" in m.subject))
        self.assertEqual(len(self._exception_activities(risky)), 1, "staff still act")

    # ------------------------------------------------------------------
    # Shipped
    # ------------------------------------------------------------------
    def test_shipped_mail_has_carrier_and_tracking(self):
        order = self._approved(partner_id=self.buyer_zh.id)
        picking = self._walk(self._delivery(order), "shipped")
        mail = self._mails(picking)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.buyer_zh)
        self.assertEqual(mail.state, "outgoing")
        self.assertIn("已发货", mail.subject)
        self.assertIn("Test courier", mail.body_html)
        self.assertIn("SF%08d" % picking.id, mail.body_html)
        self.assertIn("运单号", mail.body_html)

    def test_shipped_mail_in_english_and_not_when_switched_off(self):
        order = self._approved()
        picking = self._walk(self._delivery(order), "shipped")
        mail = self._mails(picking)
        self.assertIn("has shipped", mail.subject)
        self.assertIn("Tracking number", mail.body_html)
        self.channel.notify_buyer = False
        other = self._approved()
        self.assertFalse(self._mails(self._walk(self._delivery(other), "shipped")))
