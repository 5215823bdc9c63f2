# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import pytz
from psycopg2.extras import execute_values

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..const import DEFAULT_TZ
from ..tools.sla import (
    ALL_WEEKDAYS,
    MONDAY_TO_FRIDAY,
    MONDAY_TO_SATURDAY,
    add_schedule_time,
    daily_schedule,
    working_schedule,
)
from .ecom_calendar import attendance_commands

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
# What the channel's calendar attendances are made of.
WINDOW_FIELDS = {"work_hour_start", "work_hour_end", "work_days"}
# What an order's SLA deadline depends on, besides its receipt.
SLA_FIELDS = WINDOW_FIELDS | {"tz", "sla_hours", "resource_calendar_id"}
# Orders whose SLA clock still runs (as the breach cron reads them).
SLA_OPEN_STATES = ("to_review", "to_finance", "approved", "exception")
HOLIDAY_CALENDAR = "ecom_order_mgmt.resource_calendar_cn_holidays"


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
    resource_calendar_id = fields.Many2one(
        "resource.calendar", string="Working Calendar", readonly=True, copy=False,
        ondelete="restrict",
        help="The channel's own calendar, made with the channel: its working hours and "
             "days are the ones above, its public holidays and make-up working days "
             "(调休) come from \"China public holidays\" (E-commerce > Configuration > "
             "Working Calendars). The SLA is counted on it.")
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

    @api.model
    def create(self, vals):
        channel = super(EcomChannel, self).create(vals)
        if not channel.resource_calendar_id:
            channel._ecom_create_calendar()
        return channel

    @api.multi
    def write(self, vals):
        result = super(EcomChannel, self).write(vals)
        if "tz" in vals:
            # the orders' day follows the channel's clock
            self.env["sale.order"].sudo()._ecom_fill_order_date(self.ids)
        if WINDOW_FIELDS & set(vals):
            self._ecom_sync_calendar()
        if SLA_FIELDS & set(vals):
            self._ecom_recompute_sla_deadlines()
        return result

    def _weekdays(self):
        return WORK_DAYS[self.work_days or "mon_fri"]

    # ------------------------------------------------------------------
    # The channel's working calendar
    # ------------------------------------------------------------------
    def _ecom_attendance_commands(self):
        return attendance_commands(self.env, self.work_hour_start, self.work_hour_end,
                                   self._weekdays())

    @api.multi
    def _ecom_create_calendar(self):
        """Give each channel a calendar of its own (the channel owns it: made
        as the system), following the shipped public holidays."""
        holidays = self.env.ref(HOLIDAY_CALENDAR, raise_if_not_found=False)
        for channel in self:
            calendar = self.env["resource.calendar"].sudo().create({
                "name": _("Working hours of %s") % channel.display_name,
                "company_id": channel.company_id.id,
                "attendance_ids": channel._ecom_attendance_commands(),
                "ecom_holiday_calendar_id": holidays.id if holidays else False,
            })
            super(EcomChannel, channel).write({"resource_calendar_id": calendar.id})
        return True

    @api.multi
    def _ecom_sync_calendar(self):
        """Make the calendars' attendances the channels' working hours and days."""
        for channel in self.filtered("resource_calendar_id"):
            channel.resource_calendar_id.sudo().with_context(ecom_sla_defer=True).write(
                {"attendance_ids": channel._ecom_attendance_commands()})

    @api.model
    def _ecom_init_calendars(self):
        """Channels made before the calendars existed get theirs, and their
        open orders the deadline it gives (run by data at each update)."""
        channels = self.with_context(active_test=False).search(
            [("resource_calendar_id", "=", False)])
        channels._ecom_create_calendar()
        channels._ecom_recompute_sla_deadlines()
        return True

    # ------------------------------------------------------------------
    # SLA
    # ------------------------------------------------------------------
    def _sla_deadline(self, received_utc, hours=None, schedule=None):
        """The naive UTC deadline for an order received at `received_utc` (naive UTC),
        counted on the channel's calendar; `hours`: instead of the channel's SLA;
        `schedule`: this channel's `_ecom_sla_clock()`, read once for many orders."""
        self.ensure_one()
        hours = self.sla_hours if hours is None else hours
        tz, working = schedule or self._ecom_sla_clock()
        local = pytz.utc.localize(received_utc).astimezone(tz).replace(tzinfo=None)
        deadline = add_schedule_time(local, hours, working)
        return fields.Datetime.to_string(
            tz.localize(deadline).astimezone(pytz.utc).replace(tzinfo=None))

    def _ecom_sla_clock(self):
        """(time zone, tools.sla schedule) the deadlines of this channel are
        counted on: its calendar, or its own hours while it has no calendar
        (or one without attendances)."""
        self.ensure_one()
        tz = pytz.timezone(self.tz or DEFAULT_TZ)
        windows, holidays, workdays = {}, (), ()
        if self.resource_calendar_id:
            windows, holidays, workdays = self.resource_calendar_id._ecom_sla_schedule()
        if windows:
            return tz, working_schedule(windows, holidays, workdays)
        return tz, daily_schedule(self.work_hour_start, self.work_hour_end, self._weekdays(),
                                  holidays, workdays)

    @api.multi
    def _ecom_sla_deadlines(self, received, hours=None):
        """{(channel id, receipt): naive UTC deadline string} for the pairs
        `received` of (channel id, naive UTC receipt as a string), the
        channels among these; each channel's calendar read once.
        `hours`: {channel id: hours} instead of the channels' SLA."""
        channels = {channel.id: channel for channel in self}
        schedules, deadlines = {}, {}
        for key in received:
            if key in deadlines:
                continue
            channel_id, receipt = key
            channel = channels[channel_id]
            if channel_id not in schedules:
                schedules[channel_id] = channel._ecom_sla_clock()
            if not hasattr(receipt, "date"):
                receipt = fields.Datetime.from_string(receipt)
            deadlines[key] = channel._sla_deadline(
                receipt, hours=None if hours is None else hours[channel_id],
                schedule=schedules[channel_id])
        return deadlines

    @api.multi
    def _ecom_recompute_sla_deadlines(self):
        """Give the open orders of these channels the deadline of their
        channel's calendar as it is now, and the breach flag that goes with it.

        One query reads the open orders, the deadlines are computed once per
        channel and receipt time, one UPDATE per thousand orders writes them.
        :return: how many orders were recomputed
        """
        if not self.ids:
            return 0
        cr = self.env.cr
        cr.execute("""
            SELECT id, ecom_channel_id, ecom_received_at FROM sale_order
             WHERE ecom_channel_id IN %s AND ecom_received_at IS NOT NULL
               AND ecom_sla_done_at IS NULL AND ecom_state IN %s
        """, (tuple(self.ids), SLA_OPEN_STATES))
        rows = cr.fetchall()
        deadlines = self._ecom_sla_deadlines([(channel_id, received)
                                              for _id, channel_id, received in rows])
        values = [(order_id, deadlines[(channel_id, received)])
                  for order_id, channel_id, received in rows]
        execute_values(cr, """
            UPDATE sale_order so
               SET ecom_sla_deadline = v.deadline::timestamp,
                   ecom_sla_breached = v.deadline::timestamp < (now() AT TIME ZONE 'UTC')
              FROM (VALUES %s) AS v(id, deadline)
             WHERE so.id = v.id
        """, values, page_size=1000)
        self.env["sale.order"].invalidate_cache(
            ["ecom_sla_deadline", "ecom_sla_breached"], [order_id for order_id, _d in values])
        return len(values)

    @api.multi
    def name_get(self):
        return [(c.id, "[%s] %s" % (c.code, c.name)) for c in self]
