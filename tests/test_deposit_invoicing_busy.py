"""Finance confirms a custom order's deposit (or its balance) while another
transaction is drawing invoice numbers: the confirmation succeeds and its
invoice and payment wait in the invoicing channel, as a channel order's invoicing
does (tests/test_invoicing_busy.py), instead of the confirmation failing on
the numbering's lock.

Forced: one transaction finance-approves (and so invoices) a channel order
and stays open; a second, on its own cursor, confirms the deposit of a
custom request, whose invoice is drawn from the same customer invoice
journal. Shown to fail without the deposit going through
``sale.order._ecom_invoice_at``: the confirmation raised LOCK_NOT_AVAILABLE
(on ``ir_sequence_date_range``).
"""
import threading
from datetime import date, timedelta

import pytest
from ecom_db import throwaway_registry
from rpc_contract_docs import Builder
from test_concurrency import _base, _channel_order, _commit
from test_invoicing_busy import _approve_and_hold

from odoo import SUPERUSER_ID, api, fields

from odoo.addons.queue_job.job import Job


@pytest.fixture(scope="module")
def registry():
    with throwaway_registry("depositnumbering") as copy:
        yield copy


def _request_at_deposit(env, product, buyer):
    """A custom request of 4 × 250 (deposit 30 %: 300) waiting for its deposit."""
    vendor = env["res.partner"].create({"name": "Busy workshop", "supplier": True})
    order = env["sale.order"].create({
        "partner_id": buyer.id,
        "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 4,
                               "price_unit": 250.0})]})
    day = lambda days: fields.Date.to_string(date.today() + timedelta(days=days))  # noqa
    request = env["ecom.custom.request"].create({
        "order_id": order.id, "line_id": order.order_line.id, "buyer_date": day(30),
        "packaging_standard": "Kraft box"})
    request.action_record_feasibility(True, inbound_date=day(20), inbound_qty=4,
                                      vendor_id=vendor.id, production_cycle_days=15)
    request.action_buyer_accept(15, "Black cotton twill", False)
    request.action_submit()
    assert (request.state, request.deposit_amount) == ("deposit_pending", 300.0)
    return request


def _while_another_invoices(registry, tag, request_id, action):
    """Finance-approve the channel order of `_base(tag)` (invoiced at once)
    and keep its transaction open while the second finance user runs
    `action` on the custom request, on a cursor of its own; commit both."""
    invoiced, release, outcome = threading.Event(), threading.Event(), []
    first_id = _commit(registry, lambda env: env["sale.order"].search(
        [("ecom_channel_id.code", "=", "RACE%s" % tag.upper())]).id)
    holder = threading.Thread(target=_approve_and_hold, args=(
        registry, first_id, "race_%s_finance1" % tag, invoiced, release, outcome))
    holder.start()
    try:
        assert invoiced.wait(120), "the first approval did not end"
        assert outcome == [True], "the channel order is invoiced at once: %r" % outcome
        with api.Environment.manage(), registry.cursor() as cr:
            admin = api.Environment(cr, SUPERUSER_ID, {})
            uid = admin["res.users"].search([("login", "=", "race_%s_finance2" % tag)]).id
            action(api.Environment(cr, uid, {"lang": "en_US"})[
                "ecom.custom.request"].browse(request_id))
            cr.commit()
    finally:
        release.set()
        holder.join(120)
    return first_id


def _run_job(env, order):
    """Run the one pending invoicing job of `order`, as the job runner does."""
    jobs = env["queue.job"].search([("method_name", "=", "_ecom_job_invoice")]).filtered(
        lambda job: job.record_ids == [order.id])
    assert [(job.channel, job.state) for job in jobs] == [("root.ecom_invoicing", "pending")]
    job = Job.load(env, jobs.uuid)
    job.set_started()
    job.perform()
    job.set_done()
    job.store()
    return job


def _build(tag, request):
    """A channel order reviewed by CS (`_base(tag)`), and `request(env,
    buyer, product)`'s id."""
    def build(env):
        channel, product, buyer, _wh = _base(env, tag)
        _channel_order(env, channel, product, buyer).action_ecom_cs_approve()
        # another product: the two do not wait for each other's stock
        custom = product.copy({"name": "Busy custom %s" % tag,
                               "default_code": "RACE-%s-2" % tag})
        return request(env, buyer, custom).id
    return build


@pytest.mark.slow
def test_deposit_confirmed_while_another_transaction_invoices_queues_its_invoice(registry):
    request_id = _commit(registry, _build(
        "dn", lambda env, buyer, product: _request_at_deposit(env, product, buyer)))
    first_id = _while_another_invoices(
        registry, "dn", request_id, lambda request: request.action_confirm_deposit())

    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        request = env["ecom.custom.request"].browse(request_id)
        order = request.order_id
        # the confirmation went through: the deposit is received, the order
        # confirmed; the invoice and payment come with the job
        assert (request.state, request.deposit_received, order.state) == (
            "deposit_paid", 300.0, "sale")
        assert not request.deposit_invoice_id and not order.invoice_ids
        assert "queued" in request.message_ids[0].body
        # what the Confirm Balance button would say meanwhile
        assert "is being made" in request._ecom_problem("confirm_balance")
        job = _run_job(env, order)
        request.invalidate_cache()
        invoice, payment = request.deposit_invoice_id, request.deposit_payment_id
        assert (invoice.state, invoice.amount_total) == ("paid", 300.0)
        assert (payment.state, payment.amount, payment.invoice_ids) == ("posted", 300.0, invoice)
        assert invoice.create_uid.login == "race_dn_finance2"
        # gapless: the job's number follows the channel order's
        first = env["sale.order"].browse(first_id)
        numbers = [first.invoice_ids.number, invoice.number]
        assert int(numbers[1][-4:]) == int(numbers[0][-4:]) + 1, numbers
        # running the job again changes nothing
        job.perform()
        assert order.invoice_ids == invoice
        cr.commit()


@pytest.mark.slow
def test_balance_confirmed_while_another_transaction_invoices_queues_its_invoice(registry):
    """The balance likewise: its final invoice and payment wait for the job."""
    request_id = _commit(registry, _build(
        "bl", lambda env, _buyer, _product: Builder(env).request("balance_pending")))
    _while_another_invoices(
        registry, "bl", request_id, lambda request: request.action_confirm_balance())

    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        request = env["ecom.custom.request"].browse(request_id)
        order = request.order_id
        # 2 x 100, the deposit (30 %) invoiced and paid before
        assert (request.state, request.balance_amount) == ("ready", 140.0)
        assert not request.balance_payment_id and order.invoice_status == "to invoice"
        assert "queued" in request.message_ids[0].body
        _run_job(env, order)
        request.invalidate_cache()
        invoice, payment = request.balance_invoice_id, request.balance_payment_id
        assert (invoice.state, invoice.amount_total) == ("paid", 140.0)
        assert (payment.state, payment.amount, payment.invoice_ids) == ("posted", 140.0, invoice)
        assert order.invoice_status == "invoiced"
        cr.commit()
