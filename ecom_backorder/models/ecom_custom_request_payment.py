# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Custom requests: the money. A deposit of the order total (30 % by
default) before anything is bought, the balance once the goods are in;
both confirmed by finance as real invoices and payments, through the same
mechanism as every channel order (sale.order._ecom_register_payment): the
order's channel clearing journal, or the company's bank for other orders.
The deposit invoice, the balance invoice or the final invoice after the
delivery (the deposit deducted) net to the order total."""
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, float_is_zero, float_round

from odoo.addons.ecom_order_mgmt.const import CS, FINANCE
from odoo.addons.ecom_order_mgmt.models.ecom_guard_mixin import ecom_action

from ..tools.deposit import split_deposit

# The invoicing moments of a custom order's deposit and balance confirmed by
# finance (sale.order._ecom_invoice_at, beside the channels' approval and
# shipment): the request's method that invoices and pays it, and whether it
# is still to do.
DEPOSIT = "deposit"
BALANCE = "balance"
CUSTOM_MOMENTS = {DEPOSIT: ("_ecom_invoice_deposit", "_ecom_deposit_to_invoice"),
                  BALANCE: ("_ecom_invoice_balance", "_ecom_balance_to_invoice")}


class EcomCustomRequest(models.Model):
    _inherit = "ecom.custom.request"

    # Money: computed from the order total, never typed.
    deposit_percent = fields.Float(
        string="Deposit (%)", digits=(5, 2), track_visibility="onchange",
        default=lambda self: self.env.user.company_id.ecom_deposit_percent)
    deposit_amount = fields.Monetary(
        string="Deposit", compute="_compute_amounts", store=True, readonly=True,
        help="The deposit percentage of the order total, rounded to the cent; once "
             "received, what was received.")
    balance_amount = fields.Monetary(
        string="Balance", compute="_compute_amounts", store=True, readonly=True,
        help="The order total minus the deposit: deposit + balance = total, to the cent.")
    deposit_received = fields.Monetary(string="Deposit Received", readonly=True,
                                       copy=False)
    payment_journal_id = fields.Many2one(
        "account.journal", string="Payment Journal",
        domain="[('type', 'in', ('bank', 'cash')), ('company_id', '=', company_id)]",
        help="Bank or cash journal the buyer's payments are recorded in; empty: the "
             "clearing journal of the order's channel, else the company's first bank "
             "journal.")
    deposit_invoice_id = fields.Many2one("account.invoice", string="Deposit Invoice",
                                         readonly=True, copy=False)
    deposit_payment_id = fields.Many2one("account.payment", string="Deposit Payment",
                                         readonly=True, copy=False)
    deposit_user_id = fields.Many2one("res.users", string="Deposit Confirmed By",
                                      readonly=True, copy=False)
    deposit_date = fields.Datetime(string="Deposit Confirmed At", readonly=True,
                                   copy=False)
    balance_invoice_id = fields.Many2one("account.invoice", string="Balance Invoice",
                                         readonly=True, copy=False)
    balance_payment_id = fields.Many2one("account.payment", string="Balance Payment",
                                         readonly=True, copy=False)
    balance_user_id = fields.Many2one("res.users", string="Balance Confirmed By",
                                      readonly=True, copy=False)
    balance_date = fields.Datetime(string="Balance Confirmed At", readonly=True,
                                   copy=False)

    can_confirm_deposit = fields.Boolean(compute="_compute_ecom_can")
    can_request_balance = fields.Boolean(compute="_compute_ecom_can")
    can_confirm_balance = fields.Boolean(compute="_compute_ecom_can")

    @api.depends("order_id.amount_total", "order_id.currency_id", "deposit_percent",
                 "deposit_user_id", "deposit_received")
    def _compute_amounts(self):
        for request in self:
            currency = request.order_id.currency_id
            rounding = currency.rounding or 0.01
            total = request.order_id.amount_total
            if request.deposit_user_id:
                # What was received is the deposit; the balance is the rest.
                deposit = Decimal(str(float_round(request.deposit_received,
                                                  precision_rounding=rounding)))
                balance = Decimal(str(float_round(total, precision_rounding=rounding))) \
                    - deposit
            else:
                try:
                    deposit, balance = split_deposit(total, request.deposit_percent,
                                                     rounding=str(rounding))
                except ValueError:
                    # The constraint on deposit_percent says why, clearly.
                    deposit, balance = Decimal(0), Decimal(str(total))
            request.deposit_amount = float(deposit)
            request.balance_amount = float(balance)

    @api.constrains("deposit_percent")
    def _check_deposit_percent(self):
        for request in self:
            if not 0.0 <= request.deposit_percent <= 100.0:
                raise ValidationError(_(
                    "The deposit must lie between 0 and 100 %% of the order total "
                    "(%s %% given).") % request.deposit_percent)

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    @api.model
    def _ecom_actions(self):
        actions = super(EcomCustomRequest, self)._ecom_actions()
        actions.update({
            "confirm_deposit": ecom_action(
                [FINANCE], ["deposit_pending"], "deposit_paid", _("Confirming a deposit"), _(
                    "Request %(name)s is at stage %(stage)s: only requests waiting for the "
                    "deposit can have their deposit confirmed.")),
            "request_balance": ecom_action(
                [CS], ["received"], "balance_pending", _("Asking for the balance"), _(
                    "Request %(name)s is at stage %(stage)s: the balance is asked for once "
                    "the goods are received.")),
            "confirm_balance": ecom_action(
                [FINANCE], ["balance_pending"], "ready", _("Confirming a balance"), _(
                    "Request %(name)s is at stage %(stage)s: only requests waiting for the "
                    "balance can have their balance confirmed.")),
        })
        return actions

    def _ecom_problem(self, action):
        if action == "confirm_deposit" and self._ecom_order_problem():
            return self._ecom_order_problem()
        if action in ("confirm_deposit", "confirm_balance") and not self._payment_journal():
            return _("Company %s has no bank or cash journal to record the payment in.") \
                % self.company_id.name
        if action == "confirm_balance" and self._ecom_deposit_to_invoice():
            # the final invoice deducts the deposit invoice: wait for the job
            return _("The invoice of the deposit of %s is being made (the invoice numbering "
                     "was busy): try again in a moment.") % self.name
        return super(EcomCustomRequest, self)._ecom_problem(action)

    def _ecom_order_problem(self):
        """Why the order cannot be confirmed with the deposit, or None."""
        order = self.order_id
        if order.state == "cancel":
            return _("Order %s is cancelled.") % order.name
        if order.state in ("draft", "sent") and order.ecom_channel_id \
                and order.ecom_state != "to_finance":
            # Channel orders are confirmed by the finance review only; the
            # deposit confirmation is that review for a custom order, and it
            # comes after the CS review (address, phone, items).
            return _("Channel order %s must pass CS review before its deposit is "
                     "confirmed (it is at review stage %s).") % (
                order.name, dict(order._fields["ecom_state"]._description_selection(
                    self.env)).get(order.ecom_state))
        return None

    # ------------------------------------------------------------------
    # Actions (contract)
    # ------------------------------------------------------------------
    @api.multi
    def action_confirm_deposit(self):
        """Finance confirms the deposit is received (``deposit_pending`` → ``deposit_paid``).

        The order is generated (confirmed) if it is not yet: a channel order
        through its finance review, recorded as done by this finance user
        (the deposit, not the full total, is what is due at this point);
        another order with Odoo's standard confirmation. The deposit is then
        recorded as a real payment: a down-payment invoice of exactly the
        deposit (Odoo's `sale.advance.payment.inv`, fixed amount, with the
        untaxed "Custom order deposit" product so that the invoice total is
        the deposit) is validated and paid by a posted customer payment.
        """
        self._ecom_ensure("confirm_deposit")
        for request in self:
            amount = request.deposit_amount
            # formatted before the invoicing: Odoo 11 empties the cache as it
            # posts the payment's messages, and the request's currency, read
            # again through two related fields at once, then fails (KeyError)
            shown = request._fmt(amount)
            request._ecom_confirm_order()
            request._ecom_advance("confirm_deposit", {
                "deposit_received": amount,
                "deposit_user_id": self.env.uid,
                "deposit_date": fields.Datetime.now(),
            })
            request._ecom_update_paid_amount(amount)
            # Invoiced and paid as channel orders are: now, or by a job of the
            # invoicing channel when another transaction holds the invoice or
            # payment numbering (sale.order._ecom_invoice_at).
            request.order_id._ecom_invoice_at(DEPOSIT)
            if request._ecom_deposit_to_invoice():
                request._log(_("<b>Deposit received</b>: %s (%s %%); its invoice and payment "
                               "are queued, the invoice numbering being busy. Order %s is "
                               "confirmed.") % (shown, request.deposit_percent,
                                                request.order_id.name))
                continue
            request._log(_("<b>Deposit received</b>: %s (%s %%), invoice %s, payment %s. "
                           "Order %s is confirmed.") % (
                shown, request.deposit_percent,
                request.deposit_invoice_id.number or "-",
                request.deposit_payment_id.name or "-", request.order_id.name))
        return True

    def _ecom_deposit_to_invoice(self):
        """Whether the deposit received still waits for its invoice and payment."""
        return bool(self.deposit_user_id and not self.deposit_invoice_id and not float_is_zero(
            self.deposit_received, precision_rounding=self.currency_id.rounding))

    def _ecom_invoice_deposit(self):
        """The deposit's invoice, validated and paid by the deposit payment;
        returns the invoice."""
        self.ensure_one()
        amount = self.deposit_received
        invoice = self._ecom_create_deposit_invoice(amount)
        payment = self._ecom_register_payment(amount, invoice, _("deposit"))
        self.sudo()._ecom_write({"deposit_invoice_id": invoice.id,
                                 "deposit_payment_id": payment.id})
        return invoice

    @api.multi
    def action_request_balance(self):
        """Ask the buyer for the balance (``received`` → ``balance_pending``)."""
        self._ecom_ensure("request_balance")
        for request in self:
            request._ecom_advance("request_balance")
            request._log(_("The buyer is asked for the balance of %s.")
                         % request._fmt(request.balance_amount))
            request._send_template("mail_template_custom_balance")
        return True

    @api.multi
    def action_confirm_balance(self):
        """Finance confirms the balance is received (``balance_pending`` → ``ready``).

        The balance is recorded as a real payment. When every line of the
        order can be invoiced now (invoicing policy "ordered quantities"),
        the final invoice is made (Odoo deducts the deposit), validated and
        paid by the balance payment. With lines invoiced on delivered
        quantities nothing can be invoiced before the delivery in Odoo 11, so
        the balance is posted as a customer payment (memo: the request and
        the order) that stays on the buyer's account and is reconciled with
        the final invoice once the goods are delivered and invoiced.
        Then the delivery is released and the buyer is told.
        """
        self._ecom_ensure("confirm_balance")
        for request in self:
            amount = request.balance_amount
            shown = request._fmt(amount)  # before the invoicing (see the deposit)
            request._ecom_advance("confirm_balance", {
                "balance_user_id": self.env.uid,
                "balance_date": fields.Datetime.now(),
            })
            request._ecom_update_paid_amount(request.deposit_received + amount)
            # now, or by the invoicing job when the numbering is busy (as the deposit)
            request.order_id._ecom_invoice_at(BALANCE)
            if request._ecom_balance_to_invoice():
                request._log(_("<b>Balance received</b>: %s; its invoice and payment are "
                               "queued, the invoice numbering being busy. The delivery is "
                               "released.") % shown)
            else:
                request._log(_("<b>Balance received</b>: %s, invoice %s, payment %s. The "
                               "delivery is released.") % (
                    shown,
                    request.balance_invoice_id.number or _("(after delivery)"),
                    request.balance_payment_id.name or "-"))
            request._send_template("mail_template_custom_release")
        return True

    def _ecom_balance_to_invoice(self):
        """Whether the balance received still waits for its payment (and its
        invoice, when the order can be invoiced before the delivery)."""
        return bool(self.balance_user_id and not self.balance_payment_id and not float_is_zero(
            self.balance_amount, precision_rounding=self.currency_id.rounding))

    def _ecom_invoice_balance(self):
        """The final invoice when it can be made now, validated, and the
        balance payment (against it, else on the buyer's account); returns
        the invoice, if any."""
        self.ensure_one()
        invoice = self._ecom_create_balance_invoice()
        payment = self._ecom_register_payment(self.balance_amount, invoice, _("balance"))
        self.sudo()._ecom_write({"balance_invoice_id": invoice.id,
                                 "balance_payment_id": payment.id})
        return invoice

    def _ecom_confirm_order(self):
        order = self.order_id
        if order.state not in ("draft", "sent"):
            return
        if order.ecom_channel_id:
            # The finance review of a custom order is the deposit check done
            # here by this finance user; _ecom_do_finance_approve records it
            # and confirms through the review (ecom_review_confirm context).
            order._ecom_do_finance_approve()
        else:
            order.action_confirm()

    def _ecom_create_deposit_invoice(self, amount):
        order = self.order_id
        wizard = self.env["sale.advance.payment.inv"].with_context(
            active_model="sale.order", active_ids=order.ids, active_id=order.id).create({
                "advance_payment_method": "fixed",
                "amount": amount,
                "product_id": self.env.ref("ecom_backorder.product_custom_deposit").id,
            })
        before = self._order_invoices()
        wizard.create_invoices()
        invoice = self._order_invoices() - before
        if order.ecom_channel_id:
            # Odoo's down-payment wizard writes its own invoice values.
            invoice.write({key: value for key, value in order._prepare_invoice().items()
                           if key.startswith("ecom_")})
        invoice.action_invoice_open()
        return invoice

    def _ecom_create_balance_invoice(self):
        """The final invoice of the order, or nothing when it cannot be made yet."""
        order = self.order_id
        lines = order.order_line.filtered(lambda line: not line.is_downpayment)
        precision = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        invoiceable_now = any(float_compare(line.qty_to_invoice, 0,
                                            precision_digits=precision) > 0 for line in lines)
        complete = all(float_compare(line.qty_to_invoice,
                                     line.product_uom_qty - line.qty_invoiced,
                                     precision_digits=precision) == 0 for line in lines)
        if not (invoiceable_now and complete):
            return self.env["account.invoice"]
        invoice = self.env["account.invoice"].browse(order.action_invoice_create(final=True))
        invoice.action_invoice_open()
        return invoice

    def _order_invoices(self):
        return self.env["account.invoice"].search([
            ("invoice_line_ids.sale_line_ids.order_id", "=", self.order_id.id)])

    def _payment_journal(self):
        return self.payment_journal_id or self.order_id.ecom_channel_id.journal_id \
            or self.env["account.journal"].search([
                ("type", "=", "bank"), ("company_id", "=", self.company_id.id)], limit=1) \
            or self.env["account.journal"].search([
                ("type", "=", "cash"), ("company_id", "=", self.company_id.id)], limit=1)

    def _ecom_register_payment(self, amount, invoice, what):
        """Post a customer payment of `amount`, against `invoice` when there is one."""
        return self.order_id._ecom_register_payment(
            amount, invoice, self._payment_journal(),
            "%s %s %s" % (self.name, self.order_id.name, what))

    def _ecom_update_paid_amount(self, paid):
        """Channel orders show what the buyer paid so far."""
        order = self.order_id
        if order.ecom_channel_id and float_compare(
                paid, order.ecom_paid_amount,
                precision_rounding=self.currency_id.rounding) > 0:
            order.ecom_paid_amount = paid

    def _ecom_settle_final_invoice(self, invoices):
        """The final invoice made after the delivery (the deposit deducted)
        is paid by the balance payment finance registered before it existed."""
        self.ensure_one()
        payment = self.balance_payment_id.sudo()
        for invoice in invoices.sudo().filtered(lambda i: i.state == "open"):
            credit = payment.move_line_ids.filtered(
                lambda line: line.account_id == invoice.account_id and not line.reconciled)
            if credit:
                invoice.assign_outstanding_credit(credit.id)
        if not self.balance_invoice_id and invoices:
            self.sudo()._ecom_write({"balance_invoice_id": invoices[:1].id})
        return payment

    @api.multi
    def action_done(self):
        """Closing a delivered request also makes its final invoice when the
        order could only be invoiced on delivery (paid by the balance)."""
        result = super(EcomCustomRequest, self).action_done()
        for request in self.sudo():
            order = request.order_id
            if order.invoice_status == "to invoice":
                invoices = order._ecom_create_invoices()
                order._ecom_pay_invoices(invoices)
        return result


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _ecom_custom_request(self):
        """The custom request (not cancelled) of this order, if any."""
        self.ensure_one()
        return self.env["ecom.custom.request"].sudo().search(
            [("order_id", "=", self.id), ("state", "!=", "cancel")], limit=1)

    def _ecom_invoice_due(self, moment):
        # A custom order is invoiced by its deposit and balance, confirmed by
        # finance: its approval invoices nothing; its delivery makes the
        # final invoice when the balance could not be invoiced before.
        if moment in CUSTOM_MOMENTS:
            due = CUSTOM_MOMENTS[moment][1]
            return self.filtered(
                lambda order: getattr(order._ecom_custom_request(), due)()
            ).with_context(ecom_invoice_custom=moment)
        orders = super(SaleOrder, self)._ecom_invoice_due(moment)
        if moment == "approval":
            return orders.filtered(lambda order: not order._ecom_custom_request())
        return orders

    def _ecom_pay_invoices(self, invoices):
        request = self._ecom_custom_request()
        if request:
            return request._ecom_settle_final_invoice(invoices)
        return super(SaleOrder, self)._ecom_pay_invoices(invoices)

    def _ecom_invoice_and_pay(self):
        # A custom order's deposit or balance (see _ecom_invoice_due): its
        # invoice and payment, now or in the invoicing job.
        moment = self.env.context.get("ecom_invoice_custom")
        if moment not in CUSTOM_MOMENTS:
            return super(SaleOrder, self)._ecom_invoice_and_pay()
        invoices = self.env["account.invoice"]
        for order in self.with_context(ecom_invoice_custom=None):
            request = order._ecom_custom_request().with_env(order.env)
            invoices |= getattr(request, CUSTOM_MOMENTS[moment][0])()
        return invoices
