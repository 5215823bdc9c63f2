# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""After-sales promises (售后时效) counted in working time, no ORM.

[000] tells the buyer the refund is made "within 1 to 2 working days"; [001]
serves after-sales in working hours (工作日 9:00-18:00). A working day is
one daily working window, so "2 working days after receipt" is the moment
two windows' worth of working hours have elapsed: a return received on
Monday at 10:00 is due on Wednesday at 10:00; one received on Saturday is
due on Tuesday at 18:00. Naive local datetimes: the caller converts.
"""
from odoo.addons.ecom_order_mgmt.tools.sla import MONDAY_TO_FRIDAY, add_working_hours


def add_working_days(start, days, day_start=9.0, day_end=18.0, weekdays=MONDAY_TO_FRIDAY,
                     holidays=()):
    """When `days` working days after `start` have elapsed (see the module)."""
    if days <= 0:
        raise ValueError("days must be positive")
    if not 0 <= day_start < day_end <= 24:
        raise ValueError("the working window must start before it ends")
    return add_working_hours(start, days * (day_end - day_start), day_start, day_end,
                             weekdays, holidays)


def met(deadline, done_at):
    """True when `done_at` is no later than `deadline` (no deadline: met)."""
    return not deadline or done_at <= deadline
