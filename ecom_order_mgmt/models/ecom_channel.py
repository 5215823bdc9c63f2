# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import pytz

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..const import DEFAULT_TZ
from ..tools.sla import ALL_WEEKDAYS, MONDAY_TO_FRIDAY, MONDAY_TO_SATURDAY, add_working_hours

PLATFORMS = [
    ("tmall", "Tmall"),
    ("jd", "JD"),
    ("taobao", "Taobao"),
    ("pinduoduo", "Pinduoduo"),
    ("douyin", "Douyin"),
    ("wechat", "WeChat store"),
    ("website", "Own website"),
    ("phone", "Phone / dealer"),
    ("other", "Other"),
]
WORK_DAYS = {"mon_fri": MONDAY_TO_FRIDAY, "mon_sat": MONDAY_TO_SATURDAY, "all": ALL_WEEKDAYS}


def _tz_selection(self):
    return [(tz, tz) for tz in sorted(pytz.all_timezones)]


class EcomChannel(models.Model):
    """A shop on one platform: where channel orders come from."""

    _name = "ecom.channel"
    _description = "Sales Channel"
    _inherit = ["mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, track_visibility="onchange")
    code = fields.Char(
        required=True, track_visibility="onchange",
        help="Short code used in platform exports to name this shop, e.g. TMALL01.")
    sequence = fields.Integer(default=10)
    platform = fields.Selection(PLATFORMS, required=True, default="tmall",
                                track_visibility="onchange")
    active = fields.Boolean(default=True, track_visibility="onchange")
    company_id = fields.Many2one(
        "res.company", required=True, index=True,
        default=lambda self: self.env["res.company"]._company_default_get("ecom.channel"))
    warehouse_id = fields.Many2one(
        "stock.warehouse", string="Warehouse", track_visibility="onchange",
        domain="[('company_id', '=', company_id)]",
        help="Warehouse that ships this channel's orders.")
    team_id = fields.Many2one("crm.team", string="Sales Team")
    work_hour_start = fields.Float(
        string="Working Hours From", default=9.0,
        help="Orders are processed in working hours; the SLA clock runs only then.")
    work_hour_end = fields.Float(string="Working Hours To", default=18.0)
    work_days = fields.Selection(
        [("mon_fri", "Monday to Friday"), ("mon_sat", "Monday to Saturday"),
         ("all", "Every day")], string="Working Days", required=True, default="mon_fri")
    tz = fields.Selection(_tz_selection, string="Time Zone", required=True,
                          default=DEFAULT_TZ,
                          help="Working hours are read in this time zone.")
    allow_cod = fields.Boolean(
        string="Accept Cash on Delivery", default=True,
        help="Finance review refuses cash-on-delivery orders of channels that do not accept it.")
    sla_hours = fields.Float(
        string="SLA (working hours)", default=1.0,
        help="Each order must be reviewed, picked and packed within this many "
             "working hours of its receipt.")
    notify_buyer = fields.Boolean(
        string="Email Buyers", default=True, track_visibility="onchange",
        help="Buyers of this channel with an email address are mailed when their order "
             "is received, held, shipped or refunded and when a custom order needs a "
             "payment. Untick when the platform informs its buyers itself.")
    notify_on_import = fields.Boolean(
        string="Email 'Order Received' on Import", default=True,
        help="Also mail 'order received' to buyers of orders imported from a platform "
             "export. Untick for big imports of orders the platform already confirmed.")
    exception_user_id = fields.Many2one(
        "res.users", string="Exception Handler", track_visibility="onchange",
        help="Gets a to-do for every order of this channel held as an exception. "
             "Empty: the order's salesperson, else whoever held the order.")
    ship_hours = fields.Float(
        string="Ship Within (hours)", default=24.0,
        help="Promised shipping time: an order shipped within this many hours "
             "(calendar hours) of its receipt counts as shipped on time in the "
             "order KPIs.")
    note = fields.Text()

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)",
         "The channel code must be unique per company."),
    ]

    @api.constrains("work_hour_start", "work_hour_end", "sla_hours")
    def _check_working_hours(self):
        for channel in self:
            if not 0 <= channel.work_hour_start < channel.work_hour_end <= 24:
                raise ValidationError(_(
                    "Channel %s: working hours must lie within the day and "
                    "start before they end.") % channel.display_name)
            if channel.sla_hours <= 0:
                raise ValidationError(_(
                    "Channel %s: the SLA must be a positive number of working "
                    "hours.") % channel.display_name)

    @api.multi
    def write(self, vals):
        result = super(EcomChannel, self).write(vals)
        if "tz" in vals:
            # the orders' day follows the channel's clock
            self.env["sale.order"].sudo()._ecom_fill_order_date(self.ids)
        return result

    def _weekdays(self):
        return WORK_DAYS[self.work_days or "mon_fri"]

    def _sla_deadline(self, received_utc):
        """The naive UTC deadline for an order received at `received_utc` (naive UTC)."""
        self.ensure_one()
        tz = pytz.timezone(self.tz or DEFAULT_TZ)
        local = pytz.utc.localize(received_utc).astimezone(tz).replace(tzinfo=None)
        deadline = add_working_hours(local, self.sla_hours, self.work_hour_start,
                                     self.work_hour_end, self._weekdays())
        return fields.Datetime.to_string(
            tz.localize(deadline).astimezone(pytz.utc).replace(tzinfo=None))

    @api.multi
    def name_get(self):
        return [(c.id, "[%s] %s" % (c.code, c.name)) for c in self]
