# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The money of channel orders in Odoo's own accounting.

At the moment its channel's ``invoice_policy`` names (finance approval or
shipment) a channel order is invoiced by Odoo's own invoicing of the sale
order (``action_invoice_create``: invoice status, the Invoices button and
the sales reports stay right), the invoice is validated and, unless the
buyer pays on delivery, what the buyer paid is registered as a customer
payment in the channel's clearing journal and reconciled with it.

Which quantities: the channel's policy is also the order lines' basis,
whatever the product's own invoicing policy: an order invoiced at approval
is invoiced on its ordered quantities (nothing is delivered yet, and the
buyer paid for all of it), one invoiced at shipment on what was delivered
(a split delivery is invoiced parcel by parcel). Orders without a channel
keep Odoo's rules untouched.
"""
import logging
from collections import OrderedDict, defaultdict, namedtuple

from psycopg2 import OperationalError, errorcodes

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero
from odoo.tools.sql import column_exists, create_column

from odoo.addons.queue_job.job import job

from ..const import COD_MODES
from .account_invoice import AUTOMATIC_INVOICING, INVOICE_DAY, NO_PAID_NOTE
from .ecom_channel_money import INVOICE_POLICIES

# The money documents of orders, all read from Odoo's accounting.
EcomMoney = namedtuple("EcomMoney", "invoices refunds payments clearing_lines")
# Background confirmations queue their invoicing here, one job at a time:
# invoice and payment numbers are gapless sequences, which two transactions
# cannot draw from at once (README, Background jobs: capacity 1).
INVOICING_CHANNEL = "root.ecom_invoicing"
# What a transaction meets when another one draws invoice or payment numbers
NUMBERING_BUSY = (errorcodes.LOCK_NOT_AVAILABLE, errorcodes.SERIALIZATION_FAILURE)
# The automatic invoicing recomputes what its validations and payments
# changed every this many orders: together, the fields of several orders are
# written in fewer statements (one per distinct value), while the records
# pending, which every posting's reads recompute in cache, stay few (a whole
# batch pending makes each order's validation dearer as the batch grows).
RECOMPUTE_EVERY = 5

_logger = logging.getLogger(__name__)


# A background bulk review collects the orders it approves in one of these
# (context ``ecom_invoicing_batch``) and queues one invoicing job for them
# all at the end instead of one per order.
class InvoicingBatch(object):
    """Ids of orders approved in a background bulk review, to be invoiced."""

    def __init__(self):
        self.order_ids = []

    def close(self, env, moment="approval"):
        """Queue the invoicing of the orders collected (those rolled back
        since are skipped by the job, see _ecom_invoice_due)."""
        orders = env["sale.order"].browse(list(OrderedDict.fromkeys(self.order_ids)))
        self.order_ids = []
        if orders:
            orders.with_context(ecom_invoicing_batch=None)._ecom_invoice_at(moment)


INVOICE_STATES = [
    ("none", "Not invoiced"),
    ("open", "Invoiced, to be paid"),
    ("paid", "Paid"),
]


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # The buyer's invoice header (ecom_invoice_title, ecom_invoice_tax_id:
    # sale_order_import.py) is copied to the invoice and printed on it.
    ecom_invoice_policy = fields.Selection(
        INVOICE_POLICIES, string="Invoiced", compute="_compute_ecom_invoice_policy",
        store=True, readonly=True,
        help="When this channel order is invoiced: its channel's policy when the order "
             "was received.")
    ecom_invoice_state = fields.Selection(
        INVOICE_STATES, string="Invoice", compute="_compute_ecom_invoice_state",
        store=True, index=True, readonly=True,
        help="Whether the order's customer invoices are paid: prepaid orders are paid "
             "by the platform's payment when invoiced, cash on delivery when the "
             "carrier remits.")

    @api.depends("ecom_channel_id")
    def _compute_ecom_invoice_policy(self):
        for order in self:
            order.ecom_invoice_policy = order.ecom_channel_id.invoice_policy or False

    @api.depends("order_line.invoice_lines.invoice_id.state")
    def _compute_ecom_invoice_state(self):
        for order in self:
            if not order.ecom_channel_id:
                order.ecom_invoice_state = False
                continue
            invoices = order.order_line.mapped("invoice_lines.invoice_id").filtered(
                lambda i: i.type == "out_invoice" and i.state != "cancel")
            if not invoices:
                order.ecom_invoice_state = "none"
            elif all(invoice.state == "paid" for invoice in invoices):
                order.ecom_invoice_state = "paid"
            else:
                order.ecom_invoice_state = "open"

    def _auto_init(self):
        # New columns on a big table are filled by SQL, not by recomputing
        # every order: the policy from the channel, the invoice state from
        # the invoices already linked to the order lines.
        fill = not column_exists(self.env.cr, self._table, "ecom_invoice_state")
        if fill:
            create_column(self.env.cr, self._table, "ecom_invoice_policy", "varchar")
            create_column(self.env.cr, self._table, "ecom_invoice_state", "varchar")
        result = super(SaleOrder, self)._auto_init()
        if fill:
            self.env.cr.execute("""
                UPDATE sale_order so SET ecom_invoice_policy = 'approval',
                       ecom_invoice_state = COALESCE((
                           SELECT CASE WHEN bool_and(inv.state = 'paid') THEN 'paid'
                                       ELSE 'open' END
                             FROM sale_order_line sol
                             JOIN sale_order_line_invoice_rel rel
                               ON rel.order_line_id = sol.id
                             JOIN account_invoice_line ail ON ail.id = rel.invoice_line_id
                             JOIN account_invoice inv ON inv.id = ail.invoice_id
                            WHERE sol.order_id = so.id AND inv.type = 'out_invoice'
                              AND inv.state != 'cancel'), 'none')
                 WHERE so.ecom_channel_id IS NOT NULL""")
        return result

    # ------------------------------------------------------------------
    # What the order's money is (read from accounting)
    # ------------------------------------------------------------------
    @api.multi
    def _ecom_money(self):
        """The money of these orders, read from Odoo's accounting.

        An ``EcomMoney`` of recordsets (sudo, for every caller the same):

        - ``invoices``: customer invoices (``out_invoice``) not cancelled, of
          the order's ``invoice_ids`` (Odoo's own link: invoice lines of the
          order lines, and invoices whose origin is the order);
        - ``refunds``: credit notes (``out_refund``) not cancelled, of the
          same ``invoice_ids`` (Odoo also counts the refunds of the invoices);
        - ``payments``: posted customer payments (``account.payment``) of
          those invoices and credit notes;
        - ``clearing_lines``: the journal items those payments booked on
          their journal's own account (for a channel order: the platform's
          clearing account), whether already settled (reconciled) or not.
        """
        documents = self.sudo().mapped("invoice_ids").filtered(lambda i: i.state != "cancel")
        invoices = documents.filtered(lambda i: i.type == "out_invoice")
        refunds = documents.filtered(lambda i: i.type == "out_refund")
        payments = documents.mapped("payment_ids").filtered(
            lambda p: p.state in ("posted", "sent", "reconciled")
            and p.partner_type == "customer")
        clearing_lines = payments.mapped("move_line_ids").filtered(
            lambda line: line.account_id in (
                line.payment_id.journal_id.default_debit_account_id
                | line.payment_id.journal_id.default_credit_account_id))
        return EcomMoney(invoices, refunds, payments, clearing_lines)

    def _ecom_customer_invoices(self):
        """The order's customer invoices (not credit notes) not cancelled,
        read through its lines (sudo: whoever asks, the same answer)."""
        return self.sudo().mapped("order_line.invoice_lines.invoice_id").filtered(
            lambda i: i.type == "out_invoice" and i.state != "cancel")

    @api.multi
    def message_post(self, *args, **kwargs):
        # no note of an automatic invoice paid (AccountInvoice.action_invoice_paid)
        if self.env.context.get(NO_PAID_NOTE):
            return self.env["mail.message"]
        return super(SaleOrder, self).message_post(*args, **kwargs)

    @api.multi
    def _prepare_invoice(self):
        values = super(SaleOrder, self)._prepare_invoice()
        if self.ecom_channel_id:
            values.update({
                "ecom_channel_id": self.ecom_channel_id.id,
                "ecom_platform_ref": self.ecom_platform_ref,
                "ecom_invoice_title": self.ecom_invoice_title,
                "ecom_invoice_tax_id": self.ecom_invoice_tax_id,
            })
        if self.env.context.get(AUTOMATIC_INVOICING) and not values.get("date_invoice"):
            # Validated at once, today: dated now as its validation would
            # date it, instead of two more writes of the invoice at its
            # validation (each looking up what depends on the dates).
            today = self.env.context.get(INVOICE_DAY) or fields.Date.context_today(self)
            values.update(date_invoice=today, date_due=values.get("date_due") or today)
        return values

    # ------------------------------------------------------------------
    # Invoiced and paid at the channel's moment
    # ------------------------------------------------------------------
    def _ecom_invoice_at(self, moment, queue=False):
        """The channel's moment `moment` ("approval", "shipment") came for
        these orders: invoice those whose channel invoices then, and pay
        what their buyers paid.

        Now, in this transaction, unless another transaction is drawing
        invoice or payment numbers at this moment: those sequences are
        gapless, one transaction at a time (Odoo locks their row NOWAIT), so
        the invoicing then goes to a job of the invoicing channel instead of
        failing the user's action (see _ecom_invoice_now_or_queue). Also a
        job when `queue` is set (a big handover) and in a background
        confirmation (context ``ecom_reserve_in_job``), after it committed
        (see INVOICING_CHANNEL); a background bulk review collects its orders
        for one such job (InvoicingBatch). Returns the invoices made now.
        """
        orders = self._ecom_invoice_due(moment)
        if not orders:
            return self.env["account.invoice"]
        batch = self.env.context.get("ecom_invoicing_batch")
        if isinstance(batch, InvoicingBatch):
            batch.order_ids.extend(orders.ids)
            return self.env["account.invoice"]
        if queue or self.env.context.get("ecom_reserve_in_job"):
            orders._ecom_queue_invoicing(moment)
            return self.env["account.invoice"]
        return orders._ecom_invoice_now_or_queue(moment)

    def _ecom_queue_invoicing(self, moment):
        """A job of the invoicing channel invoices these orders."""
        self.with_delay(description=_("Invoice %d orders (%s…)") % (
            len(self), self[0].name))._ecom_job_invoice(moment)

    def _ecom_invoice_now_or_queue(self, moment):
        """Invoice and pay now; when another transaction holds the invoice
        or payment numbering (lock not available), or took the next number
        since this one began (serialization failure), undo this invoicing
        and queue it instead (see _ecom_invoice_at)."""
        # what is pending belongs to the caller's work, kept by the rollback
        # of the invoicing below (which forgets the pending work it made)
        self.recompute()
        try:
            with self.env.cr.savepoint():
                return self._ecom_invoice_and_pay()
        except OperationalError as error:
            if error.pgcode not in NUMBERING_BUSY:
                raise
        # the cache and recomputations of the invoicing just undone
        self.env.clear()
        _logger.info("Invoicing of %s queued: the invoice numbering is busy",
                     ", ".join(self.mapped("name")))
        self._ecom_queue_invoicing(moment)
        return self.env["account.invoice"]

    def _ecom_invoice_due(self, moment):
        """The orders of `self` that are to be invoiced at `moment` now."""
        return self.filtered(
            lambda o: o.ecom_channel_id and o.ecom_invoice_policy == moment
            and o.state in ("sale", "done") and o.invoice_status == "to invoice")

    def _ecom_invoice_and_pay(self):
        """Invoice these orders (Odoo's invoicing of the orders), validate
        the invoices and pay each with what its buyer paid; returns the
        invoices.

        The invoices of the batch are made at once: one
        ``action_invoice_create`` for all the orders of a company (one
        invoice per order), the stored fields it changes (order lines'
        quantities, invoice totals...) recomputed once for the batch (Odoo
        11 writes the records whose new values are the same together). Then
        order by order, each with a prefetch of its own, its invoices are
        validated and paid; what that changed is recomputed every
        RECOMPUTE_EVERY orders: accounting invalidates the cache when it
        posts, and a prefetch, or fields to recompute, shared by the whole
        batch would be re-read or recomputed for the whole batch at every
        posting. Each recomputation writes a field
        once for all the records pending, whichever context marked them
        (``_ecom_recompute_together``, bulk/). The automatic documents are
        created without chatter tracking (their origin is noted on them, the
        decision is on the order), dated when created (see _prepare_invoice).
        """
        # In id order, whatever the selection's: two transactions invoicing
        # overlapping orders then lock their rows in the same order (no
        # deadlock between a background batch and a single approval).
        orders = self.sorted("id").with_context(
            recompute=False, tracking_disable=True, **{
                AUTOMATIC_INVOICING: True,
                # today where the approver (or the job's user) is, before
                # the documents are made as superuser
                INVOICE_DAY: fields.Date.context_today(self)})
        drafts = orders._ecom_draft_invoices()
        orders.sudo()._ecom_recompute_together()
        by_order = self._ecom_invoices_by_order(drafts)
        for done, order in enumerate(orders, 1):
            order = order.with_prefetch()
            invoices = order._ecom_validate_invoices(by_order[order.id].with_prefetch())
            order._ecom_pay_invoices(invoices)
            if done % RECOMPUTE_EVERY == 0 or done == len(orders):
                order.sudo()._ecom_recompute_together()
        return drafts.with_env(self.env)

    def _ecom_create_invoices(self):
        """The orders' invoices of what is to be invoiced now (one per order
        at least), validated; returns them."""
        return self._ecom_validate_invoices(self._ecom_draft_invoices())

    def _ecom_draft_invoices(self):
        """Odoo's invoices of the orders (one per order at least), in draft."""
        invoices = self.env["account.invoice"].sudo()
        for company in self.mapped("company_id"):
            orders = self.sudo().filtered(lambda o: o.company_id == company).with_context(
                company_id=company.id, force_company=company.id)
            # final: a down payment already invoiced is deducted
            invoices |= invoices.browse(orders.action_invoice_create(grouped=True, final=True))
        return invoices

    def _ecom_validate_invoices(self, invoices):
        """`invoices` (sudo) validated, customer invoices each with a prefetch
        of its own (credit notes of a final invoicing stay in draft)."""
        for invoice in invoices.filtered(lambda i: i.type == "out_invoice"):
            company = invoice.company_id.id
            invoice.with_prefetch().with_context(
                company_id=company, force_company=company).action_invoice_open()
        return invoices

    @api.model
    def _ecom_invoices_by_order(self, invoices):
        """{order id: its invoices among `invoices`} (each invoice of one order)."""
        by_order = defaultdict(lambda: invoices.browse())
        # the lines of all the invoices at once: a few reads, not a few per invoice
        for line in invoices.mapped("invoice_line_ids"):
            for order in line.sale_line_ids.mapped("order_id"):
                if line.invoice_id not in by_order[order.id]:
                    by_order[order.id] |= line.invoice_id
        return by_order

    def _ecom_pay_invoices(self, invoices):
        """Pay `invoices` with what the buyer paid and is not yet booked
        (nothing for cash on delivery: the carrier's remittance pays it)."""
        self.ensure_one()
        if self.ecom_payment_mode in COD_MODES:
            return self.env["account.payment"]
        journal = self.ecom_channel_id.journal_id
        if not journal:
            raise UserError(_("Channel %s has no clearing journal: set the journal its "
                              "buyers' payments are booked in.") % self.ecom_channel_id.name)
        rounding = self.currency_id.rounding
        before = self.sudo().order_line.mapped("invoice_lines.invoice_id") - invoices
        due = self.ecom_paid_amount - sum(
            payment.amount if payment.payment_type == "inbound" else -payment.amount
            for payment in before.mapped("payment_ids").filtered(
                lambda p: p.state != "cancelled"))
        payments = self.env["account.payment"]
        for invoice in invoices.filtered(lambda i: i.state == "open"):
            amount = min(invoice.residual, due)
            if float_compare(amount, 0, precision_rounding=rounding) <= 0:
                break
            payments |= self._ecom_register_payment(
                amount, invoice, journal, self.ecom_platform_ref or self.name)
            due -= amount
        return payments

    def _ecom_register_payment(self, amount, invoices, journal, memo, date=None,
                               payment_type="inbound"):
        """Post a customer payment of `amount` from the order's buyer into
        `journal` (or, `payment_type` "outbound", paid back to the buyer out
        of it) on `date` (default today), reconciled with `invoices` (open
        customer invoices, or credit notes, of the order) when there are
        any; returns it.

        The same mechanism for every payment of the suite: prepaid channel
        orders, COD remittances, custom-order deposits and balances, refunds.
        """
        self.ensure_one()
        if float_is_zero(amount, precision_rounding=self.currency_id.rounding):
            return self.env["account.payment"]
        invoices = invoices.sudo()
        partner = invoices[:1].commercial_partner_id \
            or self.partner_invoice_id.commercial_partner_id
        inbound = payment_type == "inbound"
        method = (journal.inbound_payment_method_ids if inbound
                  else journal.outbound_payment_method_ids)[:1] or self.env.ref(
            "account.account_payment_method_manual_%s" % ("in" if inbound else "out"))
        payment = self.env["account.payment"].sudo().with_context(
            company_id=self.company_id.id, force_company=self.company_id.id).create({
                "payment_type": payment_type,
                "partner_type": "customer",
                "partner_id": partner.id,
                "amount": amount,
                "currency_id": (invoices[:1].currency_id or self.currency_id).id,
                "journal_id": journal.id,
                "payment_method_id": method.id,
                "payment_date": date or self.env.context.get(INVOICE_DAY)
                or fields.Date.context_today(self),
                "communication": memo,
                "invoice_ids": [(6, 0, invoices.ids)],
            })
        payment.post()
        return payment

    @job(default_channel=INVOICING_CHANNEL)
    @api.multi
    def _ecom_job_invoice(self, moment):
        """Invoice and pay orders a background confirmation passed; orders
        invoiced meanwhile are left as they are (running it twice changes
        nothing)."""
        invoices = self.exists()._ecom_invoice_due(moment)._ecom_invoice_and_pay()
        return _("%d invoices") % len(invoices)


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.depends("order_id.ecom_invoice_policy")
    def _get_to_invoice_qty(self):
        """Channel orders: the channel's policy is the quantities' basis,
        ordered (invoiced at approval) or delivered (invoiced at shipment),
        whatever the product's policy. Other orders: Odoo's rule."""
        super(SaleOrderLine, self)._get_to_invoice_qty()
        for line in self:
            order = line.order_id
            if not order.ecom_invoice_policy or order.state not in ("sale", "done"):
                continue
            basis = line.product_uom_qty if order.ecom_invoice_policy == "approval" \
                else line.qty_delivered
            line.qty_to_invoice = basis - line.qty_invoiced
