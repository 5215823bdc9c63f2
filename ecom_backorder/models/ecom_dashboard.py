# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The backorders still short on the E-commerce dashboard's cards."""
from odoo import _, api, models

# short and not allocated yet (the "To Allocate" filter of the backorders)
OPEN_STATES = ("open", "notified", "partial")


class EcomDashboard(models.Model):
    _inherit = "ecom.dashboard"

    @api.model
    def _ecom_dashboard_channel_figures(self, channels, todays, money, daily):
        result = super(EcomDashboard, self)._ecom_dashboard_channel_figures(
            channels, todays, money, daily)
        for figures in result.values():
            figures["backorders"] = 0
        if channels:
            self.env.cr.execute("""
                SELECT channel_id, COUNT(*) FROM ecom_backorder
                 WHERE channel_id IN %s AND state IN %s
                 GROUP BY 1
            """, (tuple(channels.ids), OPEN_STATES))
            for channel_id, count in self.env.cr.fetchall():
                result[channel_id]["backorders"] = count
        return result

    @api.multi
    def _ecom_dashboard_domain(self, figure, period="today"):
        if figure == "backorders":
            channels = self._ecom_dashboard_channels()[self.id]
            return [("channel_id", "in", channels.ids), ("state", "in", list(OPEN_STATES))]
        return super(EcomDashboard, self)._ecom_dashboard_domain(figure, period)

    @api.multi
    def action_open_backorders(self):
        """The channel's backorders still waiting for stock."""
        return self._ecom_dashboard_open("backorders", _("Open Backorders"), "ecom.backorder")
