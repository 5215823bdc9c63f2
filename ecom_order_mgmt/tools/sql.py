# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SQL fragments shared by models and reports (of the three addons).

Plain text builders, no ORM: the expressions are pasted into queries and
view definitions whose column names come from the code, never from users.
"""
from ..const import DEFAULT_TZ

AMOUNT_BANDS = [
    ("a_0_100", "< 100"),
    ("b_100_300", "100 – 300"),
    ("c_300_1000", "300 – 1,000"),
    ("d_1000_3000", "1,000 – 3,000"),
    ("e_3000", "≥ 3,000"),
]


def sql_literal(text):
    """`text` as an SQL string literal (quotes doubled), for constants of the code."""
    return "'%s'" % text.replace("'", "''")


def amount_band_sql(column):
    """SQL CASE giving the AMOUNT_BANDS key of the amount in `column`."""
    return """CASE WHEN {c} < 100 THEN 'a_0_100'
                   WHEN {c} < 300 THEN 'b_100_300'
                   WHEN {c} < 1000 THEN 'c_300_1000'
                   WHEN {c} < 3000 THEN 'd_1000_3000'
                   ELSE 'e_3000' END""".format(c=column)


def local_day_sql(timestamp):
    """SQL giving the day of the UTC `timestamp` on the clock of channel `ch`.

    The query must join the order's channel as `ch`; DEFAULT_TZ for a
    channel without a time zone.
    """
    return "(%s AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(ch.tz, %s))::date" % (
        timestamp, sql_literal(DEFAULT_TZ))


def pct_sql(condition, decided=None):
    """SQL giving 100 when `condition` holds, 0 when not, NULL while undecided.

    Averaged in a pivot (group_operator avg), the per-row 0/100 is the
    percentage of the rows that meet the condition among the decided ones.
    """
    if decided:
        return "CASE WHEN NOT (%s) THEN NULL WHEN %s THEN 100.0 ELSE 0.0 END" % (
            decided, condition)
    return "CASE WHEN %s THEN 100.0 ELSE 0.0 END" % condition


def create_view(cr, statement):
    """Run the ``CREATE OR REPLACE VIEW`` `statement` of a report model.

    The one place where the suite executes SQL text it has put together:
    the view of a report is written by its class from constants and column
    expressions of the code (never from input), so it cannot take query
    parameters as data statements do.
    """
    if not statement.lstrip().upper().startswith("CREATE OR REPLACE VIEW"):
        raise ValueError("not a view definition: %s" % statement[:60])
    cr.execute(statement)
