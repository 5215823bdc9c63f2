# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Counters on the E-commerce menus: how many items wait for the user.

Odoo 10 showed a counter next to each menu whose model had a "needaction"
domain (`_needaction_domain_get`); Odoo 11 dropped it from the menus. The
suite keeps the hook: a model says which of its records wait for the current
user, and each queue of the E-commerce menu (a menu whose list opens on a
filter: CS Review, Finance Review, Deliveries, Backorders, Waiting for My
Sign-off...) counts those of them it opens on (the action's domain and
default filters). `static/src/js/menu_counters.js` shows the counts in the
web client.
"""
import datetime
import logging
import time

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import api, fields, models, tools
from odoo.osv.expression import AND, OR
from odoo.tools.safe_eval import safe_eval

_logger = logging.getLogger(__name__)

ROOT_MENU = "ecom_order_mgmt.menu_ecom_root"


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    @api.model
    def ecom_needaction_counts(self):
        """{menu id (as text): count} for the E-commerce menus the user sees
        whose list holds records waiting for them (menus with none are left
        out)."""
        root = self.env.ref(ROOT_MENU, raise_if_not_found=False)
        if not root:
            return {}
        counts = {}
        # search() keeps the menus the user sees only
        for menu in self.search([("id", "child_of", root.id)]):
            count = menu._ecom_needaction_count()
            if count:
                counts[str(menu.id)] = count
        return counts

    def _ecom_needaction_count(self):
        """How many records of this menu's list wait for the current user."""
        action = self.action
        if not action or action._name != "ir.actions.act_window" \
                or action.res_model not in self.env:
            return 0
        model = self.env[action.res_model]
        needaction = getattr(model, "_needaction_domain_get", None)
        domain = needaction and needaction()
        if not domain:
            return 0
        values = self._ecom_eval_context()
        try:
            context = safe_eval(action.context or "{}", dict(values, context=self.env.context))
            domain = AND([safe_eval(action.domain or "[]", values), domain])
        except Exception:  # a domain of the client (active_id...): no counter
            _logger.debug("no counter for menu %s", self.id, exc_info=True)
            return 0
        filters = self._ecom_default_filters(action.id, context, values)
        if not filters:
            return 0  # not a queue: a list of everything (e.g. all channel orders)
        return model.search_count(AND([domain, filters]))

    def _ecom_eval_context(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        return {"uid": self.env.uid, "user": self.env.user, "time": time,
                "datetime": datetime, "relativedelta": relativedelta,
                "context_today": lambda: today}

    def _ecom_default_filters(self, action_id, context, values):
        """The domain of the filters the action's list opens with (filters
        of one group or-ed, groups and-ed, as the search view does)."""
        groups = []
        for group in self._ecom_search_filters(action_id):
            domains = []
            for name, text in group:
                if not context.get("search_default_%s" % name):
                    continue
                try:
                    domains.append(safe_eval(text, values))
                except Exception:
                    _logger.debug("filter %s not counted", name, exc_info=True)
            if domains:
                groups.append(OR(domains))
        return AND(groups) if groups else []

    @api.model
    @tools.ormcache("self.env.uid", "action_id")
    def _ecom_search_filters(self, action_id):
        """((filter name, domain text), ...) groups of the action's search view."""
        action = self.env["ir.actions.act_window"].browse(action_id)
        arch = self.env[action.res_model].fields_view_get(
            action.search_view_id.id or None, "search")["arch"]
        groups, current = [], []
        for node in etree.fromstring(arch).iter("filter", "separator", "group"):
            if node.tag != "filter":
                groups.append(tuple(current))
                current = []
            elif node.get("name") and node.get("domain"):
                current.append((node.get("name"), node.get("domain")))
        groups.append(tuple(current))
        return tuple(group for group in groups if group)
