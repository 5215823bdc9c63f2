# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The E-commerce dashboard: what a manager opens first thing in the morning.

A kanban of cards like Odoo's accounting dashboard (account.journal's
`kanban_dashboard` + the `dashboard_graph` widget): one card per channel and
one company-wide card on top. Each card gives today / yesterday / this week
(on the channel's clock) the orders received, their GMV and average value,
SLA breaches and exceptions, the queues waiting now (客审, 财审, shipment,
held, late) and a 14-day graph of orders and GMV.

The figures of all the cards come from a few grouped queries over all their
channels at once (`_ecom_dashboard_figures`); ecom_backorder and ecom_returns
add theirs by extending `_ecom_dashboard_channel_figures`. Money figures
(`_ecom_dashboard_money_keys`) are computed and sent only to finance and
managers. Each figure is a link: an `action_open_*` method opening the list
whose domain (`_ecom_dashboard_domain`) selects exactly what was counted.
"""
import json

import pytz
from babel.dates import format_date

from odoo import _, api, fields, models, tools
from odoo.osv import expression
from odoo.tools.misc import formatLang

from ..const import DEFAULT_TZ, FINANCE, MANAGER
from ..report.ecom_order_report import HAD_EXCEPTION_SQL
from ..tools import dashboard as board
from ..tools.sql import create_view

TO_SHIP_STATES = ("to_print", "printed", "picked", "packed", "checked")


class EcomDashboard(models.Model):
    """A card of the dashboard: a channel, or (is_company) all the channels
    of a company. An SQL view: the cards follow the channels by themselves."""

    _name = "ecom.dashboard"
    # an SQL view like the reports: read_group answers without None
    _inherit = "ecom.report.mixin"
    _description = "E-commerce Dashboard"
    _auto = False
    _order = "is_company desc, sequence, id"

    name = fields.Char(compute="_compute_name")
    channel_id = fields.Many2one("ecom.channel", string="Sales Channel", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    is_company = fields.Boolean(string="All Channels", readonly=True)
    sequence = fields.Integer(readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    kanban_dashboard = fields.Text(compute="_compute_kanban_dashboard")
    kanban_graph_orders = fields.Text(compute="_compute_kanban_dashboard")
    # money: finance and the managers (who no longer include finance, issue 20)
    kanban_graph_gmv = fields.Text(compute="_compute_kanban_dashboard",
                                   groups="%s,%s" % (FINANCE, MANAGER))

    @api.model_cr
    def init(self):
        # ids: 2n for the channel n, 2n + 1 for the company n (all of its channels)
        tools.drop_view_if_exists(self.env.cr, self._table)
        create_view(self.env.cr, """
            CREATE OR REPLACE VIEW ecom_dashboard AS (
                SELECT ch.id * 2 AS id, ch.id AS channel_id, ch.company_id,
                       FALSE AS is_company, ch.sequence
                  FROM ecom_channel ch
                 WHERE ch.active
                 UNION ALL
                SELECT c.id * 2 + 1, NULL, c.id, TRUE, 0
                  FROM res_company c
                 WHERE EXISTS (SELECT 1 FROM ecom_channel ch
                                WHERE ch.company_id = c.id AND ch.active)
            )""")

    @api.depends("channel_id", "company_id", "is_company")
    def _compute_name(self):
        for card in self:
            if card.is_company:
                card.name = _("All Channels of %s") % card.company_id.name
            else:
                card.name = card.channel_id.display_name

    # --- Figures ---------------------------------------------------------
    @api.model
    def _ecom_dashboard_money_keys(self):
        """Figure names that are money (or say how much money is owed):
        computed and shown for finance and managers only."""
        return {"%s_%s" % (name, period)
                for name in ("gmv", "aov") for period in board.PERIODS}

    @api.model
    def _ecom_dashboard_currency_keys(self):
        """Figure names shown as amounts in the company's currency."""
        return {"%s_%s" % (name, period)
                for name in ("gmv", "aov") for period in board.PERIODS}

    @api.model
    def _ecom_dashboard_sees_money(self):
        user = self.env.user
        return user.has_group(FINANCE) or user.has_group(MANAGER)

    @api.model
    def _ecom_dashboard_order_filter(self):
        """(SQL on the sale order `so`, domain) keeping the orders that count
        as received sales (ecom_returns leaves exchanges out)."""
        return "TRUE", []

    @api.multi
    def _ecom_dashboard_channels(self):
        """{card id: channels it adds up}, the channels the user may read."""
        companies = self.filtered("is_company").mapped("company_id")
        of_company = self.env["ecom.channel"].search([("company_id", "in", companies.ids)])
        return {card.id: (of_company.filtered(lambda ch: ch.company_id == card.company_id)
                          if card.is_company else card.channel_id)
                for card in self}

    @api.model
    def _ecom_dashboard_todays(self, channels):
        """{channel id: today on its clock}; the context's `ecom_dashboard_now`
        (UTC) stands for now where a test needs a fixed clock."""
        now = self.env.context.get("ecom_dashboard_now") or fields.Datetime.now()
        now = fields.Datetime.from_string(now)
        return {channel.id: board.local_today(now, pytz.timezone(channel.tz or DEFAULT_TZ))
                for channel in channels}

    @api.model
    def _ecom_dashboard_daily(self, channels, todays, money):
        """{channel id: {day: figures of the orders received that day}}."""
        result = {channel.id: {} for channel in channels}
        if not channels:
            return result
        where, _domain = self._ecom_dashboard_order_filter()
        self.env.cr.execute("""
            SELECT so.ecom_channel_id, so.ecom_order_date, COUNT(*),
                   {gmv}, COUNT(*) FILTER (WHERE so.ecom_sla_breached),
                   COUNT(*) FILTER (WHERE {exception})
              FROM sale_order so
             WHERE so.ecom_channel_id IN %s AND so.state != 'cancel'
               AND so.ecom_order_date BETWEEN %s AND %s AND ({where})
             GROUP BY 1, 2
        """.format(gmv="COALESCE(SUM(so.amount_total), 0)" if money else "0",
                   exception=HAD_EXCEPTION_SQL, where=where),
            (tuple(channels.ids), min(board.first_day_needed(d) for d in todays.values()),
             max(todays.values())))
        for channel_id, day, orders, gmv, breached, exceptions in self.env.cr.fetchall():
            result[channel_id][fields.Date.from_string(day)] = {
                "orders": orders, "gmv": gmv, "breached": breached, "exceptions": exceptions}
        return result

    @api.model
    def _ecom_dashboard_queues(self, channels):
        """{channel id: what waits now}: 客审, 财审, held, late (SLA breached,
        not packed yet) orders and deliveries to ship."""
        result = {channel.id: dict.fromkeys(
            ("to_review", "to_finance", "held", "late", "to_ship"), 0) for channel in channels}
        if not channels:
            return result
        self.env.cr.execute("""
            SELECT so.ecom_channel_id,
                   COUNT(*) FILTER (WHERE so.ecom_state = 'to_review'),
                   COUNT(*) FILTER (WHERE so.ecom_state = 'to_finance'),
                   COUNT(*) FILTER (WHERE so.ecom_state = 'exception'),
                   COUNT(*) FILTER (WHERE so.ecom_sla_breached
                                      AND so.ecom_sla_done_at IS NULL
                                      AND so.state != 'cancel'
                                      AND so.ecom_state IS DISTINCT FROM 'cancel')
              FROM sale_order so
             WHERE so.ecom_channel_id IN %s
               AND (so.ecom_state IN ('to_review', 'to_finance', 'exception')
                    OR (so.ecom_sla_breached AND so.ecom_sla_done_at IS NULL))
             GROUP BY 1
        """, (tuple(channels.ids),))
        for channel_id, to_review, to_finance, held, late in self.env.cr.fetchall():
            result[channel_id].update(to_review=to_review, to_finance=to_finance,
                                      held=held, late=late)
        self.env.cr.execute("""
            SELECT p.ecom_channel_id, COUNT(*)
              FROM stock_picking p
             WHERE p.ecom_channel_id IN %s AND p.ecom_fulfil_state IN %s
               AND p.state NOT IN ('done', 'cancel')
             GROUP BY 1
        """, (tuple(channels.ids), TO_SHIP_STATES))
        for channel_id, to_ship in self.env.cr.fetchall():
            result[channel_id]["to_ship"] = to_ship
        return result

    @api.model
    def _ecom_dashboard_channel_figures(self, channels, todays, money, daily):
        """{channel id: {figure: number}} for `channels` (`daily`: their
        `_ecom_dashboard_daily`); `money` says whether the money figures are
        wanted. Addons extend it: super(), then their own keys for all the
        channels at once."""
        queues = self._ecom_dashboard_queues(channels)
        result = {}
        for channel in channels:
            figures = board.period_figures(daily[channel.id], todays[channel.id])
            figures.update(queues[channel.id])
            result[channel.id] = figures
        return result

    @api.multi
    def _ecom_dashboard_figures(self):
        """{card id: (figures, 14-day orders series, 14-day GMV series)}."""
        card_channels = self._ecom_dashboard_channels()
        channels = self.env["ecom.channel"].union(*card_channels.values()) \
            if card_channels else self.env["ecom.channel"]
        todays = self._ecom_dashboard_todays(channels)
        money = self._ecom_dashboard_sees_money()
        daily = self._ecom_dashboard_daily(channels, todays, money)
        figures = self._ecom_dashboard_channel_figures(channels, todays, money, daily)
        if not money:
            hidden = self._ecom_dashboard_money_keys()
            for values in figures.values():
                for key in hidden & set(values):
                    del values[key]
        result = {}
        for card in self:
            members = card_channels[card.id]
            result[card.id] = (
                board.sum_figures([figures[ch.id] for ch in members]),
                board.sum_series([board.day_series(daily[ch.id], todays[ch.id], "orders")
                                  for ch in members]),
                board.sum_series([board.day_series(daily[ch.id], todays[ch.id], "gmv")
                                  for ch in members]) if money else [])
        return result

    @api.multi
    def _compute_kanban_dashboard(self):
        data = self._ecom_dashboard_figures()
        amounts = self._ecom_dashboard_currency_keys()
        lang = self.env.context.get("lang") or "en_US"
        for card in self:
            figures, orders, gmv = data[card.id]
            shown = {key: (formatLang(self.env, value, currency_obj=card.currency_id)
                           if key in amounts else value)
                     for key, value in figures.items()}
            card.kanban_dashboard = json.dumps({"figures": figures, "shown": shown})
            card.kanban_graph_orders = json.dumps([{
                "key": _("Orders"), "title": "",
                # the day of the month: 14 bars leave room for no more
                "values": [{"label": format_date(day, "d", locale=lang), "value": value,
                            "type": "past"} for day, value in orders]}])
            if gmv:
                card.kanban_graph_gmv = json.dumps([{
                    "key": _("GMV"), "area": True,
                    "values": [{"x": format_date(day, "d MMM", locale=lang), "y": value,
                                "name": format_date(day, "d MMMM y", locale=lang)}
                               for day, value in gmv]}])
            else:
                card.kanban_graph_gmv = "[]"

    # --- Links -----------------------------------------------------------
    @api.multi
    def _ecom_dashboard_domain(self, figure, period="today"):
        """The domain of the records counted by `figure` of the card (for
        period figures, in `period`): the list the figure opens."""
        self.ensure_one()
        channels = self._ecom_dashboard_channels()[self.id]
        queue = {
            "to_review": [("ecom_state", "=", "to_review")],
            "to_finance": [("ecom_state", "=", "to_finance")],
            "held": [("ecom_state", "=", "exception")],
            "late": [("ecom_sla_breached", "=", True), ("ecom_sla_done_at", "=", False),
                     ("state", "!=", "cancel"), ("ecom_state", "!=", "cancel")],
            "to_ship": [("ecom_fulfil_state", "in", list(TO_SHIP_STATES)),
                        ("state", "not in", ["done", "cancel"])],
        }
        if figure in queue:
            return [("ecom_channel_id", "in", channels.ids)] + queue[figure]
        by_day = {}
        for channel_id, today in self._ecom_dashboard_todays(channels).items():
            by_day.setdefault(today, []).append(channel_id)
        # expression.OR does not normalize its operands: each one is
        received = expression.OR([expression.normalize_domain([
            ("ecom_channel_id", "in", channel_ids),
            ("ecom_order_date", ">=", fields.Date.to_string(board.period_bounds(today)[period][0])),
            ("ecom_order_date", "<=", fields.Date.to_string(board.period_bounds(today)[period][1])),
        ]) for today, channel_ids in sorted(by_day.items())] or [expression.FALSE_DOMAIN])
        extra = {
            "orders": [],
            "breached": [("ecom_sla_breached", "=", True)],
            "exceptions": ["|", ("ecom_had_exception", "=", True),
                           ("ecom_state", "=", "exception")],
        }[figure]
        return expression.AND([received, [("state", "!=", "cancel")],
                               self._ecom_dashboard_order_filter()[1], extra])

    @api.multi
    def _ecom_dashboard_open(self, figure, name, model="sale.order"):
        """The act_window of `figure` (period from the context's `ecom_period`)."""
        self.ensure_one()
        period = self.env.context.get("ecom_period")
        period = period if period in board.PERIODS else "today"
        views = {
            "sale.order": ("ecom_order_mgmt.view_ecom_order_tree",
                           "ecom_order_mgmt.view_ecom_order_search"),
            "stock.picking": ("ecom_order_mgmt.view_ecom_picking_tree",
                              "ecom_order_mgmt.view_ecom_picking_search"),
        }
        tree, search = views.get(model, (None, None))
        tree = self.env.ref(tree).id if tree else False
        action = {
            "type": "ir.actions.act_window",
            "name": "%s — %s" % (name, self.name),
            "res_model": model,
            "view_mode": "tree,form",
            "views": [[tree, "tree"], [False, "form"]],
            "domain": self._ecom_dashboard_domain(figure, period),
            "context": {"create": False},
        }
        if search:
            action["search_view_id"] = self.env.ref(search).id
        return action

    @api.multi
    def action_open_orders(self):
        """The orders received in the period (context `ecom_period`)."""
        return self._ecom_dashboard_open("orders", _("Orders Received"))

    @api.multi
    def action_open_breached(self):
        """The orders received in the period that breached their SLA."""
        return self._ecom_dashboard_open("breached", _("SLA Breached"))

    @api.multi
    def action_open_exceptions(self):
        """The orders received in the period that were held as exceptions."""
        return self._ecom_dashboard_open("exceptions", _("Exceptions"))

    @api.multi
    def action_open_to_review(self):
        """The orders waiting for CS review (客审)."""
        return self._ecom_dashboard_open("to_review", _("To CS Review"))

    @api.multi
    def action_open_to_finance(self):
        """The orders waiting for finance review (财审)."""
        return self._ecom_dashboard_open("to_finance", _("To Finance Review"))

    @api.multi
    def action_open_held(self):
        """The orders held as exceptions now."""
        return self._ecom_dashboard_open("held", _("Held as Exception"))

    @api.multi
    def action_open_late(self):
        """The orders past their SLA deadline and not packed yet."""
        return self._ecom_dashboard_open("late", _("Late (SLA Breached, Not Packed)"))

    @api.multi
    def action_open_to_ship(self):
        """The deliveries not shipped yet."""
        return self._ecom_dashboard_open("to_ship", _("To Ship"), "stock.picking")


class ResGroups(models.Model):
    _inherit = "res.groups"

    @api.model
    def _ecom_dashboard_become_home(self):
        """Make the dashboard the manager's home on databases made before it
        existed: the manager group's default and the demo manager, where they
        still open on the Order KPIs (an administrator's other choice stays)."""
        old = self.env.ref("ecom_order_mgmt.action_ecom_order_report")
        new = self.env.ref("ecom_order_mgmt.action_ecom_dashboard")
        group = self.env.ref("ecom_order_mgmt.group_ecom_manager")
        if group.ecom_home_action_id.id == old.id:
            group.ecom_home_action_id = new.id
        user = self.env.ref("ecom_order_mgmt.user_ecom_manager", raise_if_not_found=False)
        if user and user.action_id.id == old.id:
            user.action_id = new.id
        return True
