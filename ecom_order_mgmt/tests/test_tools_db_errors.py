# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""tools/db_errors.connection_lost against the errors a real PostgreSQL
raises: a connection ended by the server, closed by the client, and the
statement errors that must not pass for a lost connection."""
import psycopg2

from odoo.sql_db import connection_info_for, db_connect
from odoo.tests.common import TransactionCase

from ..tools.db_errors import connection_lost


class TestConnectionLost(TransactionCase):

    def setUp(self):
        super(TestConnectionLost, self).setUp()
        _name, info = connection_info_for(self.env.cr.dbname)
        self.connection = psycopg2.connect(**info)
        self.addCleanup(self.connection.close)
        self.connection.autocommit = True

    def _error(self, query):
        with self.assertRaises(psycopg2.Error) as raised:
            with self.connection.cursor() as cr:
                cr.execute(query)
        return raised.exception

    def test_a_backend_ended_by_the_server_is_a_lost_connection(self):
        with self.connection.cursor() as cr:
            cr.execute("SELECT pg_backend_pid()")
            pid = cr.fetchone()[0]
        with db_connect("postgres").cursor() as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        self.assertTrue(connection_lost(self._error("SELECT 1")))
        # and what the client says afterwards, on the closed connection
        self.assertTrue(connection_lost(self._error("SELECT 1")))

    def test_a_connection_closed_by_the_client_is_lost(self):
        self.connection.close()
        self.assertTrue(connection_lost(self._error("SELECT 1")))

    def test_a_refused_new_connection_is_lost(self):
        """What a server restarting says to a new connection (nothing
        listens on port 1)."""
        with self.assertRaises(psycopg2.OperationalError) as raised:
            psycopg2.connect(host="127.0.0.1", port=1, dbname="x", connect_timeout=5)
        self.assertTrue(connection_lost(raised.exception), raised.exception)

    def test_the_shutdown_codes_are_lost_connections(self):
        error = self._error("DO $$ BEGIN RAISE EXCEPTION 'shutting down' "
                            "USING ERRCODE = 'admin_shutdown'; END $$")
        self.assertTrue(connection_lost(error))

    def test_statement_errors_are_not(self):
        for query in (
                "SET statement_timeout = 1; SELECT pg_sleep(1)",  # 57014 cancelled
                "DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = 'serialization_failure'; "
                "END $$",
                "DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = 'lock_not_available'; END $$",
                "SELECT 1/0",
                "SELECT * FROM no_such_table"):
            error = self._error(query)
            self.assertFalse(connection_lost(error), "%s: %s" % (error.pgcode, error))
        with self.connection.cursor() as cr:
            cr.execute("SELECT 1")  # the connection is alive after them

    def test_other_exceptions_are_not(self):
        self.assertFalse(connection_lost(ValueError("server closed the connection")))
