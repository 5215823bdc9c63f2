# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Arithmetic of the E-commerce dashboard (models/ecom_dashboard.py): the
periods of a channel's day, the 14-day series, the company-wide sum.

No ORM: days are `datetime.date`, figures plain dicts of numbers.
"""
import datetime

PERIODS = ("today", "yesterday", "week")
GRAPH_DAYS = 14
# Figures of orders received in a period, one key per period each
PERIOD_FIGURES = ("orders", "gmv", "breached", "exceptions")


def local_today(now_utc, tz):
    """The day `now_utc` (a naive UTC datetime) falls on in time zone `tz`
    (a pytz time zone)."""
    return tz.fromutc(now_utc.replace(tzinfo=tz)).date()


def period_bounds(today):
    """{period: (first day, last day)} for today, yesterday and this week
    (Monday to today, the week of Chinese calendars)."""
    yesterday = today - datetime.timedelta(days=1)
    monday = today - datetime.timedelta(days=today.weekday())
    return {
        "today": (today, today),
        "yesterday": (yesterday, yesterday),
        "week": (monday, today),
    }


def first_day_needed(today):
    """The earliest day the periods and the graph of `today` read."""
    return min(today - datetime.timedelta(days=GRAPH_DAYS - 1),
               period_bounds(today)["week"][0])


def period_figures(daily, today):
    """Period figures of one channel from its `daily` rows.

    `daily` maps a day to {"orders": n, "gmv": x, "breached": n,
    "exceptions": n} of the orders received that day; the result has
    `<figure>_<period>` keys, plus `aov_<period>` (GMV / orders, 0 without
    orders).
    """
    figures = {}
    for period, (first, last) in period_bounds(today).items():
        for name in PERIOD_FIGURES:
            figures["%s_%s" % (name, period)] = sum(
                row.get(name, 0) for day, row in daily.items() if first <= day <= last)
        figures["aov_%s" % period] = average(
            figures["gmv_%s" % period], figures["orders_%s" % period])
    return figures


def average(total, count):
    """`total` / `count`, rounded to the cent; 0 when `count` is 0."""
    return round(total / count, 2) if count else 0.0


def day_series(daily, today, name, days=GRAPH_DAYS):
    """[(day, value)] of figure `name` for the `days` days up to `today`,
    0 on the days without a row."""
    start = today - datetime.timedelta(days=days - 1)
    return [(day, daily.get(day, {}).get(name, 0))
            for day in (start + datetime.timedelta(days=n) for n in range(days))]


def sum_figures(cards):
    """The company-wide card: each figure summed over `cards` (dicts), the
    averages (`aov_*`) recomputed from the sums."""
    total = {}
    for card in cards:
        for key, value in card.items():
            if not key.startswith("aov_"):
                total[key] = total.get(key, 0) + value
    for period in PERIODS:
        if "gmv_%s" % period in total:
            total["aov_%s" % period] = average(
                total["gmv_%s" % period], total.get("orders_%s" % period, 0))
    return total


def sum_series(series_list):
    """Day-by-day sum of [(day, value)] series of the same days."""
    if not series_list:
        return []
    return [(day, sum(series[index][1] for series in series_list))
            for index, (day, _value) in enumerate(series_list[0])]
