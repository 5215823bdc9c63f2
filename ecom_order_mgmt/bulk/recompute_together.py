# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pending recomputations of one field written together, whatever the
environment that marked them.

Odoo 11 keeps the records to recompute per field *and per environment*
(``Environment.add_todo``): records marked under another context (account's
``action_move_create`` adds the invoice and the buyer's language, a payment
posts under a context of its own) form another batch, and ``recompute()``
computes and writes each batch apart. The automatic invoicing of an order
(an invoice move and a payment move, their lines, the reconciliation) thus
wrote most fields of the moves and their lines twice, each ``_write`` also
looking up again what depends on it. ``sale.order._ecom_recompute_together``
joins the batches of a field marked by the user of the orders it is called
on into one, in their environment, before Odoo's ``recompute()``: the same
compute methods give the same values (the computations of a stored field do
not read the context), written in fewer statements. Batches of other users
(their access rights) or of another company (``force_company``: properties)
stay as they are. A method of this layer's, loaded
after the business models like the rest of it (an import of ``bulk`` from a
business model would load the layer's overrides first).
"""
from collections import OrderedDict

from odoo import models

from .switch import bulk_layer_on


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _ecom_recompute_together(self):
        """``self.recompute()``, the records marked for a field in several
        environments of the user of `self` computed and written as one
        batch, in the environment of `self` (off: Odoo's recompute as it
        is)."""
        env = self.env
        if bulk_layer_on(env):
            company = _company_of(env)
            # no public API lists the fields pending: the keys of Odoo's own
            # table of recomputations, read here and changed through its methods
            for field, batches in list(env.all.todo.items()):
                same_user = [batch for batch in batches if batch.env.uid == env.uid
                             and _company_of(batch.env) == company]
                if not same_user or [batch.env for batch in same_user] == [env]:
                    continue
                joined = env[field.model_name].browse(
                    list(OrderedDict.fromkeys(rid for batch in same_user for rid in batch.ids)))
                joined._recompute_done(field)
                joined._recompute_todo(field)
        self.recompute()


def _company_of(env):
    """The company an environment computes for: a computation that reads a
    company-dependent value (a property) depends on it, so batches of two
    companies are never joined."""
    return env.context.get("force_company") or env.user.company_id.id
