# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Test helpers of the money of channel orders (no test in here)."""


def invoice_and_pay(order, journal):
    """The order's customer invoices, as the suite made them at its channel's
    moment (finance approval or shipment: Odoo's invoicing of the order,
    paid into the channel's clearing journal `journal` unless cash on
    delivery, see sale_order_invoice.py); an order whose moment came without
    them (none, in the suite) is invoiced now the same way."""
    order = order.sudo()
    assert order.ecom_channel_id.journal_id == journal, "the channel's clearing journal"
    invoices = order._ecom_customer_invoices()
    if not invoices:
        invoices = order._ecom_invoice_and_pay()
    return invoices.filtered(lambda i: i.type == "out_invoice").with_env(order.env)


def balance(env, account, partner=None):
    """Debit minus credit of the posted journal items of `account` (of
    `partner`'s items only, when given)."""
    env.cr.execute("""
        SELECT COALESCE(SUM(l.debit - l.credit), 0) FROM account_move_line l
          JOIN account_move m ON m.id = l.move_id
         WHERE l.account_id = %s AND m.state = 'posted'
           AND (%s IS NULL OR l.partner_id = %s)""",
                   (account.id, partner and partner.id, partner and partner.id))
    return round(env.cr.fetchone()[0], 2)
