# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""After-sales promises as SLA (issue 22 item 3): refund within the
channel's working days after the goods are back, a first answer to feedback
within its working hours; stored deadlines, breach flags, the cron and the
KPI measures.

Times are UTC in the database; the test channel works 9:00-18:00 Monday to
Friday in Asia/Shanghai (UTC+8). 2026-03-02 is a Monday."""
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError

from .test_returns import ReturnsCase

MONDAY_10H = "2026-03-02 02:00:00"      # 10:00 in Shanghai


class SlaCase(ReturnsCase):

    def _set(self, records, **values):
        """Put records at a given time without waiting for it (SQL, no ORM rule)."""
        assignments = ", ".join("%s = %%s" % name for name in values)
        self.env.cr.execute("UPDATE %s SET %s WHERE id IN %%s" % (records._table, assignments),
                            list(values.values()) + [tuple(records.ids)])
        records.invalidate_cache()

    def _recompute(self, records, field):
        records.invalidate_cache([field], records.ids)
        self.env.add_todo(records._fields[field], records)
        records.recompute()

    @staticmethod
    def _ago(**delta):
        return fields.Datetime.to_string(datetime.utcnow() - timedelta(**delta))

    def _received_case(self, responsibility="company"):
        order = self._delivered([(self.product_a, 1)], ecom_channel_id=self.channel.id)
        case = self._case(order, "return_refund", [(self.product_a, 1, responsibility)])
        self._as("manager", case).action_approve()
        self._receive(case)
        return case


class TestRefundPromise(SlaCase):

    def test_refund_is_due_two_working_days_after_the_goods_are_back(self):
        case = self._received_case()
        self.assertTrue(case.refund_deadline)
        self._set(case, received_at=MONDAY_10H)
        self._recompute(case, "refund_deadline")
        self.assertEqual(case.refund_deadline, "2026-03-04 02:00:00")   # Wednesday 10:00
        # received on Friday at 17:00: Monday and Tuesday count, not the weekend
        self._set(case, received_at="2026-03-06 09:00:00")
        self._recompute(case, "refund_deadline")
        self.assertEqual(case.refund_deadline, "2026-03-10 09:00:00")
        # the channel's own promise
        self.channel.refund_promise_days = 1
        self._set(case, received_at=MONDAY_10H)
        self._recompute(case, "refund_deadline")
        self.assertEqual(case.refund_deadline, "2026-03-03 02:00:00")

    def test_no_parcel_counts_from_the_approval_and_a_reissue_promises_no_refund(self):
        order = self._approved([(self.product_a, 2)])
        refund_only = self._case(order, "refund_only", [(self.product_a, 1, "customer")])
        self.assertFalse(refund_only.refund_deadline)
        self._as("manager", refund_only).action_approve()
        self._set(refund_only, approved_at=MONDAY_10H)
        self._recompute(refund_only, "refund_deadline")
        self.assertEqual(refund_only.refund_deadline, "2026-03-04 02:00:00")
        shipped = self._approved([(self.product_a, 1)])
        self._walk(self._delivery(shipped), "shipped")
        reissue = self._case(shipped, "reissue", [(self.product_a, 1, "carrier")])
        self._as("manager", reissue).action_approve()
        self.assertFalse(reissue.refund_deadline)

    def test_a_refund_after_its_due_time_is_late(self):
        on_time, late = self._received_case(), self._received_case()
        self._set(late, refund_deadline=self._ago(hours=1))
        self._as("finance", on_time | late).action_refund()
        self.assertEqual((on_time.refund_breached, late.refund_breached), (False, True))

    def test_the_cron_flags_open_late_cases_once(self):
        late, in_time, done = (self._received_case() for _i in range(3))
        self._as("finance", done).action_refund()
        self._set(late | done, refund_deadline=self._ago(minutes=5))
        self._set(in_time, refund_deadline=fields.Datetime.to_string(
            datetime.utcnow() + timedelta(hours=5)))
        Case = self.env["ecom.return"]
        Case._cron_ecom_sla_breach()
        self.assertEqual([c.refund_breached for c in (late, in_time, done)],
                         [True, False, False])
        self.assertFalse(Case.search([("refund_breached", "=", True), ("id", "in", (
            late | in_time | done).ids), ("id", "!=", late.id)]))
        # idempotent: nothing more to flag
        self.assertEqual(Case._cron_ecom_sla_breach(), 0)

    def test_the_dates_and_flags_are_not_typed(self):
        case = self._received_case()
        for values in ({"refund_breached": False}, {"refund_deadline": False}):
            with self.assertRaises(AccessError):
                self._as("cs", case).write(values)


class TestAnswerPromise(SlaCase):

    def _feedback(self, kind="complaint", order=None):
        return self._as("cs", self.env["ecom.feedback"]).create({
            "name": "Parcel is late", "kind": kind, "partner_id": self.buyer.id,
            "order_id": (order or self._approved()).id})

    def test_first_answer_is_due_within_the_channels_working_hours(self):
        feedback = self._feedback()
        self.assertTrue(feedback.answer_deadline)
        # recorded on Monday at 17:30: half an hour that day, 1.5 the next
        self._set(feedback, create_date="2026-03-02 09:30:00")
        self._recompute(feedback, "answer_deadline")
        self.assertEqual(feedback.answer_deadline, "2026-03-03 02:30:00")
        self.channel.answer_promise_hours = 4
        self._recompute(feedback, "answer_deadline")
        self.assertEqual(feedback.answer_deadline, "2026-03-03 04:30:00")

    def test_without_a_channel_the_default_calendar_counts(self):
        feedback = self._as("cs", self.env["ecom.feedback"]).create({
            "name": "Size question", "kind": "question", "partner_id": self.buyer.id})
        self._set(feedback, create_date=MONDAY_10H)
        self._recompute(feedback, "answer_deadline")
        self.assertEqual(feedback.answer_deadline, "2026-03-02 04:00:00")

    def test_a_follow_up_asks_and_waits_for_no_answer(self):
        self.assertFalse(self._feedback("delivery_followup").answer_deadline)

    def test_starting_or_closing_is_the_first_answer(self):
        prompt, slow = self._feedback(), self._feedback("question")
        self._set(slow, answer_deadline=self._ago(minutes=1))
        self._as("cs", prompt | slow).action_start()
        self.assertTrue(prompt.answered_at and slow.answered_at)
        self.assertEqual((prompt.answer_breached, slow.answer_breached), (False, True))
        first = slow.answered_at
        slow.resolution = "Answered by phone"
        self._as("cs", slow).action_resolve()
        self.assertEqual(slow.answered_at, first)
        with self.assertRaises(AccessError):
            self._as("cs", prompt).write({"answered_at": False})

    def test_the_cron_flags_unanswered_feedback_once(self):
        waiting, answered, fresh = (self._feedback() for _i in range(3))
        self._as("cs", answered).action_start()
        self._set(waiting | answered, answer_deadline=self._ago(minutes=1))
        Case = self.env["ecom.return"]
        self.assertGreaterEqual(Case._cron_ecom_sla_breach(), 1)
        self.assertEqual([f.answer_breached for f in (waiting, answered, fresh)],
                         [True, False, False])
        self.assertEqual(self.env["ecom.feedback"]._cron_ecom_sla_breach(), 0)


class TestPromiseKpis(SlaCase):
    """On-time refund %, hours to refund and the answer measures, exactly."""

    def setUp(self):
        super(TestPromiseKpis, self).setUp()
        self.kpi_channel = self.env["ecom.channel"].create({
            "name": "Promise KPI shop", "code": "TPROMISE", "platform": "jd",
            "warehouse_id": self.warehouse.id})
        self.channel = self.kpi_channel
        self.domain = [("channel_id", "=", self.kpi_channel.id)]

    def _totals(self, measures):
        return self.env["ecom.return.report"].read_group(self.domain, measures, [])[0]

    def test_refund_measures(self):
        on_time, late, open_late, open_in_time = (self._received_case() for _i in range(4))
        self._set(late | open_late, refund_deadline=self._ago(hours=1))
        self._as("finance", on_time | late).action_refund()
        self.env["ecom.return"]._cron_ecom_sla_breach()
        # refunded 24 and 72 hours after the goods were back
        self._set(on_time | late, received_at=MONDAY_10H)
        self._set(on_time, done_at="2026-03-03 02:00:00")
        self._set(late, done_at="2026-03-05 02:00:00")
        totals = self._totals(["refund_on_time_pct", "refund_hours", "refund_late_count",
                               "case_count"])
        self.assertEqual(totals["case_count"], 4)
        # decided: two refunded and one open but late; one of the three on time
        self.assertAlmostEqual(totals["refund_on_time_pct"], 100.0 / 3, places=6)
        self.assertAlmostEqual(totals["refund_hours"], 48.0, places=6)
        self.assertEqual(totals["refund_late_count"], 2)
        self.assertFalse(open_in_time.refund_breached)

    def test_answer_measures(self):
        order = self._approved(ecom_channel_id=self.kpi_channel.id)
        Feedback = self._as("cs", self.env["ecom.feedback"])
        quick, slow, waiting = (Feedback.create({
            "name": "Where is it?", "kind": "question", "order_id": order.id,
            "partner_id": self.buyer.id}) for _i in range(3))
        self._set(slow, answer_deadline=self._ago(minutes=1))
        (quick | slow).action_start()
        self._set(quick | slow, create_date=MONDAY_10H)
        self._set(quick, answered_at="2026-03-02 03:00:00")
        self._set(slow, answered_at="2026-03-02 05:00:00")
        totals = self._totals(["answer_on_time_pct", "answer_hours", "complaint_count"])
        self.assertAlmostEqual(totals["answer_on_time_pct"], 50.0, places=6)
        self.assertAlmostEqual(totals["answer_hours"], 2.0, places=6)
        self.assertFalse(waiting.answered_at)
