# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo data only: the business models carry no demo code."""
from odoo import _, api, models
from odoo.exceptions import AccessError


class EcomBackorderDemo(models.AbstractModel):
    """Steps of the demo data, run as the people whose job they are.

    `<function>` tags run as the superuser; the demo documents should carry
    the decisions, signatures and chatter of the demo users instead, so the
    demo XML calls the real actions through `_run_as`.
    """

    _name = "ecom.backorder.demo"
    _description = "Demo data steps"

    @api.model
    def _run_as(self, user_xmlid, model, ids, method, args=None):
        """Run `method(*args)` on the records `ids` of `model` as the user
        `user_xmlid`, as if that person pressed the button."""
        # Private (never callable over RPC), and only for the data loader.
        if not self.env.user._is_superuser():
            raise AccessError(_("Demo data steps are run by the data loader only."))
        records = self.env[model].browse(ids).sudo(self.env.ref(user_xmlid))
        return getattr(records, method)(*(args or []))
