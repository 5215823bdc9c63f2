# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Tell a lost database connection from the other database errors.

No ORM here. A connection is lost when PostgreSQL restarts or ends the
backend (``pg_terminate_backend``, a failover): the transaction in flight is
rolled back by the server, so the work can be done again from the start.
"""
import psycopg2

# SQLSTATE classes of a lost connection: 08 connection exception, 57
# operator intervention (admin or crash shutdown, cannot connect now).
LOST_CLASSES = ("08", "57")
# ...but 57014 is a cancelled statement (statement_timeout, a cancel
# request): the connection is alive and the same statement would fail again.
QUERY_CANCELED = "57014"
# What libpq says when it noticed the loss itself (no SQLSTATE then): the
# server went away mid-query, or a new connection is refused meanwhile.
LOST_MESSAGES = (
    "server closed the connection unexpectedly",
    "terminating connection due to administrator command",
    "connection not open",
    "could not connect to server",
    "connection to server at",
    "the database system is starting up",
    "the database system is shutting down",
)


def connection_lost(error):
    """True when `error`, raised by psycopg2, says that the database
    connection was lost (rather than that the statement failed)."""
    if not isinstance(error, psycopg2.Error):
        return False
    if isinstance(error, psycopg2.InterfaceError):
        # "connection already closed", "cursor already closed"
        return True
    if not isinstance(error, psycopg2.OperationalError):
        return False
    code = error.pgcode
    if code:
        return code[:2] in LOST_CLASSES and code != QUERY_CANCELED
    # no SQLSTATE: libpq's own message
    message = str(error)
    return any(text in message for text in LOST_MESSAGES)
