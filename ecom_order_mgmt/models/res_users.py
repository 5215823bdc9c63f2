# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each role opens Odoo on its own queue.

A group may name a default home action (`ecom_home_action_id`, set by the
suite's data for its roles and for Odoo's purchase users, editable on the
group's form by the administrator). A user created without a home action
gets the one of their groups; a user in several such groups gets the one of
the most senior group (the one that includes most of the others: a manager
is also CS, finance and warehouse, and opens on the manager's screen).
"""
from odoo import api, fields, models


class ResGroups(models.Model):
    _inherit = "res.groups"

    ecom_home_action_id = fields.Many2one(
        "ir.actions.actions", string="Default Home Action", ondelete="set null",
        help="New users of this group open Odoo on this screen (their Home Action) "
             "unless they are given another one.")


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def create(self, vals):
        user = super(ResUsers, self).create(vals)
        if not user.action_id:
            action = user._ecom_default_home_action()
            if action:
                user.action_id = action
        return user

    @api.multi
    def _ecom_default_home_action(self):
        """The default home action of the user's most senior group that has one."""
        self.ensure_one()
        groups = self.groups_id.filtered("ecom_home_action_id")
        if not groups:
            return self.env["ir.actions.actions"]
        senior = max(groups, key=lambda group: (len(group.trans_implied_ids & groups),
                                                -group.id))
        return senior.ecom_home_action_id
