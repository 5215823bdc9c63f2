# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Buyer mails and staff to-dos of the suite, decided in one place."""
from odoo import fields, models

# What generate_email renders; attachments (reports) are not used here.
MAIL_FIELDS = ["subject", "body_html", "email_from", "email_to", "partner_to",
               "email_cc", "reply_to", "scheduled_date"]


def buyer_may_be_mailed(has_email, company_mails, has_channel, channel_mails,
                        standard_sales):
    """The rule of buyer mails, from what it reads: a buyer with an address,
    a company that mails its buyers, then the channel's own choice; standard
    Odoo sales are never mailed by the suite, but a model may mail buyers of
    non-channel orders it handles itself (`standard_sales`, called only for
    those: custom orders)."""
    if not has_email or not company_mails:
        return False
    if has_channel:
        return bool(channel_mails)
    return bool(standard_sales())


class EcomNotifyMixin(models.AbstractModel):
    """Queue buyer mails and schedule staff activities.

    A model inheriting this says which sale order a record is about
    (`_ecom_notify_order`); the mixin decides whether the buyer is mailed:
    never for a standard sale of a company that switched buyer mails off,
    never for a channel that switched them off, never without an address.
    """

    _name = "ecom.notify.mixin"
    _description = "E-commerce Notifications"

    def _ecom_notify_order(self):
        """The sale order a buyer mail about this record is about."""
        return self["order_id"]

    def _ecom_buyer_mail_allowed(self):
        self.ensure_one()
        # Whoever acts (e.g. purchasing) need not read the order to decide.
        order = self.sudo()._ecom_notify_order()
        if not order:
            return False
        channel = order.ecom_channel_id
        return buyer_may_be_mailed(
            bool(order.partner_id.email), order.company_id.ecom_notify_buyer,
            bool(channel), channel.notify_buyer, self._ecom_notify_standard_sales)

    def _ecom_notify_standard_sales(self):
        return False

    def _ecom_buyer_mail_allowed_records(self):
        """The records among these whose buyer may be mailed (see the class);
        a model may decide for all of them at once."""
        # the few columns the decision reads, for all the records at once
        allowed = self.sudo().with_context(prefetch_fields=False).filtered(
            lambda r: r._ecom_buyer_mail_allowed())
        return self.browse(allowed.ids)

    def _ecom_notify_buyer(self, template_xmlid):
        """Queue the buyer mail `template_xmlid` for these records.

        Only records whose buyer may be mailed (see the class) get one. The
        mails are rendered in one batch, each in its buyer's language, and
        left in Odoo's outgoing mail queue (sent by the "Mail: Email Queue
        Manager" scheduled action), never sent during the user's request.
        They show in the record's chatter. Returns the queued mail.mail.
        """
        Mail = self.env["mail.mail"].sudo()
        records = self._ecom_buyer_mail_allowed_records()
        if not records:
            return Mail
        template = self.env.ref(template_xmlid).sudo()
        rendered = template.generate_email(records.ids, fields=MAIL_FIELDS)
        author = self.env.user.partner_id.id
        mails = Mail
        for record in records:
            values = rendered[record.id]
            values.pop("attachments", None)
            partners = values.pop("partner_ids", [])
            values.update({
                "recipient_ids": [(6, 0, partners)],
                "partner_ids": [(6, 0, partners)],
                "author_id": author,
                "message_type": "email",
                # Kept in the chatter when the sent mail itself is deleted.
                "notification": True,
            })
            if not values.get("email_from"):
                values.pop("email_from", None)
            mails |= Mail.create(values)
        return mails

    # ------------------------------------------------------------------
    # Activities: one open to-do of a type per record, closed when done
    # ------------------------------------------------------------------
    def _ecom_activity_schedule(self, type_xmlid, user, note=None, summary=None):
        """Give `user` the to-do of type `type_xmlid` on each record.

        A record that already has an open to-do of that type keeps it (it is
        handed to `user`): no record ever carries two of the same type.
        """
        activity_type = self.env.ref(type_xmlid)
        Activity = self.env["mail.activity"].sudo()
        model = self.env["ir.model"]._get(self._name)
        deadline = fields.Date.context_today(self)
        for record in self:
            existing = record._ecom_activities(activity_type)
            if existing:
                existing.write({"user_id": user.id})
                continue
            Activity.create({
                "res_model_id": model.id,
                "res_id": record.id,
                "activity_type_id": activity_type.id,
                "summary": summary or activity_type.summary,
                "note": note or False,
                "user_id": user.id,
                "date_deadline": deadline,
            })

    def _ecom_activity_done(self, type_xmlid, feedback=None):
        """Mark the open to-dos of type `type_xmlid` done (logged in the chatter)."""
        activity_type = self.env.ref(type_xmlid)
        for record in self:
            activities = record._ecom_activities(activity_type)
            if activities:
                # Logged as done by whoever did the step.
                activities.sudo(self.env.uid).action_feedback(feedback or False)

    def _ecom_activities(self, activity_type):
        return self.env["mail.activity"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "=", self.id),
            ("activity_type_id", "=", activity_type.id)])
