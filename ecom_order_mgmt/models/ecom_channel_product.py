# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A channel's SKU map: a platform's item and the product it is.

An imported item is found by its merchant code (商家编码, 外部系统编号, 货号)
against the products' internal reference or barcode; an item whose code
the suite does not know (or that has none) is found here, by the
platform's product ID (else its merchant code or title) and its spec. CS
fills the map from the rejected rows of an import ("map this SKU") and
imports them again; the next file of the channel goes through.
"""
from odoo import api, fields, models

from ..tools.order_import.skus import sku_key


class EcomChannelProduct(models.Model):
    """One item of a platform's shop and the product it ships as."""

    _name = "ecom.channel.product"
    _description = "Channel SKU Map"
    _order = "channel_id, platform_product_id, spec"
    _rec_name = "platform_product_id"

    channel_id = fields.Many2one("ecom.channel", string="Channel", required=True,
                                 ondelete="cascade", index=True)
    company_id = fields.Many2one(related="channel_id.company_id", store=True, readonly=True)
    platform_product_id = fields.Char(
        string="Platform Product ID", required=True,
        help="The platform's product ID (商品ID) as the export writes it; for exports "
             "without one, the merchant code or the product title.")
    spec = fields.Char(string="Spec", help="The SKU's spec as the export writes it "
                                           "(商品规格, 商品属性), e.g. 颜色:红色;尺码:M.")
    title = fields.Char(string="Platform Title", help="The product's title on the platform.")
    product_id = fields.Many2one("product.product", string="Product", required=True,
                                 domain=[("sale_ok", "=", True)], ondelete="cascade")
    match_key = fields.Char(compute="_compute_match_key", store=True, index=True,
                            help="Product ID and spec as compared with an export's.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("channel_key_uniq", "unique(channel_id, match_key)",
         "This platform item is already mapped for this channel."),
    ]

    @api.depends("platform_product_id", "spec")
    def _compute_match_key(self):
        for item in self:
            item.match_key = sku_key(item.platform_product_id, item.spec)

    @api.multi
    def name_get(self):
        return [(item.id, "%s%s" % (item.platform_product_id,
                                    " [%s]" % item.spec if item.spec else ""))
                for item in self]
