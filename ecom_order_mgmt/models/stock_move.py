# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _assign_picking_post_process(self, new=False):
        super(StockMove, self)._assign_picking_post_process(new=new)
        # A new outgoing delivery of a channel order enters the fulfilment
        # stages; every other picking is left as Odoo makes it.
        if new:
            picking = self.mapped("picking_id")
            if picking.picking_type_code == "outgoing" and not picking.ecom_fulfil_state \
                    and self.mapped("sale_line_id.order_id.ecom_channel_id"):
                # the first stage comes with the delivery: no chatter entry
                # of its own (every later stage is tracked with its author)
                picking.with_context(mail_notrack=True)._ecom_write(
                    {"ecom_fulfil_state": "to_print"})
