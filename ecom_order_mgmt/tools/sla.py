# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SLA deadlines counted in working hours (no ORM here).

Orders are processed inside daily working windows (default 9:00-18:00) on
working weekdays; the SLA clock only runs inside them. Public holidays are
not worked even on a working weekday, and make-up working days (调休, e.g.
a Sunday worked to bridge a holiday) are worked even off the working
weekdays. Times are naive local datetimes: the caller converts from and to
UTC.
"""
from collections import namedtuple
from datetime import datetime, time, timedelta

ALL_WEEKDAYS = frozenset(range(7))
MONDAY_TO_FRIDAY = frozenset(range(5))
MONDAY_TO_SATURDAY = frozenset(range(6))

# A schedule with no working day would never reach a deadline.
_MAX_DAYS = 3660

# A calendar read for deadlines: {weekday: merged windows}, the make-up
# days' merged windows, holiday dates, make-up dates.
Schedule = namedtuple("Schedule", "week makeup holidays workdays")


def _at(day, hours):
    """The datetime on `day` at a float hour such as 9.5 (9:30)."""
    minutes = int(round(hours * 60))
    if minutes >= 24 * 60:
        return datetime.combine(day + timedelta(days=1), time(0))
    return datetime.combine(day, time(minutes // 60, minutes % 60))


def _merge(windows):
    """Sorted, non-overlapping (start, end) float-hour windows, empty ones dropped."""
    merged = []
    for start, end in sorted((float(s), float(e)) for s, e in windows):
        if not 0 <= start < end <= 24:
            raise ValueError("a working window must lie within the day and start "
                             "before it ends: %s-%s" % (start, end))
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def weekly_windows(day_start=9.0, day_end=18.0, weekdays=MONDAY_TO_FRIDAY):
    """The same daily window on each working weekday: {weekday: ((start, end),)}."""
    if not 0 <= day_start < day_end <= 24:
        raise ValueError("the working window must start before it ends")
    return {day: ((day_start, day_end),) for day in weekdays if day in ALL_WEEKDAYS}


def working_schedule(windows, holidays=(), workdays=(), workday_windows=None):
    """The calendar `add_working_time` counts on, checked and merged once:
    give it to `add_schedule_time` for the many deadlines of one calendar.

    Parameters as `add_working_time`'s.
    """
    week = {day: _merge(spans) for day, spans in windows.items() if day in ALL_WEEKDAYS}
    week = {day: spans for day, spans in week.items() if spans}
    if not week:
        raise ValueError("at least one weekday must be worked")
    if workday_windows is None:
        workday_windows = week[min(week)]
    return Schedule(week, _merge(workday_windows), frozenset(holidays), frozenset(workdays))


def daily_schedule(day_start=9.0, day_end=18.0, weekdays=MONDAY_TO_FRIDAY, holidays=(),
                   workdays=()):
    """The schedule of one daily window on the working weekdays (and on the
    make-up days); parameters as `add_working_hours`'s."""
    if not set(weekdays) & ALL_WEEKDAYS:
        raise ValueError("at least one weekday must be worked")
    return working_schedule(weekly_windows(day_start, day_end, weekdays), holidays, workdays,
                            workday_windows=((day_start, day_end),))


def add_schedule_time(start, hours, schedule):
    """Return when `hours` working hours (> 0) after `start` (naive local
    datetime) have elapsed on `schedule` (see `working_schedule`)."""
    if hours <= 0:
        raise ValueError("hours must be positive")
    week, makeup, holidays, workdays = schedule
    remaining = timedelta(hours=hours)
    cursor = start
    for _day in range(_MAX_DAYS):
        day = cursor.date()
        spans = () if day in holidays else (
            makeup if day in workdays else week.get(day.weekday(), ()))
        for span_start, span_end in spans:
            window_start, window_end = _at(day, span_start), _at(day, span_end)
            if cursor >= window_end:
                continue
            cursor = max(cursor, window_start)
            available = window_end - cursor
            if remaining <= available:
                return cursor + remaining
            remaining -= available
            cursor = window_end
        cursor = datetime.combine(day + timedelta(days=1), time(0))
    raise ValueError("no working time found within %d days" % _MAX_DAYS)


def add_working_time(start, hours, windows, holidays=(), workdays=(), workday_windows=None):
    """Return when `hours` working hours after `start` have elapsed.

    :param start: naive local datetime of receipt
    :param hours: working hours to add (> 0)
    :param windows: {weekday (0 = Monday): [(from, to), ...]} in float hours,
        the working windows of each working weekday (a resource calendar's
        attendances)
    :param holidays: dates not worked even on a working weekday; a holiday
        wins over a make-up day of the same date
    :param workdays: make-up working days (调休): dates worked even when
        their weekday is not
    :param workday_windows: the windows of a make-up day (default: those of
        the first working weekday, Monday for a Monday-to-Friday week)
    """
    if hours <= 0:
        raise ValueError("hours must be positive")
    return add_schedule_time(
        start, hours, working_schedule(windows, holidays, workdays, workday_windows))


def add_working_hours(start, hours, day_start=9.0, day_end=18.0,
                      weekdays=MONDAY_TO_FRIDAY, holidays=(), workdays=()):
    """Return when `hours` working hours after `start` have elapsed, with
    one daily window on the working weekdays.

    :param start: naive local datetime of receipt
    :param hours: working hours to add (> 0)
    :param day_start, day_end: the daily working window, in float hours
    :param weekdays: working weekdays (0 = Monday)
    :param holidays: dates that are not worked even on a working weekday
    :param workdays: make-up working days (调休), worked in the same window
        even when their weekday is not a working one
    """
    if hours <= 0:
        raise ValueError("hours must be positive")
    return add_schedule_time(
        start, hours, daily_schedule(day_start, day_end, weekdays, holidays, workdays))
