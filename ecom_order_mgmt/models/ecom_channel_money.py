# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How the money of a channel flows through Odoo's accounting (contract:
``journal_id``, ``invoice_policy``): the platform's clearing journal the
buyers' payments are booked in, when its orders are invoiced, and the
expense accounts of the platform's fees (used by the settlement import)."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

INVOICE_POLICIES = [
    ("approval", "At finance approval"),
    ("shipment", "At shipment"),
]


class EcomChannel(models.Model):
    _inherit = "ecom.channel"

    def _default_journal_id(self):
        # The company's own bank until finance sets the platform's journal:
        # a channel always says where its buyers' money is booked.
        company = self.env["res.company"].browse(
            self.env.context.get("default_company_id")) or self.env.user.company_id
        return self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", company.id)],
            order="sequence, id", limit=1)

    journal_id = fields.Many2one(
        "account.journal", string="Clearing Journal", default=_default_journal_id,
        track_visibility="onchange", ondelete="restrict",
        domain="[('type', '=', 'bank'), ('company_id', '=', company_id)]",
        help="The platform's clearing journal (支付宝, 微信支付, 京东钱包, 拼多多货款...): "
             "what the buyers paid is booked in its account when the order is invoiced, "
             "and stays there until the platform settles it to the company's bank.")
    invoice_policy = fields.Selection(
        INVOICE_POLICIES, string="Invoice Orders", required=True, default="approval",
        track_visibility="onchange",
        help="When the channel's orders are invoiced (and a prepaid order's payment "
             "booked): when finance approves them, or when they are shipped.")
    fee_account_id = fields.Many2one(
        "account.account", string="Commission Account", ondelete="restrict",
        domain="[('company_id', '=', company_id), ('deprecated', '=', False)]",
        help="Expense account of the platform's commission and technical service fees "
             "deducted from its settlements.")
    other_fee_account_id = fields.Many2one(
        "account.account", string="Other Fees Account", ondelete="restrict",
        domain="[('company_id', '=', company_id), ('deprecated', '=', False)]",
        help="Expense account of the platform's other deductions (marketing, freight "
             "insurance...); empty: the commission account.")

    @api.model
    def create(self, vals):
        # The default journal is the current company's: a channel made for
        # another company takes that company's bank journal (or none yet).
        if vals.get("company_id") and "journal_id" not in vals:
            vals = dict(vals, journal_id=self.with_context(
                default_company_id=vals["company_id"])._default_journal_id().id)
        return super(EcomChannel, self).create(vals)

    @api.onchange("company_id")
    def _onchange_company_id_journal(self):
        if self.journal_id.company_id != self.company_id:
            self.journal_id = self.with_context(
                default_company_id=self.company_id.id)._default_journal_id()

    @api.constrains("journal_id", "company_id")
    def _check_journal_id(self):
        for channel in self.filtered("journal_id"):
            journal = channel.journal_id
            if journal.type != "bank" or journal.company_id != channel.company_id:
                raise ValidationError(_(
                    "Channel %s: the clearing journal must be a bank journal of the "
                    "channel's company.") % channel.display_name)

    def _ecom_other_fee_account(self):
        """The account of the platform's other fees (the commission's when unset)."""
        self.ensure_one()
        return self.other_fee_account_id or self.fee_account_id
