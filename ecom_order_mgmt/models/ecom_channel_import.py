# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a channel needs for the import of its platform's own exports: the
shop's name and ID as the exports write them, and its SKU map."""
import unicodedata

from odoo import _, api, fields, models


def shop_key(text):
    """A shop's name or ID as compared: width, case and spaces aside."""
    return "".join(unicodedata.normalize("NFKC", text or "").split()).lower()


class EcomChannel(models.Model):
    _inherit = "ecom.channel"

    platform_shop_name = fields.Char(
        string="Shop Name in Exports", track_visibility="onchange",
        help="The shop's name as the platform's order export writes it (店铺名称): an "
             "export naming this shop is imported into this channel.")
    platform_shop_id = fields.Char(
        string="Shop ID in Exports", track_visibility="onchange",
        help="The shop's ID on the platform (店铺ID), when its exports give it.")
    product_map_ids = fields.One2many("ecom.channel.product", "channel_id",
                                      string="SKU Map")
    product_map_count = fields.Integer(compute="_compute_product_map_count",
                                       string="Mapped SKUs")

    @api.depends("product_map_ids")
    def _compute_product_map_count(self):
        counts = {}
        if self.ids:
            for row in self.env["ecom.channel.product"].read_group(
                    [("channel_id", "in", self.ids)], ["channel_id"], ["channel_id"]):
                counts[row["channel_id"][0]] = row["channel_id_count"]
        for channel in self:
            channel.product_map_count = counts.get(channel.id, 0)

    def _ecom_shop_keys(self):
        """The names an export may give this channel's shop by."""
        self.ensure_one()
        return {shop_key(value) for value in (self.platform_shop_name, self.platform_shop_id,
                                              self.code, self.name) if value}

    @api.model
    def _ecom_find_by_shop(self, shop, company):
        """The active channels of `company` an export's shop name or ID names."""
        key = shop_key(shop)
        channels = self.search([("company_id", "=", company.id)])
        return channels.filtered(lambda channel: key in channel._ecom_shop_keys())

    @api.multi
    def action_view_product_map(self):
        """The channel's SKU map."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("SKU Map"),
            "res_model": "ecom.channel.product",
            "view_mode": "tree,form",
            "domain": [("channel_id", "=", self.id)],
            "context": {"default_channel_id": self.id},
        }
