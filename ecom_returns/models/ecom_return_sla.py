# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The refund promise of a case (退款时效, [000] "refund within 1 to 2
working days"): a stored deadline in the channel's working days, a breach
flag set when the case closes late or by the cron while it is still open."""
from datetime import timedelta

from odoo import api, fields, models

from ..tools import promise


class EcomReturn(models.Model):
    _inherit = "ecom.return"

    refund_deadline = fields.Datetime(
        string="Refund Due", compute="_compute_refund_deadline", store=True, index=True,
        help="The channel's promise (Refund Within, working days) counted from the "
             "receipt of the returned goods, or from the approval when nothing comes "
             "back (refund only, exchange before shipment).")
    refund_breached = fields.Boolean(
        string="Refund Late", readonly=True, copy=False, index=True,
        help="Not refunded or settled by its due time (checked every few minutes).")

    @api.depends("type", "before_shipment", "received_at", "approved_at", "channel_id")
    def _compute_refund_deadline(self):
        Channel = self.env["ecom.channel"]
        clocks = {}
        for case in self:
            start = case._ecom_refund_clock_start()
            if not start:
                case.refund_deadline = False
                continue
            if case.channel_id.id not in clocks:
                clocks[case.channel_id.id] = Channel._ecom_promise_clock(case.channel_id)
            channel = clocks[case.channel_id.id]
            case.refund_deadline = fields.Datetime.to_string(channel._ecom_add_working_days(
                fields.Datetime.from_string(start), channel.refund_promise_days))

    def _ecom_refund_clock_start(self):
        """When the refund (or settlement) of this case falls due, or False."""
        if self.type == "reissue":
            return False
        if self.type == "return_refund" or (self.type == "exchange" and not self.before_shipment):
            return self.received_at
        return self.approved_at

    @api.multi
    def write(self, vals):
        result = super(EcomReturn, self).write(vals)
        if vals.get("done_at"):
            late = self.filtered(lambda c: not c.refund_breached
                                 and not promise.met(c.refund_deadline, c.done_at))
            if late:
                late._ecom_write({"refund_breached": True})
        return result

    @api.model
    def _cron_ecom_sla_breach(self):
        """Flag every open case whose refund is overdue (one UPDATE), then
        every feedback not answered in time; returns how many were flagged."""
        self.env.cr.execute("""
            UPDATE ecom_return SET refund_breached = TRUE
             WHERE state NOT IN ('done', 'rejected')
               AND NOT COALESCE(refund_breached, FALSE)
               AND refund_deadline < (now() at time zone 'UTC')
        """)
        count = self.env.cr.rowcount
        self.invalidate_cache(["refund_breached"])
        return count + self.env["ecom.feedback"]._cron_ecom_sla_breach()

    @api.multi
    def _ecom_demo_backdate(self, days):
        """Move the receipt (else the approval) of these cases `days` back,
        then flag what is late as the cron does (demo data only)."""
        for case in self:
            field = "received_at" if case.received_at else "approved_at"
            moved = fields.Datetime.from_string(case[field]) - timedelta(days=days)
            case._ecom_write({field: fields.Datetime.to_string(moved)})
        self._cron_ecom_sla_breach()
        return True
