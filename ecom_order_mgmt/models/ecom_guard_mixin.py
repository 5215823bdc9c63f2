# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import OperationalError

from odoo import SUPERUSER_ID, _, models
from odoo.exceptions import AccessError, UserError


class EcomGuardMixin(models.AbstractModel):
    """Server-side guards shared by every document of the suite.

    Each action button of the suite names the groups allowed to press it and
    locks the rows it changes, so that two people acting on the same document
    at once end with one decision.
    """

    _name = "ecom.guard.mixin"
    _description = "E-commerce action guards"

    def _ecom_user_in(self, *group_xmlids):
        user = self.env.user
        return any(user.has_group(xmlid) for xmlid in group_xmlids)

    def _ecom_require_groups(self, action_label, *group_xmlids):
        """Refuse `action_label` unless the user is in one of the groups."""
        if self.env.uid == SUPERUSER_ID:  # the system itself (crons, sudo)
            return
        if not self._ecom_user_in(*group_xmlids):
            names = self.env["res.groups"].browse([
                self.env.ref(xmlid).id for xmlid in group_xmlids]).mapped("full_name")
            raise AccessError(_("%s is reserved to: %s.") % (action_label, ", ".join(names)))

    def _ecom_lock(self, touch=False):
        """Lock the rows of `self` for this transaction, or refuse at once.

        A second person acting on the same documents gets a clear message
        instead of waiting, and re-reads the state the first one left.
        With `touch`, the rows are also marked as changed: use it when the
        action does not itself write them (e.g. locking the order of a
        refund), so that a concurrent transaction that started earlier
        fails to lock them too, instead of working from figures it read
        before this one committed.
        """
        if not self.ids:
            return
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    'SELECT id FROM "%s" WHERE id IN %%s FOR UPDATE NOWAIT' % self._table,
                    (tuple(self.ids),))
                if touch:
                    self.env.cr.execute('UPDATE "%s" SET id = id WHERE id IN %%s' % self._table,
                                        (tuple(self.ids),))
        except OperationalError:
            raise UserError(_(
                "Someone else is processing %s right now. Reload it and try again.")
                % ", ".join(self.mapped("display_name")))
        # What we knew of these rows may be older than the lock.
        self.invalidate_cache(ids=self.ids)
