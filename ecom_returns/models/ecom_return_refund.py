# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The money of a case, in Odoo's own accounting.

- A refund is a credit note of the order's own invoice (Odoo's refund of
  it: ``refund_invoice_id`` points at the invoice, same lines and taxes for
  the units refunded), posted, then settled: first against what the buyer
  still owes on the order's invoices (cash on delivery not remitted yet),
  the rest paid back by an outbound customer payment in the channel's
  clearing journal (the platform pays it out of what it holds for the shop).
- An exchange's price difference is a credit note of the original invoice
  (the buyer gets money back) or an invoice of the difference referring to
  it, paid like the order into the clearing journal (the buyer paid it on
  the platform).
- Before the order has any invoice, a refund creates no credit note: what
  the buyer gets back is not invoiced (the order is cancelled, or invoiced
  on what it ships); the case records the amount.

What may still be refunded is read from accounting: the order's invoices,
the buyer's payments and the credit notes already issued (tools/refund.py).
"""
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_is_zero

from odoo.addons.ecom_order_mgmt.const import COD_MODES
from odoo.addons.ecom_order_mgmt.models.account_invoice import AUTOMATIC_INVOICING

from ..tools import refund
from .ecom_return import ACTION_FIELDS, MAIL_REFUNDED

# The credit note (or the exchange's invoice) and its payment are the case's
# documents, made and settled in the refund's own transaction, which the
# case's chatter records with their numbers: as the approval's automatic
# invoices (ecom_order_mgmt, account_invoice.py), without chatter tracking
# and without the buyer's subscription.
QUIET_DOCUMENTS = {"tracking_disable": True, AUTOMATIC_INVOICING: True}


class EcomReturn(models.Model):
    _inherit = "ecom.return"
    _ecom_protected_fields = ACTION_FIELDS + ("refund_amount",)

    refund_amount = fields.Monetary(
        string="Refunded", readonly=True, copy=False,
        help="What the buyer got back: the credit note's total or, for an order not "
             "invoiced yet, the amount taken off what the order will be invoiced.")

    # ------------------------------------------------------------------
    # What is refunded, and what may still be
    # ------------------------------------------------------------------
    def _ecom_refundable_quantities(self):
        """{case line: units the money follows}: the units refunded (or whose
        price difference is settled). The announced units of each line until
        the parcel is received, then what arrived less the defective units
        the buyer is responsible for (quantity_accepted, tools/receipt.py)."""
        return {line: line.quantity_accepted for line in self.line_ids
                if line.product_id and line.quantity_accepted > 0}

    def _ecom_figures(self, siblings=None, already=None):
        """The case's figures; what would be refunded now is limited by the
        order's accounting (see _ecom_refund_room)."""
        figures = super(EcomReturn, self)._ecom_figures(siblings, already=already)
        if self.type in ("return_refund", "refund_only", "exchange"):
            base, credited = self._ecom_refund_room()
            if already is not None:
                credited = refund.money(already)
            figures["refund"] = self._ecom_refund_due(figures, base, credited)
        return figures

    def _ecom_refund_due(self, figures, base, credited):
        """refund.Refund of this case within `base` less `credited`, or None."""
        if self.type == "exchange":
            owed = figures["difference"] + figures["fee"]
            if owed >= 0:
                return None
            return refund.refund_amount([(1, -owed)], 0, base, credited)
        lines = [(quantity, line.price_unit)
                 for line, quantity in self._ecom_refundable_quantities().items()]
        return refund.refund_amount(lines, figures["fee"], base, credited)

    def _ecom_already_refunded(self, siblings=None):
        """What the order's refunds already add up to (accounting)."""
        return self._ecom_refund_room(siblings)[1]

    def _ecom_refund_room(self, siblings=None):
        """(limit, already refunded) of the order's refunds, as Decimals.

        Invoiced order: the limit from its invoices and the buyer's payments
        (refund.refund_base), the credit notes issued so far (Odoo counts
        those of the order's invoices). Not invoiced yet: what the platform
        says the buyer paid, less the refunds of the order's other cases.
        """
        order = self.order_id.sudo()
        if not order:
            return refund.money(0), refund.money(0)
        money = order._ecom_money()
        credited = refund.money(sum(money.refunds.mapped("amount_total")))
        if money.invoices:
            received = sum(p.amount for p in money.payments if p.payment_type == "inbound")
            return refund.refund_base(
                sum(money.invoices.mapped("amount_total")), received,
                order.ecom_paid_amount, order.ecom_payment_mode in COD_MODES), credited
        credited += refund.money(sum(
            other.refund_amount for other in self._ecom_others(siblings)
            if other.state == "done" and not other.refund_invoice_id))
        return refund.money(order.ecom_paid_amount), credited

    def _ecom_problem(self, action):
        """A refund needs the order's invoice, unless none is due yet."""
        problem = super(EcomReturn, self)._ecom_problem(action)
        if problem or action != "refund":
            return problem
        order = self.order_id.sudo()
        if order._ecom_money().invoices or order.state == "cancel":
            return None
        if self.before_shipment and not self.sudo()._ecom_order_shipped() \
                and order.ecom_invoice_policy == "shipment":
            return None  # invoiced on what ships: the refunded units never will
        return _("Order %s has no customer invoice to refund: create it first (Create "
                 "Invoice on the order), then refund against it.") % order.name

    # ------------------------------------------------------------------
    # Settling the cases
    # ------------------------------------------------------------------
    def _ecom_do_refund(self):
        """Settle each case in accounting, one after the other (each reads
        what the previous one booked), close it and tell the buyer."""
        for case in self:
            # Posting invalidates the cache: a prefetch of its own per case.
            case = case.with_prefetch()
            values, note = case.sudo().with_context(**QUIET_DOCUMENTS)._ecom_settle()
            values.update({"state": "done", "done_at": fields.Datetime.now()})
            case._ecom_write(values)
            case.message_post(body=note)
        self.filtered("refund_invoice_id")._ecom_notify_buyer(MAIL_REFUNDED)

    def _ecom_settle(self):
        """Post and settle the document of this case: (the case's values,
        the note of its chatter)."""
        self.ensure_one()
        order = self.order_id
        money = order._ecom_money()
        figures = self._ecom_figures()
        result = figures["refund"]
        if self.type == "exchange" and figures["charge"]:
            invoice = self._ecom_charge(money, figures)
            return {"charge_invoice_id": invoice.id}, _(
                "Price difference invoiced in %s (paid through %s).") % (
                invoice.number, self._ecom_journal().name)
        if not result or result.amount <= 0:
            raise UserError(_("Nothing is left to refund on order %s: %s already refunded "
                              "of %s paid.") % (order.name, self._ecom_already_refunded(),
                                                self._ecom_refund_room()[0]))
        if not money.invoices:
            return {"refund_amount": float(result.amount)}, _(
                "Refunded %s before order %s was invoiced: no credit note; %s") % (
                result.amount, order.name, _("the order is cancelled and will not be "
                                             "invoiced.") if order.state == "cancel"
                else _("the order will be invoiced on what it ships."))
        invoice = self._ecom_refund_origin(money.invoices)
        note = self._ecom_credit_note(invoice, figures, result)
        paid_out = self._ecom_pay_back(note, money)
        return {"refund_invoice_id": note.id, "refund_amount": note.amount_total}, _(
            "Refunded %s in credit note %s of invoice %s (%s paid back through %s).") % (
            result.amount, note.number, invoice.number, paid_out, self._ecom_journal().name)

    def _ecom_journal(self):
        """The channel's clearing journal: where the buyer's money moves."""
        journal = self.order_id.ecom_channel_id.journal_id
        if not journal:
            raise UserError(_("Channel %s has no clearing journal.") % (
                self.order_id.ecom_channel_id.name))
        return journal

    def _ecom_refund_origin(self, invoices):
        """The order's own invoice a refund credits: the latest one billing
        the case's products (an order's invoice, not an exchange's)."""
        products = self.line_ids.mapped("product_id")
        own = invoices.filtered(lambda i: i.invoice_line_ids.mapped("sale_line_ids"))
        billing = (own or invoices).filtered(
            lambda i: i.invoice_line_ids.filtered(lambda ln: ln.product_id in products))
        return (billing or own or invoices).sorted("id")[-1]

    # ------------------------------------------------------------------
    # Documents
    # ------------------------------------------------------------------
    def _ecom_credit_note(self, invoice, figures, result):
        """Odoo's refund of `invoice`, reduced to this case: the units
        refunded (or the exchange's difference), less the buyer's shipping
        share, limited to what may still be refunded; posted. The lines go
        into Odoo's refund at its creation (account.invoice._prepare_refund)."""
        keep, values = ({}, self._ecom_difference_lines(invoice, -1)) \
            if self.type == "exchange" else self._ecom_refunded_lines(invoice)
        if result.fee:
            first = [{"account_id": line.account_id.id}
                     for line in invoice.invoice_line_ids if line.id in keep] + values
            values.append(self._ecom_extra_line(
                invoice, -float(result.fee), _("Return shipping paid by the buyer"), first))
        note = invoice.with_context(
            ecom_refund_keep=keep, ecom_refund_lines=[(0, 0, vals) for vals in values],
        ).refund(description=self.name, journal_id=invoice.journal_id.id)
        note = note.with_context(ecom_refund_keep=None, ecom_refund_lines=None)
        if note.tax_line_ids.filtered("manual"):
            # tax lines entered by hand on the invoice: the others computed again
            note.compute_taxes()
        self._ecom_adjust_total(note, result.amount, _(
            "Limited to what is left of the payment") if result.capped else _("Rounding"))
        note.action_invoice_open()
        return note

    def _ecom_refunded_lines(self, invoice):
        """({invoice line id: units refunded}, values of the lines added):
        the invoice's lines billing the units refunded, kept at the quantity
        refunded; lines for units the invoice does not bill are added."""
        wanted = defaultdict(float)
        prices = {}
        for line, quantity in self._ecom_refundable_quantities().items():
            wanted[line.product_id] += quantity
            prices[line.product_id] = line.price_unit
        keep = {}
        for inv_line in invoice.invoice_line_ids.sorted(lambda ln: (ln.sequence, ln.id)):
            take = min(wanted.get(inv_line.product_id, 0.0), inv_line.quantity)
            if take > 0:
                keep[inv_line.id] = take
                wanted[inv_line.product_id] -= take
        return keep, [
            self._ecom_product_line(invoice, product, quantity, prices[product],
                                    product.display_name)
            for product, quantity in wanted.items() if quantity > 0]

    def _ecom_difference_lines(self, invoice, sign):
        """Line values of the exchange's price difference, per unit settled:
        sign 1 what the buyer owes, -1 what the buyer gets back. Each keeps
        the taxes of the line that billed the goods exchanged."""
        values = []
        for line, quantity in self._ecom_refundable_quantities().items():
            product = line.replacement_product_id or line.product_id
            name = _("Exchange difference: %s → %s") % (
                line.product_id.display_name, product.display_name)
            price = sign * (line.replacement_price_unit - line.price_unit)
            source = invoice.invoice_line_ids.filtered(
                lambda ln: ln.product_id == line.product_id)[:1]
            if not source:
                values.append(self._ecom_product_line(invoice, product, quantity, price,
                                                      name))
                continue
            # the difference is what the buyer pays, taxes included
            ratio = source.price_subtotal / source.price_total if source.price_total else 1.0
            values.append({
                "product_id": product.id, "name": name, "quantity": quantity,
                "price_unit": price * ratio, "account_id": source.account_id.id,
                "uom_id": product.uom_id.id,
                "invoice_line_tax_ids": [(6, 0, source.invoice_line_tax_ids.ids)]})
        return values

    def _ecom_product_line(self, document, product, quantity, price, name):
        """Line values of `product` at the price paid (taxes included)."""
        account = product.property_account_income_id or \
            product.categ_id.property_account_income_categ_id or \
            document.journal_id.default_credit_account_id
        return {"product_id": product.id, "name": name, "quantity": quantity,
                "price_unit": price, "account_id": account.id, "uom_id": product.uom_id.id}

    def _ecom_extra_line(self, document, amount, name, values=None):
        """Line values of an amount without product nor tax (fee, limit), on
        the account of the document's first line (of `values`, the lines
        of a document not created yet)."""
        if values is None:
            account_id = document.invoice_line_ids[:1].account_id.id
        else:
            account_id = values[0]["account_id"] if values else False
        return {"name": name, "quantity": 1, "price_unit": amount,
                "account_id": account_id or document.journal_id.default_credit_account_id.id}

    @api.model
    def _ecom_add_lines(self, document, values):
        if values:
            document.write({"invoice_line_ids": [(0, 0, vals) for vals in values]})

    def _ecom_adjust_total(self, document, expected, label):
        """The document (its taxes computed: create() does it) brought to
        `expected` by a line of the difference (the limit of a refund, or a
        rounding)."""
        currency = document.currency_id
        over = document.amount_total - float(expected)
        if float_is_zero(over, precision_rounding=currency.rounding):
            return
        if over < 0 and not float_is_zero(over, precision_digits=1):
            raise UserError(_("The document would be %.2f instead of %s.") % (
                document.amount_total, expected))
        self._ecom_add_lines(document, [self._ecom_extra_line(document, -over, label)])
        document.compute_taxes()

    def _ecom_charge(self, money, figures):
        """The invoice of the exchange's price difference (referring to the
        original invoice), posted and paid into the clearing journal."""
        order = self.order_id
        origin = self._ecom_refund_origin(money.invoices) if money.invoices \
            else self.env["account.invoice"]
        Invoice = self.env["account.invoice"].with_context(
            type="out_invoice", company_id=order.company_id.id,
            force_company=order.company_id.id)
        journal = origin.journal_id or Invoice._default_journal()
        partner = origin.partner_id or order.partner_invoice_id
        source = origin or Invoice.new({"journal_id": journal.id})
        lines = self._ecom_difference_lines(source, 1)
        if figures["fee"]:
            lines.append(self._ecom_extra_line(
                source, float(figures["fee"]), _("Return shipping"), lines))
        # the lines at creation: create() computes the taxes once
        invoice = Invoice.create({
            "type": "out_invoice", "partner_id": partner.id,
            "account_id": (origin.account_id or partner.property_account_receivable_id).id,
            "journal_id": journal.id, "currency_id": order.currency_id.id,
            "company_id": order.company_id.id,
            "origin": "%s, %s" % (order.name, self.name),
            "name": _("%s: exchange difference of %s") % (self.name, origin.number or order.name),
            # billed to the buyer of the original order, as its invoice was
            "ecom_channel_id": order.ecom_channel_id.id,
            "ecom_platform_ref": order.ecom_platform_ref,
            "ecom_invoice_title": origin.ecom_invoice_title or order.ecom_invoice_title,
            "ecom_invoice_tax_id": origin.ecom_invoice_tax_id or order.ecom_invoice_tax_id,
            "invoice_line_ids": [(0, 0, vals) for vals in lines],
        })
        self._ecom_adjust_total(invoice, figures["charge"], _("Rounding"))
        invoice.action_invoice_open()
        self._ecom_payment("inbound", invoice.residual, invoice)
        return invoice

    # ------------------------------------------------------------------
    # Payments
    # ------------------------------------------------------------------
    def _ecom_pay_back(self, note, money):
        """Settle the credit note: against what the buyer still owes (cash
        on delivery), the rest paid back; returns the amount paid back."""
        order = self.order_id
        cod = order.ecom_payment_mode in COD_MODES
        open_invoices = money.invoices.filtered(lambda i: i.state == "open")
        owed = sum(open_invoices.mapped("residual")) if cod else 0.0
        received = sum(p.amount for p in money.payments if p.payment_type == "inbound")
        paid_back = sum(p.amount for p in money.payments if p.payment_type == "outbound")
        try:
            against, out = refund.settle_credit(note.amount_total, owed, received, paid_back)
        except ValueError:
            raise UserError(_(
                "Order %s: refunding %.2f would pay back more than its payments booked "
                "(%.2f received, %.2f already paid back).") % (
                order.name, note.amount_total, received, paid_back))
        if against:
            credit = note.move_id.line_ids.filtered(
                lambda ln: ln.account_id == note.account_id and not ln.reconciled)
            open_invoices.register_payment(credit)
        if out:
            self._ecom_payment("outbound", float(out), note)
        return out

    def _ecom_payment(self, payment_type, amount, document):
        """A posted customer payment of `amount` into (inbound) or out of
        (outbound) the channel's clearing journal, reconciled with `document`
        (the suite's one payment mechanism, sale_order_invoice.py)."""
        order = self.order_id
        return order._ecom_register_payment(
            amount, document, self._ecom_journal(),
            "%s %s" % (order.ecom_platform_ref or order.name, self.name),
            payment_type=payment_type)
