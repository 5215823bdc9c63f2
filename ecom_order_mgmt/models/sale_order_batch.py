# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Many orders at once: bulk review from the list, the automatic review
rules, and the background jobs (queue_job) that big selections go to."""
from odoo import _, api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import split_every

from odoo.addons.queue_job.job import identity_exact, job

from ..const import CS, FINANCE
from .sale_order import OPEN_STATES
from .sale_order_invoice import InvoicingBatch
from .stock_picking import ReservationBatch

# Bulk review of more orders than the threshold runs in background jobs
# (queue_job) of `chunk` orders each: one transaction per chunk keeps the
# confirmation time linear in the number of orders (system parameters).
BULK_THRESHOLD_PARAM = "ecom_order_mgmt.bulk_job_threshold"
BULK_CHUNK_PARAM = "ecom_order_mgmt.bulk_job_chunk"
# Inside a job: do the work here, queue the reservations (ReservationBatch.close).
JOB_CONTEXT = {"ecom_no_jobs": True, "ecom_reserve_in_job": True}
DEFAULT_BULK_THRESHOLD = 200
DEFAULT_BULK_CHUNK = 100


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.multi
    def action_ecom_bulk_review(self):
        """Pass each selected order through the review stage it waits for.

        Orders waiting for CS review get the CS review, orders waiting for
        finance the finance review; each order passes or fails on its own and
        the summary says why.
        """
        self._ecom_check_channel_orders(_("Bulk review"))
        if self._ecom_use_jobs():
            # Refused now rather than order by order in the jobs.
            self._ecom_require_groups(_("Bulk review"), CS, FINANCE)
            return self._ecom_enqueue("_ecom_job_bulk_review",
                                      _("Bulk review of %d orders") % len(self))
        # The deliveries of the orders finance passes are reserved together
        # at the end (see _ecom_do_finance_approve).
        batch = ReservationBatch()
        # in a job: one invoicing job for the orders it approves, at the end
        invoicing = InvoicingBatch() if self.env.context.get("ecom_reserve_in_job") else None
        results = []
        for order in self.with_context(ecom_reservation_batch=batch,
                                       ecom_invoicing_batch=invoicing):
            if order.ecom_state == "to_review":
                action, done = order.action_ecom_cs_approve, _("CS review passed.")
            elif order.ecom_state == "to_finance":
                action, done = order.action_ecom_finance_approve, _("Finance review passed.")
            else:
                results.append((order, "failed", order._ecom_why_not("cs_approve")))
                continue
            try:
                with self.env.cr.savepoint():
                    action()
                results.append((order, "passed", done))
            except (UserError, AccessError) as error:
                results.append((order, "failed", error.name))
        batch.close(self.env)
        if invoicing:
            invoicing.close(self.env)
        return self.env["ecom.review.result"]._show(results)

    # ------------------------------------------------------------------
    # Background jobs for big selections (queue_job)
    # ------------------------------------------------------------------
    @api.model
    def _ecom_bulk_limits(self):
        """(threshold, chunk): selections over `threshold` orders are split
        into background jobs of `chunk` orders (system parameters)."""
        params = self.env["ir.config_parameter"].sudo()
        limits = []
        for key, default in ((BULK_THRESHOLD_PARAM, DEFAULT_BULK_THRESHOLD),
                             (BULK_CHUNK_PARAM, DEFAULT_BULK_CHUNK)):
            try:
                limits.append(max(1, int(params.get_param(key, default))))
            except ValueError:
                limits.append(default)
        return tuple(limits)

    def _ecom_use_jobs(self):
        # Inside a job (or when the caller asks for it) the work is done here.
        if self.env.context.get("ecom_no_jobs"):
            return False
        return len(self) > self._ecom_bulk_limits()[0]

    def _ecom_enqueue(self, method, description):
        """Queue `method` on these orders, one job per chunk; show what was queued.

        The orders are split by id, so the same selection gives the same
        chunks, and each job carries an identity key: pressing the button
        again while the jobs wait queues nothing more.
        """
        chunk = self._ecom_bulk_limits()[1]
        jobs = 0
        for ids in split_every(chunk, sorted(self.ids)):
            orders = self.browse(ids)
            delayed = orders.with_delay(description="%s (%s…)" % (description, orders[0].name),
                                        identity_key=identity_exact)
            getattr(delayed, method)()
            jobs += 1
        return self.env["ecom.review.result"]._show([], queued=len(self), jobs=jobs)

    @job
    @api.multi
    def _ecom_job_bulk_review(self):
        """One chunk of a big bulk review, in its own transaction.

        Orders that left review meanwhile (another user, an earlier run of
        this job) are skipped, so running the job twice changes nothing.
        """
        orders = self.exists().filtered(lambda o: o.ecom_state in OPEN_STATES)
        action = orders.with_context(**JOB_CONTEXT).action_ecom_bulk_review()
        return self.env["ecom.review.result"].browse(action["res_id"]).summary

    @job
    @api.multi
    def _ecom_job_apply_review_rules(self):
        """One chunk of a big automatic review, in its own transaction (idempotent:
        only orders still under review are decided)."""
        action = self.exists().with_context(**JOB_CONTEXT).action_ecom_apply_review_rules()
        return self.env["ecom.review.result"].browse(action["res_id"]).summary

    # ------------------------------------------------------------------
    # Automatic review
    # ------------------------------------------------------------------
    @api.multi
    def action_ecom_apply_review_rules(self):
        """Run the automatic review rules on these orders; return a summary."""
        self._ecom_require_groups(_("Automatic review"), CS, FINANCE)
        self._ecom_check_channel_orders(_("Automatic review"))
        return self._ecom_apply_review_rules()

    def _ecom_apply_review_rules(self):
        if self._ecom_use_jobs():
            return self._ecom_enqueue("_ecom_job_apply_review_rules",
                                      _("Automatic review of %d orders") % len(self))
        return self.env["ecom.review.rule"]._apply_to_orders(self)

    @api.model
    def _cron_ecom_review_rules(self, limit=5000):
        """Automatic review of the orders waiting for it, oldest first.

        A backlog (a big import, the rules changed) goes to background jobs
        like a big selection: one transaction of thousands of confirmations
        would outlast the cron's time limit and be rolled back at every run.
        Orders a waiting job already holds are left to it.
        """
        queued = self.env["queue.job"].sudo().search([
            ("model_name", "=", self._name),
            ("method_name", "=", "_ecom_job_apply_review_rules"),
            ("state", "in", ("pending", "enqueued", "started"))])
        held = set(record_id for stored in queued for record_id in stored.record_ids)
        orders = self.search([("ecom_state", "in", OPEN_STATES),
                              ("id", "not in", list(held))],
                             order="ecom_received_at, id", limit=limit)
        return orders._ecom_apply_review_rules()
