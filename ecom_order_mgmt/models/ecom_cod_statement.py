# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A carrier's cash-on-delivery remittance statement, once imported: each
parcel's remittance, the payment it registered against the order's invoice
and the differences left for finance (ecom_cod_import.py imports it)."""
from odoo import _, api, fields, models

from ..const import FINANCE
from ..tools import cod
from .ecom_guard_mixin import ecom_action

OUTCOMES = [
    (cod.PAID, "Paid"),
    (cod.SHORT, "Amount short"),
    (cod.OVER, "More than owed"),
    (cod.ALREADY_PAID, "Already paid"),
    (cod.NOT_INVOICED, "Not invoiced"),
    (cod.NOT_COD, "Not cash on delivery"),
    (cod.UNKNOWN, "Unknown tracking number"),
    (cod.IMPORTED_BEFORE, "Imported before"),
]


class EcomCodStatement(models.Model):
    """One imported remittance statement of a carrier (代收货款回款单)."""

    _name = "ecom.cod.statement"
    _description = "COD Remittance Statement"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    filename = fields.Char(readonly=True)
    digest = fields.Char(readonly=True, copy=False,
                         help="Fingerprint of the file: the same file is imported once.")
    carrier_id = fields.Many2one("delivery.carrier", string="Carrier", readonly=True)
    journal_id = fields.Many2one("account.journal", string="Journal", required=True,
                                 readonly=True, help="Where the carrier remitted the money.")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True,
                                 default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    user_id = fields.Many2one("res.users", string="Imported By", readonly=True,
                              default=lambda self: self.env.uid)
    line_ids = fields.One2many("ecom.cod.statement.line", "statement_id", string="Parcels",
                               readonly=True)
    collected_total = fields.Monetary(string="Collected", compute="_compute_totals")
    registered_total = fields.Monetary(string="Registered", compute="_compute_totals")
    difference_count = fields.Integer(string="Differences to Resolve",
                                      compute="_compute_totals")

    _sql_constraints = [
        ("digest_company_uniq", "unique(digest, company_id)",
         "This statement file is already imported."),
    ]

    @api.depends("line_ids.amount", "line_ids.registered", "line_ids.resolved")
    def _compute_totals(self):
        for statement in self:
            lines = statement.line_ids
            statement.collected_total = sum(lines.mapped("amount"))
            statement.registered_total = sum(lines.mapped("registered"))
            statement.difference_count = len(lines.filtered(
                lambda line: line.outcome != cod.PAID and not line.resolved))

    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code("ecom.cod.statement") or "/"
        return super(EcomCodStatement, self).create(vals)


class EcomCodStatementLine(models.Model):
    """One parcel's remittance on a statement and what it came to."""

    _name = "ecom.cod.statement.line"
    _description = "COD Remittance"
    _inherit = ["ecom.guard.mixin"]
    _order = "statement_id desc, row, id"
    _ecom_state_field = "outcome"
    # What the import found and did: only the import and the actions write it.
    _ecom_protected_fields = ("statement_id", "row", "tracking_ref", "amount", "date", "key",
                              "picking_id", "order_id", "owed", "registered", "difference",
                              "outcome", "payment_id", "note", "resolved", "resolved_by",
                              "resolved_at")

    statement_id = fields.Many2one("ecom.cod.statement", required=True, index=True,
                                   ondelete="cascade", readonly=True)
    company_id = fields.Many2one(related="statement_id.company_id", store=True,
                                 readonly=True)
    currency_id = fields.Many2one(related="statement_id.currency_id", readonly=True)
    row = fields.Integer(readonly=True, help="Row of the statement file.")
    tracking_ref = fields.Char(string="Tracking No.", required=True, readonly=True,
                               index=True)
    amount = fields.Monetary(string="Collected", readonly=True)
    date = fields.Date(readonly=True, help="Day the carrier collected or remitted it.")
    key = fields.Char(readonly=True, copy=False,
                      help="The parcel, day and amount: one remittance is booked once.")
    picking_id = fields.Many2one("stock.picking", string="Delivery", readonly=True)
    order_id = fields.Many2one("sale.order", string="Order", readonly=True, index=True)
    owed = fields.Monetary(string="Owed Before", readonly=True,
                           help="What the order's open invoices still owed.")
    registered = fields.Monetary(readonly=True, help="Paid on the order's invoice.")
    difference = fields.Monetary(readonly=True, help="What finance must resolve.")
    outcome = fields.Selection(OUTCOMES, required=True, readonly=True, index=True)
    payment_id = fields.Many2one("account.payment", string="Payment", readonly=True)
    note = fields.Char(readonly=True)
    resolved = fields.Boolean(readonly=True, copy=False)
    resolved_by = fields.Many2one("res.users", readonly=True, copy=False)
    resolved_at = fields.Datetime(readonly=True, copy=False)
    resolution = fields.Char(help="How finance resolved the difference.")
    can_resolve = fields.Boolean(compute="_compute_ecom_can")

    _sql_constraints = [
        # Two statements never book the same remittance (a duplicate line
        # is kept without its key, as "imported before").
        ("key_company_uniq", "unique(key, company_id)",
         "This remittance is already imported."),
    ]

    @api.model
    def _ecom_actions(self):
        actions = super(EcomCodStatementLine, self)._ecom_actions()
        actions["resolve"] = ecom_action(
            [FINANCE], [o for o, _label in OUTCOMES if o != cod.PAID],
            label=_("Resolving a COD difference"),
            refusal=_("%(name)s has no difference to resolve."))
        return actions

    def _ecom_why_not(self, action):
        why = super(EcomCodStatementLine, self)._ecom_why_not(action)
        if not why and action == "resolve" and self.resolved:
            return _("%s is already resolved.") % self.display_name
        return why

    @api.multi
    def name_get(self):
        return [(line.id, "%s %s" % (line.statement_id.name, line.tracking_ref))
                for line in self]

    @api.multi
    def action_resolve(self):
        """Finance marks the differences of these parcels as resolved."""
        self._ecom_ensure("resolve")
        self._ecom_write({"resolved": True, "resolved_by": self.env.uid,
                          "resolved_at": fields.Datetime.now()})
        for line in self:
            line.statement_id.message_post(body=_("%s: difference resolved. %s") % (
                line.tracking_ref, line.resolution or ""))
        return True
