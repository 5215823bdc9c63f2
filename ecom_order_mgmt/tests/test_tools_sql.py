# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SQL fragments of tools/sql.py, evaluated by PostgreSQL."""
from odoo.tests.common import TransactionCase

from ..tools.sql import amount_band_sql, local_day_sql, pct_sql, sql_literal


class TestSqlFragments(TransactionCase):

    def _eval(self, expression, tz):
        # `ch` is the channel the fragments expect, `t` a UTC timestamp
        self.env.cr.execute("""
            SELECT %s FROM (SELECT %%s::varchar AS tz) ch,
                           (SELECT '2026-03-01 17:30:00'::timestamp AS ts,
                                   299.99::numeric AS amount) t""" % expression, (tz,))
        return self.env.cr.fetchone()[0]

    def test_local_day_of_a_channel_and_the_default_clock(self):
        day = local_day_sql("t.ts")
        # 17:30 UTC is 01:30 the next day in Shanghai, still the 1st in Berlin
        self.assertEqual(str(self._eval(day, None)), "2026-03-02")
        self.assertEqual(str(self._eval(day, "Asia/Shanghai")), "2026-03-02")
        self.assertEqual(str(self._eval(day, "Europe/Berlin")), "2026-03-01")

    def test_amount_band_and_percentage(self):
        self.assertEqual(self._eval(amount_band_sql("t.amount"), None), "b_100_300")
        self.assertEqual(self._eval(pct_sql("t.amount > 100"), None), 100.0)
        self.assertIsNone(self._eval(pct_sql("t.amount > 100", "FALSE"), None))

    def test_literal_quotes_are_doubled(self):
        self.env.cr.execute("SELECT %s" % sql_literal("it's 'quoted'"))
        self.assertEqual(self.env.cr.fetchone()[0], "it's 'quoted'")
