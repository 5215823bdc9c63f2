# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools import config

from ..tools.jobs import dead_after_minutes


class QueueJob(models.Model):
    _inherit = "queue.job"

    @api.model
    def _ecom_requeue_abandoned_jobs(self, workers=None, limit_time_real=None):
        """Requeue the jobs left started by a worker that was killed or a
        server that stopped (the cron *Requeue abandoned jobs*): queue_job's
        garbage collector requeues only the jobs left enqueued, so those
        would stay started for ever, and the orders they were approving,
        reserving or invoicing would wait. Only when no worker can still be
        running them (prefork mode: longer ago than `limit_time_real`);
        every job of the suite is safe to run again.

        :param workers: the server's worker count (default: its configuration)
        :param limit_time_real: its request time limit in seconds (default:
            its configuration)
        :return: whether it looked (False: a threaded server, see
            tools/jobs.dead_after_minutes)
        """
        minutes = dead_after_minutes(
            config["workers"] if workers is None else workers,
            config["limit_time_real"] if limit_time_real is None else limit_time_real)
        if not minutes:
            return False
        return self.requeue_stuck_jobs(enqueued_delta=0, started_delta=minutes)
