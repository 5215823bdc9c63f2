# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a customer invoice carries of its channel order: the channel, the
platform order number and the buyer's invoice header (发票抬头 / 税号),
filled from the order when Odoo invoices it (sale.order._prepare_invoice)
and printed on the invoice."""
from odoo import api, fields, models

# Context key of the automatic invoicing of channel orders at their
# channel's moment (sale.order._ecom_invoice_and_pay): its invoices are
# made, validated and paid in the same transaction as the decision, which
# the order's chatter records; see AccountInvoice.message_subscribe.
AUTOMATIC_INVOICING = "ecom_automatic_invoicing"
# The day its documents are dated (the approver's: they are made as
# superuser, whose time zone is not the approver's).
INVOICE_DAY = "ecom_invoice_day"
# Set while Odoo marks automatic invoices paid: sale's note "Invoice ... paid"
# on their orders is not posted (see SaleOrder.message_post).
NO_PAID_NOTE = "ecom_no_paid_note"


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    ecom_channel_id = fields.Many2one(
        "ecom.channel", string="Sales Channel", index=True, readonly=True, copy=True,
        help="The channel of the order this invoice bills.")
    ecom_platform_ref = fields.Char(string="Platform Order No.", readonly=True, copy=True)
    ecom_invoice_title = fields.Char(
        string="Invoice Title", readonly=True, states={"draft": [("readonly", False)]},
        copy=True, help="发票抬头: the name the buyer wants on the invoice.")
    ecom_invoice_tax_id = fields.Char(
        string="Buyer Tax ID", readonly=True, states={"draft": [("readonly", False)]},
        copy=True, help="税号: the buyer's taxpayer identification number.")

    @api.model
    def _get_refund_common_fields(self):
        # A credit note of a channel invoice (Odoo's refund of it) belongs to
        # the same channel order, and names the buyer as the invoice did
        # (a red-letter invoice, 红字发票, repeats the buyer's 抬头 / 税号).
        return super(AccountInvoice, self)._get_refund_common_fields() + [
            "ecom_channel_id", "ecom_platform_ref", "ecom_invoice_title",
            "ecom_invoice_tax_id"]

    @api.multi
    def message_subscribe(self, partner_ids=None, channel_ids=None, subtype_ids=None,
                          force=True):
        """Not for the automatic invoices of channel orders: Odoo subscribes
        the buyer of an invoice as it is validated (invoice_validate), which
        costs a followers' write per invoice of an approval batch and
        would only mail a platform's buyer, whom the platform informs, about
        an invoice nobody discusses in its chatter."""
        if self.env.context.get(AUTOMATIC_INVOICING):
            return True
        return super(AccountInvoice, self).message_subscribe(
            partner_ids=partner_ids, channel_ids=channel_ids, subtype_ids=subtype_ids,
            force=force)

    @api.multi
    def message_post_with_view(self, views_or_xmlid, **kwargs):
        """Not the origin link note on the automatic invoices of channel
        orders: sale's invoicing renders and posts it per invoice through
        the mail composer, and the invoice already names its order (Source
        Document, platform order number, the order's Invoices button)."""
        if self.env.context.get(AUTOMATIC_INVOICING) \
                and views_or_xmlid == "mail.message_origin_link":
            return None
        return super(AccountInvoice, self).message_post_with_view(views_or_xmlid, **kwargs)

    @api.multi
    def action_invoice_paid(self):
        """The automatic invoices of channel orders paid without sale's note
        "Invoice ... paid" on their orders: they are paid in the approval's
        own transaction, and the order shows its invoice state (Paid) and its
        invoices; the note cost a chatter post with its notifications per
        order of an approval batch."""
        if self.env.context.get(AUTOMATIC_INVOICING):
            self = self.with_context(**{NO_PAID_NOTE: True})
        return super(AccountInvoice, self).action_invoice_paid()
