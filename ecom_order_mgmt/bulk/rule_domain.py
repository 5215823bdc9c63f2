# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Multi-company record rules with their company tree expanded once.

Odoo 11's multi-company rules read ``('company_id', 'child_of',
[user.company_id.id])``. ``ir.rule._compute_domain`` caches the rule's
domain per user, model and mode, but ``res.company`` has no parent store,
so every query the rule then filters expands ``child_of`` again: one
``SELECT ... FROM res_company WHERE parent_id IN ...`` per level of the
company tree, for every search, read and access check of a user who is not
the superuser (about 150 of the 1,300 queries of a channel order's review,
confirmation and invoicing). Here the cached domain carries the expanded
``in`` list instead: the same companies, hence the same records. The cache
is Odoo's own (``ormcache``, cleared by ``clear_caches()``); ``res.company``
clears it when a company is created or written, and again below once a
company's parent has changed (after the write, so that no domain computed
during it keeps the old tree).

Switched off (``switch.py``), the rules' domains are Odoo's untouched.
"""
from odoo import api, models, tools
from odoo.osv import expression

from .switch import bulk_layer_on


def _company_leaf(model, leaf):
    """The company ids of `leaf` when it is ``(field, 'child_of', ids)`` on
    a many2one of `model` to res.company (ids given as ids), else None."""
    if not expression.is_leaf(leaf) or leaf[1] != "child_of":
        return None
    field = model._fields.get(leaf[0])
    if field is None or field.type != "many2one" or field.comodel_name != "res.company":
        return None
    ids = [leaf[2]] if isinstance(leaf[2], int) else leaf[2]
    if not isinstance(ids, (list, tuple)) or not ids \
            or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        return None
    return list(ids)


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    @tools.ormcache("self._uid", "model_name", "mode")
    def _compute_domain(self, model_name, mode="read"):
        domain = super(IrRule, self)._compute_domain(model_name, mode)
        if not domain or model_name not in self.env or not bulk_layer_on(self.env):
            return domain
        model = self.env[model_name]
        expanded, trees = [], {}
        for leaf in domain:
            ids = _company_leaf(model, leaf)
            if ids is None:
                expanded.append(leaf)
                continue
            key = tuple(ids)
            if key not in trees:
                trees[key] = self._ecom_company_tree(ids)
            expanded.append((leaf[0], "in", trees[key]))
        return expanded

    @api.model
    def _ecom_company_tree(self, ids):
        """`ids` and all their descendant companies, as the expression's
        ``child_of`` finds them (level by level through parent_id)."""
        Company = self.env["res.company"].sudo()
        found, level = set(ids), list(ids)
        while level:
            level = Company.search([("parent_id", "in", level)]).ids
            found.update(level)
        return sorted(found)


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def create(self, vals):
        company = super(ResCompany, self).create(vals)
        if vals.get("parent_id"):
            # the rules' company trees (IrRule above) include the new one
            self.clear_caches()
        return company

    @api.multi
    def write(self, vals):
        result = super(ResCompany, self).write(vals)
        if "parent_id" in vals:
            # the rules' company trees (IrRule above) follow the new parent
            self.clear_caches()
        return result
