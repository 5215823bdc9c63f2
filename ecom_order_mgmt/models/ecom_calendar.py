# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The working calendars the SLA is counted on.

Each sales channel has a `resource.calendar` of its own: its attendances are
the channel's working hours and days, its global leaves the channel's own
closures, and it follows a public-holiday calendar (shipped: "China public
holidays", the State Council schedule as global leaves plus the make-up
working days, 调休). Odoo 11 has no notion of a make-up working day:
`ecom.calendar.workday` holds them. Any change to these calendars moves the
SLA deadline of the open orders of the channels that use them.
"""
from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import api, fields, models, tools

from ..const import DEFAULT_TZ

# A leave longer than this is a data error, not a holiday.
_MAX_LEAVE_DAYS = 366
# Context key: several calendar records change at once, recompute once after.
_DEFER = "ecom_sla_defer"


def _leave_dates(date_from, date_to, tz_name):
    """The local dates a leave covers, from its naive UTC bounds (strings)."""
    tz = pytz.timezone(tz_name or DEFAULT_TZ)
    start = pytz.utc.localize(fields.Datetime.from_string(date_from)).astimezone(tz)
    end = pytz.utc.localize(fields.Datetime.from_string(date_to)).astimezone(tz)
    if end > start and end.time() == end.time().min:
        end -= timedelta(microseconds=1)  # ends at midnight: that day is not off
    days = min((end.date() - start.date()).days, _MAX_LEAVE_DAYS)
    return {start.date() + timedelta(days=offset) for offset in range(days + 1)}


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    ecom_public_holidays = fields.Boolean(
        string="Public Holiday Calendar",
        help="Holds public holidays and make-up working days that the sales channels' "
             "calendars follow (\"China public holidays\" is shipped with the year's "
             "State Council schedule).")
    ecom_holiday_calendar_id = fields.Many2one(
        "resource.calendar", string="Public Holidays From", ondelete="set null",
        help="Another calendar whose public holidays (global leaves) and make-up working "
             "days this one follows too: the e-commerce channels follow \"China public "
             "holidays\", so that the State Council schedule is entered once a year.")
    ecom_workday_ids = fields.One2many(
        "ecom.calendar.workday", "calendar_id", string="Make-up Working Days",
        help="Days worked although their weekday is not (调休), e.g. a Sunday worked "
             "to bridge a public holiday. They are worked in the hours of the first "
             "working weekday.")
    ecom_channel_ids = fields.One2many(
        "ecom.channel", "resource_calendar_id", string="Sales Channels", readonly=True)
    ecom_is_channel_calendar = fields.Boolean(compute="_compute_ecom_is_channel_calendar")

    @api.depends("ecom_channel_ids")
    def _compute_ecom_is_channel_calendar(self):
        for calendar in self:
            calendar.ecom_is_channel_calendar = bool(calendar.ecom_channel_ids)

    # ------------------------------------------------------------------
    # What the SLA reads
    # ------------------------------------------------------------------
    @api.multi
    def _ecom_sla_schedule(self):
        """(windows, holidays, make-up days) of this calendar, for tools/sla.py.

        windows: {weekday: ((from, to), ...)} of the attendances (their
        validity dates are not read); holidays: the local dates of the
        global leaves, this calendar's and its public-holiday calendar's;
        make-up days: the dates of both calendars' make-up working days.
        Cached per calendar until a calendar record of any kind changes.
        """
        self.ensure_one()
        windows, holidays, workdays = self._ecom_read_schedule()
        return dict(windows), holidays, workdays

    @tools.ormcache("self.id")
    def _ecom_read_schedule(self):
        calendar = self.sudo()
        windows = defaultdict(list)
        for attendance in calendar.attendance_ids:
            windows[int(attendance.dayofweek)].append(
                (attendance.hour_from, attendance.hour_to))
        sources = calendar | calendar.ecom_holiday_calendar_id
        holidays = set()
        for leave in sources.mapped("global_leave_ids"):
            holidays |= _leave_dates(leave.date_from, leave.date_to, leave.tz)
        workdays = {fields.Date.from_string(day.date)
                    for day in sources.mapped("ecom_workday_ids")}
        return (tuple((day, tuple(spans)) for day, spans in sorted(windows.items())),
                frozenset(holidays), frozenset(workdays))

    # ------------------------------------------------------------------
    # Changes move the open orders' deadlines
    # ------------------------------------------------------------------
    @api.multi
    def _ecom_sla_changed(self):
        """The SLA deadlines of the open orders follow a change of these calendars."""
        self.clear_caches()
        if self.env.context.get(_DEFER) or not self:
            return
        calendars = self.sudo().with_context(active_test=False)
        calendars |= calendars.search([("ecom_holiday_calendar_id", "in", self.ids)])
        channels = self.env["ecom.channel"].sudo().with_context(active_test=False).search(
            [("resource_calendar_id", "in", calendars.ids)])
        channels._ecom_recompute_sla_deadlines()

    @api.multi
    def write(self, vals):
        result = super(ResourceCalendar, self.with_context(**{_DEFER: True})).write(vals)
        self._ecom_sla_changed()
        return result

    @api.multi
    def unlink(self):
        self.clear_caches()
        return super(ResourceCalendar, self).unlink()


class EcomSlaCalendarLine(models.AbstractModel):
    """Lines of a calendar (attendances, leaves, make-up days): each change
    moves the deadlines of the orders counted on the calendar."""

    _name = "ecom.sla.calendar.line"
    _description = "Line of an SLA calendar"

    @api.model
    def create(self, vals):
        records = super(EcomSlaCalendarLine, self).create(vals)
        records.mapped("calendar_id")._ecom_sla_changed()
        return records

    @api.multi
    def write(self, vals):
        before = self.mapped("calendar_id")
        result = super(EcomSlaCalendarLine, self).write(vals)
        (before | self.mapped("calendar_id"))._ecom_sla_changed()
        return result

    @api.multi
    def unlink(self):
        calendars = self.mapped("calendar_id")
        result = super(EcomSlaCalendarLine, self).unlink()
        calendars._ecom_sla_changed()
        return result


class ResourceCalendarAttendance(models.Model):
    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "ecom.sla.calendar.line"]


class ResourceCalendarLeaves(models.Model):
    _name = "resource.calendar.leaves"
    _inherit = ["resource.calendar.leaves", "ecom.sla.calendar.line"]


class EcomCalendarWorkday(models.Model):
    """A make-up working day (调休) of a calendar."""

    _name = "ecom.calendar.workday"
    _inherit = ["ecom.sla.calendar.line"]
    _description = "Make-up Working Day"
    _order = "date"

    calendar_id = fields.Many2one("resource.calendar", string="Calendar", required=True,
                                  index=True, ondelete="cascade")
    date = fields.Date(required=True)
    name = fields.Char(string="Reason", required=True,
                       help="e.g. \"National Day: Saturday worked\".")

    _sql_constraints = [
        ("date_calendar_uniq", "unique(calendar_id, date)",
         "This day is already a make-up working day of this calendar."),
    ]

    @api.multi
    def name_get(self):
        return [(day.id, "%s (%s)" % (day.name, day.date)) for day in self]


def _weekday_label(env, weekday):
    """The translated name of `weekday` (0 = Monday), as the attendances say it."""
    field = env["resource.calendar.attendance"]._fields["dayofweek"]
    return dict(field._description_selection(env)).get(str(weekday), str(weekday))


def attendance_commands(env, day_start, day_end, weekdays):
    """One2many commands replacing a calendar's attendances by one window a
    working weekday (what a channel's working hours and days say)."""
    return [(5, 0, 0)] + [
        (0, 0, {"name": _weekday_label(env, day), "dayofweek": str(day),
                "hour_from": day_start, "hour_to": day_end})
        for day in sorted(weekdays)]
