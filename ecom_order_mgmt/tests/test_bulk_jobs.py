# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Big selections and big imports go to background jobs (queue_job), one
transaction per chunk; running a job twice changes nothing."""
import base64

from odoo.exceptions import AccessError
from odoo.tests.common import at_install, post_install

from odoo.addons.queue_job.job import Job

from .common import EcomCase
from .test_order_import_wizard import make_csv, row


def perform(env, jobs):
    """Run stored jobs as the job runner would, and record them as done."""
    for stored in jobs:
        job = Job.load(env, stored.uuid)
        job.set_started()
        job.perform()
        job.set_done()
        job.store()


# queue_job maps each job method to its channel in _register_hook, which Odoo
# runs once every module is loaded: under `odoo --test-enable` these tests
# run after the installation, not during it (pytest ignores both flags).
@at_install(False)
@post_install(True)
class TestBulkJobs(EcomCase):

    def setUp(self):
        super(TestBulkJobs, self).setUp()
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("ecom_order_mgmt.bulk_job_threshold", "2")
        params.set_param("ecom_order_mgmt.bulk_job_chunk", "2")

    def _jobs(self, method):
        return self.env["queue.job"].search([("method_name", "=", method)], order="id")

    def _perform(self, jobs):
        perform(self.env, jobs)

    def test_big_bulk_review_is_queued_once_in_chunks(self):
        orders = self.env["sale.order"]
        for _index in range(5):
            orders |= self._order()
        action = self._as("cs", orders).action_ecom_bulk_review()
        result = self.env["ecom.review.result"].browse(action["res_id"])
        self.assertEqual((result.queued_count, result.job_count), (5, 3))
        self.assertIn("5", result.summary)
        self.assertEqual(set(orders.mapped("ecom_state")), {"to_review"})
        jobs = self._jobs("_ecom_job_bulk_review")
        self.assertEqual(len(jobs), 3)
        self.assertEqual(sorted(sum((job.record_ids for job in jobs), [])), sorted(orders.ids))
        self.assertEqual(set(jobs.mapped("user_id")), {self.users["cs"]})
        # Pressed again while the jobs wait: nothing more is queued.
        self._as("cs", orders).action_ecom_bulk_review()
        self.assertEqual(len(self._jobs("_ecom_job_bulk_review")), 3)

    def test_bulk_review_job_runs_as_the_user_and_is_idempotent(self):
        orders = self._order() | self._order() | self._order()
        self._as("cs", orders).action_ecom_bulk_review()
        jobs = self._jobs("_ecom_job_bulk_review")
        self._perform(jobs)
        self.assertEqual(set(orders.mapped("ecom_state")), {"to_finance"})
        self.assertEqual(orders.mapped("ecom_cs_user_id"), self.users["cs"])
        stamps = orders.mapped("ecom_cs_date")
        # A second run (a retry) finds nothing left to do.
        self._perform(jobs)
        self.assertEqual(set(orders.mapped("ecom_state")), {"to_finance"})
        self.assertEqual(orders.mapped("ecom_cs_date"), stamps)
        # Finance approves the lot in the background: the orders are
        # confirmed, and each job queues the reservation of its deliveries
        # in the reservation channel.
        self._as("finance", orders).action_ecom_bulk_review()
        finance_jobs = self._jobs("_ecom_job_bulk_review") - jobs
        self.assertEqual(len(finance_jobs), 2)
        self._perform(finance_jobs)
        self.assertEqual(set(orders.mapped("ecom_state")), {"approved"})
        self.assertEqual(set(orders.mapped("state")), {"sale"})
        deliveries = orders.mapped("picking_ids")
        self.assertEqual(len(deliveries), 3)
        self.assertEqual(set(deliveries.mapped("state")), {"confirmed"})
        reservations = self._jobs("_ecom_job_reserve")
        self.assertEqual(len(reservations), 2)
        self.assertEqual(set(reservations.mapped("channel")), {"root.ecom_reservation"})
        # ahead of the confirmations still waiting (queue_job's default is 10)
        self.assertEqual(set(reservations.mapped("priority")), {5})
        self.assertEqual(set(reservations.mapped("user_id")), {self.users["finance"]})
        self._perform(reservations)
        self.assertEqual(set(deliveries.mapped("state")), {"assigned"})
        self.assertEqual(reservations.mapped("result"),
                         ["2 of 2 deliveries reserved", "1 of 1 deliveries reserved"])
        # Retries change nothing: no second delivery, nothing reserved twice.
        self._perform(finance_jobs)
        self._perform(reservations)
        self.assertEqual(orders.mapped("picking_ids"), deliveries)
        self.assertEqual(len(self._jobs("_ecom_job_reserve")), 2)
        self.assertEqual(sum(deliveries.mapped("move_lines.reserved_availability")), 3)

    def test_big_selection_refused_at_once_without_review_group(self):
        orders = self._order() | self._order() | self._order()
        with self.assertRaises(AccessError):
            self._as("warehouse", orders).action_ecom_bulk_review()
        self.assertFalse(self._jobs("_ecom_job_bulk_review"))

    def test_small_selection_is_reviewed_at_once(self):
        orders = self._order() | self._order()
        action = self._as("cs", orders).action_ecom_bulk_review()
        result = self.env["ecom.review.result"].browse(action["res_id"])
        self.assertEqual((result.passed_count, result.queued_count), (2, 0))
        self.assertFalse(self._jobs("_ecom_job_bulk_review"))

    def test_big_automatic_review_confirms_in_jobs(self):
        self.env["ecom.review.rule"].create({
            "name": "Paid orders pass", "sequence": -1, "require_paid": True,
            "channel_ids": [(6, 0, self.channel.ids)], "outcome": "pass_both"})
        orders = self._order() | self._order() | self._order(paid=False)
        action = self._as("finance", orders).action_ecom_apply_review_rules()
        self.assertEqual(self.env["ecom.review.result"].browse(action["res_id"]).job_count, 2)
        jobs = self._jobs("_ecom_job_apply_review_rules")
        self._perform(jobs)
        self._perform(jobs)
        paid, unpaid = orders[:2], orders[2]
        self.assertEqual(set(paid.mapped("ecom_state")), {"approved"})
        self.assertEqual(len(paid.mapped("picking_ids")), 2)
        self.assertEqual(unpaid.ecom_state, "to_review")
        self._perform(self._jobs("_ecom_job_reserve"))
        self.assertEqual(set(paid.mapped("picking_ids.state")), {"assigned"})

    def test_cron_hands_a_backlog_to_jobs_once(self):
        self.env["ecom.review.rule"].create({
            "name": "Paid orders pass", "sequence": -1, "require_paid": True,
            "channel_ids": [(6, 0, self.channel.ids)], "outcome": "pass_both"})
        orders = self._order() | self._order() | self._order()
        self.env["sale.order"]._cron_ecom_review_rules()
        self.assertEqual(set(orders.mapped("ecom_state")), {"to_review"})
        jobs = self._jobs("_ecom_job_apply_review_rules")
        self.assertTrue(set(orders.ids) <= set(sum((job.record_ids for job in jobs), [])))
        # The next run, while the jobs wait, leaves their orders to them.
        self.env["sale.order"]._cron_ecom_review_rules()
        self.assertEqual(self._jobs("_ecom_job_apply_review_rules"), jobs)
        self._perform(jobs)
        self._perform(self._jobs("_ecom_job_reserve"))
        self.assertEqual(set(orders.mapped("ecom_state")), {"approved"})
        self.assertEqual(set(orders.mapped("picking_ids.state")), {"assigned"})

    def test_queued_reservations_serve_the_first_confirmed_first(self):
        # 20 shirts in stock, two orders of 12 in two jobs (chunks of 2 by id).
        orders = self.env["sale.order"]
        for product, quantity in ((self.product_a, 12), (self.product_b, 1),
                                  (self.product_a, 12), (self.product_b, 1)):
            orders |= self._order([(product, quantity)])
        orders.write({"ecom_state": "to_finance"})
        self._as("finance", orders).action_ecom_bulk_review()
        first_job, second_job = self._jobs("_ecom_job_bulk_review")
        # The second job commits its confirmations first: its reservation is
        # queued first, and the channel runs the reservations in that order.
        self._perform(second_job)
        self._perform(first_job)
        self._perform(self._jobs("_ecom_job_reserve"))
        early, late = orders[2].picking_ids, orders[0].picking_ids
        self.assertEqual(early.state, "assigned")
        self.assertEqual(early.move_lines.reserved_availability, 12)
        self.assertEqual(late.move_lines.reserved_availability, 8)

    def test_reservation_leaves_reserved_and_cancelled_deliveries_alone(self):
        orders = self._order([(self.product_a, 5)]) | self._order() | self._order()
        orders.write({"ecom_state": "to_finance"})
        self._as("finance", orders).action_ecom_bulk_review()
        self._perform(self._jobs("_ecom_job_bulk_review"))
        waiting, reserved, cancelled = [order.picking_ids for order in orders]
        reserved.action_assign()
        cancelled.action_cancel()
        self._perform(self._jobs("_ecom_job_reserve"))
        self.assertEqual(waiting.move_lines.reserved_availability, 5)
        self.assertEqual(reserved.move_lines.reserved_availability, 1)
        self.assertEqual(cancelled.state, "cancel")
        # 20 - 5 - 1 shirts left for others
        self.assertEqual(self.env["stock.quant"]._get_available_quantity(
            self.product_a, self.stock_location), 14)

    def test_direct_approval_reserves_at_once(self):
        orders = self._order() | self._order()
        orders.write({"ecom_state": "to_finance"})
        self._as("finance", orders).action_ecom_bulk_review()
        self.assertEqual(set(orders.mapped("picking_ids.state")), {"assigned"})
        self.assertFalse(self._jobs("_ecom_job_reserve"))


class TestImportJobs(EcomCase):

    def setUp(self):
        super(TestImportJobs, self).setUp()
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("ecom_order_mgmt.import_job_threshold", "4")
        params.set_param("ecom_order_mgmt.import_job_chunk", "3")
        self.Import = self.env["ecom.order.import"].sudo(self.users["cs"])

    def _rows(self, prefix):
        rows = []
        for index in range(4):
            ref = "%s-%d" % (prefix, index)
            phone = "1390000%04d" % index
            common = dict(channel_code="TTEST", platform_ref=ref, phone=phone,
                          buyer_name="买家%d" % index, payment_mode="支付宝")
            if index % 2:
                rows += [row(product_code="TST-SHIRT-S", quantity="1", unit_price="100.00",
                             paid_amount="150.00", **common),
                         row(product_code="TST-SHIRT-M", quantity="1", unit_price="50.00",
                             paid_amount="150.00", **common)]
            else:
                rows.append(row(product_code="TST-SHIRT-M", quantity="2", unit_price="50.00",
                                paid_amount="100.00", **common))
        return rows

    def _snapshot(self, orders, prefix):
        return sorted(
            (order.ecom_platform_ref[len(prefix):], order.partner_id.phone,
             order.ecom_buyer_name, order.ecom_paid_amount, order.amount_total,
             order.date_order, order.ecom_state, order.origin,
             tuple((line.product_id.id, line.product_uom_qty, line.price_unit, line.name)
                   for line in order.order_line))
            for order in orders)

    def test_big_file_through_jobs_gives_the_orders_of_the_direct_path(self):
        bad = row(channel_code="TTEST", platform_ref="JOB-BAD", product_code="NO-SUCH")
        data = make_csv(self._rows("JOB") + [bad])
        summary = self.Import.import_file(data, "orders.csv")
        # Checks and the error report are immediate; the writing is queued.
        self.assertEqual((summary["imported"], summary["queued"], summary["jobs"]), (0, 4, 2))
        self.assertEqual(summary["rejected_rows"], 1)
        self.assertTrue(summary["rejected_file"])
        self.assertIn("NO-SUCH", base64.b64decode(summary["rejected_file"]).decode("utf-8-sig"))
        jobs = self.env["queue.job"].search([("method_name", "=", "_import_chunk_job")])
        self.assertEqual(len(jobs), 2)
        self.assertEqual(set(jobs.mapped("user_id")), {self.users["cs"]})
        perform(self.env, jobs)
        # A retried part finds its orders already in Odoo and adds nothing.
        perform(self.env, jobs)
        SaleOrder = self.env["sale.order"]
        by_job = SaleOrder.search([("ecom_platform_ref", "=like", "JOB-%")])
        self.assertEqual(len(by_job), 4)

        direct = self.Import.with_context(ecom_import_direct=True).import_file(
            make_csv(self._rows("DIR")), "orders.csv")
        self.assertEqual((direct["imported"], direct["queued"]), (4, 0))
        self.assertEqual(self._snapshot(by_job, "JOB"),
                         self._snapshot(SaleOrder.browse(direct["order_ids"]), "DIR"))
