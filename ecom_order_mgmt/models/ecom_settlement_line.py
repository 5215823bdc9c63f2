# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A line of a platform settlement: its order, what the clearing account
holds for it, its journal items, and finance's resolution of a difference."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..const import FINANCE
from ..tools import settlement as st
from .ecom_guard_mixin import ecom_action

LINE_STATES = [
    ("matched", "Matched"),
    ("to_resolve", "To Resolve"),
    ("resolved", "Resolved"),
]
PROBLEMS = [
    (st.NO_ORDER, "No such order"),
    (st.NO_PAYMENT, "No payment booked"),
    (st.SETTLED, "Already settled"),
    (st.AMOUNT, "Amount differs"),
]


class EcomSettlementLine(models.Model):
    _name = "ecom.settlement.line"
    _description = "Platform Settlement Line"
    _inherit = ["ecom.guard.mixin"]
    _order = "settlement_id, row, id"
    _rec_name = "key"
    _ecom_protected_fields = ("state", "move_id", "clearing_line_id", "order_id", "expected",
                              "problem", "resolution", "resolved_by", "account_id")

    settlement_id = fields.Many2one("ecom.settlement", required=True, index=True,
                                    ondelete="cascade", readonly=True)
    channel_id = fields.Many2one(related="settlement_id.channel_id", store=True,
                                 readonly=True, index=True)
    company_id = fields.Many2one(related="settlement_id.company_id", store=True,
                                 readonly=True)
    currency_id = fields.Many2one(related="settlement_id.currency_id", readonly=True)
    row = fields.Integer(string="Row", readonly=True, help="Row of the file.")
    key = fields.Char(string="Line No.", required=True, readonly=True,
                      help="The platform's number of the line (or of the order's first "
                           "movement): a line is imported once.")
    order_ref = fields.Char(string="Platform Order No.", readonly=True, index=True)
    date = fields.Date(readonly=True)
    gross = fields.Monetary(readonly=True, help="What the buyer paid, less refunds.")
    commission = fields.Monetary(readonly=True,
                                 help="Commission and technical service fee.")
    other_fees = fields.Monetary(readonly=True)
    net = fields.Monetary(string="Net Paid", readonly=True)
    order_id = fields.Many2one("sale.order", string="Order", readonly=True, index=True)
    expected = fields.Monetary(
        string="In Clearing", readonly=True,
        help="What the clearing account held for the order when the line was matched.")
    difference = fields.Monetary(compute="_compute_difference")
    problem = fields.Selection(PROBLEMS, readonly=True)
    state = fields.Selection(LINE_STATES, required=True, default="to_resolve",
                             readonly=True, index=True)
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True)
    clearing_line_id = fields.Many2one(
        "account.move.line", string="Clearing Item", readonly=True,
        help="The journal item that took the gross out of the clearing account.")
    account_id = fields.Many2one("account.account", string="Difference Booked To",
                                 readonly=True)
    resolution = fields.Text(readonly=True)
    resolved_by = fields.Many2one("res.users", readonly=True)

    can_resolve = fields.Boolean(compute="_compute_ecom_can")

    _sql_constraints = [
        ("key_uniq", "unique(channel_id, key)",
         "This settlement line was already imported for the channel."),
    ]

    @api.depends("gross", "expected", "problem")
    def _compute_difference(self):
        for line in self:
            line.difference = line.gross - line.expected if line.order_id else line.gross

    @api.model
    def _ecom_values(self, parsed):
        """Values of a new line from a tools.settlement.SettlementLine."""
        return {
            "row": parsed.row, "key": parsed.key, "order_ref": parsed.order_ref,
            "date": fields.Date.to_string(parsed.date) if parsed.date else False,
            "gross": float(parsed.gross), "commission": float(parsed.commission),
            "other_fees": float(parsed.other_fees), "net": float(parsed.net),
        }

    # ------------------------------------------------------------------
    # Guard
    # ------------------------------------------------------------------
    @api.model
    def _ecom_actions(self):
        actions = super(EcomSettlementLine, self)._ecom_actions()
        actions["resolve"] = ecom_action([FINANCE], ["to_resolve"], label=_(
            "Resolving a settlement difference"), refusal=_(
            "Line %(name)s is %(stage)s: there is nothing to resolve."))
        return actions

    # ------------------------------------------------------------------
    # Matching
    # ------------------------------------------------------------------
    def _ecom_match(self, orders=None):
        """Find each line's order (by the channel's platform order number, or
        `orders`: {line id: order} given by hand) and say whether its gross
        is what the clearing account holds for it. Lines of one order in one
        batch take from the same open items, in their order."""
        orders = orders or {}
        by_ref = self._ecom_orders_by_ref()
        remaining = {}
        for line in self:
            order = orders.get(line.id) or line._ecom_order_of(by_ref)
            if order and order.id not in remaining:
                remaining[order.id] = line._ecom_open_items(order)
            open_items, booked = remaining.get(order.id, (None, False)) if order \
                else (None, False)
            expected = sum(open_items.mapped("amount_residual")) if open_items else 0.0
            problem = st.match(line.gross, expected, bool(order), booked)
            line._ecom_write({"order_id": order.id if order else False,
                              "expected": expected, "problem": problem or False})
            if order and not problem:
                # the items this line clears are not the next line's
                remaining[order.id] = (open_items.browse(), booked)
        return True

    def _ecom_orders_by_ref(self):
        """{(channel id, platform order no.): order} for the lines' references."""
        refs = set()
        for line in self:
            refs.update(st.order_refs(line.order_ref))
        if not refs:
            return {}
        orders = self.env["sale.order"].sudo().search([
            ("ecom_channel_id", "in", self.mapped("channel_id").ids),
            ("ecom_platform_ref", "in", sorted(refs))])
        return {(order.ecom_channel_id.id, order.ecom_platform_ref): order for order in orders}

    def _ecom_order_of(self, by_ref):
        for ref in st.order_refs(self.order_ref):
            order = by_ref.get((self.channel_id.id, ref))
            if order:
                return order
        return self.env["sale.order"]

    def _ecom_open_items(self, order):
        """(open items, any item): the order's posted journal items in the
        clearing account of the settlement not settled yet (its payments in,
        its refunds out), and whether it has any item there at all."""
        account = self.settlement_id.journal_id.default_credit_account_id
        items = order.sudo()._ecom_money().clearing_lines.filtered(
            lambda item: item.account_id == account and item.move_id.state == "posted")
        return items.filtered(lambda item: not item.reconciled), bool(items)

    # ------------------------------------------------------------------
    # Booking
    # ------------------------------------------------------------------
    def _ecom_move_items(self, counterpart=None):
        """[(role, journal item values)] of this line: the gross out of the
        clearing account (what it holds for the order, the rest to
        `counterpart` when given), the fees to the channel's expense
        accounts. The bank's item is the settlement's, for all its lines."""
        self.ensure_one()
        settlement = self.settlement_id
        channel = self.channel_id
        make = settlement._ecom_item
        partner = self.order_id.partner_invoice_id.commercial_partner_id \
            if self.order_id else None
        label = self.order_ref or self.key
        cleared = self.gross if not counterpart else (self.expected if self.order_id else 0.0)
        items = [("clearing", make(settlement.journal_id.default_credit_account_id,
                                   -cleared, _("%s: settled") % label, partner))]
        if counterpart:
            items.append(("difference", make(counterpart, cleared - self.gross, _(
                "%s: settlement difference") % label, partner)))
        for amount, account, name in (
                (self.commission, channel.fee_account_id, _("%s: commission") % label),
                (self.other_fees, channel._ecom_other_fee_account(),
                 _("%s: other fees") % label)):
            if not amount:
                continue
            if not account:
                raise UserError(_("Channel %s has no account for the platform's fees: set "
                                  "it on the channel (Money).") % channel.name)
            items.append(("fee", make(account, amount, name)))
        return items

    def _ecom_reconcile(self):
        """Reconcile the line's clearing item with its order's open items."""
        if not self.clearing_line_id or not self.order_id:
            return
        open_items, _booked = self._ecom_open_items(self.order_id)
        items = (open_items | self.clearing_line_id).sudo()
        if len(items) > 1:
            items.reconcile()

    # ------------------------------------------------------------------
    # Resolution
    # ------------------------------------------------------------------
    @api.multi
    def action_open_resolve(self):
        """The resolution wizard of this line."""
        self.ensure_one()
        self._ecom_ensure("resolve")
        return {
            "type": "ir.actions.act_window", "name": _("Resolve"),
            "res_model": "ecom.settlement.resolve", "view_mode": "form", "target": "new",
            "context": {"default_line_id": self.id,
                        "default_order_id": self.order_id.id},
        }

    def _ecom_resolve(self, order=None, account=None, note=None):
        """Finance's decision on a line: match it to `order` (by hand) and
        book it if it matches now; else book what the clearing account does
        not hold for it to `account`. Returns True when the line is booked."""
        self.ensure_one()
        self._ecom_ensure("resolve")
        if order and order != self.order_id:
            if order.ecom_channel_id != self.channel_id:
                raise UserError(_("Order %s is not an order of channel %s.") % (
                    order.name, self.channel_id.name))
            self._ecom_match({self.id: order})
        elif self.order_id:
            self._ecom_match({self.id: self.order_id})
        if not self.problem:
            self.settlement_id._ecom_book(self)
            how = _("matched to order %s") % self.order_id.name
        elif account:
            self.settlement_id._ecom_book(self, counterpart=account)
            self._ecom_write({"account_id": account.id})
            how = _("%s booked to %s") % (self._ecom_amount_text(), account.display_name)
        else:
            raise UserError(_("Line %s still differs: %s. Choose the account that takes the "
                              "difference.") % (self.key, self._ecom_problem_text()))
        self._ecom_write({"state": "resolved", "resolved_by": self.env.uid,
                          "resolution": note or False})
        self.settlement_id.message_post(body=_("Line %s (%s) resolved by %s: %s.%s") % (
            self.key, self.order_ref or "", self.env.user.name, how,
            (" " + note) if note else ""))
        return True

    def _ecom_amount_text(self):
        difference = self.difference
        return _("the difference %.2f") % difference if self.order_id and self.expected \
            else _("the gross %.2f") % self.gross

    def _ecom_problem_text(self):
        """The line's problem as finance reads it."""
        labels = dict(self._fields["problem"]._description_selection(self.env))
        label = labels.get(self.problem, "")
        if self.problem == st.AMOUNT:
            return _("%s (gross %.2f, in clearing %.2f)") % (label, self.gross, self.expected)
        return label
