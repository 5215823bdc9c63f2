# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Server-wide fix loaded with the addon (``post_load`` of the manifest).

Odoo 11 retries an XML-RPC call that failed on a concurrency error
(``odoo.service.model.check``: serialization failure, lock not available,
deadlock) with a new cursor but in the same set of environments, whose
cache and recomputations to do are kept from the failed attempt: the
retried call then recomputes records bound to the closed cursor of the
failed attempt ("Unable to use a closed cursor"). The web client's route
clears them before its retry (``odoo.http``: ``self.env.clear()``); here
the XML-RPC entry point does the same when an attempt fails, as later Odoo
versions do (``env.reset()`` before a retry).
"""
import functools

from odoo import api
from odoo.service import model as rpc_model


def _clearing_environments(execute):
    @functools.wraps(execute)
    def attempt(*args, **kwargs):
        try:
            return execute(*args, **kwargs)
        except Exception:
            try:
                environments = list(api.Environment.envs)
            except AttributeError:  # called outside Environment.manage()
                environments = []
            # one is enough: the environments of a request share their
            # cache and their recomputations to do
            for env in environments[:1]:
                env.clear()
            raise
    attempt.ecom_clears_environments = True
    return attempt


def post_load():
    """Each attempt of an XML-RPC call starts without the failed one's
    caches and pending recomputations (once per process)."""
    execute = getattr(rpc_model.execute, "__wrapped__", None)
    if execute is None or getattr(execute, "ecom_clears_environments", False):
        return
    rpc_model.execute = rpc_model.check(_clearing_environments(execute))
