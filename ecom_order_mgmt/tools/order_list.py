# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The period a daily order list (订货明细单) covers (no ORM here).

The list goes out every day at a cut-off time on the company's clock
(14:00 by default). Each list covers the orders received since the cut-off
of the list before it, up to its own cut-off; the first list covers the 24
hours before its cut-off. A list run late (the server was down, or someone
ran it by hand) still stops at the last cut-off, so that the periods follow
each other without a gap or an overlap whatever the time the lists are run.

Times are naive UTC datetimes, as Odoo stores them; the company's clock is a
time zone name (pytz).
"""
from collections import namedtuple
from datetime import datetime, time, timedelta

import pytz

DEFAULT_CUTOFF = time(14, 0)
FIRST_PERIOD = timedelta(hours=24)

# start, end: naive UTC datetimes, the period [start, end); day: the list's
# date on the company's clock (the local date of its cut-off)
ListWindow = namedtuple("ListWindow", "start end day")


def to_local(moment, tz_name):
    """Naive UTC datetime -> naive local datetime on the clock of `tz_name`."""
    return pytz.utc.localize(moment).astimezone(pytz.timezone(tz_name)).replace(tzinfo=None)


def to_utc(local, tz_name):
    """Naive local datetime on the clock of `tz_name` -> naive UTC datetime."""
    return pytz.timezone(tz_name).localize(local).astimezone(pytz.utc).replace(tzinfo=None)


def last_cutoff(now, tz_name, cutoff=DEFAULT_CUTOFF):
    """The latest cut-off at or before `now` (naive UTC), as naive UTC."""
    local_now = to_local(now, tz_name)
    day = local_now.date()
    if local_now.time() < cutoff:
        day -= timedelta(days=1)
    return to_utc(datetime.combine(day, cutoff), tz_name)


def list_window(now, tz_name, previous=None, cutoff=DEFAULT_CUTOFF):
    """The ListWindow of a list run at `now` (naive UTC).

    :param tz_name: the company's time zone
    :param previous: the cut-off of the previous list (naive UTC), None for
        the first list
    :param cutoff: the daily cut-off time on the company's clock
    :return: ListWindow; ``start == end`` when the previous list already
        reached the last cut-off (nothing new to list)
    """
    end = last_cutoff(now, tz_name, cutoff)
    start = end - FIRST_PERIOD if previous is None else min(previous, end)
    return ListWindow(start, end, to_local(end, tz_name).date())
