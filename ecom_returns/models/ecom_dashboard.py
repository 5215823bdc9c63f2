# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""After-sales on the E-commerce dashboard's cards: cases open and refunds
due; exchanges' replacement orders are not counted as orders received."""
from odoo import _, api, models
from odoo.osv import expression

from .ecom_return import REFUND_DUE

CLOSED_STATES = ("done", "rejected")


def refund_due_domain():
    """The cases whose refund (or exchange settlement) is due (REFUND_DUE)."""
    return expression.OR([expression.normalize_domain([
        ("type", "=", case_type), ("state", "in", list(states))])
        for case_type, states in sorted(REFUND_DUE.items())])


def refund_due_sql():
    return " OR ".join("(r.type = '%s' AND r.state IN (%s))" % (
        case_type, ", ".join("'%s'" % state for state in states))
        for case_type, states in sorted(REFUND_DUE.items()))


class EcomDashboard(models.Model):
    _inherit = "ecom.dashboard"

    @api.model
    def _ecom_dashboard_money_keys(self):
        return super(EcomDashboard, self)._ecom_dashboard_money_keys() | {"refunds_due"}

    @api.model
    def _ecom_dashboard_order_filter(self):
        where, domain = super(EcomDashboard, self)._ecom_dashboard_order_filter()
        return ("(%s) AND so.ecom_exchange_case_id IS NULL" % where,
                expression.AND([domain, [("ecom_exchange_case_id", "=", False)]]))

    @api.model
    def _ecom_dashboard_channel_figures(self, channels, todays, money, daily):
        result = super(EcomDashboard, self)._ecom_dashboard_channel_figures(
            channels, todays, money, daily)
        for figures in result.values():
            figures["returns_open"] = 0
            if money:
                figures["refunds_due"] = 0
        if channels:
            self.env.cr.execute("""
                SELECT r.channel_id, COUNT(*), COUNT(*) FILTER (WHERE {due})
                  FROM ecom_return r
                 WHERE r.channel_id IN %s AND r.state NOT IN %s
                 GROUP BY 1
            """.format(due=refund_due_sql() if money else "FALSE"),
                (tuple(channels.ids), CLOSED_STATES))
            for channel_id, open_count, due in self.env.cr.fetchall():
                result[channel_id]["returns_open"] = open_count
                if money:
                    result[channel_id]["refunds_due"] = due
        return result

    @api.multi
    def _ecom_dashboard_domain(self, figure, period="today"):
        if figure in ("returns_open", "refunds_due"):
            channels = self._ecom_dashboard_channels()[self.id]
            domain = [("channel_id", "in", channels.ids),
                      ("state", "not in", list(CLOSED_STATES))]
            if figure == "refunds_due":
                domain = expression.AND([domain, refund_due_domain()])
            return domain
        return super(EcomDashboard, self)._ecom_dashboard_domain(figure, period)

    @api.multi
    def action_open_returns(self):
        """The channel's after-sales cases not closed yet."""
        return self._ecom_dashboard_open("returns_open", _("After-sales Cases Open"),
                                         "ecom.return")

    @api.multi
    def action_open_refunds_due(self):
        """The channel's cases whose refund (or exchange settlement) is due."""
        return self._ecom_dashboard_open("refunds_due", _("Refunds Due"), "ecom.return")
