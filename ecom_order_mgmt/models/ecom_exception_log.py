# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who held which order as an exception, for the staff KPIs (issue 22 item 7,
seed 004: exceptions raised per user).

The order keeps only its current exception (cleared when resumed) and the
flag `ecom_had_exception`; this log keeps one row per exception raised by a
person (`action_ecom_set_exception`: the CS or finance reviewer, from the
exception dialog or over RPC). Exceptions raised by the automatic review
rules or by the system itself (crons, sudo, data files) are nobody's and are
not logged. The rows are the system's: users
cannot change them, the manager reads them (ecom.staff.report).
"""
from odoo import api, fields, models


class EcomExceptionLog(models.Model):
    """One exception raised on an order by a user."""

    _name = "ecom.exception.log"
    _description = "Exception Raised"
    _order = "date desc, id desc"
    _rec_name = "order_id"

    order_id = fields.Many2one("sale.order", string="Order", required=True, index=True,
                               ondelete="cascade", readonly=True)
    company_id = fields.Many2one(related="order_id.company_id", string="Company",
                                 store=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Raised By", required=True, index=True,
                              readonly=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    reason_id = fields.Many2one("ecom.exception.reason", string="Reason", readonly=True)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.multi
    def action_ecom_set_exception(self, reason_code, note=None):
        """Hold the orders as exceptions, and log who raised each one."""
        result = super(SaleOrder, self).action_ecom_set_exception(reason_code, note=note)
        if self._ecom_is_system():
            return result
        # Written by the system: the figures are the manager's, not the reviewer's.
        for order in self:
            self.env["ecom.exception.log"].sudo().create({
                "order_id": order.id, "user_id": self.env.uid,
                "date": order.ecom_exception_date or fields.Datetime.now(),
                "reason_id": order.ecom_exception_reason_id.id})
        return result
