# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Unpaid channel orders are cancelled after the channel's payment deadline [003]."""
from datetime import datetime, timedelta

from odoo import fields

from .common import EcomCase


def _hours_ago(hours):
    return fields.Datetime.to_string(datetime.utcnow() - timedelta(hours=hours))


class TestUnpaidCancel(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestUnpaidCancel, cls).setUpClass()
        cls.channel.unpaid_cancel_hours = 24
        cls.buyer.email = "buyer@example.com"
        cls.Orders = cls.env["sale.order"]

    def _unpaid(self, hours_ago, **values):
        return self._order(paid=False, ecom_received_at=_hours_ago(hours_ago), **values)

    def _cancel_mails(self, order):
        return self.env["mail.mail"].search([
            ("model", "=", "sale.order"), ("res_id", "=", order.id),
            ("subject", "ilike", "was cancelled")])

    def test_order_past_the_deadline_is_cancelled_with_reason_chatter_and_mail(self):
        late = self._unpaid(25)
        partly = self._unpaid(30, ecom_paid_amount=40.0)
        early = self._unpaid(23)
        self.assertEqual(late.ecom_unpaid_cancel_at,
                         fields.Datetime.to_string(
                             fields.Datetime.from_string(late.ecom_received_at)
                             + timedelta(hours=24)))
        self.assertEqual(self.Orders._cron_ecom_cancel_unpaid(), 2)
        for order in late | partly:
            self.assertEqual((order.state, order.ecom_state), ("cancel", "cancel"))
            self.assertEqual(order.ecom_exception_reason_id.code, "unpaid_timeout")
            note = order.message_ids.filtered(lambda m: "Cancelled automatically" in m.body)
            self.assertEqual(len(note), 1)
            self.assertIn("24 hours", note.body)
            mail = self._cancel_mails(order)
            self.assertEqual(len(mail), 1)
            self.assertEqual(mail.recipient_ids, self.buyer)
            self.assertIn(order.ecom_platform_ref, mail.subject)
        self.assertEqual((early.state, early.ecom_state), ("draft", "to_review"))
        self.assertFalse(early.ecom_exception_reason_id)

    def test_running_twice_cancels_once(self):
        order = self._unpaid(48)
        self.Orders._cron_ecom_cancel_unpaid()
        messages = len(order.message_ids)
        self.assertEqual(self.Orders._cron_ecom_cancel_unpaid(), 0)
        self.assertEqual(len(order.message_ids), messages)
        self.assertEqual(len(self._cancel_mails(order)), 1)

    def test_batches_cover_every_channel(self):
        other = self.channel.copy({"name": "Test JD shop", "code": "TJD",
                                   "unpaid_cancel_hours": 2})
        orders = self._unpaid(25) | self._unpaid(26) | self._unpaid(3, ecom_channel_id=other.id)
        self.assertEqual(self.Orders._cron_ecom_cancel_unpaid(limit=2), 3)
        self.assertEqual(set(orders.mapped("state")), {"cancel"})

    def test_paid_cod_reviewed_held_and_no_deadline_are_never_cancelled(self):
        paid = self._order(ecom_received_at=_hours_ago(72))
        cod = self._unpaid(72, ecom_payment_mode="cod")
        reviewed = self._unpaid(72)
        self._as("cs", reviewed).action_ecom_cs_approve()
        held = self._unpaid(72)
        held.action_ecom_set_exception("buyer_remark", "Buyer will pay by transfer")
        never = self.channel.copy({"name": "Test phone", "code": "TPH",
                                   "unpaid_cancel_hours": 0})
        no_deadline = self._unpaid(500, ecom_channel_id=never.id)
        self.assertEqual(self.Orders._cron_ecom_cancel_unpaid(), 0)
        for order in paid | cod | reviewed | held | no_deadline:
            self.assertNotEqual(order.state, "cancel", order.name)
        self.assertFalse(no_deadline.ecom_unpaid_cancel_at)

    def test_order_a_person_just_worked_on_is_left_alone(self):
        order = self._unpaid(25)
        self._as("cs", order).write({"ecom_buyer_remark": "Buyer says she paid, checking"})
        self.assertEqual(self.Orders._cron_ecom_cancel_unpaid(), 0)
        self.assertEqual(order.state, "draft")
        # half an hour later, nobody touched it: the deadline applies
        self.env.cr.execute("UPDATE sale_order SET write_date = %s WHERE id = %s",
                            (_hours_ago(1), order.id))
        self.assertEqual(self.Orders._cron_ecom_cancel_unpaid(), 1)
        self.assertEqual(order.state, "cancel")
