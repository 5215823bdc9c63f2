# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.management_report import LAST_MONTHDAY, MONTHLY, WEEKLY

ORDER_LIST_DEFAULT_GROUP = "ecom_order_mgmt.group_ecom_manager"
MGMT_REPORT_DEFAULT_GROUP = "ecom_order_mgmt.group_ecom_manager"
MGMT_REPORT_FREQUENCIES = [(WEEKLY, "Weekly"), (MONTHLY, "Monthly"), ("off", "Not sent")]
WEEKDAYS = [("0", "Monday"), ("1", "Tuesday"), ("2", "Wednesday"), ("3", "Thursday"),
            ("4", "Friday"), ("5", "Saturday"), ("6", "Sunday")]


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
    ecom_mgmt_report_frequency = fields.Selection(
        MGMT_REPORT_FREQUENCIES, string="Management Report", default=WEEKLY, required=True,
        help="How often the managers get the KPI summary of the last full week "
             "(Monday to Sunday) or calendar month by mail, with the KPI export as XLSX.")
    ecom_mgmt_report_weekday = fields.Selection(
        WEEKDAYS, string="Weekly Report On", default="0", required=True,
        help="Weekly report: the day it is sent (for the week before).")
    ecom_mgmt_report_monthday = fields.Integer(
        string="Monthly Report On Day", default=1,
        help="Monthly report: the day of the month it is sent (1 to 28), for the "
             "month before.")
    ecom_mgmt_report_group_id = fields.Many2one(
        "res.groups", string="Management Report Recipients",
        default=lambda self: self.env.ref(MGMT_REPORT_DEFAULT_GROUP,
                                          raise_if_not_found=False),
        help="The e-commerce managers of this group (with an email address) receive the "
             "management report: its figures are the managers' (staff KPIs, margins), "
             "other users of the group get nothing. Empty: the e-commerce managers.")

    @api.constrains("ecom_mgmt_report_monthday")
    def _check_ecom_mgmt_report_monthday(self):
        for company in self:
            if not 1 <= company.ecom_mgmt_report_monthday <= LAST_MONTHDAY:
                raise ValidationError(_("The monthly management report is sent on a day "
                                        "from 1 to %d.") % LAST_MONTHDAY)

    def _ecom_mgmt_report_group(self):
        """The group whose managers receive this company's management report."""
        self.ensure_one()
        return self.ecom_mgmt_report_group_id or self.env.ref(
            MGMT_REPORT_DEFAULT_GROUP, raise_if_not_found=False) or self.env["res.groups"]

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
