# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One guard for every action button of the suite.

A model that inherits ``ecom.guard.mixin`` describes its actions once, in
``_ecom_actions()`` (who may run each, from which states, to which state),
and states its own rules in ``_ecom_why_not(action)``, extended through
``super()``. The same predicate then drives the ``can_<action>`` booleans
the views use to show the buttons and the server-side refusal of the
actions (``_ecom_ensure``): the screen never promises what the server
refuses. Fields that only the actions may write are listed in
``_ecom_protected_fields`` and written through ``_ecom_write``.
"""
from collections import namedtuple

from odoo import SUPERUSER_ID, _, api, models, tools
from odoo.exceptions import AccessError, UserError

from ..tools.locks import lock_rows_nowait

EcomAction = namedtuple("EcomAction", "groups states target label refusal")


def ecom_action(groups, states=None, target=None, label=None, refusal=None):
    """One row of a model's action table.

    :param groups: xml ids of the groups allowed to run the action
    :param states: values of the model's state field the action starts
        from (None: any)
    :param target: the state the action leads to, when it moves one
    :param label: what the action is called in a rights refusal
        ("<label> is reserved to: <groups>")
    :param refusal: the message when the state does not fit, with the
        placeholders ``%(name)s`` (the record) and ``%(stage)s`` (its state)
    """
    return EcomAction(tuple(groups), states and tuple(states), target, label, refusal)


# Proof that a write comes from an action: an object, which a client's JSON
# context cannot carry.
_ACTION_WRITE = object()
_ACTION_WRITE_KEY = "ecom_action_write"


class EcomGuardMixin(models.AbstractModel):
    """Server-side guards shared by every document of the suite."""

    _name = "ecom.guard.mixin"
    _description = "E-commerce action guards"

    # The field that holds the document's stage.
    _ecom_state_field = "state"
    # How the view's predicate fields are named: prefix + action.
    _ecom_can_prefix = "can_"
    # Fields only the actions write (through _ecom_write).
    _ecom_protected_fields = ()

    # ------------------------------------------------------------------
    # What each model says about itself
    # ------------------------------------------------------------------
    @api.model
    def _ecom_actions(self):
        """The action table: {action: ecom_action(...)}; extend it with super()."""
        return {}

    @api.model
    @tools.ormcache("self.env.lang")
    def _ecom_action_table(self):
        """`_ecom_actions()`, built once per model and language (read it, do
        not change it: the same dict serves every call)."""
        return dict(self._ecom_actions())

    def _ecom_why_not(self, action):
        """Why `action` cannot run on this record now, or None when it can.

        The rights and the starting state of the action table come first;
        models add their own rules by overriding this method and calling
        ``super()``.
        """
        self.ensure_one()
        spec = self._ecom_action_table()[action]
        if not self._ecom_is_allowed(spec.groups):
            return _("You are not allowed to do this.")
        if spec.states is not None and self[self._ecom_state_field] not in spec.states:
            return self._ecom_wrong_state(spec)
        return None

    def _ecom_problem(self, action):
        """What data is missing for `action` (checked when the button is
        pressed, so the button shows and says what to complete), or None."""
        return None

    def _ecom_lock_for(self, action):
        """Lock what `action` decides on (the records themselves by default)."""
        self._ecom_lock()

    # ------------------------------------------------------------------
    # The guard
    # ------------------------------------------------------------------
    def _compute_ecom_can(self):
        """The ``can_<action>`` booleans of the view, from `_ecom_why_not`."""
        actions = self._ecom_action_table()
        names = [(action, self._ecom_can_prefix + action) for action in actions]
        names = [(action, name) for action, name in names if name in self._fields]
        for record in self:
            for action, name in names:
                record[name] = not record._ecom_why_not(action)

    def _ecom_ensure(self, action):
        """Refuse `action` on the server unless every record allows it now.

        Rights first (AccessError), then the rows are locked, so that of two
        people acting at once the second is refused and sees the first one's
        decision when reloading; then each record's rules (UserError).
        """
        self._ecom_check_rights(action)
        self._ecom_lock_for(action)
        for record in self:
            why = record._ecom_why_not(action) or record._ecom_problem(action)
            if why:
                raise UserError(why)

    def _ecom_advance(self, action, values=None):
        """Write `values` and the state the action leads to (action write)."""
        values = dict(values or {})
        values[self._ecom_state_field] = self._ecom_action_table()[action].target
        return self._ecom_write(values)

    def _ecom_wrong_state(self, spec):
        stage = self._ecom_state_label()
        if spec.refusal:
            return spec.refusal % {"name": self.display_name, "stage": stage}
        labels = dict(self._fields[self._ecom_state_field]._description_selection(self.env))
        return _("%s is at stage %s; this step needs stage %s.") % (
            self.display_name, stage, _(" or ").join(labels[s] for s in spec.states))

    def _ecom_state_label(self, state=None):
        """The translated label of `state` (default: the record's own)."""
        field = self._fields[self._ecom_state_field]
        value = self[self._ecom_state_field] if state is None else state
        return dict(field._description_selection(self.env)).get(value, value or "")

    # ------------------------------------------------------------------
    # Rights
    # ------------------------------------------------------------------
    def _ecom_is_system(self):
        """The system itself (crons, sudo) passes every rights check."""
        return self.env.uid == SUPERUSER_ID

    def _ecom_user_in(self, *group_xmlids):
        user = self.env.user
        return any(user.has_group(xmlid) for xmlid in group_xmlids)

    def _ecom_is_allowed(self, groups):
        return self._ecom_is_system() or self._ecom_user_in(*groups)

    @api.model
    def _ecom_check_rights(self, action):
        """Refuse `action` (AccessError) unless the user is in one of its groups;
        for actions that start from the model (wizards, selections)."""
        spec = self._ecom_action_table()[action]
        self._ecom_require_groups(spec.label or action, *spec.groups)

    def _ecom_require_groups(self, action_label, *group_xmlids):
        """Refuse `action_label` unless the user is in one of the groups."""
        if not self._ecom_is_allowed(group_xmlids):
            names = self.env["res.groups"].browse([
                self.env.ref(xmlid).id for xmlid in group_xmlids]).mapped("full_name")
            raise AccessError(_("%s is reserved to: %s.") % (action_label, ", ".join(names)))

    # ------------------------------------------------------------------
    # Fields only the actions write
    # ------------------------------------------------------------------
    def _ecom_locked_fields(self, vals):
        """The fields of `vals` that only the actions may write."""
        return [name for name in vals if name in self._ecom_protected_fields]

    def _ecom_check_protected(self, vals):
        """Refuse a client writing what only the actions decide (stages, money)."""
        if self.env.context.get(_ACTION_WRITE_KEY) is _ACTION_WRITE or self._ecom_is_system():
            return
        locked = self._ecom_locked_fields(vals)
        if locked:
            labels = sorted(self._fields[name].string for name in locked
                            if name in self._fields)
            raise AccessError(_("These fields of %s are set by its actions, not typed: %s.")
                              % (self._description, ", ".join(labels)))

    def _ecom_write(self, vals):
        """Write fields that only the actions may set (the action is allowed by then)."""
        return self.with_context(**{_ACTION_WRITE_KEY: _ACTION_WRITE}).write(vals)

    def _ecom_action_context(self):
        """This environment as an action's: protected fields may be written."""
        return self.with_context(**{_ACTION_WRITE_KEY: _ACTION_WRITE})

    @api.multi
    def write(self, vals):
        if self._ecom_protected_fields:
            self._ecom_check_protected(vals)
        return super(EcomGuardMixin, self).write(vals)

    # ------------------------------------------------------------------
    # Two people at once
    # ------------------------------------------------------------------
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
        if not lock_rows_nowait(self.env.cr, self._table, self.ids, touch=touch):
            raise UserError(_(
                "Someone else is processing %s right now. Reload it and try again.")
                % ", ".join(self.mapped("display_name")))
        # What we knew of these rows may be older than the lock.
        self.invalidate_cache(ids=self.ids)
