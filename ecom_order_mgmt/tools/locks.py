# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lock rows at once or not at all: one person at a time on a document.

No ORM here, only the cursor: the guard's ``_ecom_lock`` (orders,
deliveries, return cases...) and the settlement import's channel lock both
ask PostgreSQL for the rows with NOWAIT and tell the user "someone else"
when they cannot have them, instead of waiting behind the other person.
"""
from psycopg2 import OperationalError

from .db_errors import connection_lost

# Lock strengths a caller may ask for (pasted into the statement).
STRENGTHS = ("UPDATE", "NO KEY UPDATE")


def lock_rows_nowait(cr, table, ids, strength="UPDATE", touch=False):
    """Lock the rows `ids` of `table` for the transaction of `cr` (an Odoo
    cursor), at once; returns True when they are locked, False when another
    transaction holds one of them, or changed one since this transaction's
    snapshot (REPEATABLE READ: it would work from figures it read before).

    With `touch`, the rows are also marked as changed (``SET id = id``):
    a transaction that started before this one commits then fails to lock
    them too. A lost connection is no "someone else": it is raised, for
    the caller to do the whole work again. The failed attempt is rolled
    back to its savepoint; the transaction goes on.
    """
    if strength not in STRENGTHS:
        raise ValueError("lock strength %r is not one of %s" % (strength, STRENGTHS))
    ids = tuple(ids)
    if not ids:
        return True
    try:
        with cr.savepoint():
            cr.execute('SELECT id FROM "%s" WHERE id IN %%s FOR %s NOWAIT'
                       % (table, strength), (ids,))
            if touch:
                cr.execute('UPDATE "%s" SET id = id WHERE id IN %%s' % table, (ids,))
    except OperationalError as error:
        if connection_lost(error):
            raise
        return False
    return True
