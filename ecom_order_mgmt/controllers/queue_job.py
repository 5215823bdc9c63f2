# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The suite's jobs survive a lost database connection.

queue_job retries a job whose transaction met a serialization failure; a
job whose connection was lost (PostgreSQL restarted, the backend ended, a
failover) is stored as failed instead, and waits for someone to requeue it:
a reservation or an invoicing job of the morning would wait until then.
The server rolled the transaction back, and every job of the suite is safe
to run again (it skips what is already done), so such a job is retried like
a serialization failure, within its maximum number of retries. Jobs of other
addons keep queue_job's behaviour.
"""
import logging

import psycopg2

from odoo.addons.queue_job.controllers.main import RunJobController
from odoo.addons.queue_job.exception import RetryableJobError

from ..tools.db_errors import connection_lost

_logger = logging.getLogger(__name__)

SUITE_MODULES = "odoo.addons.ecom_"
# seconds before the retry: the time a restarted server needs to accept
# connections again
RETRY_AFTER_LOST_CONNECTION = 10


def is_suite_job(job):
    """The job runs a method of the suite's addons."""
    return getattr(job.func, "__module__", "").startswith(SUITE_MODULES)


class EcomRunJobController(RunJobController):

    def _try_perform_job(self, env, job):
        try:
            return super(EcomRunJobController, self)._try_perform_job(env, job)
        except (psycopg2.OperationalError, psycopg2.InterfaceError) as error:
            if not connection_lost(error) or not is_suite_job(job) \
                    or (job.max_retries and job.retry >= job.max_retries):
                raise
            _logger.warning("%s lost its database connection (%s): retried in %d s",
                            job, error, RETRY_AFTER_LOST_CONNECTION)
            raise RetryableJobError(
                "Database connection lost: %s" % error, seconds=RETRY_AFTER_LOST_CONNECTION)
