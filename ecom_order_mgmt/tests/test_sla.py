# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SLA deadline over the channel's working hours, and its breach flag."""
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError

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


class TestSlaCalendar(EcomCase):
    """The SLA is counted on the channel's calendar: the State Council's public
    holidays are not worked, its make-up working days (调休) are."""

    @classmethod
    def setUpClass(cls):
        super(TestSlaCalendar, cls).setUpClass()
        cls.holidays = cls.env.ref("ecom_order_mgmt.resource_calendar_cn_holidays")
        cls.manager = cls.users["manager"]

    def test_national_day_week_is_not_worked(self):
        # Wednesday 2026-09-30 17:30 in Shanghai; 10-01..07 are off.
        order = self._order(ecom_received_at="2026-09-30 09:30:00")
        self.assertEqual(order.ecom_sla_deadline, "2026-10-08 01:30:00")  # Thu 09:30 local

    def test_spring_festival_is_not_worked(self):
        # Friday 2026-02-13 17:45: Saturday 02-14 is a make-up working day.
        order = self._order(ecom_received_at="2026-02-13 09:45:00")
        self.assertEqual(order.ecom_sla_deadline, "2026-02-14 01:45:00")  # Sat 09:45
        # Saturday 02-14 17:30: the festival runs 02-15..23, Tuesday 02-24 is worked.
        order = self._order(ecom_received_at="2026-02-14 09:30:00")
        self.assertEqual(order.ecom_sla_deadline, "2026-02-24 01:30:00")  # Tue 09:30

    def test_make_up_saturday_is_worked(self):
        # Friday 2026-10-09 17:45; Saturday 10-10 is worked (调休).
        order = self._order(ecom_received_at="2026-10-09 09:45:00")
        self.assertEqual(order.ecom_sla_deadline, "2026-10-10 01:45:00")  # Sat 09:45

    def test_the_channel_calendar_is_the_channel_working_week(self):
        calendar = self.channel.resource_calendar_id
        self.assertEqual(calendar.ecom_holiday_calendar_id, self.holidays)
        self.assertEqual(sorted((a.dayofweek, a.hour_from, a.hour_to)
                                for a in calendar.attendance_ids),
                         [(str(day), 9.0, 18.0) for day in range(5)])
        self.channel.sudo(self.manager).write(
            {"work_days": "mon_sat", "work_hour_start": 8.5, "work_hour_end": 20})
        self.assertEqual(sorted((a.dayofweek, a.hour_from, a.hour_to)
                                for a in calendar.attendance_ids),
                         [(str(day), 8.5, 20.0) for day in range(6)])
        # A copy of the channel works on a calendar of its own.
        copy = self.channel.copy({"code": "TCOPY"})
        self.assertTrue(copy.resource_calendar_id)
        self.assertNotEqual(copy.resource_calendar_id, calendar)

    def test_a_holiday_added_moves_the_open_orders_deadlines(self):
        # Monday 2027-03-01 17:45 local: due Tuesday 09:45, or Wednesday once
        # Tuesday is a holiday; packed and cancelled orders keep theirs.
        received = "2027-03-01 09:45:00"
        open_order = self._order(ecom_received_at=received)
        breached = self._order(ecom_received_at=received)
        breached.ecom_sla_breached = True  # flagged by an earlier, wrong calendar
        packed = self._order(ecom_received_at=received)
        packed.write({"ecom_sla_done_at": "2027-03-01 10:00:00"})
        cancelled = self._order(ecom_received_at=received)
        self._as("cs", cancelled).action_ecom_cancel()
        self.assertEqual(open_order.ecom_sla_deadline, "2027-03-02 01:45:00")
        self.holidays.sudo(self.manager).write({"global_leave_ids": [(0, 0, {
            "name": "Closed for the stock-take", "tz": "Asia/Shanghai",
            "date_from": "2027-03-01 16:00:00", "date_to": "2027-03-02 15:59:59"})]})
        self.assertEqual(open_order.ecom_sla_deadline, "2027-03-03 01:45:00")
        self.assertEqual(breached.ecom_sla_deadline, "2027-03-03 01:45:00")
        self.assertFalse(breached.ecom_sla_breached)
        self.assertEqual(packed.ecom_sla_deadline, "2027-03-02 01:45:00")
        self.assertEqual(cancelled.ecom_sla_deadline, "2027-03-02 01:45:00")

    def test_a_make_up_day_added_by_the_manager_is_worked(self):
        # Friday 2027-03-05 17:45: due Monday, or Saturday once it is worked.
        order = self._order(ecom_received_at="2027-03-05 09:45:00")
        self.assertEqual(order.ecom_sla_deadline, "2027-03-08 01:45:00")
        day = self.env["ecom.calendar.workday"].sudo(self.manager).create({
            "calendar_id": self.holidays.id, "date": "2027-03-06", "name": "Stock-take"})
        self.assertEqual(order.ecom_sla_deadline, "2027-03-06 01:45:00")
        day.unlink()
        self.assertEqual(order.ecom_sla_deadline, "2027-03-08 01:45:00")

    def test_channel_hours_changed_move_the_open_orders_deadlines(self):
        order = self._order(ecom_received_at="2027-03-01 09:45:00")  # Mon 17:45
        self.channel.sudo(self.manager).write({"work_hour_end": 19})
        self.assertEqual(order.ecom_sla_deadline, "2027-03-01 10:45:00")  # Mon 18:45
        self.channel.sudo(self.manager).write({"sla_hours": 2})
        self.assertEqual(order.ecom_sla_deadline, "2027-03-02 01:45:00")  # Tue 09:45

    def test_the_recompute_is_batched(self):
        """Moving the deadlines of many open orders costs the queries of a few."""
        def add_orders(count):
            for n in range(count):
                self._order(ecom_received_at="2027-03-%02d 03:00:00" % (1 + n % 20))

        def recompute():
            # the same start each time: calendar cached, nothing else in memory
            self.channel.resource_calendar_id._ecom_sla_schedule()
            self.env["ecom.channel"].invalidate_cache()
            before = self.env.cr.sql_log_count
            count = self.channel._ecom_recompute_sla_deadlines()
            return count, self.env.cr.sql_log_count - before

        add_orders(3)
        few, few_queries = recompute()
        add_orders(40)
        many, many_queries = recompute()
        self.assertEqual(many, few + 40)
        self.assertEqual(many_queries, few_queries)
        self.assertLessEqual(many_queries, 4)

    def test_only_the_manager_changes_the_calendars(self):
        cs = self.users["cs"]
        with self.assertRaises(AccessError):
            self.env["ecom.calendar.workday"].sudo(cs).create({
                "calendar_id": self.holidays.id, "date": "2027-03-06", "name": "x"})
        with self.assertRaises(AccessError):
            self.env["resource.calendar.leaves"].sudo(cs).create({
                "calendar_id": self.holidays.id, "name": "x",
                "date_from": "2027-03-01 16:00:00", "date_to": "2027-03-02 15:59:59"})
