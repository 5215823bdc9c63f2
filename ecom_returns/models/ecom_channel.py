# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The after-sales promises of a channel (售后时效), counted on its clock."""
import pytz

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.ecom_order_mgmt.const import DEFAULT_TZ
from odoo.addons.ecom_order_mgmt.tools.sla import add_working_hours

from ..tools.promise import add_working_days


class EcomChannel(models.Model):
    _inherit = "ecom.channel"

    refund_promise_days = fields.Integer(
        string="Refund Within (working days)", default=2,
        help="A refund is due this many working days after the returned goods are "
             "received (after approval when nothing comes back). The company's "
             "after-sales rule: 1 to 2 working days.")
    answer_promise_hours = fields.Float(
        string="Answer Feedback Within (working hours)", default=2.0,
        help="A buyer's question, complaint or request gets its first answer within "
             "this many working hours.")

    @api.constrains("refund_promise_days", "answer_promise_hours")
    def _check_after_sales_promises(self):
        for channel in self:
            if channel.refund_promise_days <= 0 or channel.answer_promise_hours <= 0:
                raise ValidationError(_(
                    "Channel %s: the after-sales promises must be positive.")
                    % channel.display_name)

    # The working calendar of the channel (its hours, days and time zone).
    # ecom_order_mgmt is getting public holidays and make-up working days:
    # once it offers these two helpers itself, its versions (which know the
    # holidays) are used instead of the ones below.
    def _ecom_add_working_hours(self, start, hours):
        """The naive UTC moment `hours` working hours after `start` (naive UTC)."""
        parent = getattr(super(EcomChannel, self), "_ecom_add_working_hours", None)
        if parent:
            return parent(start, hours)
        return self._ecom_on_local_clock(start, lambda local: add_working_hours(
            local, hours, self.work_hour_start, self.work_hour_end, self._weekdays()))

    def _ecom_add_working_days(self, start, days):
        """The naive UTC moment `days` working days after `start` (naive UTC)."""
        parent = getattr(super(EcomChannel, self), "_ecom_add_working_days", None)
        if parent:
            return parent(start, days)
        return self._ecom_on_local_clock(start, lambda local: add_working_days(
            local, days, self.work_hour_start, self.work_hour_end, self._weekdays()))

    def _ecom_on_local_clock(self, start, compute):
        """compute(local start) on the channel's clock, back in naive UTC."""
        self.ensure_one()
        tz = pytz.timezone(self.tz or DEFAULT_TZ)
        local = pytz.utc.localize(start).astimezone(tz).replace(tzinfo=None)
        return tz.localize(compute(local)).astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _ecom_promise_clock(self, channel):
        """`channel`, or the default calendar (9:00-18:00, Monday to Friday,
        default promises) for what comes from no channel."""
        return channel or self.new(self.default_get(list(self._fields)))
