"""Finance approves an order while another transaction is drawing invoice
numbers: the approval succeeds and the order's invoicing waits in the
invoicing channel, instead of the approval failing on the numbering's lock.

Invoice and payment numbers are gapless sequences: Odoo locks the
sequence's row (``FOR UPDATE NOWAIT``) from the first number a transaction
draws until it commits, and any other transaction drawing one meanwhile
fails at once ("could not obtain lock"). Forced: one transaction approves
(and so invoices) a first order and stays open; a second, on its own
cursor, approves a second order. Shown to fail without
``sale.order._ecom_invoice_now_or_queue``: the second approval raises
LOCK_NOT_AVAILABLE (over XML-RPC, Odoo retried it five times, then failed
it; with its pending recomputations left from the failed attempt, the
retries themselves failed: ecom_order_mgmt/hooks.py).
"""
import threading

import pytest
from ecom_db import throwaway_registry
from test_concurrency import _base, _channel_order, _commit

from odoo import SUPERUSER_ID, api

from odoo.addons.queue_job.job import Job


@pytest.fixture(scope="module")
def registry():
    with throwaway_registry("numbering") as copy:
        yield copy


def _approve_and_hold(registry, order_id, login, invoiced, release, outcome):
    """Finance-approve `order_id` as `login`, then keep the transaction (and
    the numbering it locked) open until `release` is set; commit."""
    with api.Environment.manage():
        cr = registry.cursor()
        try:
            admin = api.Environment(cr, SUPERUSER_ID, {})
            uid = admin["res.users"].search([("login", "=", login)]).id
            order = api.Environment(cr, uid, {"lang": "en_US"})["sale.order"].browse(order_id)
            order.action_ecom_finance_approve()
            outcome.append(bool(order.sudo().invoice_ids))
            invoiced.set()
            release.wait(60)
            cr.commit()
        except Exception as error:  # noqa: B902 -- reported by the assertion
            outcome.append(error)
            invoiced.set()
        finally:
            cr.close()


@pytest.mark.slow
def test_approval_while_another_transaction_invoices_queues_the_invoicing(registry):
    def build(env):
        channel, product, buyer, _wh = _base(env, "nb")
        # another product: the two confirmations do not wait for each other's
        # stock (the reservation locks the product's stock rows until commit)
        other = product.copy({"name": "Race cap nb", "default_code": "RACE-nb-2"})
        first = _channel_order(env, channel, product, buyer)
        second = _channel_order(env, channel, other, buyer)
        (first | second).action_ecom_cs_approve()
        return first.id, second.id
    first_id, second_id = _commit(registry, build)
    invoiced, release, outcome = threading.Event(), threading.Event(), []
    holder = threading.Thread(target=_approve_and_hold, args=(
        registry, first_id, "race_nb_finance1", invoiced, release, outcome))
    holder.start()
    try:
        assert invoiced.wait(120), "the first approval did not end"
        assert outcome == [True], "the first order is invoiced at once: %r" % outcome
        with api.Environment.manage(), registry.cursor() as cr:
            admin = api.Environment(cr, SUPERUSER_ID, {})
            uid = admin["res.users"].search([("login", "=", "race_nb_finance2")]).id
            second = api.Environment(cr, uid, {"lang": "en_US"})["sale.order"].browse(
                second_id)
            second.action_ecom_finance_approve()
            cr.commit()
    finally:
        release.set()
        holder.join(120)

    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        first, second = env["sale.order"].browse([first_id, second_id])
        assert (second.state, second.ecom_state) == ("sale", "approved")
        assert len(second.picking_ids) == 1
        assert not second.invoice_ids, "invoiced later, by the job"
        jobs = env["queue.job"].search([("method_name", "=", "_ecom_job_invoice")]).filtered(
            lambda job: job.record_ids == [second_id])
        assert [(job.channel, job.state) for job in jobs] == [
            ("root.ecom_invoicing", "pending")]
        job = Job.load(env, jobs.uuid)
        job.set_started()
        job.perform()
        job.set_done()
        job.store()
        second.invalidate_cache()
        invoice = second.invoice_ids
        assert (len(invoice), invoice.state, invoice.amount_total) == (
            1, "paid", second.ecom_paid_amount)
        assert len(invoice.payment_ids) == 1
        assert invoice.payment_ids.journal_id == second.ecom_channel_id.journal_id
        # gapless: the job's number follows the first order's
        numbers = [first.invoice_ids.number, invoice.number]
        assert int(numbers[1][-4:]) == int(numbers[0][-4:]) + 1, numbers
        cr.commit()
