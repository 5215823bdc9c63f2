# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""When a started job has nobody running it any more. No ORM here."""
import math

# after the worker's time is up: the time the server takes to notice
MARGIN_MINUTES = 1


def dead_after_minutes(workers, limit_time_real):
    """Minutes after which a job still marked started was certainly
    abandoned (its worker killed, the server stopped), or 0 when that cannot
    be known.

    A job runs in an HTTP request of the server. In prefork mode (`workers`
    > 0) the server kills a worker whose request runs longer than
    `limit_time_real` seconds, so no job runs longer. A threaded server
    (`workers` 0) has no such limit: a long job may still be running.
    """
    if not workers or not limit_time_real or limit_time_real <= 0:
        return 0
    return int(math.ceil(limit_time_real / 60.0)) + MARGIN_MINUTES
