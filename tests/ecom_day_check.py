"""The end of the day (tests/ecom_day.py): what must hold, read back from the
database after the clients stopped."""
from odoo import SUPERUSER_ID, api


# ----------------------------------------------------------------------
# The evening: what must hold
# ----------------------------------------------------------------------
def check(registry, world, requeued=()):
    """What is wrong at the end of the day (a list of texts) and the figures.

    `requeued`: ids of jobs that a fault stopped and the test requeued (their
    orders may have been queued again meanwhile: see _jobs)."""
    problems = []
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "active_test": False})
        orders = env["sale.order"].search([("ecom_channel_id", "=", world["channel"])])
        approved = orders.filtered(lambda o: o.ecom_state == "approved")
        finished = 0
        for order in orders:
            outgoing = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
            final = order.ecom_state == "cancel" and not outgoing.filtered(
                lambda p: p.state == "done")
            shipped = order.ecom_state == "approved" and len(outgoing) == 1 \
                and outgoing.state == "done" \
                and outgoing.ecom_fulfil_state in ("shipped", "delivered")
            finished += final != shipped
            if final == shipped:
                problems.append("%s: not in exactly one final state (%s, deliveries %s)" % (
                    order.name, order.ecom_state,
                    outgoing.mapped(lambda p: (p.state, p.ecom_fulfil_state))))
        problems += changed_once(env, approved, "sale.order", "ecom_state", "approved")
        pickings = approved.mapped("picking_ids").filtered(
            lambda p: p.picking_type_code == "outgoing")
        problems += changed_once(env, pickings, "stock.picking", "ecom_fulfil_state", "shipped")
        for order in approved:
            done = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing") \
                .mapped("move_lines").filtered(lambda m: m.state == "done")
            for line in order.order_line:
                sent = sum(done.filtered(lambda m: m.sale_line_id == line).mapped(
                    "product_uom_qty"))
                if sent != line.product_uom_qty:
                    problems.append("%s: %s shipped %s times %s" % (
                        order.name, line.product_id.default_code, sent, line.product_uom_qty))
        problems += _jobs(env, world, requeued)
        cases = env["ecom.return"].search([("order_id", "in", orders.ids)])
        for case in cases.filtered(lambda c: c.state != "done" or not c.refund_invoice_id):
            problems.append("%s: %s, refund %s" % (case.name, case.state,
                                                   case.refund_invoice_id.name))
        for request in env["ecom.custom.request"].browse(world["requests"]):
            payments = env["account.payment"].search([
                ("communication", "=like", request.name + " %"), ("state", "!=", "cancelled")])
            if request.state != "deposit_paid" or len(payments) != 1 \
                    or abs(payments.amount - request.deposit_amount) > 0.005:
                problems.append("%s: %s, %d payments %s" % (
                    request.name, request.state, len(payments), payments.mapped("amount")))
        money = _money(env, approved)
        figures = {"orders": len(orders), "finished": finished, "approved": len(approved),
                   "cancelled": len(orders) - len(approved), "returns": len(cases),
                   "money": money[0]}
        problems += money[1]
        cr.rollback()
    return problems, figures


def changed_once(env, records, model, field, value):
    """Each of `records` had `field` changed to `value` exactly once (its chatter,
    which keeps the label in the language of whoever changed it)."""
    if not records:
        return []
    labels = tuple({dict(env[model].with_context(lang=lang).fields_get([field])[field][
        "selection"])[value] for lang, _name in env["res.lang"].get_installed()})
    env.cr.execute("""
        SELECT m.res_id, count(*) FROM mail_tracking_value t
          JOIN mail_message m ON m.id = t.mail_message_id
         WHERE m.model = %s AND m.res_id IN %s AND t.field = %s AND t.new_value_char IN %s
         GROUP BY m.res_id""", (model, tuple(records.ids), field, labels))
    counts = dict(env.cr.fetchall())
    return ["%s %s: %s %d times" % (model, record.display_name, value, counts.get(record.id, 0))
            for record in records if counts.get(record.id, 0) != 1]


def _jobs(env, world, requeued=()):
    """Every job of the day done: none failed or left waiting; and the same
    work was never queued again while a job for it was still waiting (the
    jobs' identity key; once a job has started, pressing the button again
    queues a new job, which finds the work done: the chatter checks above
    prove that nothing was done twice). A job a fault stopped and the test
    requeued was not waiting meanwhile: people rightly queued its work again."""
    problems = []
    jobs = env["queue.job"].search([("id", ">=", world["first_job"])], order="id")
    waiting_until = {}
    for job in jobs:
        if job.state != "done":
            problems.append("job %s %s: %s %s" % (job.id, job.func_string, job.state,
                                                  (job.exc_info or "")[-300:]))
            continue
        key = (job.model_name, job.method_name, tuple(sorted(job.record_ids)),
               repr(job.args))
        first = waiting_until.get(key)
        if first and first[0] not in requeued and not first[2] \
                and job.date_created < first[1]:
            problems.append("job %s was queued while job %s, the same work, was waiting: "
                            "%s" % (job.id, first[0], job.func_string))
        # A job that ran more than once (a serialization failure retried by
        # queue_job) has the date of its last start: when it left the queue
        # first is unknown, so it is not compared.
        waiting_until[key] = (job.id, job.date_started or job.date_done, job.retry > 1)
    return problems


def _money(env, approved):
    """One paid invoice and one payment per paid channel order, whether it was
    invoiced at approval or at shipment (by the action itself or by a job of
    the invoicing channel: the caller waited for the jobs), once the money
    work (ecom.channel.journal_id) is in; until then: not asserted, and said."""
    if "journal_id" not in env["ecom.channel"]._fields:
        return "not asserted: ecom.channel.journal_id does not exist yet", []
    problems = []
    paid = approved.filtered(lambda o: o.ecom_payment_mode == "prepaid")
    for order in paid:
        invoices = order.invoice_ids.filtered(lambda i: i.type == "out_invoice")
        payments = invoices.mapped("payment_ids").filtered(lambda p: p.state != "cancelled")
        if len(invoices) != 1 or invoices.state != "paid" or len(payments) != 1 \
                or payments.journal_id != order.ecom_channel_id.journal_id:
            problems.append("%s: invoices %s, payments %s" % (
                order.name, invoices.mapped("state"), payments.mapped("amount")))
    shipment = paid.filtered(lambda o: o.ecom_invoice_policy == "shipment")
    return "asserted on %d paid orders (%d invoiced at shipment)" % (
        len(paid), len(shipment)), problems
