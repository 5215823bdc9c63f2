"""Throw-away copies of the test database for the tests that must commit.

PostgreSQL copies a database only while nobody is connected to it, so this
process's idle connections to the test database are closed first (Odoo
reopens them when the next test needs one).
"""
from contextlib import contextmanager

import odoo
from odoo.sql_db import close_db, db_connect


def test_db_name():
    return odoo.tools.config["db_name"]


# The sessions of this role in the database given, other than this one. Never
# a server process: PostgreSQL 15 counts one without a role (an autovacuum
# worker) as a superuser's, which this role may not signal, and the whole
# statement fails (CI of 2026-12-05).
OWN_SESSIONS = ("FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid() "
                "AND usename = current_user")


def drop_db(name):
    close_db(name)
    with db_connect("postgres").cursor() as cr:
        cr.autocommit(True)
        # an autovacuum worker is stopped by DROP DATABASE itself
        cr.execute("SELECT pg_terminate_backend(pid) " + OWN_SESSIONS, (name,))
        cr.execute('DROP DATABASE IF EXISTS "%s"' % name)


def copy_test_db(suffix):
    """A copy of the test database named `<test db>_<suffix>`; return its name."""
    source = test_db_name()
    name = "%s_%s" % (source, suffix)
    drop_db(name)
    close_db(source)
    with db_connect("postgres").cursor() as cr:
        cr.autocommit(True)
        cr.execute('CREATE DATABASE "%s" TEMPLATE "%s"' % (name, source))
    return name


@contextmanager
def throwaway_registry(suffix):
    """The registry of a committed copy of the test database (copy_test_db),
    closed and dropped on the way out: the home of the forced-race tests,
    whose cursors commit."""
    db = copy_test_db(suffix)
    try:
        yield odoo.registry(db)
    finally:
        close_db(db)
        odoo.modules.registry.Registry.delete(db)
        drop_db(db)
