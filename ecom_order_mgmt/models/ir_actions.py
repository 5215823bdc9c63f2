# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class IrActionsServer(models.Model):
    """Groups on server actions, as Odoo 12 has them.

    Odoo 11's Action menu already leaves out bound actions whose
    ``groups_id`` the user is not in (``ir.actions.actions.get_bindings``),
    but server actions have no such field: the suite's review actions would
    show on every sale order of every user. With it, they show to the
    reviewers only; server actions without groups are unchanged.
    """

    _inherit = "ir.actions.server"

    groups_id = fields.Many2many(
        "res.groups", "ir_act_server_group_rel", "act_id", "gid", string="Groups",
        help="Only the users of these groups see the action in the Action menu and "
             "may run it; empty for everybody.")

    @api.multi
    def run(self):
        for action in self:
            if action.groups_id and not action.groups_id & self.env.user.groups_id:
                raise AccessError(_("You don't have enough access rights to run this "
                                    "action."))
        return super(IrActionsServer, self).run()
