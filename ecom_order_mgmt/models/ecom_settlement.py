# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A platform settlement (对账单) imported for a channel, and its booking.

Each line of the platform's statement is matched to its channel order; the
lines whose gross is what the channel's clearing account holds for the order
are booked at once in one journal entry of the clearing journal: the gross
leaves the clearing account (reconciled with the order's payment there), the
fees are expenses on the channel's fee accounts, the net arrives in the
company's bank. The other lines wait on the settlement for finance
(ecom_settlement_line.py: their resolution). A line is imported once: the
platform's line number is unique per channel, and two imports of one
channel run one at a time.
"""

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..const import FINANCE
from ..tools import settlement as st
from ..tools.locks import lock_rows_nowait
from .ecom_guard_mixin import ecom_action

STATES = [("to_resolve", "To Resolve"), ("done", "Settled")]
PROFILES = [(profile.name, profile.label) for profile in st.PROFILES.values()]


class EcomSettlement(models.Model):
    """One platform statement of a channel, as imported."""

    _name = "ecom.settlement"
    _description = "Platform Settlement"
    _inherit = ["mail.thread", "ecom.guard.mixin"]
    _order = "id desc"
    _ecom_protected_fields = ("state",)

    name = fields.Char(string="Settlement", readonly=True, copy=False, default="/")
    channel_id = fields.Many2one("ecom.channel", string="Channel", required=True,
                                 readonly=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="channel_id.company_id", store=True,
                                 readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    journal_id = fields.Many2one(
        "account.journal", string="Clearing Journal", required=True, readonly=True,
        help="The platform's journal: what the buyers paid waits in its account until "
             "the platform settles it.")
    bank_journal_id = fields.Many2one(
        "account.journal", string="Paid Into", required=True, readonly=True,
        help="The bank journal the platform pays the net into.")
    profile = fields.Selection(PROFILES, string="File Layout", readonly=True)
    filename = fields.Char(string="File", readonly=True)
    date = fields.Date(string="Settlement Date", readonly=True,
                       help="The latest date of the statement's lines: the date of its "
                            "journal entries.")
    user_id = fields.Many2one("res.users", string="Imported By", readonly=True,
                              default=lambda self: self.env.uid)
    line_ids = fields.One2many("ecom.settlement.line", "settlement_id", string="Lines",
                               readonly=True)
    move_ids = fields.Many2many("account.move", string="Journal Entries",
                                compute="_compute_totals")
    state = fields.Selection(STATES, string="Status", compute="_compute_state", store=True,
                             index=True, track_visibility="onchange")
    line_count = fields.Integer(string="Lines", compute="_compute_totals")
    open_count = fields.Integer(string="To Resolve", compute="_compute_totals")
    gross_total = fields.Monetary(string="Gross", compute="_compute_totals")
    fee_total = fields.Monetary(string="Fees", compute="_compute_totals")
    net_total = fields.Monetary(string="Net Paid", compute="_compute_totals")
    skipped_count = fields.Integer(
        string="Rows Left Aside", readonly=True,
        help="Rows of the file that are no order's money (withdrawals, transfers).")

    can_match_again = fields.Boolean(compute="_compute_ecom_can")

    @api.depends("line_ids.state")
    def _compute_state(self):
        for settlement in self:
            settlement.state = "to_resolve" if any(
                line.state == "to_resolve" for line in settlement.line_ids) else "done"

    @api.depends("line_ids.gross", "line_ids.net", "line_ids.state", "line_ids.move_id")
    def _compute_totals(self):
        for settlement in self:
            lines = settlement.line_ids
            settlement.line_count = len(lines)
            settlement.open_count = len(lines.filtered(lambda ln: ln.state == "to_resolve"))
            settlement.gross_total = sum(lines.mapped("gross"))
            settlement.fee_total = sum(lines.mapped("commission")) + \
                sum(lines.mapped("other_fees"))
            settlement.net_total = sum(lines.mapped("net"))
            settlement.move_ids = lines.mapped("move_id")

    # ------------------------------------------------------------------
    # Guard
    # ------------------------------------------------------------------
    @api.model
    def _ecom_actions(self):
        actions = super(EcomSettlement, self)._ecom_actions()
        actions.update({
            "import": ecom_action([FINANCE], label=_("Importing a settlement")),
            "match_again": ecom_action([FINANCE], ["to_resolve"], label=_(
                "Matching a settlement again"), refusal=_(
                "Settlement %(name)s is %(stage)s: nothing is left to match.")),
        })
        return actions

    # ------------------------------------------------------------------
    # Import
    # ------------------------------------------------------------------
    @api.model
    def _ecom_import(self, channel, parsed, filename, bank_journal):
        """Import the lines of `parsed` (a tools.settlement.SettlementFile)
        not imported yet for `channel`; book those that match.

        Returns (new settlement or an empty recordset, lines already imported).
        """
        self._ecom_check_rights("import")
        self._ecom_lock_channel(channel)
        Line = self.env["ecom.settlement.line"]
        keys = [line.key for line in parsed.lines]
        known = Line.search([("channel_id", "=", channel.id), ("key", "in", keys)])
        known_keys = set(known.mapped("key"))
        new = [line for line in parsed.lines if line.key not in known_keys]
        if not new:
            return self.browse(), known
        dates = [line.date for line in new if line.date]
        settlement = self.create({
            "name": self.env["ir.sequence"].next_by_code("ecom.settlement") or "/",
            "channel_id": channel.id, "journal_id": channel.journal_id.id,
            "bank_journal_id": bank_journal.id, "profile": parsed.profile,
            "filename": filename, "skipped_count": parsed.skipped,
            "date": fields.Date.to_string(max(dates)) if dates
            else fields.Date.context_today(self),
            "line_ids": [(0, 0, Line._ecom_values(line)) for line in new],
        })
        settlement.line_ids._ecom_match()
        settlement._ecom_book(settlement.line_ids.filtered(lambda ln: not ln.problem))
        settlement.message_post(body=_(
            "Imported from %s: %d lines, %d booked, %d to resolve; %d already imported "
            "lines left as they were.") % (
            filename, len(new), settlement.line_count - settlement.open_count,
            settlement.open_count, len(known)))
        return settlement, known

    def _ecom_lock_channel(self, channel):
        """One import of a channel's settlements at a time: the second one
        is refused at once, and one that started before the first committed
        is refused too (it would not see the first one's lines)."""
        if not lock_rows_nowait(self.env.cr, "ecom_channel", channel.ids,
                                strength="NO KEY UPDATE", touch=True):
            raise UserError(_(
                "Someone else is importing a settlement of %s right now. Reload it and "
                "try again.") % channel.display_name)

    @api.model
    def _ecom_check_channel(self, channel, bank_journal):
        """What keeps `channel`'s settlements from being booked, or None."""
        journal = channel.journal_id
        account = journal.default_credit_account_id
        if not journal or not account:
            return _("Channel %s has no clearing journal with an account.") % channel.name
        if not account.reconcile:
            return _("The account %s of the clearing journal %s of channel %s does not allow "
                     "reconciliation: a settlement could not clear the buyers' payments "
                     "in it.") % (account.display_name, journal.name, channel.name)
        if not bank_journal or bank_journal == journal:
            return _("Choose the bank journal the platform pays into (not the clearing "
                     "journal itself).")
        if bank_journal.company_id != channel.company_id:
            return _("The bank journal %s is not of the company of channel %s.") % (
                bank_journal.name, channel.name)
        return None

    # ------------------------------------------------------------------
    # Booking
    # ------------------------------------------------------------------
    def _ecom_book(self, lines, counterpart=None):
        """Book `lines` (of this settlement) in one journal entry of the
        clearing journal and reconcile each line's clearing item with its
        order's open items; `counterpart` (an account) takes what the
        clearing account does not (a resolution)."""
        self.ensure_one()
        if not lines:
            return self.env["account.move"]
        entries = []  # (settlement line id, role, journal item values)
        for line in lines:
            entries.extend((line.id, role, item)
                           for role, item in line._ecom_move_items(counterpart))
        bank_account = self.bank_journal_id.default_debit_account_id
        if not bank_account:
            raise UserError(_("The journal %s has no account.") % self.bank_journal_id.name)
        entries.append((None, "bank", self._ecom_item(
            bank_account, sum(lines.mapped("net")),
            _("%s: paid by the platform") % self.name)))
        entries = [entry for entry in entries if entry[2]["debit"] or entry[2]["credit"]]
        move = self.env["account.move"].sudo().create({
            "journal_id": self.journal_id.id, "date": self.date,
            "ref": "%s %s" % (self.name, self.filename or ""),
            "company_id": self.company_id.id,
            "line_ids": [(0, 0, item) for _id, _role, item in entries],
        })
        move.post()
        # The items were created in the order of their commands.
        created = move.line_ids.sorted("id")
        clearing = {line_id: created[index] for index, (line_id, role, _item)
                    in enumerate(entries) if role == "clearing"}
        for line in lines:
            line._ecom_write({
                "move_id": move.id,
                "clearing_line_id": clearing[line.id].id if line.id in clearing else False,
                "state": "resolved" if counterpart else "matched"})
            line._ecom_reconcile()
        return move

    @api.model
    def _ecom_item(self, account, balance, name, partner=None):
        """Values of a journal item of `balance` (positive: debit)."""
        balance = float(st.money(balance))
        return {"account_id": account.id, "name": name,
                "debit": balance if balance > 0 else 0.0,
                "credit": -balance if balance < 0 else 0.0,
                "partner_id": partner.id if partner else False}

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.multi
    def action_match_again(self):
        """Match the lines still to resolve again (their orders may have been
        invoiced and paid since) and book those that match now."""
        self._ecom_ensure("match_again")
        for settlement in self:
            lines = settlement.line_ids.filtered(lambda ln: ln.state == "to_resolve")
            lines._ecom_match()
            matched = lines.filtered(lambda ln: not ln.problem)
            settlement._ecom_book(matched)
            settlement.message_post(body=_("Matched again: %d of %d lines booked.") % (
                len(matched), len(lines)))
        return True

    @api.model
    def create(self, vals):
        self._ecom_check_protected(vals)
        return super(EcomSettlement, self).create(vals)
