# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Unpaid channel orders cancelled after the channel's payment deadline [003].

"用户需要在规定时间内完成支付操作,否则订单将被取消": a prepaid order the
buyer has not (fully) paid is cancelled once the channel's deadline has
passed since it was received, with a reason, a chatter entry and a mail to
the buyer.
"""
from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.tools import formatLang

MAIL_UNPAID_CANCELLED = "ecom_order_mgmt.mail_template_ecom_order_unpaid_cancelled"
UNPAID_REASON = "unpaid_timeout"
# An order a person wrote within this many minutes is being worked on: the
# cron leaves it to them (it comes back at a later run).
RECENT_WORK_MINUTES = 30
# Orders cancelled per statement: one SELECT ... FOR UPDATE SKIP LOCKED each.
UNPAID_BATCH = 500


class EcomChannel(models.Model):
    _inherit = "ecom.channel"

    unpaid_cancel_hours = fields.Integer(
        string="Payment Deadline (hours)", default=0,
        help="A prepaid order not fully paid this many hours after it was received is "
             "cancelled automatically and the buyer told why. 0: never.")

    _sql_constraints = [
        ("unpaid_cancel_hours_positive", "CHECK(unpaid_cancel_hours >= 0)",
         "The payment deadline cannot be negative."),
    ]


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ecom_unpaid_cancel_at = fields.Datetime(
        string="Cancelled If Unpaid By", compute="_compute_ecom_unpaid_cancel_at",
        help="When the order is cancelled automatically unless the buyer pays it "
             "(the channel's payment deadline).")

    @api.depends("ecom_received_at", "ecom_channel_id.unpaid_cancel_hours",
                 "ecom_payment_mode", "ecom_payment_state", "ecom_state")
    def _compute_ecom_unpaid_cancel_at(self):
        for order in self:
            hours = order.ecom_channel_id.unpaid_cancel_hours
            if (hours and order.ecom_received_at and order._ecom_unpaid_cancellable()):
                order.ecom_unpaid_cancel_at = fields.Datetime.to_string(
                    fields.Datetime.from_string(order.ecom_received_at)
                    + timedelta(hours=hours))
            else:
                order.ecom_unpaid_cancel_at = False

    def _ecom_unpaid_cancellable(self):
        """The rule of the cron, on one order: prepaid, not (fully) paid, still
        waiting for CS review (客审), a quotation."""
        self.ensure_one()
        return (self.ecom_payment_mode == "prepaid"
                and self.ecom_payment_state in ("unpaid", "partial")
                and self.ecom_state == "to_review" and self.state in ("draft", "sent"))

    @api.model
    def _ecom_unpaid_due_ids(self, now, limit):
        """Lock and return up to `limit` orders past their channel's deadline.

        One statement over all channels. Left alone:
        - orders another transaction holds (a person pressing a button, an
          import): ``FOR UPDATE SKIP LOCKED`` skips them instead of waiting;
        - orders held as exception (ecom_state is not ``to_review``): someone
          is sorting them out with the buyer;
        - orders a person (not the system) wrote within the last
          RECENT_WORK_MINUTES minutes: they are being worked on;
        - COD orders (paid on delivery) and orders past CS review.
        """
        self.env.cr.execute("""
            SELECT so.id FROM sale_order so
              JOIN ecom_channel ch ON ch.id = so.ecom_channel_id
             WHERE ch.unpaid_cancel_hours > 0
               AND so.ecom_state = 'to_review' AND so.state IN ('draft', 'sent')
               AND so.ecom_payment_mode = 'prepaid'
               AND so.ecom_payment_state IN ('unpaid', 'partial')
               AND so.ecom_received_at <= %(now)s - ch.unpaid_cancel_hours * INTERVAL '1 hour'
               AND NOT (COALESCE(so.write_uid, %(root)s) <> %(root)s
                        AND so.write_date > %(recent)s)
             ORDER BY so.ecom_received_at, so.id
             LIMIT %(limit)s
               FOR UPDATE OF so SKIP LOCKED""", {
            "now": now, "root": SUPERUSER_ID, "limit": limit,
            "recent": now - timedelta(minutes=RECENT_WORK_MINUTES)})
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _cron_ecom_cancel_unpaid(self, limit=UNPAID_BATCH):
        """Cancel the channel orders not paid by their channel's deadline.

        Idempotent: a cancelled order no longer matches, a second run finds
        nothing. Batched: `limit` orders per statement, every channel at
        once, until none is due. What is skipped, and why, is in
        `_ecom_unpaid_due_ids`. Returns the number of orders cancelled.
        """
        now = fields.Datetime.from_string(fields.Datetime.now())
        count = 0
        while True:
            ids = self._ecom_unpaid_due_ids(now, limit)
            if ids:
                self.browse(ids)._ecom_cancel_unpaid()
                count += len(ids)
            if len(ids) < limit:
                return count

    def _ecom_cancel_unpaid(self):
        """Cancel these unpaid orders with the reason, a chatter entry and a
        mail to each buyer (the rows are locked by the caller)."""
        reason = self.env["ecom.exception.reason"].search([("code", "=", UNPAID_REASON)],
                                                          limit=1)
        self.action_cancel()
        for order in self:
            hours = order.ecom_channel_id.unpaid_cancel_hours
            note = _("Not paid within %d hours of receipt (paid %s of %s).") % (
                hours, formatLang(self.env, order.ecom_paid_amount, currency_obj=order.currency_id),
                formatLang(self.env, order.amount_total, currency_obj=order.currency_id))
            order._ecom_write({"ecom_exception_reason_id": reason.id,
                               "ecom_exception_note": note})
            order.message_post(body=_("Cancelled automatically: %s") % note)
        self._ecom_notify_buyer(MAIL_UNPAID_CANCELLED)
