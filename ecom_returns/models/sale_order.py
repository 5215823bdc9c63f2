# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ecom_return_ids = fields.One2many("ecom.return", "order_id", string="After-sales Cases")
    ecom_return_count = fields.Integer(compute="_compute_ecom_return_count",
                                       string="Cases")
    ecom_refund_count = fields.Integer(compute="_compute_ecom_return_count",
                                       string="Refunds")

    @api.depends("ecom_return_ids.refund_invoice_id")
    def _compute_ecom_return_count(self):
        for order in self:
            order.ecom_return_count = len(order.ecom_return_ids)
            order.ecom_refund_count = len(order.ecom_return_ids.mapped("refund_invoice_id"))

    @api.multi
    def action_ecom_view_returns(self):
        self.ensure_one()
        action = self.env.ref("ecom_returns.action_ecom_return").read()[0]
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id}
        return action

    @api.multi
    def action_ecom_view_refunds(self):
        self.ensure_one()
        invoices = self.ecom_return_ids.mapped("refund_invoice_id")
        return {
            "type": "ir.actions.act_window", "name": _("Refunds"),
            "res_model": "account.invoice", "view_mode": "tree,form",
            "domain": [("id", "in", invoices.ids)],
            "views": [(self.env.ref("account.invoice_tree").id, "tree"),
                      (self.env.ref("account.invoice_form").id, "form")],
        }
