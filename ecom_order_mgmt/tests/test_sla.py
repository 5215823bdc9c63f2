# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SLA deadline over the channel's working hours, and its breach flag."""
from datetime import datetime, timedelta

from odoo import fields

from .common import EcomCase


class TestSla(EcomCase):

    def test_order_at_1745_is_due_0945_next_working_day(self):
        # Monday 2026-11-23 17:45 in Shanghai is 09:45 UTC.
        order = self._order(ecom_received_at="2026-11-23 09:45:00")
        self.assertEqual(order.ecom_sla_deadline, "2026-11-24 01:45:00")  # 09:45 local

    def test_friday_evening_is_due_monday(self):
        order = self._order(ecom_received_at="2026-11-20 10:30:00")  # Fri 18:30 local
        self.assertEqual(order.ecom_sla_deadline, "2026-11-23 02:00:00")  # Mon 10:00

    def test_channel_settings_shape_the_deadline(self):
        self.channel.write({"sla_hours": 2, "work_days": "all", "work_hour_start": 8})
        order = self._order(ecom_received_at="2026-11-20 10:30:00")  # Fri 18:30 local
        self.assertEqual(order.ecom_sla_deadline, "2026-11-21 02:00:00")  # Sat 10:00

    def test_cron_flags_open_orders_past_their_deadline(self):
        now = fields.Datetime.from_string(fields.Datetime.now())
        late = self._order(ecom_received_at=fields.Datetime.to_string(now - timedelta(days=5)))
        fresh = self._order()
        fresh.ecom_sla_deadline = fields.Datetime.to_string(now + timedelta(hours=1))
        cancelled = self._order(ecom_received_at=fields.Datetime.to_string(
            now - timedelta(days=5)))
        self._as("cs", cancelled).action_ecom_cancel()
        self.env["sale.order"]._cron_ecom_sla_breach()
        self.assertTrue(late.ecom_sla_breached)
        self.assertFalse(fresh.ecom_sla_breached)
        self.assertFalse(cancelled.ecom_sla_breached)

    def test_packing_in_time_meets_the_sla_late_packing_breaches(self):
        on_time = self._approved()
        on_time.ecom_sla_deadline = "2999-01-01 00:00:00"
        self._walk(self._delivery(on_time), "packed")
        self.assertTrue(on_time.ecom_sla_done_at)
        self.assertFalse(on_time.ecom_sla_breached)

        late = self._approved()
        late.ecom_sla_deadline = fields.Datetime.to_string(datetime(2020, 1, 1))
        self._walk(self._delivery(late), "packed")
        self.assertTrue(late.ecom_sla_breached)
        # A packed order is done: the cron leaves it alone.
        late.ecom_sla_breached = False
        self.env["sale.order"]._cron_ecom_sla_breach()
        self.assertFalse(late.ecom_sla_breached)
