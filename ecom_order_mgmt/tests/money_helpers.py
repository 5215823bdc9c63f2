# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Test helpers of the money of channel orders (no test in here)."""
from odoo.addons.ecom_order_mgmt.const import COD_MODES


def invoice_and_pay(order, journal, amount=None):
    """The order's customer invoice, validated and, unless the buyer pays on
    delivery, paid into `journal`, as Odoo's own flow makes them (the sale
    order's invoicing, a customer payment); an order invoiced already is
    left as it is (issue 20 invoices and pays channel orders when their
    channel says). Returns the order's customer invoices."""
    env = order.env
    order = order.sudo()
    invoices = order.invoice_ids.filtered(
        lambda i: i.type == "out_invoice" and i.state != "cancel")
    if invoices:
        return invoices
    invoices = env["account.invoice"].sudo().browse(order.action_invoice_create())
    invoices.action_invoice_open()
    if order.ecom_payment_mode in COD_MODES:
        return invoices
    payment = env["account.payment"].sudo().create({
        "payment_type": "inbound", "partner_type": "customer",
        "partner_id": invoices.commercial_partner_id.id,
        "amount": invoices.residual if amount is None else amount,
        "journal_id": journal.id,
        "payment_method_id": env.ref("account.account_payment_method_manual_in").id,
        "invoice_ids": [(6, 0, invoices.ids)]})
    payment.post()
    return invoices


def balance(env, account):
    """Debit minus credit of the posted journal items of `account`."""
    env.cr.execute("""
        SELECT COALESCE(SUM(l.debit - l.credit), 0) FROM account_move_line l
          JOIN account_move m ON m.id = l.move_id
         WHERE l.account_id = %s AND m.state = 'posted'""", (account.id,))
    return round(env.cr.fetchone()[0], 2)
