# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Import of a carrier's cash-on-delivery remittance statement (finance).

Each parcel of the file (tracking number, amount collected, date) is found
by its delivery's tracking number; what the carrier collected is registered
as a customer payment against the order's open invoice, in the journal the
carrier remits to. What does not fit (amount short, more than owed, unknown
tracking number, already paid, not cash on delivery, no invoice) is listed
on the statement for finance. Nothing is paid twice: the same file is one
statement, the same remittance (parcel, day, amount) one line, each with a
unique key, so two people importing at once end with one import.
"""
import base64
from collections import defaultdict

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import mute_logger

from ..const import COD_MODES, FINANCE
from ..tools import cod
from ..tools.order_import.reading import FileError
from .ecom_guard_mixin import ecom_action


def _busy(name):
    return _("Statement %s is already imported, or someone else is importing it right now: "
             "see the COD statements.") % name


class EcomCodImport(models.TransientModel):
    _name = "ecom.cod.import"
    _inherit = ["ecom.guard.mixin"]
    _description = "Import a COD Remittance Statement"

    def _default_journal(self):
        return self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.env.user.company_id.id)],
            order="sequence, id", limit=1)

    file = fields.Binary(string="Statement File", required=True, attachment=False)
    filename = fields.Char()
    carrier_id = fields.Many2one("delivery.carrier", string="Carrier")
    journal_id = fields.Many2one(
        "account.journal", string="Remitted To", required=True, default=_default_journal,
        domain="[('type', 'in', ('bank', 'cash'))]",
        help="The bank (or cash) journal the carrier paid the collected money into.")

    @api.model
    def _ecom_actions(self):
        actions = super(EcomCodImport, self)._ecom_actions()
        actions["import"] = ecom_action([FINANCE], label=_("Importing a COD statement"))
        return actions

    @api.multi
    def action_import(self):
        """Import the statement; opens it (payments registered, differences listed)."""
        self.ensure_one()
        self._ecom_check_rights("import")
        content = base64.b64decode(self.file or b"")
        rows = self._ecom_read(content)
        statement = self._ecom_create_statement(content, rows)
        statement._ecom_register_payments()
        return {
            "type": "ir.actions.act_window", "res_model": "ecom.cod.statement",
            "res_id": statement.id, "view_mode": "form", "target": "current",
            "name": statement.name,
        }

    def _ecom_read(self, content):
        try:
            rows, problems = cod.parse_statement(content, self.filename or "")
        except FileError as error:
            raise UserError(_(error.message) % error.params)
        if problems:
            # A carrier's statement is all or nothing: a bad row means a
            # wrong file, never half a remittance booked.
            raise UserError(_("Nothing was imported:\n%s") % "\n".join(
                _(problem.message) % problem.params for problem in problems[:20]))
        return rows

    def _ecom_create_statement(self, content, rows):
        """The statement and its lines, judged; a file or a remittance
        imported before (or right now by someone else) is refused."""
        company = self.journal_id.company_id
        digest = cod.digest(content)
        Statement = self.env["ecom.cod.statement"].sudo()
        known = Statement.search([("digest", "=", digest), ("company_id", "=", company.id)])
        if known:
            raise UserError(_busy(known.name))
        lines = self._ecom_judge(rows, company)
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                statement = Statement.create({
                    "filename": self.filename, "digest": digest, "company_id": company.id,
                    "carrier_id": self.carrier_id.id, "journal_id": self.journal_id.id,
                    "user_id": self.env.uid,
                    "line_ids": [(0, 0, values) for values in lines]})
        except psycopg2.IntegrityError:
            raise UserError(_busy(self.filename or ""))
        return self.env["ecom.cod.statement"].browse(statement.id)

    def _ecom_judge(self, rows, company):
        """Values of the statement lines: each remittance against its order."""
        keys = [cod.line_key(row.tracking_ref, row.date, row.amount) for row in rows]
        booked = set(self.env["ecom.cod.statement.line"].sudo().search(
            [("key", "in", keys), ("company_id", "=", company.id)]).mapped("key"))
        pickings = self._ecom_deliveries([row.tracking_ref for row in rows], company)
        owed = {}  # order id: what is left owed after the lines before
        values, seen = [], set()
        for row, key in zip(rows, keys):
            line = {"row": row.row, "tracking_ref": row.tracking_ref,
                    "amount": float(row.amount), "date": fields.Date.to_string(row.date)}
            picking = pickings.get(row.tracking_ref.strip().upper())
            if key in booked or key in seen:
                line.update(outcome=cod.IMPORTED_BEFORE, difference=0.0,
                            picking_id=picking.id if picking else False)
                values.append(line)
                continue
            seen.add(key)
            line["key"] = key
            if not picking:
                line.update(outcome=cod.UNKNOWN, difference=float(row.amount))
                values.append(line)
                continue
            order = picking.sale_id
            invoices = order._ecom_customer_invoices()
            if order.id not in owed:
                owed[order.id] = cod.money(sum(invoices.filtered(
                    lambda i: i.state == "open").mapped("residual")))
            judgement = cod.judge(row.amount, owed[order.id],
                                  cod=order.ecom_payment_mode in COD_MODES,
                                  invoiced=bool(invoices))
            owed[order.id] -= judgement.register
            line.update(picking_id=picking.id, order_id=order.id,
                        owed=float(owed[order.id] + judgement.register),
                        outcome=judgement.outcome, registered=float(judgement.register),
                        difference=float(judgement.difference))
            values.append(line)
        return values

    def _ecom_deliveries(self, refs, company):
        """{tracking number (upper case): the delivery of a sale order}."""
        pickings = self.env["stock.picking"].sudo().search([
            ("carrier_tracking_ref", "in", list({ref.strip() for ref in refs})),
            ("picking_type_code", "=", "outgoing"), ("sale_id", "!=", False),
            ("company_id", "=", company.id), ("state", "!=", "cancel")], order="id")
        found = defaultdict(lambda: self.env["stock.picking"])
        for picking in pickings:
            found[picking.carrier_tracking_ref.strip().upper()] |= picking
        return {ref: found[ref][:1] for ref in found}


class EcomCodStatement(models.Model):
    _inherit = "ecom.cod.statement"

    def _ecom_register_payments(self):
        """Register what each line of the statement pays (import time)."""
        self.ensure_one()
        for line in self.sudo().line_ids.filtered(lambda l: l.registered > 0):
            order = line.order_id
            invoices = order._ecom_customer_invoices().filtered(lambda i: i.state == "open")
            payment = order._ecom_register_payment(
                line.registered, invoices, self.journal_id,
                _("COD %s %s") % (line.tracking_ref, self.name), date=line.date)
            line._ecom_write({"payment_id": payment.id})
        self.message_post(body=_("Imported %s: %d parcels, %d payments, %d differences.") % (
            self.filename or "", len(self.line_ids), len(self.line_ids.filtered("payment_id")),
            self.difference_count))
