# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Custom requests: submission and the two sign-offs (price change, then the
custom procurement), on the suite's ``ecom.signoff.mixin``."""
from odoo import _, api, models
from odoo.tools import float_compare

from odoo.addons.ecom_order_mgmt.const import CS, PURCHASE
from odoo.addons.ecom_order_mgmt.models.ecom_guard_mixin import ecom_action


class EcomCustomRequest(models.Model):
    _inherit = "ecom.custom.request"

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    @api.model
    def _ecom_actions(self):
        actions = super(EcomCustomRequest, self)._ecom_actions()
        nothing = _("Request %(name)s is at stage %(stage)s: there is nothing to sign.")
        actions.update({
            "submit": ecom_action(
                [CS, PURCHASE], ["draft", "deposit_paid"], label=_(
                    "Submitting a custom request"), refusal=_(
                    "Request %(name)s is at stage %(stage)s: only drafts and requests whose "
                    "deposit is received can be submitted.")),
            # The rows of ecom.signoff.mixin (director or GM, in a sign-off stage).
            "approve": actions["approve"]._replace(label=_("Signing a custom request"),
                                                   refusal=nothing),
            "reject": actions["reject"]._replace(label=_("Rejecting a custom request"),
                                                 refusal=nothing),
        })
        return actions

    def _ecom_why_not(self, action):
        why = super(EcomCustomRequest, self)._ecom_why_not(action)
        if not why and action == "submit" and self.state == "draft" \
                and not self._ecom_is_allowed([CS]):
            return _("Customer service submits the custom request.")
        return why

    def _ecom_problem(self, action):
        if action == "submit" and self.state == "draft":
            return self._ecom_draft_problem()
        return super(EcomCustomRequest, self)._ecom_problem(action)

    def _ecom_draft_problem(self):
        """Why the draft cannot be submitted yet, or None."""
        if not self.line_id:
            return _("Request %s: choose the customised order line.") % self.name
        if self.feasibility != "yes":
            return _("Request %s: purchasing has not confirmed that it can be made.") \
                % self.name
        if self.buyer_decision != "accepted":
            return _("Request %s: the buyer has not agreed to the custom order yet.") \
                % self.name
        if self.comparison != "ok" and not self.buyer_accepts_inbound:
            return _("Request %s: the inbound date and quantity do not meet the "
                     "buyer's (%s) and the buyer has not accepted them.") % (
                self.name, self.comparison_note)
        if self.price_change and float_compare(
                self.new_price_unit, self.line_id.price_unit, precision_digits=6) == 0:
            return _("Request %s: the new unit price is the current one; untick "
                     "'Price Change' or give the new price.") % self.name
        return None

    def _ecom_signoff_refusal(self, key):
        # The mixin's rules, in the request's words.
        messages = {
            "signed": _("Request %(name)s is fully signed."),
            "own": _("You opened or submitted request %(name)s: someone else must sign it."),
            "wait_director": _("Request %(name)s waits for the director's signature: the "
                               "general manager signs after the director."),
            "wait_gm": _("Request %(name)s waits for the general manager's signature."),
            "twice": _("You already signed request %(name)s: the next signature must come "
                       "from someone else."),
        }
        return messages[key] % {"name": self.name}

    def _ecom_signoff_todo_note(self):
        return _("<p>Request %s (order %s) waits for your signature.</p>") % (
            self.name, self.order_id.sudo().name)

    # ------------------------------------------------------------------
    # Actions (contract)
    # ------------------------------------------------------------------
    @api.multi
    def action_submit(self):
        """Submit the request for its next step.

        From ``draft``: to ``price_approval`` when there is a price change,
        else to ``deposit_pending`` (the buyer is mailed the deposit request).
        From ``deposit_paid``: to ``procurement_approval``.
        """
        self._ecom_ensure("submit")
        for request in self:
            if request.state == "draft" and request.price_change:
                request._ecom_start_approval("price_approval")
            elif request.state == "draft":
                request._ecom_write({"state": "deposit_pending",
                                     "submitted_by_id": self.env.uid})
                request._log(_("Submitted: no price change, the buyer is asked for the "
                               "deposit of %s.") % request._fmt(request.deposit_amount))
                request._send_template("mail_template_custom_deposit")
            else:
                request._ecom_start_approval("procurement_approval")
        return True

    def _ecom_start_approval(self, state):
        if state == "price_approval":
            what = _("the price change from %s to %s") % (
                self.line_id.price_unit, self.new_price_unit)
        else:
            what = _("the custom procurement request")
        self._ecom_signoff_submit(state, _(
            "Submitted %s for sign-off: the director, then the general manager.") % what)

    @api.multi
    def action_approve(self, comment=None):
        """Sign the tier that is due: the director, then the general manager.

        The last signature moves the request on: from ``price_approval`` to
        ``deposit_pending`` (the new unit price goes on the order line and the
        buyer is asked for the deposit), from ``procurement_approval`` to
        ``purchasing`` (purchasing then places the purchase order).
        """
        self._ecom_ensure("approve")
        for request in self:
            if not request._ecom_signoff_sign(comment):
                continue
            if request.state == "price_approval":
                request._ecom_apply_price()
                request._ecom_write({"state": "deposit_pending"})
                request._log(_("Price change signed off: the buyer is asked for the "
                               "deposit of %s.") % request._fmt(request.deposit_amount))
                request._send_template("mail_template_custom_deposit")
            else:
                request._ecom_write({"state": "purchasing"})
                request._log(_("Procurement signed off: purchasing places the purchase "
                               "order."))
                request._schedule_purchasing_activity()
        return True

    @api.multi
    def action_reject(self, reason):
        """Reject at the tier that is due; the reason is required.

        A rejected price change goes back to ``draft``, a rejected procurement
        request back to ``deposit_paid``; it must be resubmitted (and signed
        again from the director) before anyone can approve it.
        """
        self._ecom_ensure("reject")
        self._ecom_signoff_reject(reason)
        return True

    def _ecom_apply_price(self):
        line = self.line_id
        old = line.price_unit
        line.write({"price_unit": self.new_price_unit})
        self._ecom_write({"old_price_unit": old})
        self.order_id.message_post(body=_(
            "Unit price of %s changed from %s to %s (custom request %s, signed by the "
            "director and the general manager).") % (
            line.product_id.display_name, old, self.new_price_unit, self.name))
