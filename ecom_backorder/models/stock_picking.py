# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import UserError

from .ecom_custom_request import RELEASED_STATES


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _ecom_blocking_custom_request(self):
        """The custom request that still holds this delivery back, if any.

        A delivery of an order with a custom request leaves only once the
        buyer's balance is confirmed (request released, done or cancelled).
        """
        self.ensure_one()
        if self.picking_type_code != "outgoing" or not self.sale_id:
            return self.env["ecom.custom.request"]
        # Whoever handles the delivery must see why it waits, whatever
        # they may read of the requests.
        return self.env["ecom.custom.request"].sudo().search([
            ("order_id", "=", self.sale_id.id), ("state", "not in", RELEASED_STATES),
        ], limit=1)

    def _ecom_custom_block_reason(self):
        request = self._ecom_blocking_custom_request()
        if not request:
            return None
        return _("Delivery %s is waiting for the custom order's balance: custom request %s "
                 "is at stage %s.") % (self.name, request.name, request._state_label())

    def _ecom_why_not(self, action):
        why = super(StockPicking, self)._ecom_why_not(action)
        # The custom order's reason comes first for channel deliveries: it is
        # the one that explains why nothing can move.
        if self.ecom_fulfil_state:
            return self._ecom_custom_block_reason() or why
        return why

    @api.multi
    def button_validate(self):
        # Non-channel deliveries are validated with Odoo's own button: the
        # same hold applies to them.
        for picking in self:
            reason = picking._ecom_custom_block_reason()
            if reason:
                raise UserError(reason)
        return super(StockPicking, self).button_validate()
