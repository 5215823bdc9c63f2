# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The money of a case: the credit note (or the exchange's difference
invoice), capped at what the buyer paid across the order's cases."""
from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_is_zero

from ..tools import refund
from .ecom_return import MAIL_REFUNDED


class EcomReturn(models.Model):
    _inherit = "ecom.return"

    # ------------------------------------------------------------------
    # Money
    # ------------------------------------------------------------------
    def _ecom_do_refund(self):
        """Refund or settle these cases: every document is prepared from one
        read of the batch, then created and posted one by one, then each case
        is closed with its note."""
        siblings = self._ecom_siblings()
        refunded = {}  # order id: refunded so far, this batch included
        journals = {}
        plans = []
        for case in self:
            invoice_type, lines, expected = case.sudo()._ecom_refund_plan(siblings, refunded)
            plans.append((expected, case._ecom_invoice_values(invoice_type, lines, journals)))
        Invoice = self.env["account.invoice"].sudo()
        invoices = []
        for expected, values in plans:
            # Taxes and posting invalidate the whole cache, invoice by invoice:
            # with a prefetch of its own each one re-reads only its records.
            invoice = Invoice.with_context(
                type=values["type"], company_id=values["company_id"],
                force_company=values["company_id"]).create(values).with_prefetch()
            if invoice.invoice_line_ids.mapped("invoice_line_tax_ids"):
                invoice.compute_taxes()
            currency = invoice.currency_id
            if not float_is_zero(invoice.amount_total - float(expected),
                                 precision_rounding=currency.rounding):
                raise UserError(_("The document would be %.2f instead of %s.") % (
                    invoice.amount_total, expected))
            invoice.action_invoice_open()
            invoices.append((invoice.id, invoice.type, invoice.number))
        now = fields.Datetime.now()
        for case, (expected, _values), (invoice_id, invoice_type, number) in zip(
                self, plans, invoices):
            # Each chatter entry re-reads what it shows (the buyer...): kept
            # to this case, not re-read for the whole batch every time.
            case = case.with_prefetch()
            if invoice_type == "out_invoice":
                case._ecom_write({"charge_invoice_id": invoice_id, "state": "done",
                                  "done_at": now})
                case.message_post(body=_("Price difference invoiced: %s.") % number)
            else:
                case._ecom_write({"refund_invoice_id": invoice_id, "state": "done",
                                  "done_at": now})
                case.message_post(body=_("Refunded %s in credit note %s.") % (
                    expected, number))
        self.filtered("refund_invoice_id")._ecom_notify_buyer(MAIL_REFUNDED)

    def _ecom_refund_plan(self, siblings, refunded):
        """(invoice type, lines, amount) of the document that settles this
        case; `refunded` ({order id: amount}) counts the refunds of the batch
        so that the order's payment caps them all."""
        order = self.order_id
        if order.id not in refunded:
            refunded[order.id] = self._ecom_already_refunded(siblings)
        figures = self._ecom_figures(siblings, already=refunded[order.id])
        result = figures["refund"]
        # What was received decides (missing units and the defective ones the
        # buyer is responsible for are not settled): see tools/receipt.py.
        accepted = self.line_ids.filtered(lambda ln: ln.quantity_accepted > 0)
        if self.type == "exchange" and figures["charge"]:
            lines = [(ln.replacement_product_id or ln.product_id, ln.quantity_accepted,
                      ln.replacement_price_unit - ln.price_unit,
                      _("Exchange difference: %s → %s") % (
                          ln.product_id.display_name,
                          (ln.replacement_product_id or ln.product_id).display_name))
                     for ln in accepted]
            if figures["fee"]:
                lines.append((None, 1, float(figures["fee"]), _("Return shipping")))
            return "out_invoice", lines, figures["charge"]
        if not result or result.amount <= 0:
            raise UserError(_("Nothing is left to refund on order %s: %s already refunded "
                              "of %s paid.") % (order.name, refunded[order.id],
                                                refund.money(order.ecom_paid_amount)))
        if self.type == "exchange":
            lines = [(ln.replacement_product_id or ln.product_id, ln.quantity_accepted,
                      ln.price_unit - ln.replacement_price_unit,
                      _("Exchange difference: %s → %s") % (
                          ln.product_id.display_name,
                          (ln.replacement_product_id or ln.product_id).display_name))
                     for ln in accepted]
            goods = -figures["difference"]
        else:
            lines = [(ln.product_id, ln.quantity_accepted, ln.price_unit,
                      ln.product_id.display_name) for ln in accepted]
            goods = result.goods
        if result.fee:
            lines.append((None, 1, -float(result.fee),
                          _("Return shipping paid by the buyer")))
        over = goods - result.fee - result.amount
        if over > 0:
            lines.append((None, 1, -float(over),
                          _("Limited to what is left of the payment")))
        refunded[order.id] += result.amount
        return "out_refund", lines, result.amount

    def _ecom_invoice_values(self, invoice_type, lines, journals):
        """Values of the customer invoice or credit note of these lines
        (`journals` keeps each company's journal across a batch)."""
        order = self.order_id
        company = order.company_id
        key = (invoice_type, company.id)
        if key not in journals:
            journals[key] = self.env["account.invoice"].sudo().with_context(
                type=invoice_type, company_id=company.id,
                force_company=company.id)._default_journal()
        journal = journals[key]
        partner = order.partner_invoice_id
        account = None
        invoice_lines = []
        for product, quantity, price_unit, name in lines:
            if product:
                account = product.property_account_income_id or \
                    product.categ_id.property_account_income_categ_id
            line_account = account or journal.default_credit_account_id
            if not line_account:
                raise UserError(_("Set an income account on %s or on journal %s.") % (
                    product.display_name if product else name, journal.name))
            invoice_lines.append((0, 0, {
                "product_id": product.id if product else False,
                "name": name, "quantity": quantity, "price_unit": price_unit,
                "account_id": line_account.id,
                "uom_id": product.uom_id.id if product else False,
                "invoice_line_tax_ids": [(6, 0, product.taxes_id.filtered(
                    lambda t: t.company_id == company).ids)] if product else [],
            }))
        return {
            "type": invoice_type, "partner_id": partner.id,
            "account_id": partner.property_account_receivable_id.id,
            "journal_id": journal.id, "currency_id": order.currency_id.id,
            "company_id": company.id,
            "origin": "%s, %s" % (order.name, self.name), "name": self.name,
            "invoice_line_ids": invoice_lines,
        }
