# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

ORDER_LIST_DEFAULT_GROUP = "ecom_order_mgmt.group_ecom_manager"


class ResCompany(models.Model):
    _inherit = "res.company"

    ecom_order_list_group_id = fields.Many2one(
        "res.groups", string="Daily Order List Recipients",
        default=lambda self: self.env.ref(ORDER_LIST_DEFAULT_GROUP, raise_if_not_found=False),
        help="Every user of this group (with an email address) receives the daily "
             "order list (订货明细单) of this company: logistics, warehouse and "
             "finance heads. Empty: the e-commerce managers.")
    ecom_notify_buyer = fields.Boolean(
        string="Email Buyers", default=True,
        help="Untick to send no mail at all to buyers about their orders (order "
             "received, held, shipped, deposit, balance, refund). Each sales channel "
             "can also switch its own buyer mails off.")

    def _ecom_order_list_group(self):
        """The group that receives this company's daily order list."""
        self.ensure_one()
        return self.ecom_order_list_group_id or self.env.ref(
            ORDER_LIST_DEFAULT_GROUP, raise_if_not_found=False) or self.env["res.groups"]

    @api.model
    def _ecom_init_order_list_group(self):
        """Give companies created before this module the default recipients.

        The field default only reaches companies created afterwards: the
        group did not exist yet when the column was added.
        """
        group = self.env.ref(ORDER_LIST_DEFAULT_GROUP, raise_if_not_found=False)
        if group:
            self.search([("ecom_order_list_group_id", "=", False)]).write(
                {"ecom_order_list_group_id": group.id})
        return True
