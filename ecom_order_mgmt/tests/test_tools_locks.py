# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""tools/locks.lock_rows_nowait with two real transactions on a table of
the test's own: the second person is refused at once, a touched row
refuses a transaction that read before it was committed, a lost
connection is raised, not taken for "someone else"."""
import psycopg2

from odoo.sql_db import connection_info_for, db_connect
from odoo.tests.common import TransactionCase

from ..tools.locks import lock_rows_nowait

TABLE = "ecom_test_lock_rows"


class TestLockRowsNowait(TransactionCase):

    def setUp(self):
        super(TestLockRowsNowait, self).setUp()
        _name, info = connection_info_for(self.env.cr.dbname)
        admin = psycopg2.connect(**info)
        admin.autocommit = True
        self.addCleanup(admin.close)
        with admin.cursor() as cr:
            cr.execute('CREATE TABLE "%s" (id serial PRIMARY KEY, note varchar)' % TABLE)
            cr.execute('INSERT INTO "%s" (note) VALUES (%%s), (%%s), (%%s)' % TABLE,
                       ("a", "b", "c"))
        self.addCleanup(self._drop, admin)
        self.first, self.second = self._cursor(), self._cursor()

    def _drop(self, admin):
        with admin.cursor() as cr:
            cr.execute('DROP TABLE IF EXISTS "%s"' % TABLE)

    def _cursor(self):
        """A transaction of its own (Odoo's cursor: REPEATABLE READ)."""
        cr = db_connect(self.env.cr.dbname).cursor()

        def close():
            try:
                cr.close()
            except psycopg2.Error:
                pass  # the connection the test killed
        self.addCleanup(close)
        return cr

    def test_the_second_transaction_is_refused_until_the_first_ends(self):
        self.assertTrue(lock_rows_nowait(self.first, TABLE, [1, 2]))
        self.assertFalse(lock_rows_nowait(self.second, TABLE, [2, 3]))
        # the refusal rolled back to its savepoint: the transaction goes on
        self.assertTrue(lock_rows_nowait(self.second, TABLE, [3]))
        self.first.rollback()
        self.assertTrue(lock_rows_nowait(self.second, TABLE, [1, 2]))

    def test_a_touched_row_refuses_a_transaction_that_read_before(self):
        for touch, locked in ((False, True), (True, False)):
            self.second.execute('SELECT note FROM "%s"' % TABLE)  # its snapshot
            self.assertTrue(lock_rows_nowait(self.first, TABLE, [1], touch=touch))
            self.first.commit()
            self.assertEqual(lock_rows_nowait(self.second, TABLE, [1]), locked, touch)
            self.second.rollback()

    def test_no_key_update_and_no_rows(self):
        self.assertTrue(lock_rows_nowait(self.first, TABLE, [1], strength="NO KEY UPDATE"))
        self.assertFalse(lock_rows_nowait(self.second, TABLE, [1], strength="NO KEY UPDATE"))
        self.assertTrue(lock_rows_nowait(self.second, TABLE, []))
        with self.assertRaises(ValueError):
            lock_rows_nowait(self.second, TABLE, [1], strength="SHARE; DROP TABLE x")

    def test_a_lost_connection_is_raised_not_refused(self):
        self.assertTrue(lock_rows_nowait(self.first, TABLE, [1]))
        self.second.execute("SELECT pg_backend_pid()")
        pid = self.second.fetchone()[0]
        with db_connect("postgres").cursor() as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with self.assertRaises(psycopg2.Error):
            lock_rows_nowait(self.second, TABLE, [2])
