# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The buyer is told, in their language, when a refund is completed."""
from .test_returns import ReturnsCase


class TestRefundNotification(ReturnsCase):

    @classmethod
    def setUpClass(cls):
        super(TestRefundNotification, cls).setUpClass()
        cls.buyer.write({"email": "buyer@example.com", "lang": "en_US"})
        cls.buyer_zh = cls.env["res.partner"].create({
            "name": "李四", "email": "lisi@example.com", "lang": "zh_CN", "customer": True})

    def _refunded(self, **values):
        order = self._approved([(self.product_a, 2)], **values)
        case = self._case(order, "refund_only", [(self.product_a, 1, "customer")])
        self._as("manager", case).action_approve()
        self._as("finance", case).action_refund()
        return case

    def _mails(self, case):
        return self.env["mail.mail"].search([
            ("model", "=", "ecom.return"), ("res_id", "=", case.id)])

    def test_refund_completed_mail_in_english(self):
        case = self._refunded()
        mail = self._mails(case)
        self.assertEqual(len(mail), 1)
        self.assertEqual((mail.state, mail.recipient_ids), ("outgoing", self.buyer))
        self.assertIn("refund of", mail.subject)
        self.assertIn("100.00", mail.body_html)
        self.assertIn(case.refund_invoice_id.number, mail.body_html)

    def test_refund_completed_mail_in_chinese(self):
        case = self._refunded(partner_id=self.buyer_zh.id)
        mail = self._mails(case)
        self.assertEqual(mail.recipient_ids, self.buyer_zh)
        self.assertIn("退款", mail.subject)
        self.assertIn("100.00", mail.body_html)
        self.assertIn("售后单", mail.body_html)

    def test_no_refund_mail_when_the_channel_is_switched_off(self):
        self.channel.notify_buyer = False
        case = self._refunded()
        self.assertEqual(case.state, "done")
        self.assertFalse(self._mails(case))
