# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Which period the periodic management report covers, and when it is due
(no ORM here).

A weekly report covers the last full week, Monday to Sunday, and is due
from the configured weekday of the following week on; a monthly report
covers the last calendar month and is due from the configured day of the
following month on. A report run late (the server was down on the day) is
still due until the next period's is: only the latest period is reported.
Dates are the company's calendar days (datetime.date).
"""
from collections import namedtuple
from datetime import timedelta

WEEKLY = "weekly"
MONTHLY = "monthly"
# the last day of the month a monthly report can be set to (every month has it)
LAST_MONTHDAY = 28

# the days [start, end) a report covers
Period = namedtuple("Period", "start end")


def due_period(today, frequency, weekday=0, monthday=1):
    """The period whose report is due on `today`, or None.

    :param today: the company's date
    :param frequency: WEEKLY or MONTHLY (anything else: never due)
    :param weekday: weekly: the day it is sent, 0 Monday … 6 Sunday
    :param monthday: monthly: the day of the month it is sent, 1 … 28
    :return: Period of the last full week or month when `today` is on or
        after its sending day, else None (the report of the period before
        was due, and is sent already)
    """
    if frequency == WEEKLY:
        end = today - timedelta(days=today.weekday())
        start = end - timedelta(days=7)
        due = end + timedelta(days=min(max(int(weekday), 0), 6))
    elif frequency == MONTHLY:
        end = today.replace(day=1)
        start = (end - timedelta(days=1)).replace(day=1)
        due = end.replace(day=min(max(int(monthday), 1), LAST_MONTHDAY))
    else:
        return None
    return Period(start, end) if today >= due else None


def period_key(frequency, period):
    """What identifies a sent report: the same key, the same report."""
    return "%s:%s" % (frequency, period.start.isoformat())
