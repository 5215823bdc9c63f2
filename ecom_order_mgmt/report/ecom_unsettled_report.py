# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Unsettled by channel: what the buyers paid through a platform and the
platform has not settled yet, by age.

One row per open journal item of a channel's clearing account (a payment
received, a refund paid out, not yet matched by a settlement): its open
amount (``amount_residual``) is what the platform still owes for it. For a
reconcilable account the open amounts of its posted items add up to its
balance, so the report's total per clearing account is that balance.
"""
from odoo import fields, models, tools

from ..tools.settlement import AGE_BUCKETS, age_bucket_sql
from ..tools.sql import create_view


class EcomUnsettledReport(models.Model):
    _name = "ecom.unsettled.report"
    _inherit = "ecom.kpi.report.mixin"
    _description = "Unsettled by Channel"
    _auto = False
    _order = "date, id"
    _rec_name = "move_line_id"

    _kpi_xlsx_columns = [
        ("date", 11, "date"),
        ("channel_id", 16, "text"),
        ("account_id", 20, "text"),
        ("order_id", 14, "text"),
        ("partner_id", 18, "text"),
        ("age_bucket", 12, "text"),
        ("age_days", 8, "integer"),
        ("amount", 13, "money"),
    ]

    move_line_id = fields.Many2one("account.move.line", string="Journal Item", readonly=True)
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True)
    date = fields.Date(readonly=True, help="Date of the payment (or refund) in the clearing "
                                           "account.")
    channel_id = fields.Many2one("ecom.channel", string="Channel", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    account_id = fields.Many2one("account.account", string="Clearing Account", readonly=True)
    journal_id = fields.Many2one("account.journal", string="Journal", readonly=True)
    order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Buyer", readonly=True)
    age_days = fields.Integer(string="Age (days)", readonly=True, group_operator="max")
    age_bucket = fields.Selection(AGE_BUCKETS, string="Age", readonly=True)
    item_count = fields.Integer(string="Items", readonly=True)
    amount = fields.Monetary(
        string="Unsettled", readonly=True,
        help="Received from the buyer (less refunds paid out) and not settled by the "
             "platform yet.")

    def init(self):
        """(Re)create the SQL view over the open items of the clearing accounts."""
        cr = self.env.cr
        tools.drop_view_if_exists(cr, self._table)
        # The order of an item: through its payment's invoice (a credit note
        # through the invoice it refunds) to the sale order lines invoiced.
        create_view(cr, """
            CREATE OR REPLACE VIEW {table} AS (
                SELECT aml.id AS id,
                       aml.id AS move_line_id,
                       aml.move_id AS move_id,
                       aml.date AS date,
                       COALESCE(ord.channel_id, sl.channel_id, jc.channel_id) AS channel_id,
                       aml.company_id AS company_id,
                       company.currency_id AS currency_id,
                       aml.account_id AS account_id,
                       aml.journal_id AS journal_id,
                       ord.order_id AS order_id,
                       aml.partner_id AS partner_id,
                       GREATEST(CURRENT_DATE - aml.date, 0) AS age_days,
                       {bucket} AS age_bucket,
                       1 AS item_count,
                       aml.amount_residual AS amount
                  FROM account_move_line aml
                  JOIN account_move am ON am.id = aml.move_id AND am.state = 'posted'
                  JOIN account_account acc ON acc.id = aml.account_id AND acc.reconcile
                  JOIN res_company company ON company.id = aml.company_id
                  LEFT JOIN ecom_settlement_line sl ON sl.clearing_line_id = aml.id
                  LEFT JOIN LATERAL (
                        SELECT MIN(c.id) AS channel_id
                          FROM ecom_channel c
                         WHERE c.journal_id = aml.journal_id
                  ) jc ON TRUE
                  LEFT JOIN LATERAL (
                        SELECT so.id AS order_id, so.ecom_channel_id AS channel_id
                          FROM account_invoice_payment_rel rel
                          JOIN account_invoice inv ON inv.id = rel.invoice_id
                          JOIN account_invoice_line ail
                            ON ail.invoice_id = COALESCE(inv.refund_invoice_id, inv.id)
                          JOIN sale_order_line_invoice_rel sr ON sr.invoice_line_id = ail.id
                          JOIN sale_order_line sol ON sol.id = sr.order_line_id
                          JOIN sale_order so ON so.id = sol.order_id
                         WHERE rel.payment_id = aml.payment_id
                         ORDER BY so.id
                         LIMIT 1
                  ) ord ON aml.payment_id IS NOT NULL
                 WHERE aml.amount_residual != 0
                   AND aml.account_id IN (
                        SELECT j.default_debit_account_id
                          FROM account_journal j
                          JOIN ecom_channel c ON c.journal_id = j.id
                        UNION
                        SELECT j.default_credit_account_id
                          FROM account_journal j
                          JOIN ecom_channel c ON c.journal_id = j.id)
            )
        """.format(table=self._table, bucket=age_bucket_sql("(CURRENT_DATE - aml.date)")))
