# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SLA deadlines counted in working hours (no ORM here).

Orders are processed inside a daily working window (default 9:00-18:00) on
working weekdays; the SLA clock only runs inside that window. Times are
naive local datetimes: the caller converts from and to UTC.
"""
from datetime import datetime, time, timedelta

ALL_WEEKDAYS = frozenset(range(7))
MONDAY_TO_FRIDAY = frozenset(range(5))
MONDAY_TO_SATURDAY = frozenset(range(6))

# A schedule with no working day would never reach a deadline.
_MAX_DAYS = 3660


def _at(day, hours):
    """The datetime on `day` at a float hour such as 9.5 (9:30)."""
    minutes = int(round(hours * 60))
    if minutes >= 24 * 60:
        return datetime.combine(day + timedelta(days=1), time(0))
    return datetime.combine(day, time(minutes // 60, minutes % 60))


def add_working_hours(start, hours, day_start=9.0, day_end=18.0,
                      weekdays=MONDAY_TO_FRIDAY, holidays=()):
    """Return when `hours` working hours after `start` have elapsed.

    :param start: naive local datetime of receipt
    :param hours: working hours to add (> 0)
    :param day_start, day_end: the daily working window, in float hours
    :param weekdays: working weekdays (0 = Monday)
    :param holidays: dates that are not worked even on a working weekday
    """
    if hours <= 0:
        raise ValueError("hours must be positive")
    if not 0 <= day_start < day_end <= 24:
        raise ValueError("the working window must start before it ends")
    if not set(weekdays) & ALL_WEEKDAYS:
        raise ValueError("at least one weekday must be worked")
    holidays = frozenset(holidays)
    remaining = timedelta(hours=hours)
    cursor = start
    for _day in range(_MAX_DAYS):
        day = cursor.date()
        window_start, window_end = _at(day, day_start), _at(day, day_end)
        if day.weekday() in weekdays and day not in holidays and cursor < window_end:
            cursor = max(cursor, window_start)
            available = window_end - cursor
            if remaining <= available:
                return cursor + remaining
            remaining -= available
        cursor = datetime.combine(day + timedelta(days=1), time(0))
    raise ValueError("no working time found within %d days" % _MAX_DAYS)
