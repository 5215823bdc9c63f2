# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Jobs left started by a killed worker are requeued by the cron, and only
when no worker can still be running them."""
import unittest
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests.common import TransactionCase

from ..tools.jobs import dead_after_minutes


class TestDeadAfter(unittest.TestCase):

    def test_prefork_waits_for_the_request_limit_and_a_margin(self):
        self.assertEqual(dead_after_minutes(4, 1200), 21)
        self.assertEqual(dead_after_minutes(2, 61), 3)

    def test_threaded_or_unlimited_never_says_dead(self):
        self.assertEqual(dead_after_minutes(0, 1200), 0)
        self.assertEqual(dead_after_minutes(4, 0), 0)


class TestRequeueAbandonedJobs(TransactionCase):

    def _started_job(self, minutes_ago):
        order = self.env["sale.order"].search([], limit=1)
        job = order.with_delay()._ecom_job_invoice("approval").db_record()
        job.write({"state": "started", "date_started": fields.Datetime.to_string(
            datetime.now() - timedelta(minutes=minutes_ago))})
        return job

    def test_the_cron_requeues_what_no_worker_can_still_run(self):
        abandoned, running = self._started_job(30), self._started_job(10)
        cron = self.env.ref("ecom_order_mgmt.ir_cron_ecom_requeue_abandoned_jobs")
        self.assertTrue(cron.active)
        self.assertIn("_ecom_requeue_abandoned_jobs", cron.code)
        self.env["queue.job"]._ecom_requeue_abandoned_jobs(workers=4, limit_time_real=1200)
        self.assertEqual(abandoned.state, "pending")
        self.assertEqual(running.state, "started")

    def test_a_threaded_server_leaves_started_jobs_alone(self):
        job = self._started_job(600)
        self.assertFalse(self.env["queue.job"]._ecom_requeue_abandoned_jobs(
            workers=0, limit_time_real=1200))
        self.assertEqual(job.state, "started")
