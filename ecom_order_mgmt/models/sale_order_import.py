# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a channel order keeps from the platform's own export: the buyer's
invoice title and tax ID (for finance), the seller's note, and whether its
address could not be split into its parts (then CS checks it before the
order passes review)."""
from odoo import _, fields, models

from .ecom_notify_mixin import buyer_may_be_mailed


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ecom_invoice_title = fields.Char(
        string="Invoice Title", copy=False,
        help="The invoice title (发票抬头) the buyer asked for on the platform.")
    ecom_invoice_tax_id = fields.Char(
        string="Buyer Tax ID", copy=False,
        help="The buyer's taxpayer ID (纳税人识别号) for the invoice.")
    ecom_seller_note = fields.Text(
        string="Seller Note", copy=False,
        help="The shop's own note on the order in the seller centre (卖家备注).")
    ecom_address_review = fields.Boolean(
        string="Address to Check", copy=False, index=True,
        help="The platform's address could not be split into province, city, district "
             "and street: it is kept whole in the street. CS corrects the address and "
             "unticks this before the order passes CS review.")

    def _ecom_cs_problem(self):
        problem = super(SaleOrder, self)._ecom_cs_problem()
        if problem or not self.ecom_address_review:
            return problem
        return "address_incomplete", _(
            "Order %s: the address could not be split when it was imported; check it "
            "and untick \"Address to Check\".") % self.name

    def _ecom_buyer_mail_allowed_records(self):
        # An import mails thousands of orders: one query reads their buyer,
        # company and channel, the rule is then decided once per buyer,
        # company and channel (the rule: ecom_notify_mixin.buyer_may_be_mailed).
        if not self.ids:
            return self
        self.env.cr.execute("""
            SELECT id, partner_id, company_id, ecom_channel_id FROM sale_order WHERE id IN %s
        """, (tuple(set(self.ids)),))
        rows = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        # the one column each decision reads, not every column of thousands of buyers
        env = self.sudo().with_context(prefetch_fields=False).env
        with_email = set(env["res.partner"].browse(
            {row[0] for row in rows.values() if row[0]}).filtered("email").ids)
        mailing = set(env["res.company"].browse(
            {row[1] for row in rows.values() if row[1]}).filtered("ecom_notify_buyer").ids)
        notifying = set(env["ecom.channel"].browse(
            {row[2] for row in rows.values() if row[2]}).filtered("notify_buyer").ids)
        allowed = []
        for order in self:
            partner_id, company_id, channel_id = rows.get(order.id, (None, None, None))
            if buyer_may_be_mailed(partner_id in with_email, company_id in mailing,
                                   bool(channel_id), channel_id in notifying,
                                   order._ecom_notify_standard_sales):
                allowed.append(order.id)
        return self.browse(allowed)
