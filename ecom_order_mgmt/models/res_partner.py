# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "ecom.bulk.create.mixin"]
    # create() overrides that _ecom_bulk_prepare_values reproduces (imports)
    _ecom_bulk_create_modules = ("base", "mail")

    # The order import finds buyers by phone, thousands at a time: index it.
    phone = fields.Char(index=True)
    ecom_channel_id = fields.Many2one(
        "ecom.channel", string="First Seen in Channel", index=True, ondelete="set null",
        readonly=True,
        help="Sales channel where this buyer was first seen. Imported orders of that "
             "channel find their buyer by phone number among these partners.")

    @api.model
    def _get_default_image(self, partner_type, is_company, parent_id):
        # Buyers created by an order import get no generated avatar: three
        # image attachments per buyer would triple the cost of an import.
        if self.env.context.get("ecom_import_buyer"):
            return False
        return super(ResPartner, self)._get_default_image(partner_type, is_company, parent_id)

    @api.model
    def default_get(self, fields_list):
        if self.env.context.get("ecom_import_buyer"):
            # The default of a company-dependent field is the ir.property
            # default itself: writing it back at create stores nothing
            # (set_multi skips values equal to the default) but costs a few
            # queries per field, per buyer. Leave those fields out.
            fields_list = [name for name in fields_list
                           if not getattr(self._fields.get(name), "company_dependent", False)]
        return super(ResPartner, self).default_get(fields_list)

    @api.model
    def _ecom_bulk_values_ok(self, vals):
        # base's create() makes an avatar and syncs contacts with their
        # company and children: only the import's stand-alone buyers (who get
        # no avatar, see _get_default_image) go in bulk
        return self.env.context.get("ecom_import_buyer") and not any(
            vals.get(name) for name in ("parent_id", "child_ids", "website", "image"))
