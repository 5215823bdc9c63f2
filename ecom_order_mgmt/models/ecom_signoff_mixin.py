# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The suite's sign-off: the director signs first, then the general manager.

A document that needs the two signatures inherits ``ecom.signoff.mixin``
(which brings ``ecom.guard.mixin`` and ``ecom.notify.mixin``; the document
is also a ``mail.thread``) and says in class attributes:

- ``_ecom_signoff_approvals``: its One2many to its own approval records,
  whose model inherits ``ecom.signoff.approval.mixin`` and adds the
  Many2one back to the document and a ``stage`` selection;
- ``_ecom_signoff_states``: {state of the document: stage of its approval
  records}, the states in which signatures are due;
- ``_ecom_signoff_rejected_to``: {such a state: the state a rejection sends
  the document back to};
- ``_ecom_signoff_opener_field``: the user who opened the document;
- ``_ecom_signoff_activity``: the xml id of the signer's to-do type (None:
  no to-do);
- ``_ecom_signoff_approve_action``/``_ecom_signoff_reject_action``: the
  two actions of its guard table (the mixin adds their rows; the document
  may reword them).

Its actions then call `_ecom_signoff_submit`, `_ecom_signoff_sign` (True
once the last tier signed: what follows is the document's business) and
`_ecom_signoff_reject`. The rules: each submission starts again from the
director, nobody signs a document they opened or submitted, nobody signs
both tiers, a rejection needs a reason; every signature is an approval
record and a chatter note.
"""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape

from ..const import DIRECTOR, GM
from .ecom_guard_mixin import ecom_action

TIERS = [("director", "Director"), ("gm", "General Manager")]
TIER_GROUPS = {"director": DIRECTOR, "gm": GM}
DECISIONS = [("approved", "Approved"), ("rejected", "Rejected")]


class EcomSignoffApprovalMixin(models.AbstractModel):
    """One signature: who decided what, when and why.

    Records are written only by the document's actions (with the real
    signer in `user_id`) and never changed or deleted afterwards: they are
    the audit trail of the sign-off.
    """

    _name = "ecom.signoff.approval.mixin"
    _description = "Sign-off record"

    tier = fields.Selection(TIERS, required=True, readonly=True,
                            help="The director signs first, the general manager last.")
    submission = fields.Integer(
        required=True, readonly=True,
        help="Which submission of the document the decision belongs to: a rejected "
             "document starts again from the director when it is resubmitted.")
    user_id = fields.Many2one("res.users", string="Signed By", required=True,
                              readonly=True)
    decision = fields.Selection(DECISIONS, required=True, readonly=True)
    comment = fields.Text(readonly=True, help="The signer's comment; the reason of a "
                                              "rejection.")
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)

    # An audit trail refuses every change: there is nothing for super() to do.
    @api.multi
    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(_("A sign-off is part of the audit trail: it cannot be changed."))

    @api.multi
    def unlink(self):  # pylint: disable=method-required-super
        raise UserError(_("A sign-off is part of the audit trail: it cannot be deleted."))


class EcomSignoffMixin(models.AbstractModel):
    """Director then general manager sign-off of a document (see the module)."""

    _name = "ecom.signoff.mixin"
    _inherit = ["ecom.guard.mixin", "ecom.notify.mixin"]
    _description = "Director and general manager sign-off"

    _ecom_signoff_approvals = "approval_ids"
    _ecom_signoff_states = {}
    _ecom_signoff_rejected_to = {}
    _ecom_signoff_opener_field = "requester_id"
    _ecom_signoff_activity = None
    _ecom_signoff_approve_action = "approve"
    _ecom_signoff_reject_action = "reject"

    approval_submission = fields.Integer(
        string="Submissions", readonly=True, copy=False,
        help="Incremented at each submission for sign-off; signatures of an earlier "
             "submission no longer count.")
    submitted_by_id = fields.Many2one("res.users", string="Submitted By", readonly=True,
                                      copy=False)
    approval_tier_due = fields.Selection(
        TIERS, string="Signature Due", compute="_compute_approval_tier_due", store=True,
        index=True)
    is_my_signature_due = fields.Boolean(
        string="Waiting for My Sign-off", compute="_compute_is_my_signature_due",
        search="_search_is_my_signature_due")

    # ------------------------------------------------------------------
    # Computations
    # ------------------------------------------------------------------
    def _ecom_signoff_depends(self):
        """What the tier due is computed from (the document's own field names)."""
        approvals = self._ecom_signoff_approvals
        return [self._ecom_state_field, "approval_submission"] + [
            "%s.%s" % (approvals, name) for name in ("decision", "tier", "submission", "stage")]

    @api.depends(lambda self: self._ecom_signoff_depends())
    def _compute_approval_tier_due(self):
        for record in self:
            if record[record._ecom_state_field] not in record._ecom_signoff_states:
                record.approval_tier_due = False
                continue
            signed = record._ecom_signoff_current().filtered(
                lambda a: a.decision == "approved").mapped("tier")
            due = [tier for tier, _label in TIERS if tier not in signed]
            record.approval_tier_due = due[0] if due else False

    @api.depends(lambda self: self._ecom_signoff_depends() + [
        "approval_tier_due", "submitted_by_id", self._ecom_signoff_opener_field])
    def _compute_is_my_signature_due(self):
        for record in self:
            record.is_my_signature_due = not record._ecom_why_not(
                record._ecom_signoff_approve_action)

    def _search_is_my_signature_due(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Unsupported search on 'Waiting for My Sign-off'."))
        tiers = [tier for tier, group in TIER_GROUPS.items() if self._ecom_user_in(group)]
        candidates = self.search([
            ("approval_tier_due", "in", tiers),
            (self._ecom_signoff_opener_field, "!=", self.env.uid),
            ("submitted_by_id", "!=", self.env.uid),
        ]) if tiers else self.browse()
        # Few documents wait for a signature: the exact rule decides.
        ids = candidates.filtered("is_my_signature_due").ids
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", ids)]

    @api.depends(lambda self: self._ecom_signoff_depends() + [
        "submitted_by_id", self._ecom_signoff_opener_field])
    def _compute_ecom_can(self):
        return super(EcomSignoffMixin, self)._compute_ecom_can()

    def _ecom_signoff_current(self):
        """The signatures of the stage under way, in the current submission."""
        self.ensure_one()
        stage = self._ecom_signoff_states.get(self[self._ecom_state_field])
        return self[self._ecom_signoff_approvals].filtered(
            lambda a: a.stage == stage and a.submission == self.approval_submission)

    # ------------------------------------------------------------------
    # The guard: who may sign now
    # ------------------------------------------------------------------
    @api.model
    def _ecom_actions(self):
        actions = super(EcomSignoffMixin, self)._ecom_actions()
        nothing = _("%(name)s is at stage %(stage)s: there is nothing to sign.")
        states = list(self._ecom_signoff_states)
        actions[self._ecom_signoff_approve_action] = ecom_action(
            [DIRECTOR, GM], states, label=_("Signing"), refusal=nothing)
        actions[self._ecom_signoff_reject_action] = ecom_action(
            [DIRECTOR, GM], states, label=_("Rejecting"), refusal=nothing)
        return actions

    def _ecom_why_not(self, action):
        why = super(EcomSignoffMixin, self)._ecom_why_not(action)
        if why or action not in (self._ecom_signoff_approve_action,
                                 self._ecom_signoff_reject_action):
            return why
        return self._ecom_signoff_why_not()

    def _ecom_signoff_why_not(self):
        """Why the current user may not sign (or reject) the tier due, or None."""
        self.ensure_one()
        tier = self.approval_tier_due
        if not tier:
            return self._ecom_signoff_refusal("signed")
        user = self.env.user
        if user in self[self._ecom_signoff_opener_field] | self.submitted_by_id:
            return self._ecom_signoff_refusal("own")
        if not user.has_group(TIER_GROUPS[tier]):
            return self._ecom_signoff_refusal("wait_%s" % tier)
        if user in self._ecom_signoff_current().mapped("user_id"):
            return self._ecom_signoff_refusal("twice")
        return None

    def _ecom_signoff_refusal(self, key):
        """The refusal `key` of the sign-off rules, worded for this document.

        Keys: ``signed`` (nothing left to sign), ``own`` (opened or
        submitted it), ``wait_director`` and ``wait_gm`` (another tier is
        due), ``twice`` (signed the other tier). Override to reword.
        """
        messages = {
            "signed": _("%(name)s is fully signed."),
            "own": _("You opened or submitted %(name)s: someone else must sign it."),
            "wait_director": _("%(name)s waits for the director's signature: the general "
                               "manager signs after the director."),
            "wait_gm": _("%(name)s waits for the general manager's signature."),
            "twice": _("You already signed %(name)s: the next signature must come from "
                       "someone else."),
        }
        return messages[key] % {"name": self.display_name}

    # ------------------------------------------------------------------
    # Submitting, signing, rejecting (called by the document's actions,
    # after their _ecom_ensure)
    # ------------------------------------------------------------------
    def _ecom_signoff_submit(self, state, note=None):
        """Submit for sign-off: move to `state` (one of `_ecom_signoff_states`)
        as a new submission, which starts again from the director; `note`
        goes to the chatter; the director due gets the to-do."""
        self.ensure_one()
        self._ecom_write({self._ecom_state_field: state,
                          "approval_submission": self.approval_submission + 1,
                          "submitted_by_id": self.env.uid})
        if note:
            self.message_post(body=note, subtype="mail.mt_note")
        self._ecom_signoff_sync_todo()

    def _ecom_signoff_sign(self, comment=None):
        """Sign the tier due as the current user; True when that was the last one."""
        self.ensure_one()
        self._ecom_signoff_record(self.approval_tier_due, "approved", comment)
        self._ecom_signoff_sync_todo()
        return not self.approval_tier_due

    def _ecom_signoff_reject(self, reason):
        """Reject at the tier due (`reason` required): back to the state of
        `_ecom_signoff_rejected_to`, to be resubmitted before anyone signs."""
        reason = self._ecom_required_reason(reason)
        for record in self:
            back = record._ecom_signoff_rejected_to[record[record._ecom_state_field]]
            record._ecom_signoff_record(record.approval_tier_due, "rejected", reason)
            record._ecom_write({record._ecom_state_field: back})
            record._ecom_signoff_sync_todo()

    def _ecom_required_reason(self, reason):
        """`reason` stripped, or a refusal when there is none."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Give the reason."))
        return reason

    def _ecom_signoff_record(self, tier, decision, comment):
        """Store one signature: an approval record and a chatter note."""
        self.ensure_one()
        link = self._fields[self._ecom_signoff_approvals]
        stage = self._ecom_signoff_states[self[self._ecom_state_field]]
        # Written as the system so that nobody can forge a signature through
        # the ORM; the signer is the real user.
        approval = self.env[link.comodel_name].sudo().create({
            link.inverse_name: self.id,
            "stage": stage,
            "tier": tier,
            "submission": self.approval_submission,
            "user_id": self.env.uid,
            "decision": decision,
            "comment": comment or False,
        })
        labels = {
            ("director", "approved"): _("Director approved"),
            ("gm", "approved"): _("General manager approved"),
            ("director", "rejected"): _("Director rejected"),
            ("gm", "rejected"): _("General manager rejected"),
        }
        # who and what are translated above; the markup needs no translation
        body = "<b>%s</b> (%s)%s" % (
            labels[(tier, decision)], self._ecom_signoff_stage_label(stage),
            (": %s" % html_escape(comment)) if comment else ".")
        self.message_post(body=body, subtype="mail.mt_note")
        return approval

    def _ecom_signoff_stage_label(self, stage):
        approvals = self.env[self._fields[self._ecom_signoff_approvals].comodel_name]
        return dict(approvals._fields["stage"]._description_selection(self.env))[stage]

    # ------------------------------------------------------------------
    # The signer's to-do
    # ------------------------------------------------------------------
    def _ecom_signoff_sync_todo(self):
        """The signer due, and only them, has the sign-off to-do.

        Called after each submission, signature and rejection: the
        director's to-do is marked done when they sign and the general
        manager gets theirs; nothing is left once signed or rejected.
        """
        type_xmlid = self._ecom_signoff_activity
        if not type_xmlid:
            return
        activity_type = self.env.ref(type_xmlid)
        for record in self:
            state = record[record._ecom_state_field]
            tier = state in record._ecom_signoff_states and record.approval_tier_due
            signer = record._ecom_signoff_next_signer(tier) if tier else self.env["res.users"]
            current = record._ecom_activities(activity_type)
            if current and signer and current.user_id == signer:
                continue
            record._ecom_activity_done(type_xmlid)
            if signer:
                stage = record._ecom_signoff_stage_label(record._ecom_signoff_states[state])
                record._ecom_activity_schedule(type_xmlid, signer,
                                               summary=_("Sign: %s") % stage,
                                               note=record._ecom_signoff_todo_note())

    def _ecom_signoff_todo_note(self):
        """The text of the signer's to-do (override to say more)."""
        return _("<p>%s waits for your signature.</p>") % html_escape(self.display_name)

    def _ecom_signoff_next_signer(self, tier):
        """Who should sign tier `tier`: a member of its group who neither opened
        nor submitted the document nor signed it already (real people before
        the administrator)."""
        excluded = self[self._ecom_signoff_opener_field] | self.submitted_by_id \
            | self._ecom_signoff_current().mapped("user_id")
        users = self.env.ref(TIER_GROUPS[tier]).sudo().users.filtered(
            lambda u: u.active and u not in excluded)
        if tier == "director":
            # A general manager is never asked to sign as the director.
            users = (users - self.env.ref(GM).sudo().users) or users
        return users.sorted(lambda u: (u.id == SUPERUSER_ID, u.id))[:1]
