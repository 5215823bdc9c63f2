# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A message nobody reads in the Odoo inbox is not formatted for the bus.

Odoo 11 (``mail.message._notify``) hands every message it posts to
``res.partner._notify_by_chat`` of the followers who read their inbox in
Odoo, and that method formats the message for the web client
(``message_format``: the author, the attachments, the tracking values, the
subtype... a dozen queries) before it loops over them, even when there is
none. A channel order is followed by its buyer, who has no Odoo user, so
each stage change, confirmation and delivery note of a review batch paid for
a format nobody received. With no partner to notify there is nothing to
send: the format is skipped (off: Odoo's method as it is).
"""
from odoo import api, models

from .switch import bulk_layer_on


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.multi
    def _notify_by_chat(self, message):
        if not self and bulk_layer_on(self.env):
            return None
        return super(ResPartner, self)._notify_by_chat(message)
