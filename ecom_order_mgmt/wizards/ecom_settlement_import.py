# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Finance uploads a platform settlement (对账单) of a channel: the file is
read (tools/settlement.py), its new lines imported and booked
(ecom.settlement._ecom_import), then the settlement opens; a file whose
lines were all imported before changes nothing and says so."""
import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..const import FINANCE
from ..models.ecom_guard_mixin import ecom_action
from ..tools import settlement as st
from ..tools.order_import.reading import FileError

# Errors of a refused file shown on screen (the first ones).
ERRORS_SHOWN = 20


class EcomSettlementImport(models.TransientModel):
    _name = "ecom.settlement.import"
    _inherit = ["ecom.guard.mixin"]
    _description = "Import a Platform Settlement"

    def _default_bank_journal(self):
        channel = self.env["ecom.channel"].browse(self.env.context.get("default_channel_id"))
        return self._ecom_bank_journal(channel)

    channel_id = fields.Many2one("ecom.channel", string="Channel",
                                 domain=[("journal_id", "!=", False)])
    bank_journal_id = fields.Many2one(
        "account.journal", string="Paid Into", default=_default_bank_journal,
        domain="[('type', '=', 'bank')]",
        help="The bank account the platform pays the net into (default: the company's "
             "first bank journal).")
    file = fields.Binary(string="File", attachment=False,
                         help="The platform's statement: .csv or .xlsx (Alipay account "
                              "statement, JD or Pinduoduo settlement, or the suite's "
                              "template).")
    filename = fields.Char(string="File Name")
    state = fields.Selection([("draft", "Upload"), ("done", "Result")], default="draft",
                             required=True, readonly=True)
    settlement_id = fields.Many2one("ecom.settlement", readonly=True)
    known_ids = fields.Many2many("ecom.settlement.line", string="Already Imported",
                                 readonly=True)
    note = fields.Text(string="Summary", readonly=True)

    @api.model
    def _ecom_actions(self):
        actions = super(EcomSettlementImport, self)._ecom_actions()
        actions["import"] = ecom_action([FINANCE], label=_("Importing a settlement"))
        return actions

    @api.model
    def _ecom_bank_journal(self, channel):
        """The company's first bank journal that is not the channel's clearing one."""
        company = channel.company_id or self.env.user.company_id
        return self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", company.id),
             ("id", "!=", channel.journal_id.id)], order="sequence, id", limit=1)

    @api.onchange("channel_id")
    def _onchange_channel_id(self):
        if self.channel_id and (not self.bank_journal_id
                                or self.bank_journal_id == self.channel_id.journal_id):
            self.bank_journal_id = self._ecom_bank_journal(self.channel_id)

    @api.multi
    def action_import(self):
        """Import the uploaded settlement; open it, or say that nothing was new."""
        self.ensure_one()
        self._ecom_check_rights("import")
        if not self.channel_id:
            raise UserError(_("Choose the channel the settlement is of."))
        if not self.file:
            raise UserError(_("Choose the file to import first."))
        bank = self.bank_journal_id or self._ecom_bank_journal(self.channel_id)
        problem = self.env["ecom.settlement"]._ecom_check_channel(self.channel_id, bank)
        if problem:
            raise UserError(problem)
        parsed = self._ecom_parse(base64.b64decode(self.file), self.filename or "")
        settlement, known = self.env["ecom.settlement"]._ecom_import(
            self.channel_id, parsed, self.filename or "", bank)
        if settlement:
            return self._ecom_open(settlement)
        self.write({
            "state": "done", "file": False, "known_ids": [(6, 0, known.ids)],
            "note": _("All %d lines of %s were imported before (%s): nothing was "
                      "booked again.") % (len(known), self.filename or _("the file"), ", ".join(
                          sorted(set(known.mapped("settlement_id.name"))))),
        })
        return {"type": "ir.actions.act_window", "res_model": self._name,
                "res_id": self.id, "view_mode": "form", "target": "new",
                "name": _("Import Settlement")}

    def _ecom_parse(self, content, filename):
        """The parsed file, or a UserError listing what is wrong with it."""
        try:
            parsed = st.parse_settlement(content, filename)
        except FileError as error:
            raise UserError(_(error.message) % error.params)
        if parsed.errors:
            shown = [_(message) % params for _row, message, params
                     in parsed.errors[:ERRORS_SHOWN]]
            more = len(parsed.errors) - len(shown)
            raise UserError(_("The settlement was not imported: a statement is booked "
                              "whole or not at all. Correct these rows:\n%s%s") % (
                "\n".join(shown), ("\n" + _("... and %d more.") % more) if more > 0 else ""))
        return parsed

    @api.model
    def _ecom_open(self, settlements):
        return {"type": "ir.actions.act_window", "res_model": "ecom.settlement",
                "name": _("Settlements"), "target": "current",
                "view_mode": "form" if len(settlements) == 1 else "tree,form",
                "res_id": settlements.id if len(settlements) == 1 else False,
                "domain": [("id", "in", settlements.ids)]}

    @api.multi
    def action_open_known(self):
        """The settlements the file's lines were imported in."""
        self.ensure_one()
        return self._ecom_open(self.known_ids.mapped("settlement_id"))


class EcomSettlementResolve(models.TransientModel):
    """Finance resolves a line of a settlement: matched to an order by hand,
    or what the clearing account does not hold booked to an account."""

    _name = "ecom.settlement.resolve"
    _description = "Resolve a Settlement Line"

    line_id = fields.Many2one("ecom.settlement.line", required=True, readonly=True)
    channel_id = fields.Many2one(related="line_id.channel_id", readonly=True)
    company_id = fields.Many2one(related="line_id.company_id", readonly=True)
    currency_id = fields.Many2one(related="line_id.currency_id", readonly=True)
    problem = fields.Selection(related="line_id.problem", readonly=True)
    gross = fields.Monetary(related="line_id.gross", readonly=True)
    expected = fields.Monetary(related="line_id.expected", readonly=True)
    order_id = fields.Many2one(
        "sale.order", string="Order",
        domain="[('ecom_channel_id', '=', channel_id)]",
        help="The channel order the line is about, when the platform's number did not "
             "find it.")
    account_id = fields.Many2one(
        "account.account", string="Book Difference To",
        domain="[('company_id', '=', company_id), ('deprecated', '=', False)]",
        help="What the clearing account does not hold for the order (all of the gross "
             "when there is no order) is booked to this account: a platform subsidy, a "
             "loss, a suspense account...")
    note = fields.Text(string="Why")

    @api.multi
    def action_resolve(self):
        """Resolve the line as chosen; back to its settlement."""
        self.ensure_one()
        self.line_id._ecom_resolve(order=self.order_id or None,
                                   account=self.account_id or None, note=self.note)
        return {"type": "ir.actions.act_window_close"}


class EcomKpiExport(models.TransientModel):
    """The Unsettled by Channel report exports as the KPI reports do."""

    _inherit = "ecom.kpi.export"

    report_model = fields.Selection(selection_add=[
        ("ecom.unsettled.report", "Unsettled by Channel")])
